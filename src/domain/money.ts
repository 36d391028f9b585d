import DecimalJs from 'decimal.js'

/**
 * The app's Decimal. A clone, so nothing depends on (or can break) decimal.js's global config.
 * 40 significant digits keep every sum of amount × rate exact: an amount has at most 17 digits
 * (15 + 2 decimals), a rate at most 17 (9 + 8), their product at most 34, leaving 6 digits of
 * headroom for sums of up to a million entries. Rounding happens only where we ask for it.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN })
export type Decimal = DecimalJs

export type ParseResult = { ok: true; value: Decimal } | { ok: false; message: string }

export const BASE_CURRENCY = 'NOK'

/**
 * ISO 4217 List One: the 178 active alphabetic codes as of late 2026, funds and X-codes
 * included as the list has them. Withdrawn codes are deliberately absent: CUC, HRK (2023), SLL,
 * ZWL (2024), ANG (replaced by XCG, 2025), BGN (euro, 2026). Update when the maintenance agency
 * publishes an amendment; validation applies to new transactions only, so stored ones keep their code.
 */
export const ISO_4217_CODES: readonly string[] = `
  AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD
  BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK
  DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF
  IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP
  LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD
  NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD
  SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD
  TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAD XAF XAG XAU XBA
  XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG
`
  .trim()
  .split(/\s+/)

const CURRENCIES: ReadonlySet<string> = new Set(ISO_4217_CODES)

/** Exact, upper-case match: `"eur"` is not a currency code; normalise at the edge if you want to. */
export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && CURRENCIES.has(code)
}

interface DecimalFormat {
  maxDecimals: number
  maxIntegerDigits: number
  example: string
}

/**
 * Plain positional decimals only: no sign, exponent, spaces, grouping, leading zeros or bare
 * points. JSON numbers are refused because they have already been through a binary float.
 */
function parsePositiveDecimal(input: unknown, f: DecimalFormat): ParseResult {
  if (typeof input === 'number') {
    return {
      ok: false,
      message: `Must be a string such as "${f.example}", not a JSON number: numbers lose precision.`,
    }
  }
  if (typeof input !== 'string')
    return { ok: false, message: `Must be a decimal string such as "${f.example}".` }
  if (input === '') return { ok: false, message: `Must not be empty; give a value such as "${f.example}".` }
  const match = /^(0|[1-9]\d*)(?:\.(\d+))?$/.exec(input)
  if (!match) {
    return {
      ok: false,
      message: `Must be a positive decimal written with digits and an optional "." only (no sign, spaces, exponent or thousands separators), such as "${f.example}".`,
    }
  }
  const [, integer = '', fraction = ''] = match
  if (fraction.length > f.maxDecimals) {
    return { ok: false, message: `Must have at most ${f.maxDecimals} decimals.` }
  }
  if (integer.length > f.maxIntegerDigits) {
    return { ok: false, message: `Must have at most ${f.maxIntegerDigits} digits before the decimal point.` }
  }
  const value = new Decimal(input)
  if (value.isZero()) return { ok: false, message: 'Must be greater than 0.' }
  return { ok: true, value }
}

/** A transaction amount: `"1250000.00"`, `"0.10"`, `"12"`; > 0, at most 2 decimals, below 10^15. */
export function parseAmount(input: unknown): ParseResult {
  return parsePositiveDecimal(input, { maxDecimals: 2, maxIntegerDigits: 15, example: '1250000.00' })
}

/** A rate to NOK (NOK per one unit of the currency): > 0, at most 8 decimals, below 10^9. */
export function parseRate(input: unknown): ParseResult {
  return parsePositiveDecimal(input, { maxDecimals: 8, maxIntegerDigits: 9, example: '11.4567' })
}

/**
 * Unrounded NOK value of an amount: callers sum these and round once at the end. NOK takes no
 * rate (1 is tolerated); a rate on NOK other than 1, or a foreign amount without one, means the
 * stored data is wrong, so it throws rather than report a silently wrong total.
 */
export function toNok(amount: Decimal, currency: string, rateToNok: Decimal | null): Decimal {
  // Re-wrapping puts the value under our 40-digit config even if it came from the global Decimal.
  const exact = new Decimal(amount)
  if (currency === BASE_CURRENCY) {
    if (rateToNok !== null && !new Decimal(rateToNok).eq(1)) {
      throw new Error(`NOK amount carries a rate to NOK of ${rateToNok.toString()}`)
    }
    return exact
  }
  if (rateToNok === null) throw new Error(`A ${currency} amount needs a rate to NOK`)
  return exact.times(rateToNok)
}

/** 2 decimals, half-even (banker's rounding), so rounding errors do not drift one way in totals. */
export function roundMoney(d: Decimal): Decimal {
  return new Decimal(d).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN)
}

/** The API's JSON form: `"1250000.00"`. Fixed 2 decimals, no grouping, never exponent or `-0.00`. */
export function formatMoney(d: Decimal): string {
  if (!d.isFinite()) throw new Error(`Cannot format ${d.toString()} as money`)
  const rounded = roundMoney(d)
  // A negative amount that rounds to zero must not print as "-0.00".
  return rounded.isZero() ? '0.00' : rounded.toFixed(2)
}
