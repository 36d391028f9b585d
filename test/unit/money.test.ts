import DecimalJs from 'decimal.js'
import { describe, expect, it } from 'vitest'
import {
  Decimal,
  formatMoney,
  ISO_4217_CODES,
  isCurrency,
  parseAmount,
  parseRate,
  roundMoney,
  toNok,
} from '../../src/domain/money.ts'

const d = (s: string) => new Decimal(s)

/** The parsed value as a string, or the failure message prefixed with "!". */
const show = (r: ReturnType<typeof parseAmount>) => (r.ok ? r.value.toString() : `!${r.message}`)

describe('parseAmount', () => {
  it.each([
    ['1250000.00', '1250000'],
    ['0.10', '0.1'],
    ['12', '12'],
    ['0.01', '0.01'],
    ['999999999999999.99', '999999999999999.99'],
  ])('accepts %j', (input, value) => {
    expect(show(parseAmount(input))).toBe(value)
  })

  it('refuses JSON numbers, because they have already been through a binary float', () => {
    expect(parseAmount(12.5)).toEqual({
      ok: false,
      message: 'Must be a string such as "1250000.00", not a JSON number: numbers lose precision.',
    })
    expect(parseAmount(12).ok).toBe(false)
  })

  it('refuses the empty string and non-strings with their own messages', () => {
    expect(show(parseAmount(''))).toBe('!Must not be empty; give a value such as "1250000.00".')
    expect(show(parseAmount(null))).toBe('!Must be a decimal string such as "1250000.00".')
    expect(show(parseAmount(undefined))).toBe('!Must be a decimal string such as "1250000.00".')
    expect(show(parseAmount({ amount: '12' }))).toBe('!Must be a decimal string such as "1250000.00".')
  })

  it.each(['1e3', '-5', '+5', ' 12', '12 ', '12,5', '1 000', '12.', '.5', '012', '0x10', 'NaN', 'Infinity'])(
    'refuses the malformed %j',
    (input) => {
      expect(show(parseAmount(input))).toBe(
        '!Must be a positive decimal written with digits and an optional "." only (no sign, spaces, exponent or thousands separators), such as "1250000.00".',
      )
    },
  )

  it('refuses zero, more than 2 decimals and absurd magnitudes', () => {
    expect(show(parseAmount('0'))).toBe('!Must be greater than 0.')
    expect(show(parseAmount('0.00'))).toBe('!Must be greater than 0.')
    expect(show(parseAmount('0.001'))).toBe('!Must have at most 2 decimals.')
    expect(show(parseAmount('12.500'))).toBe('!Must have at most 2 decimals.')
    expect(show(parseAmount('1000000000000000'))).toBe(
      '!Must have at most 15 digits before the decimal point.',
    )
  })
})

describe('parseRate', () => {
  it('accepts positive decimals with up to 8 decimals', () => {
    expect(show(parseRate('11.4567'))).toBe('11.4567')
    expect(show(parseRate('0.00042123'))).toBe('0.00042123')
    expect(show(parseRate('1'))).toBe('1')
  })
  it('refuses more decimals, zero, signs and numbers', () => {
    expect(show(parseRate('0.123456789'))).toBe('!Must have at most 8 decimals.')
    expect(show(parseRate('0.00000000'))).toBe('!Must be greater than 0.')
    expect(parseRate('-11.4567').ok).toBe(false)
    expect(parseRate('1e1').ok).toBe(false)
    expect(show(parseRate(11.4567))).toBe(
      '!Must be a string such as "11.4567", not a JSON number: numbers lose precision.',
    )
  })
})

describe('isCurrency', () => {
  it('knows the active codes, including the 2024–2025 additions', () => {
    for (const code of ['NOK', 'EUR', 'USD', 'SEK', 'DKK', 'SLE', 'VED', 'ZWG', 'XCG', 'XAD']) {
      expect(isCurrency(code), code).toBe(true)
    }
  })
  it('refuses withdrawn codes, lower case, made-up codes and non-strings', () => {
    for (const code of [
      'HRK',
      'ANG',
      'ZWL',
      'SLL',
      'BGN',
      'CUC',
      'eur',
      'Nok',
      'ABC',
      '',
      ' NOK',
      123,
      null,
    ]) {
      expect(isCurrency(code), String(code)).toBe(false)
    }
  })
  it('holds the full list: 178 distinct three-letter codes, sorted', () => {
    expect(ISO_4217_CODES).toHaveLength(178)
    expect(new Set(ISO_4217_CODES).size).toBe(178)
    expect([...ISO_4217_CODES].sort()).toEqual(ISO_4217_CODES)
    expect(ISO_4217_CODES.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true)
  })
})

