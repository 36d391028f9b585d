import Decimal from 'decimal.js'

/**
 * Social return on investment (PRODUCT.md §5). Pure: Decimal in, Decimal out.
 *
 * Every figure is computed with a 40-digit, half-even clone of Decimal so that callers holding
 * Decimals from the global (20-digit) constructor cannot lose precision mid-calculation; inputs
 * are copied into the clone before any arithmetic. Rounding happens once, for output, in
 * `formatSroiResult`.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN })

type FieldError = { path: string; message: string }

export const DEFAULT_DISCOUNT_RATE = new D('0.04')
export const MAX_DURATION_YEARS = 50

export interface SroiOutcome {
  indicatorCode: string
  /** Outcome units achieved, e.g. people into work. */
  quantity: Decimal
  /** Financial proxy, NOK per unit per year. */
  proxy: Decimal
  /** Fractions 0..1 (25 % is 0.25). */
  deadweight: Decimal
  attribution: Decimal
  displacement: Decimal
  dropOff: Decimal
  /** Whole years, 1..MAX_DURATION_YEARS. */
  durationYears: number
}

export interface SroiInput {
  /** Fraction, 0.04 for 4 %. */
  discountRate: Decimal
  /** NOK invested. */
  inputs: Decimal
  outcomes: SroiOutcome[]
}

export interface SroiOutcomeResult {
  indicatorCode: string
  /** Index 0 is year 1. */
  impactByYear: Decimal[]
  presentValue: Decimal
}

export interface SroiResult {
  outcomes: SroiOutcomeResult[]
  /** Summed over outcomes, as long as the longest duration; shorter outcomes add 0 after they end. */
  impactByYear: Decimal[]
  presentValue: Decimal
  /** PV / inputs; null when inputs are 0. */
  ratio: Decimal | null
  /** (PV − inputs) / inputs; null when inputs are 0. */
  netRatio: Decimal | null
  /** inputs / (year-1 impact / 12); null when year-1 impact is 0 (never paid back at that rate). */
  paybackMonths: Decimal | null
}

/** Year-by-year impact of one outcome: year 1 net of deadweight, attribution, displacement; then drop-off. */
export function outcomeImpactByYear(outcome: SroiOutcome): Decimal[] {
  assertDuration(outcome.durationYears)
  const one = new D(1)
  const keep = one.minus(new D(outcome.dropOff))
  let impact = new D(outcome.quantity)
    .times(new D(outcome.proxy))
    .times(one.minus(new D(outcome.deadweight)))
    .times(one.minus(new D(outcome.attribution)))
    .times(one.minus(new D(outcome.displacement)))
  const years: Decimal[] = []
  for (let t = 1; t <= outcome.durationYears; t++) {
    years.push(impact)
    impact = impact.times(keep)
  }
  return years
}

export function computeSroi(input: SroiInput): SroiResult {
  const rate = new D(input.discountRate)
  const inputs = new D(input.inputs)
  const longest = Math.max(0, ...input.outcomes.map((o) => o.durationYears))
  // (1 + r)^t for t = 1..longest, shared by all outcomes.
  const factors: Decimal[] = []
  for (let t = 1; t <= longest; t++) factors.push(rate.plus(1).pow(t))

  const outcomes = input.outcomes.map((outcome): SroiOutcomeResult => {
    const impactByYear = outcomeImpactByYear(outcome)
    const presentValue = impactByYear.reduce((pv, impact, i) => pv.plus(impact.div(factors[i]!)), new D(0))
    return { indicatorCode: outcome.indicatorCode, impactByYear, presentValue }
  })

  const impactByYear = factors.map((_, i) =>
    outcomes.reduce((sum, o) => sum.plus(o.impactByYear[i] ?? 0), new D(0)),
  )
  // The total PV is the sum of the outcome PVs so that the parts always add up to the whole.
  const presentValue = outcomes.reduce((sum, o) => sum.plus(o.presentValue), new D(0))
  const yearOne = impactByYear[0] ?? new D(0)
  return {
    outcomes,
    impactByYear,
    presentValue,
    ratio: inputs.isZero() ? null : presentValue.div(inputs),
    netRatio: inputs.isZero() ? null : presentValue.minus(inputs).div(inputs),
    paybackMonths: yearOne.isZero() ? null : inputs.div(yearOne.div(12)),
  }
}

export interface SroiOutput {
  outcomes: { indicatorCode: string; impactByYear: string[]; presentValue: string }[]
  impactByYear: string[]
  presentValue: string
  ratio: string | null
  netRatio: string | null
  paybackMonths: string | null
}

