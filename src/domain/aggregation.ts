import Decimal from 'decimal.js'
import { type Aggregation, isRatio, unhandledAggregation } from './aggregation-kind.ts'
import { comparePeriods, type Granularity, type Period, parentPeriod, requirePeriod } from './periods.ts'

/**
 * How outcome values combine (PRODUCT.md §3), how they are checked on entry, and progress to
 * target. Pure: Decimal in, Decimal out, never rounded here (rounding is for display, at the edge).
 *
 * Arithmetic uses a 40-digit, half-even clone so that Decimals built with the global (20-digit)
 * constructor cannot lose precision; inputs are copied into the clone before any arithmetic.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN })

/** One venture's value for one period. Ratio values carry the numerator and denominator too. */
export interface PeriodValue {
  period: string
  value: Decimal
  numerator?: Decimal
  denominator?: Decimal
}

export interface RatioParts {
  numerator: Decimal
  denominator: Decimal
}

/**
 * The stable codes of a value's problems, for programs and the dashboard (which words its own
 * messages from code + params; nothing reads `message`). The catalogue
 * (src/http/problem-codes/values.ts) gives each its nb/en title; a code, once published, keeps its
 * meaning. The last five are found by the outcomes module (assignments, the municipality register,
 * submission), listed here so there is one list.
 */
export const VALUE_FIELD_CODES = [
  'value.required',
  'value.not_a_number',
  'value.people_whole',
  'value.percent_range',
  'value.numerator_required',
  'value.denominator_required',
  'value.denominator_zero',
  'value.share_range',
  'value.ratio_mismatch',
  'value.breakdown_sum_mismatch',
  'value.breakdown_sum_exceeds',
  'value.not_ratio',
  'value.not_broken_down',
  'value.unknown_dimension',
  'value.unknown_category',
  'value.duplicate',
  'value.municipality_unknown',
  'value.municipality_not_in_period',
  'value.not_assigned',
  'value.outside_assignment',
  'value.missing',
] as const

export type ValueFieldCode = (typeof VALUE_FIELD_CODES)[number]

/** One problem of a value: `message` in English for API callers, `params` the values it names. */
export interface FieldError {
  path: string
  message: string
  code: ValueFieldCode
  params?: Record<string, string>
}

/**
 * The factor that turns numerator / denominator into the indicator's unit: 100 for `percent`
 * (9 of 10 is 90 %), 1 for every other unit (a ratio such as NOK per participant).
 */
export function scaleForUnit(unit: string): Decimal {
  return new D(unit === 'percent' ? 100 : 1)
}

/**
 * Sorted by comparePeriods; throws when two periods overlap (the same key twice, or 2026-01 beside
 * 2026-Q1): one venture has one value per stretch of time, and overlaps would count a flow twice.
 */
function chronological(values: readonly PeriodValue[]): PeriodValue[] {
  const withPeriods = values.map((v) => ({ v, p: requirePeriod(v.period) }))
  withPeriods.sort((a, b) => comparePeriods(a.p.key, b.p.key))
  let previous: Period | undefined
  for (const { p } of withPeriods) {
    if (previous && p.start <= previous.end) {
      throw new RangeError(`Overlapping periods for one venture: ${previous.key} and ${p.key}`)
    }
    previous = p
  }
  return withPeriods.map(({ v }) => v)
}

/** Σ numerator and Σ denominator; a ratio value without both is a data error and throws. */
export function ratioParts(values: readonly PeriodValue[]): RatioParts {
  let numerator = new D(0)
  let denominator = new D(0)
  for (const v of values) {
    if (v.numerator === undefined || v.denominator === undefined) {
      throw new RangeError(`Ratio value for ${v.period} has no numerator or denominator`)
    }
    numerator = numerator.plus(new D(v.numerator))
    denominator = denominator.plus(new D(v.denominator))
  }
  return { numerator, denominator }
}

function scaledRatio(parts: RatioParts, scale: Decimal.Value): Decimal | null {
  if (parts.denominator.isZero()) return null
  return parts.numerator.times(new D(scale)).div(parts.denominator)
}

function sumValues(values: readonly PeriodValue[]): Decimal {
  return values.reduce((sum, v) => sum.plus(new D(v.value)), new D(0))
}

/**
 * One venture's values over a window (the caller picks the values whose periods are in it, see
 * periodInWindow): `sum` → Σ value; `last` → the value of the latest period; `ratio` → Σ numerator ×
 * scale / Σ denominator, in the indicator's unit (pass scaleForUnit(unit)). Null when there are no
 * values, or for a ratio when Σ denominator is 0.
 */
