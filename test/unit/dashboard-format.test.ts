import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyCompact,
  formatNumber,
  formatOrgNumber,
  formatPercent,
  formatterFor,
} from '../../web/ui/format.ts'
import { pickLanguage } from '../../web/ui/language.ts'

// Intl separates groups and units with no-break spaces (U+00A0), and nb writes minus as U+2212.
const nbsp = (s: string) => s.replaceAll('_', '\u00a0')

describe('dashboard number formats', () => {
  it('writes money as people read it: 1 250 000 kr in Norwegian, NOK 1,250,000 in English', () => {
    expect(formatMoney('nb', '1250000.00')).toBe(nbsp('1_250_000_kr'))
    expect(formatMoney('en', '1250000.00')).toBe(nbsp('NOK_1,250,000'))
    expect(formatMoney('nb', new Decimal('1250000.5'), 'NOK', 2)).toBe(nbsp('1_250_000,50_kr'))
    expect(formatMoney('en', '1250000.5', 'NOK', 2)).toBe(nbsp('NOK_1,250,000.50'))
    expect(formatMoney('nb', '-1234.5', 'EUR', 2)).toBe(nbsp('\u22121_234,50_€'))
    expect(formatMoney('en', '-1234.5', 'EUR', 2)).toBe('-€1,234.50')
  })

  it('rounds money half to even, as the ledger does, from the exact decimal string', () => {
    expect(formatMoney('nb', '2.5')).toBe(nbsp('2_kr'))
    expect(formatMoney('nb', '3.5')).toBe(nbsp('4_kr'))
    expect(formatMoney('nb', '1250000.5')).toBe(nbsp('1_250_000_kr'))
    // Ties go to the even cent: 1.015 → 1.02 and 1.025 → 1.02.
    expect(formatMoney('en', '1.015', 'NOK', 2)).toBe(nbsp('NOK_1.02'))
    expect(formatMoney('en', '1.025', 'NOK', 2)).toBe(nbsp('NOK_1.02'))
    expect(formatMoney('en', '1.0250000000000000000001', 'NOK', 2)).toBe(nbsp('NOK_1.03'))
  })

  it('writes percentages from ratios: 12,5 % and 12.5%', () => {
    expect(formatPercent('nb', '0.125')).toBe(nbsp('12,5_%'))
    expect(formatPercent('en', '0.125')).toBe('12.5%')
    expect(formatPercent('nb', 1)).toBe(nbsp('100_%'))
    expect(formatPercent('en', '0.1255')).toBe('12.6%')
    expect(formatPercent('en', '0.33333', 0)).toBe('33%')
  })

  it('groups plain numbers and shortens money for chart axes', () => {
    expect(formatNumber('nb', '1234567.891')).toBe(nbsp('1_234_567,89'))
    expect(formatNumber('en', '1234567.891')).toBe('1,234,567.89')
    expect(formatNumber('en', 12)).toBe('12')
    expect(formatNumber('nb', '0.5', 0)).toBe('0')
    expect(formatMoneyCompact('nb', '1250000')).toBe(nbsp('1,2_mill._kr'))
    expect(formatMoneyCompact('en', '2500000000')).toBe(nbsp('NOK_2.5bn'))
  })

  it('formats calendar dates without shifting them by time zone', () => {
    expect(formatDate('nb', '2019-03-01')).toBe('1. mars 2019')
    expect(formatDate('en', '2019-03-01')).toBe('1 March 2019')
    expect(formatDate('en', '2019-03-01', 'medium')).toBe('1 Mar 2019')
    expect(formatDate('nb', '2019-03-01', 'short')).toBe('01.03.2019')
    expect(formatDate('en', '2019-03-01', 'short')).toBe('01/03/2019')
    expect(formatDate('nb', 'not a date')).toBe('not a date')
    // A moment is shown in Norwegian time: 23:30 UTC on New Year's Eve is already 2027 in Oslo.
    expect(formatDate('nb', new Date('2026-12-31T23:30:00Z'))).toBe('1. januar 2027')
  })

  it('formats moments in Norwegian time, summer and winter', () => {
    expect(formatDateTime('nb', new Date('2026-12-03T13:05:00Z'))).toBe('3. des. 2026, 14:05')
    expect(formatDateTime('en', new Date('2026-07-03T13:05:00Z'))).toBe('3 Jul 2026, 15:05')
  })

  it('groups organisation numbers in threes and leaves anything else alone', () => {
    expect(formatOrgNumber('923609016')).toBe('923 609 016')
    expect(formatOrgNumber('12')).toBe('12')
  })

  it('binds every formatter to one language', () => {
    const nb = formatterFor('nb')
    expect(nb.money('1250000')).toBe(nbsp('1_250_000_kr'))
    expect(nb.percent('0.125')).toBe(nbsp('12,5_%'))
    expect(formatterFor('en').date('2016-08-15', 'medium')).toBe('15 Aug 2016')
  })

  it('never loses a digit of a decimal string, however long (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 99 }),
        (whole, cents) => {
          const value = `${whole}.${String(cents).padStart(2, '0')}`
          const shown = formatMoney('en', value, 'NOK', 2).replace(/[^0-9.]/g, '')
          expect(shown).toBe(value)
        },
      ),
    )
  })
})

describe('dashboard language', () => {
  it('prefers the visitor’s choice, then the browser’s languages in order, then Norwegian', () => {
    expect(pickLanguage('en', 'nb-NO,nb;q=0.9')).toBe('en')
    expect(pickLanguage(undefined, 'nb-NO,nb;q=0.9,en;q=0.8')).toBe('nb')
    expect(pickLanguage(undefined, 'en-GB,en;q=0.9,nb;q=0.8')).toBe('en')
    expect(pickLanguage(undefined, 'de-DE,de;q=0.9,en;q=0.5,nb;q=0.4')).toBe('en')
    expect(pickLanguage(undefined, 'en;q=0.2, no;q=0.8')).toBe('nb')
    expect(pickLanguage(undefined, 'nn-NO')).toBe('nb')
    expect(pickLanguage(undefined, 'en;q=0, sv')).toBe('nb')
    expect(pickLanguage('fr', undefined)).toBe('nb')
    expect(pickLanguage(undefined, '*')).toBe('nb')
  })
})