/** Rounds half-even for display and JSON: money 2 decimals, ratios 2, payback months 1. */
export function formatSroiResult(result: SroiResult): SroiOutput {
  // Adding 0 after rounding turns a rounded −0.004 into 0.00 rather than "-0.00".
  const fixed = (value: Decimal, places: number) =>
    new D(value).toDecimalPlaces(places, D.ROUND_HALF_EVEN).plus(0).toFixed(places)
  const money = (value: Decimal) => fixed(value, 2)
  return {
    outcomes: result.outcomes.map((o) => ({
      indicatorCode: o.indicatorCode,
      impactByYear: o.impactByYear.map(money),
      presentValue: money(o.presentValue),
    })),
    impactByYear: result.impactByYear.map(money),
    presentValue: money(result.presentValue),
    ratio: result.ratio && fixed(result.ratio, 2),
    netRatio: result.netRatio && fixed(result.netRatio, 2),
    paybackMonths: result.paybackMonths && fixed(result.paybackMonths, 1),
  }
}

export type SensitivityAssumption =
  | 'deadweight'
  | 'attribution'
  | 'displacement'
  | 'dropOff'
  | 'proxy'
  | 'discountRate'
  | 'durationYears'

export interface SensitivityStep {
  /** Absolute move of deadweight, attribution, displacement and drop-off: 0.1 is 10 percentage points. */
  fraction: Decimal
  /** Relative move of every proxy: 0.1 is ±10 % of its value. */
  proxyRelative: Decimal
  /** Absolute move of the discount rate: 0.01 is 1 percentage point. */
  discountRate: Decimal
  /** Whole years added to and taken from every duration. */
  durationYears: number
}

export const DEFAULT_SENSITIVITY_STEP: Readonly<SensitivityStep> = Object.freeze({
  fraction: new D('0.1'),
  proxyRelative: new D('0.1'),
  discountRate: new D('0.01'),
  durationYears: 1,
})

export interface SensitivityPoint {
  /**
   * The assumption after the move: the discount rate, or the value every outcome shares; null when
   * outcomes have different values (read `outcomeValues` then).
   */
  value: Decimal | null
  /** Per outcome, input order, after clamping; empty for the discount rate. */
  outcomeValues: Decimal[]
  ratio: Decimal | null
}

export interface SensitivityRow {
  assumption: SensitivityAssumption
  base: SensitivityPoint
  low: SensitivityPoint
  high: SensitivityPoint
}

type Move = (input: SroiInput, direction: -1 | 1, step: SensitivityStep) => SroiInput

const clamp = (value: Decimal, min: Decimal.Value, max: Decimal.Value) => D.min(D.max(value, min), max)

const moveFraction =
  (field: 'deadweight' | 'attribution' | 'displacement' | 'dropOff'): Move =>
  (input, direction, step) => ({
    ...input,
    outcomes: input.outcomes.map((o) => ({
      ...o,
      [field]: clamp(new D(o[field]).plus(new D(step.fraction).times(direction)), 0, 1),
    })),
  })

const MOVES: Record<SensitivityAssumption, Move> = {
  deadweight: moveFraction('deadweight'),
  attribution: moveFraction('attribution'),
  displacement: moveFraction('displacement'),
  dropOff: moveFraction('dropOff'),
  proxy: (input, direction, step) => ({
    ...input,
    outcomes: input.outcomes.map((o) => ({
      ...o,
      proxy: D.max(new D(o.proxy).times(new D(step.proxyRelative).times(direction).plus(1)), 0),
    })),
  }),
  discountRate: (input, direction, step) => ({
    ...input,
    discountRate: clamp(new D(input.discountRate).plus(new D(step.discountRate).times(direction)), 0, 1),
  }),
  durationYears: (input, direction, step) => ({
    ...input,
    outcomes: input.outcomes.map((o) => ({
      ...o,
      durationYears: Math.min(
        Math.max(o.durationYears + direction * step.durationYears, 1),
        MAX_DURATION_YEARS,
      ),
    })),
  }),
}

function pointOf(assumption: SensitivityAssumption, input: SroiInput): SensitivityPoint {
  const ratio = computeSroi(input).ratio
  if (assumption === 'discountRate') return { value: new D(input.discountRate), outcomeValues: [], ratio }
  const outcomeValues = input.outcomes.map((o) => new D(o[assumption]))
  const first = outcomeValues[0]
  const shared = first !== undefined && outcomeValues.every((v) => v.eq(first))
  return { value: shared ? first : null, outcomeValues, ratio }
}

/**
 * The SROI ratio with each assumption moved down and up by a step, clamped to its valid range
 * (fractions 0..1, proxies ≥ 0, discount rate 0..1, duration 1..MAX_DURATION_YEARS). A per-outcome
 * assumption moves for every outcome at once: the question is "what if we were all this much
 * too optimistic", not which outcome matters most.
 */