export function aggregateOverPeriods(
  aggregation: Aggregation,
  values: readonly PeriodValue[],
  scale: Decimal.Value = 1,
): Decimal | null {
  const sorted = chronological(values)
  if (sorted.length === 0) return null
  switch (aggregation) {
    case 'sum':
      return sumValues(sorted)
    case 'last':
      return new D(sorted[sorted.length - 1]!.value)
    case 'ratio':
      return scaledRatio(ratioParts(sorted), scale)
    default:
      return unhandledAggregation(aggregation)
  }
}

/**
 * Several ventures' values over one window, one list per venture: `sum` → Σ of everything; `last` →
 * Σ of each venture's latest value; `ratio` → Σ of all numerators × scale / Σ of all denominators
 * (never the mean of the ventures' rates). Ventures without values add nothing; null when no
 * venture has a value, or for a ratio when Σ denominator is 0.
 */
export function aggregateAcrossVentures(
  aggregation: Aggregation,
  perVenture: readonly (readonly PeriodValue[])[],
  scale: Decimal.Value = 1,
): Decimal | null {
  const ventures = perVenture.map(chronological).filter((values) => values.length > 0)
  if (ventures.length === 0) return null
  switch (aggregation) {
    case 'sum':
      return ventures.reduce((sum, values) => sum.plus(sumValues(values)), new D(0))
    case 'last':
      return ventures.reduce((sum, values) => sum.plus(new D(values[values.length - 1]!.value)), new D(0))
    case 'ratio':
      return scaledRatio(ratioParts(ventures.flat()), scale)
    default:
      return unhandledAggregation(aggregation)
  }
}

/**
 * One venture's values regrouped per quarter or year, sorted, with the same semantics as
 * aggregateOverPeriods: a flow's year is the sum of its quarters; a stock's year is its latest
 * quarter present (Q3 while Q4 is not yet reported); a rate's year is Σ numerator / Σ denominator
 * and keeps those sums, so regrouping months → quarters → year equals months → year. Throws for a
 * ratio group whose denominators sum to 0: it has no value, and valid data never produces one.
 */
export function regroup(
  aggregation: Aggregation,
  values: readonly PeriodValue[],
  granularity: Granularity,
  scale: Decimal.Value = 1,
): PeriodValue[] {
  const groups = new Map<string, PeriodValue[]>()
  for (const v of chronological(values)) {
    const key = parentPeriod(v.period, granularity)
    const group = groups.get(key)
    if (group) group.push(v)
    else groups.set(key, [v])
  }
  const result: PeriodValue[] = []
  for (const [period, group] of groups) {
    result.push(regroupOne(aggregation, period, group, scale))
  }
  return result.sort((a, b) => comparePeriods(a.period, b.period))
}

function regroupOne(
  aggregation: Aggregation,
  period: string,
  group: PeriodValue[],
  scale: Decimal.Value,
): PeriodValue {
  switch (aggregation) {
    case 'sum':
      return { period, value: sumValues(group) }
    case 'last':
      return { period, value: new D(group[group.length - 1]!.value) }
    case 'ratio': {
      const parts = ratioParts(group)
      const value = scaledRatio(parts, scale)
      if (!value) throw new RangeError(`Ratio values for ${period} have a zero denominator`)
      return { period, value, ...parts }
    }
    default:
      return unhandledAggregation(aggregation)
  }
}

// ---------------------------------------------------------------------------------------------
// Entering a value: total, ratio parts and breakdowns

export type Dimension = 'gender' | 'age_band' | 'municipality'
export const DIMENSIONS: readonly Dimension[] = ['gender', 'age_band', 'municipality']
export const GENDERS = ['female', 'male', 'other', 'unknown'] as const
export const AGE_BANDS = ['0-15', '16-29', '30-49', '50-66', '67+', 'unknown'] as const

/** Closed category sets; municipality is open (any 4-digit number), so it is never complete. */
const CATEGORIES: Record<Dimension, readonly string[] | null> = {
  gender: GENDERS,
  age_band: AGE_BANDS,
  municipality: null,
}

const isDimension = (d: string): d is Dimension => (DIMENSIONS as readonly string[]).includes(d)

/** True for a category of the dimension; municipalities are checked for form (4 digits) only. */
export function isKnownCategory(dimension: Dimension, category: string): boolean {
  const closed = CATEGORIES[dimension]
  return closed ? closed.includes(category) : /^\d{4}$/.test(category)
}