describe('toNok', () => {
  it('passes NOK through, with no rate or a rate of exactly 1', () => {
    expect(toNok(d('1250000.00'), 'NOK', null).toString()).toBe('1250000')
    expect(toNok(d('12.34'), 'NOK', d('1.00')).toString()).toBe('12.34')
  })
  it('multiplies a foreign amount by its rate, unrounded', () => {
    expect(toNok(d('10000.00'), 'EUR', d('11.4567')).toString()).toBe('114567')
    expect(toNok(d('0.05'), 'EUR', d('11.4567')).toString()).toBe('0.572835')
  })
  it('throws on a foreign amount without a rate, and on NOK with a rate other than 1', () => {
    expect(() => toNok(d('10'), 'EUR', null)).toThrow('A EUR amount needs a rate to NOK')
    expect(() => toNok(d('10'), 'NOK', d('11'))).toThrow('NOK amount carries a rate to NOK of 11')
  })
  it('stays exact even for a Decimal made with the global 20-digit config', () => {
    const amount = new DecimalJs('123456789012345.67')
    const rate = new DecimalJs('12345678.12345678')
    // 12345678901234567 × 1234567812345678, by hand in BigInt, then scaled by 10^-10.
    const expected = 12345678901234567n * 1234567812345678n
    expect(toNok(amount, 'USD', rate).toFixed(10).replace('.', '')).toBe(expected.toString())
    expect(amount.times(rate).toFixed(10).replace('.', '')).not.toBe(expected.toString())
  })
})

describe('roundMoney and formatMoney', () => {
  it('round half to even', () => {
    expect(roundMoney(d('0.125')).toString()).toBe('0.12')
    expect(roundMoney(d('0.135')).toString()).toBe('0.14')
    expect(roundMoney(d('0.145')).toString()).toBe('0.14')
    expect(roundMoney(d('-0.125')).toString()).toBe('-0.12')
    expect(roundMoney(d('0.1251')).toString()).toBe('0.13')
  })
  it('round what the decimal says, not what a float holds (2.675 is 2.67499… as a double)', () => {
    expect(roundMoney(d('2.675')).toString()).toBe('2.68')
    expect((2.675).toFixed(2)).toBe('2.67')
  })
  it('format with 2 fixed decimals, no grouping, no exponent and no negative zero', () => {
    expect(formatMoney(d('1250000'))).toBe('1250000.00')
    expect(formatMoney(d('0.1'))).toBe('0.10')
    expect(formatMoney(d('1e21'))).toBe('1000000000000000000000.00')
    expect(formatMoney(d('-5'))).toBe('-5.00')
    expect(formatMoney(d('-0.001'))).toBe('0.00')
    expect(formatMoney(d('0.005'))).toBe('0.00')
    expect(formatMoney(d('0.015'))).toBe('0.02')
    expect(() => formatMoney(d('NaN'))).toThrow('Cannot format NaN as money')
  })
  it('get 0.1 + 0.2 right where floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3)
    expect(formatMoney(d('0.1').plus(d('0.2')))).toBe('0.30')
    expect(d('0.1').plus(d('0.2')).eq(d('0.3'))).toBe(true)
  })
})

describe('the local Decimal', () => {
  it('has its own 40-digit half-even config and leaves the global one alone', () => {
    expect(Decimal.precision).toBe(40)
    expect(Decimal.rounding).toBe(DecimalJs.ROUND_HALF_EVEN)
    expect(DecimalJs.precision).toBe(20)
    expect(new Decimal(1).div(3).toString()).toBe(`0.${'3'.repeat(40)}`)
  })
})