export function sensitivity(input: SroiInput, step: Partial<SensitivityStep> = {}): SensitivityRow[] {
  const s: SensitivityStep = { ...DEFAULT_SENSITIVITY_STEP, ...step }
  if (new D(s.fraction).isNeg() || new D(s.proxyRelative).isNeg() || new D(s.discountRate).isNeg()) {
    throw new RangeError('sensitivity steps must be 0 or more')
  }
  if (!Number.isInteger(s.durationYears) || s.durationYears < 0) {
    throw new RangeError('the duration step must be a whole number of years, 0 or more')
  }
  return (Object.keys(MOVES) as SensitivityAssumption[]).map((assumption) => {
    const move = MOVES[assumption]
    return {
      assumption,
      base: pointOf(assumption, input),
      low: pointOf(assumption, move(input, -1, s)),
      high: pointOf(assumption, move(input, 1, s)),
    }
  })
}

/**
 * The API edge: decimal strings, percentages in percent ("25" for 25 %). Kept beside the model so
 * the ranges the calculation relies on are stated once.
 */
export interface SroiAssumptionsDraft {
  /** Percent; omitted means DEFAULT_DISCOUNT_RATE. */
  discountRate?: string
  inputs: string
  outcomes: {
    indicatorCode: string
    quantity: string
    proxy: string
    deadweight: string
    attribution: string
    displacement: string
    dropOff: string
    durationYears: number
  }[]
}

const DECIMAL_STRING = /^-?\d+(\.\d+)?$/

/** "25" → 0.25. Throws on anything that is not a plain decimal string; validate first. */
export function fromPercent(percent: string | Decimal): Decimal {
  return new D(percent).div(100)
}

const PERCENT_FIELDS = ['deadweight', 'attribution', 'displacement', 'dropOff'] as const

export function validateSroiAssumptions(draft: SroiAssumptionsDraft): FieldError[] {
  const errors: FieldError[] = []
  const check = (path: string, value: unknown, min: number, max: number | null, what: string) => {
    if (typeof value !== 'string' || !DECIMAL_STRING.test(value)) {
      errors.push({ path, message: 'Must be a decimal number written as a string, such as "12.5".' })
      return
    }
    const d = new D(value)
    if (d.lt(min) || (max !== null && d.gt(max))) errors.push({ path, message: what })
  }
  if (draft.discountRate !== undefined) {
    check('discountRate', draft.discountRate, 0, 100, 'Must be a percentage from 0 to 100.')
  }
  check('inputs', draft.inputs, 0, null, 'Must be 0 or more (NOK).')
  if (!Array.isArray(draft.outcomes) || draft.outcomes.length === 0) {
    errors.push({ path: 'outcomes', message: 'Add at least one outcome.' })
    return errors
  }
  draft.outcomes.forEach((o, i) => {
    const at = `outcomes.${i}`
    if (typeof o.indicatorCode !== 'string' || o.indicatorCode.trim() === '') {
      errors.push({ path: `${at}.indicatorCode`, message: 'Name the indicator this outcome is measured by.' })
    }
    check(`${at}.quantity`, o.quantity, 0, null, 'Must be 0 or more.')
    check(`${at}.proxy`, o.proxy, 0, null, 'Must be 0 or more (NOK per unit).')
    for (const field of PERCENT_FIELDS) {
      check(`${at}.${field}`, o[field], 0, 100, 'Must be a percentage from 0 to 100.')
    }
    if (!Number.isInteger(o.durationYears) || o.durationYears < 1 || o.durationYears > MAX_DURATION_YEARS) {
      errors.push({
        path: `${at}.durationYears`,
        message: `Must be a whole number of years from 1 to ${MAX_DURATION_YEARS}.`,
      })
    }
  })
  return errors
}

/** Validates, then converts percent strings to fractions and decimal strings to Decimal. */
export function parseSroiAssumptions(
  draft: SroiAssumptionsDraft,
): { ok: true; value: SroiInput } | { ok: false; errors: FieldError[] } {
  const errors = validateSroiAssumptions(draft)
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      discountRate:
        draft.discountRate === undefined ? DEFAULT_DISCOUNT_RATE : fromPercent(draft.discountRate),
      inputs: new D(draft.inputs),
      outcomes: draft.outcomes.map((o) => ({
        indicatorCode: o.indicatorCode.trim(),
        quantity: new D(o.quantity),
        proxy: new D(o.proxy),
        deadweight: fromPercent(o.deadweight),
        attribution: fromPercent(o.attribution),
        displacement: fromPercent(o.displacement),
        dropOff: fromPercent(o.dropOff),
        durationYears: o.durationYears,
      })),
    },
  }
}

function assertDuration(years: number): void {
  if (!Number.isInteger(years) || years < 1 || years > MAX_DURATION_YEARS) {
    throw new RangeError(`durationYears must be a whole number from 1 to ${MAX_DURATION_YEARS}, got ${years}`)
  }
}
