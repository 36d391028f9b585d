import { z } from '@hono/zod-openapi'
import { Decimal, isCurrency, type ParseResult, parseAmount, parseRate } from '../../domain/money.ts'
import { isValidDate } from '../../domain/periods.ts'

/**
 * Request fields shared by the capital routes. Decimals are checked by the domain parsers so the
 * API gives one set of messages (a JSON number is refused with a reason, not a type error), and
 * stay strings: services turn them into Decimal.
 */
const decimalString = (parse: (input: unknown) => ParseResult, openapi: Record<string, unknown>) =>
  z
    .custom<string>()
    .superRefine((value, ctx) => {
      const parsed = parse(value)
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message })
    })
    .openapi({ type: 'string', ...openapi })

/** A positive amount, at most 2 decimals: `"1250000.00"`. */
export const AmountString = (description: string) =>
  decimalString(parseAmount, {
    pattern: '^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,2})?$',
    example: '1250000.00',
    description,
  })

/** NOK per unit of a foreign currency, at most 8 decimals. */
export const RateString = decimalString(parseRate, {
  pattern: '^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,8})?$',
  example: '11.4567',
  description: 'NOK per one unit of `currency` on the transaction date (required unless the currency is NOK)',
})

const ZERO = /^0(\.0{1,2})?$/
/** 0 or a positive amount: fair values may be nothing. */
export const parseMoneyOrZero = (input: unknown): ParseResult =>
  typeof input === 'string' && ZERO.test(input) ? { ok: true, value: new Decimal(0) } : parseAmount(input)

export const MoneyOrZeroString = (description: string) =>
  decimalString(parseMoneyOrZero, {
    pattern: '^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,2})?$',
    example: '4500000.00',
    description,
  })

/**
 * Competence hours: the amount rules (> 0, at most 2 decimals, a string), below 10 000 000, with
 * messages whose example is a number of hours rather than an amount of money.
 */
export const parseHours = (input: unknown): ParseResult => {
  const r = parseAmount(input)
  if (!r.ok) return { ok: false, message: r.message.replaceAll('"1250000.00"', '"7.5"') }
  if (r.value.gte(10_000_000)) return { ok: false, message: 'Must be below 10000000 hours.' }
  return r
}
export const HoursString = decimalString(parseHours, {
  pattern: '^(0|[1-9][0-9]{0,6})(\\.[0-9]{1,2})?$',
  example: '7.5',
  description: 'Hours given (> 0, at most 2 decimals)',
})

const PERCENT = /^(0|[1-9]\d{0,2})(\.\d{1,4})?$/
/** A percentage 0–100 with at most 4 decimals: `"4.5"` is 4.5 %. */
export const parsePercent = (input: unknown, { positive }: { positive: boolean }): ParseResult => {
  if (typeof input !== 'string' || !PERCENT.test(input)) {
    return {
      ok: false,
      message:
        'Must be a percentage written as a decimal string with at most 4 decimals, such as "4.5" for 4.5 %.',
    }
  }
  const value = new Decimal(input)
  if (value.gt(100)) return { ok: false, message: 'Must be at most 100.' }
  if (positive && value.lte(0)) return { ok: false, message: 'Must be greater than 0.' }
  return { ok: true, value }
}
export const PercentString = (description: string, positive: boolean) =>
  decimalString((v) => parsePercent(v, { positive }), {
    pattern: '^(0|[1-9][0-9]{0,2})(\\.[0-9]{1,4})?$',
    example: positive ? '15' : '4.5',
    description,
  })

/** A calendar date, YYYY-MM-DD, year 1000–9999. */
export const IsoDate = (description: string, example = '2026-03-15') =>
  z
    .string()
    .refine(isValidDate, 'Must be a calendar date written YYYY-MM-DD.')
    .openapi({ format: 'date', example, description })

export const Currency = z
  .string()
  .refine(isCurrency, 'Must be an active ISO 4217 currency code in capitals, such as "NOK" or "EUR".')
  .openapi({ example: 'NOK', description: 'ISO 4217 code', pattern: '^[A-Z]{3}$' })

export const Text = (max: number, description: string, example?: string) =>
  z
    .string()
    .trim()
    .max(max)
    .openapi({ description, ...(example ? { example } : {}) })
