/**
 * Numbers, money, percentages and dates for people, per dashboard language (nb-NO or en-GB).
 * Pure Intl: the server pages and the chart script share it. Money and measured values arrive as
 * decimal strings (or Decimal) and are handed to Intl as strings, which formats them exactly —
 * never through a binary float.
 */
export type Lang = 'nb' | 'en'
export const LANGS: readonly Lang[] = ['nb', 'en']
export const LOCALES: Record<Lang, string> = { nb: 'nb-NO', en: 'en-GB' }

/** A decimal string such as "1250000.00", a Decimal (anything whose toString is a decimal), or a number. */
export type Numeric = string | number | { toString(): string }

const cache = new Map<string, Intl.NumberFormat>()
function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], options)
    cache.set(key, f)
  }
  return f
}

// Intl reads a string as an exact decimal ("StringNumericLiteral"), so 0.125 stays 0.125.
const literal = (value: Numeric): number | Intl.StringNumericLiteral =>
  typeof value === 'number' ? value : (value.toString() as Intl.StringNumericLiteral)

/** Half-even, as the ledger rounds money (PRODUCT.md §2). */
const ROUNDING = { roundingMode: 'halfEven' } as Intl.NumberFormatOptions

/** `1 250 000` / `1,250,000`; up to `decimals` fraction digits (trailing zeros dropped). */
export function formatNumber(lang: Lang, value: Numeric, decimals = 2): string {
  return numberFormat(lang, { maximumFractionDigits: decimals, ...ROUNDING }).format(literal(value))
}

/** `1 250 000 kr` (nb) / `NOK 1,250,000` (en); whole units unless `decimals` is given. */
export function formatMoney(lang: Lang, value: Numeric, currency = 'NOK', decimals = 0): string {
  return numberFormat(lang, {
    style: 'currency',
    currency,
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    ...ROUNDING,
  }).format(literal(value))
}

/** Short money for chart axes: `1,3 mill. kr` / `NOK 1.3M`. */
export function formatMoneyCompact(lang: Lang, value: Numeric, currency = 'NOK'): string {
  return numberFormat(lang, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
    ...ROUNDING,
  }).format(literal(value))
}

/** A ratio as a percentage: 0.125 → `12,5 %` (nb) / `12.5%` (en). */
export function formatPercent(lang: Lang, ratio: Numeric, decimals = 1): string {
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: decimals, ...ROUNDING }).format(
    literal(ratio),
  )
}

const dateCache = new Map<string, Intl.DateTimeFormat>()
function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`
  let f = dateCache.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], options)
    dateCache.set(key, f)
  }
  return f
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * A calendar date: `1. mars 2019` / `1 March 2019` (long), `01.03.2019` / `01/03/2019` (short).
 * 'YYYY-MM-DD' strings are calendar dates and never shift with the time zone.
 */
export function formatDate(
  lang: Lang,
  value: string | Date,
  style: 'long' | 'medium' | 'short' = 'long',
): string {
  if (typeof value === 'string') {
    const m = ISO_DATE.exec(value)
    if (!m) return value
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
    return dateFormat(lang, { dateStyle: style, timeZone: 'UTC' }).format(date)
  }
  return dateFormat(lang, { dateStyle: style, timeZone: 'Europe/Oslo' }).format(value)
}

/** A moment, in Norwegian time: `3. des. 2026, 14:05` / `3 Dec 2026, 14:05`. */
export function formatDateTime(lang: Lang, value: Date, timeZone = 'Europe/Oslo'): string {
  return dateFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(value)
}

/** A Norwegian organisation number grouped as people write it: `923 609 016`. */
export function formatOrgNumber(orgNumber: string): string {
  return /^\d{9}$/.test(orgNumber) ? orgNumber.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3') : orgNumber
}

/** All formatters bound to one language, as pages use them. */
export interface Formatter {
  lang: Lang
  number(value: Numeric, decimals?: number): string
  money(value: Numeric, currency?: string, decimals?: number): string
  moneyCompact(value: Numeric, currency?: string): string
  percent(ratio: Numeric, decimals?: number): string
  date(value: string | Date, style?: 'long' | 'medium' | 'short'): string
  dateTime(value: Date): string
}

export const formatterFor = (lang: Lang): Formatter => ({
  lang,
  number: (v, d) => formatNumber(lang, v, d),
  money: (v, c, d) => formatMoney(lang, v, c, d),
  moneyCompact: (v, c) => formatMoneyCompact(lang, v, c),
  percent: (v, d) => formatPercent(lang, v, d),
  date: (v, s) => formatDate(lang, v, s),
  dateTime: (v) => formatDateTime(lang, v),
})