/**
 * One cell of a one-dimensional breakdown. For a ratio indicator `value` is the category's rate,
 * and the cell carries its own numerator and denominator (the spec stores them per disaggregation).
 */
export interface BreakdownCell {
  dimension: string
  category: string
  value: Decimal
  numerator?: Decimal
  denominator?: Decimal
}

export interface ValueInput {
  total: Decimal | null
  numerator?: Decimal
  denominator?: Decimal
  breakdowns: readonly BreakdownCell[]
}

export interface IndicatorRules {
  unit: string
  aggregation: Aggregation
  personal: boolean
  allowedBreakdowns: readonly string[]
}

/**
 * The total a ratio value should carry, rounded half-even to `decimals`: for a form or CSV import
 * that accepts numerator and denominator and fills in the rate before validateValue.
 */
export function ratioTotal(
  numerator: Decimal,
  denominator: Decimal,
  scale: Decimal.Value,
  decimals = 2,
): Decimal | null {
  const value = scaledRatio({ numerator: new D(numerator), denominator: new D(denominator) }, scale)
  return value ? value.toDecimalPlaces(decimals, D.ROUND_HALF_EVEN) : null
}

/**
 * A stated rate agrees with numerator × scale / denominator to the precision it is written in:
 * 17.27, 17.3 and 17 all state 19/110 = 17.2727… %; 17.2 does not. Half a unit in the last place
 * either way, so a tie rounded up or half-even both pass.
 */
function statesRatio(stated: Decimal, numerator: Decimal, denominator: Decimal, scale: Decimal): boolean {
  const exact = new D(numerator).times(scale).div(new D(denominator))
  const tolerance = new D(10).pow(-stated.decimalPlaces()).div(2)
  return new D(stated).minus(exact).abs().lte(tolerance)
}

type Kind = { people: boolean; percent: boolean }

/** Pushes the errors of one figure; true when it is usable in further checks. */
function checkFigure(errors: FieldError[], path: string, value: Decimal, kind: Kind): boolean {
  if (!value.isFinite()) {
    errors.push({ path, code: 'value.not_a_number', message: 'Must be a number' })
    return false
  }
  if (kind.people && !(value.isInteger() && value.gte(0))) {
    errors.push({
      path,
      code: 'value.people_whole',
      message: 'A count of people must be a whole number, 0 or more',
    })
    return false
  }
  if (kind.percent && (value.lt(0) || value.gt(100))) {
    errors.push({ path, code: 'value.percent_range', message: 'A percentage must be between 0 and 100' })
    return false
  }
  return true
}

/**
 * Numerator and denominator of a ratio at `prefix` (`` for the value, `breakdowns.2.` for a cell),
 * and the stated rate against them. Returns the parts when both are usable.
 */
function checkRatio(
  errors: FieldError[],
  prefix: string,
  stated: { path: string; value: Decimal } | null,
  parts: { numerator?: Decimal; denominator?: Decimal },
  indicator: IndicatorRules,
): RatioParts | null {
  const people = indicator.personal || indicator.unit === 'people'
  const kind = { people, percent: false }
  const numPath = `${prefix}numerator`
  const denPath = `${prefix}denominator`
  let numerator: Decimal | null = null
  if (parts.numerator === undefined) {
    errors.push({
      path: numPath,
      code: 'value.numerator_required',
      message: 'A ratio indicator needs a numerator',
    })
  } else if (checkFigure(errors, numPath, parts.numerator, kind)) numerator = parts.numerator
  let denominator: Decimal | null = null
  if (parts.denominator === undefined) {
    errors.push({
      path: denPath,
      code: 'value.denominator_required',
      message: 'A ratio indicator needs a denominator',
    })
  } else if (checkFigure(errors, denPath, parts.denominator, kind)) {
    if (parts.denominator.gt(0)) denominator = parts.denominator
    else
      errors.push({
        path: denPath,
        code: 'value.denominator_zero',
        message: 'The denominator must be more than 0',
      })
  }
  if (!numerator || !denominator) return null
  if (indicator.unit === 'percent' && (numerator.lt(0) || numerator.gt(denominator))) {
    errors.push({
      path: numPath,
      code: 'value.share_range',
      message: 'A share must be between 0 and the denominator',
    })
    return null
  }
  const scale = scaleForUnit(indicator.unit)
  if (stated && !statesRatio(stated.value, numerator, denominator, scale)) {
    const exact = new D(numerator).times(scale).div(new D(denominator)).toSignificantDigits(6)
    errors.push({
      path: stated.path,
      code: 'value.ratio_mismatch',
      params: {
        numerator: numerator.toString(),
        denominator: denominator.toString(),
        rate: exact.toString(),
      },
      message: `Does not match numerator / denominator: ${numerator} / ${denominator} gives ${exact}`,
    })
  }
  return { numerator, denominator }
}

/**
 * Parts of one dimension against their whole: a complete breakdown (every category of a closed
 * set) must add up to the whole exactly; a partial one may not exceed it, the rest counting as
 * unknown. The partial rule only applies to non-negative figures: for signed ones "exceeds" means
 * nothing, and only a complete breakdown can be checked.
 */
function checkParts(
  errors: FieldError[],
  of: { dimension: Dimension; part: 'values' | 'numerators' | 'denominators' },
  parts: readonly Decimal[],
  whole: Decimal,
  complete: boolean,
): void {
  const sum = parts.reduce((acc, p) => acc.plus(new D(p)), new D(0))
  const what = `${of.dimension.replace('_', ' ')} ${of.part}`
  const params = { ...of, sum: sum.toString(), total: whole.toString() }
  if (complete && !sum.eq(whole)) {
    errors.push({
      path: 'breakdowns',
      code: 'value.breakdown_sum_mismatch',
      params,
      message: `The ${what} add up to ${sum}, but the total is ${whole}`,
    })
  } else if (!complete && whole.gte(0) && parts.every((p) => p.gte(0)) && sum.gt(whole)) {
    errors.push({
      path: 'breakdowns',
      code: 'value.breakdown_sum_exceeds',
      params,
      message: `The ${what} add up to ${sum}, more than the total ${whole}`,
    })
  }
}

/**
 * Checks a value entered for an indicator and returns every problem found (empty when valid):
 * - `total` is required. For a people count (unit `people` or a `personal` indicator) it is a whole
 *   number ≥ 0, as is every breakdown cell; for unit `percent` it lies within 0–100.
 * - A ratio indicator needs `numerator` and `denominator` (people counts when personal; denominator
 *   > 0; for percent, numerator ≤ denominator), and the total must state numerator × scale /
 *   denominator to its own precision (see ratioTotal to derive it). Its total is a rate, so the
 *   people rule applies to the numerator and denominator, not to the total. Other indicators take
 *   no numerator or denominator.
 * - Breakdown cells: the dimension must be one the indicator allows, the category one of the
 *   dimension's, each (dimension, category) at most once. Per dimension, a complete breakdown adds
 *   up to the total exactly and a partial one does not exceed it; for a ratio indicator each cell
 *   carries its own numerator and denominator, and these (not the rates) are what must add up.
 */
export function validateValue(input: ValueInput, indicator: IndicatorRules): FieldError[] {
  const errors: FieldError[] = []
  const rate = isRatio(indicator.aggregation)
  const kind: Kind = {
    people: !rate && (indicator.personal || indicator.unit === 'people'),
    percent: indicator.unit === 'percent',
  }

  let total: Decimal | null = null
  if (input.total === null)
    errors.push({ path: 'total', code: 'value.required', message: 'A total is required' })
  else if (checkFigure(errors, 'total', input.total, kind)) total = input.total

  let whole: RatioParts | null = null
  if (rate) {
    const stated = total && { path: 'total', value: total }
    whole = checkRatio(errors, '', stated, input, indicator)
  } else {
    for (const field of ['numerator', 'denominator'] as const) {
      if (input[field] !== undefined) {
        errors.push({
          path: field,
          code: 'value.not_ratio',
          params: { field },
          message: `Only ratio indicators take a ${field}`,
        })
      }
    }
  }

  // Valid cells per dimension; a dimension with an invalid cell is not summed (one error is enough).
  const cells = new Map<Dimension, { category: string; value: Decimal; ratio: RatioParts | null }[]>()
  const broken = new Set<Dimension>()
  const seen = new Set<string>()
  input.breakdowns.forEach((cell, i) => {
    const path = `breakdowns.${i}`
    const dimension = cell.dimension
    if (!isDimension(dimension)) {
      errors.push({
        path: `${path}.dimension`,
        code: 'value.unknown_dimension',
        params: { dimension },
        message: `Unknown dimension; use ${DIMENSIONS.join(', ')}`,
      })
      return
    }
    if (!indicator.allowedBreakdowns.includes(dimension)) {
      errors.push({
        path: `${path}.dimension`,
        code: 'value.not_broken_down',
        params: { dimension },
        message: `This indicator is not broken down by ${dimension}`,
      })
      return
    }
    if (!isKnownCategory(dimension, cell.category)) {
      const closed = CATEGORIES[dimension]
      const expected = closed ? closed.join(', ') : 'a 4-digit municipality number'
      errors.push({
        path: `${path}.category`,
        code: 'value.unknown_category',
        params: { dimension, category: cell.category },
        message: `Unknown ${dimension}; use ${expected}`,
      })
      broken.add(dimension)
      return
    }
    const key = `${dimension}=${cell.category}`
    if (seen.has(key)) {
      errors.push({
        path,
        code: 'value.duplicate',
        params: { what: key, dimension, category: cell.category },
        message: `${key} is given more than once`,
      })
      broken.add(dimension)
      return
    }
    seen.add(key)
    let ok = checkFigure(errors, `${path}.value`, cell.value, kind)
    let ratio: RatioParts | null = null
    if (rate) {
      const stated = ok ? { path: `${path}.value`, value: cell.value } : null
      ratio = checkRatio(errors, `${path}.`, stated, cell, indicator)
      ok = ok && ratio !== null
    } else {
      for (const field of ['numerator', 'denominator'] as const) {
        if (cell[field] !== undefined) {
          errors.push({
            path: `${path}.${field}`,
            code: 'value.not_ratio',
            params: { field },
            message: `Only ratio indicators take a ${field}`,
          })
          ok = false
        }
      }
    }
    if (!ok) broken.add(dimension)
    const list = cells.get(dimension) ?? []
    list.push({ category: cell.category, value: cell.value, ratio })
    cells.set(dimension, list)
  })

  for (const [dimension, list] of cells) {
    if (broken.has(dimension)) continue
    const closed = CATEGORIES[dimension]
    // Municipality (open set, closed = null) is never complete.
    const complete = closed?.every((c) => list.some((cell) => cell.category === c)) ?? false
    if (rate) {
      if (!whole) continue
      const parts = list.map((cell) => cell.ratio!)
      const nums = parts.map((p) => p.numerator)
      const dens = parts.map((p) => p.denominator)
      checkParts(errors, { dimension, part: 'numerators' }, nums, whole.numerator, complete)
      checkParts(errors, { dimension, part: 'denominators' }, dens, whole.denominator, complete)
    } else if (total) {
      checkParts(
        errors,
        { dimension, part: 'values' },
        list.map((cell) => cell.value),
        total,
        complete,
      )
    }
  }
  return errors
}

// ---------------------------------------------------------------------------------------------
// Progress to target

export type Direction = 'increase' | 'decrease'
export type ProgressStatus = 'green' | 'amber' | 'red'

export interface ProgressInput {
  direction: Direction
  baseline: Decimal
  target: Decimal
  actual: Decimal
}

export interface StatusThresholds {
  /** Fractions: 0.9 is 90 % of the way from baseline to target. */
  green: Decimal.Value
  amber: Decimal.Value
}

export const DEFAULT_STATUS_THRESHOLDS: Readonly<StatusThresholds> = Object.freeze({ green: 0.9, amber: 0.6 })

/**
 * The fraction of the way from baseline to target, unclamped: 1 is on target, above 1 beyond it,
 * below 0 worse than the baseline. Null when target equals baseline (no way to go). The two
 * formulas from the spec are algebraically the same number; both are written out so each reads
 * as the spec does. A target on the wrong side of the baseline for the direction is the
 * assignment's problem to refuse, not this function's.
 */
export function progressToTarget(input: ProgressInput): Decimal | null {
  const baseline = new D(input.baseline)
  const target = new D(input.target)
  const actual = new D(input.actual)
  if (target.eq(baseline)) return null
  if (input.direction === 'increase') return actual.minus(baseline).div(target.minus(baseline))
  return baseline.minus(actual).div(baseline.minus(target))
}

/** green ≥ thresholds.green, amber ≥ thresholds.amber, else red; null when there is no progress. */
export function progressStatus(
  progress: Decimal | null,
  thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
): ProgressStatus | null {
  const green = new D(thresholds.green)
  const amber = new D(thresholds.amber)
  if (amber.gt(green)) throw new RangeError('The amber threshold must not be above the green one')
  if (progress === null) return null
  const p = new D(progress)
  if (p.gte(green)) return 'green'
  if (p.gte(amber)) return 'amber'
  return 'red'
}
