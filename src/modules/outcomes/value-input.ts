import Decimal from 'decimal.js'
import type { VerificationLevel } from '../../db/schema-outcomes.ts'
import {
  type BreakdownCell,
  type FieldError,
  ratioTotal,
  scaleForUnit,
  validateValue,
} from '../../domain/aggregation.ts'
import { isRatio } from '../../domain/aggregation-kind.ts'
import { isKnownMunicipality } from '../../domain/municipalities.ts'
import type { Period } from '../../domain/periods.ts'
import type { AssignmentRow } from './assignments-repo.ts'
import { coversPeriod } from './coverage.ts'
import type { IndicatorRow } from './indicators-repo.ts'

/**
 * Turns values as entered (JSON or CSV rows) into values to store, with every problem as a field
 * error next to its path. The checks of PRODUCT.md §3 are validateValue's; this adds what needs
 * the venture's assignments (unassigned indicator, period outside the assignment) and the
 * municipality register (a number in use during the period: 0213 for 2019, 3207 from 2024).
 */
export interface CellIn {
  dimension: string
  category: string
  value?: string | undefined
  numerator?: string | undefined
  denominator?: string | undefined
}

export interface ValueIn {
  indicatorCode: string
  total?: string | null | undefined
  numerator?: string | undefined
  denominator?: string | undefined
  breakdowns?: CellIn[] | undefined
  note?: string | undefined
  evidence?: string[] | undefined
  verificationLevel?: VerificationLevel | undefined
}

export interface StoredCell {
  dimension: 'gender' | 'age_band' | 'municipality'
  category: string
  value: string
  numerator: string | null
  denominator: string | null
}

export interface StoredValue {
  assignmentId: string
  indicatorCode: string
  total: string
  numerator: string | null
  denominator: string | null
  breakdowns: StoredCell[]
  note: string
  evidence: string[]
  verificationLevel: VerificationLevel
}

export interface AssignmentWithIndicator {
  assignment: AssignmentRow
  indicator: IndicatorRow
}

/**
 * A problem inside one value; `path` is relative to the value (`total`, `breakdowns.2.value`),
 * `code` and `params` say what it is (the domain's field codes), `message` says it in English.
 */
export type ValueProblem = FieldError

const dec = (s: string | undefined | null) => (s === undefined || s === null ? undefined : new Decimal(s))
/** Rates entered without a total get numerator × scale / denominator, to 2 decimals. */
const RATE_DECIMALS = 2

function findAssignment(
  code: string,
  period: Period,
  assignments: readonly AssignmentWithIndicator[],
): AssignmentWithIndicator | ValueProblem {
  const match = assignments.find((a) => a.assignment.indicatorCode === code)
  if (!match) {
    return {
      path: 'indicatorCode',
      code: 'value.not_assigned',
      params: { code },
      message: `The venture does not report on ${code}`,
    }
  }
  const a = match.assignment
  if (!coversPeriod(a, period)) {
    const span = a.endDate ? `from ${a.startDate} to ${a.endDate}` : `from ${a.startDate}`
    return {
      path: 'indicatorCode',
      code: 'value.outside_assignment',
      params: {
        code,
        period: period.key,
        frequency: a.frequency,
        startDate: a.startDate,
        ...(a.endDate ? { endDate: a.endDate } : {}),
      },
      message: `${code} is reported ${a.frequency} ${span}: ${period.key} is outside the assignment`,
    }
  }
  return match
}

/** Known municipality number, in use at some time during the period. */
function municipalityProblem(path: string, code: string, period: Period): ValueProblem | null {
  // An import asks the same (number, period) once per indicator: the register lookup is remembered.
  const key = `${code}|${period.key}`
  let answer = municipalityAnswers.get(key)
  if (answer === undefined) {
    answer = !isKnownMunicipality(code)
      ? {
          code: 'value.municipality_unknown',
          params: { code },
          message: `${code} is not a Norwegian municipality number`,
        }
      : isKnownMunicipality(code, period.start) || isKnownMunicipality(code, period.end)
        ? null
        : {
            code: 'value.municipality_not_in_period',
            params: { code, period: period.key },
            message: `${code} was not a municipality number in use during ${period.key}`,
          }
    // Bounded: the register is fixed, so the answers never go stale, but arbitrary input must not grow it forever.
    if (municipalityAnswers.size >= 20_000) municipalityAnswers.clear()
    municipalityAnswers.set(key, answer)
  }
  return answer && { path, ...answer, params: { ...answer.params } }
}
const municipalityAnswers = new Map<string, Omit<ValueProblem, 'path'> | null>()

/** Checks one value against the venture's assignments for the period. */
export function checkValue(
  input: ValueIn,
  period: Period,
  assignments: readonly AssignmentWithIndicator[],
): { value: StoredValue | null; problems: ValueProblem[] } {
  const found = findAssignment(input.indicatorCode, period, assignments)
  if ('message' in found) return { value: null, problems: [found] }
  const { assignment, indicator } = found
  const ratioKind = isRatio(indicator.aggregation)
  const scale = scaleForUnit(indicator.unit)
  const filled = (total: string | null | undefined, num?: string, den?: string) => {
    if (total !== undefined && total !== null) return new Decimal(total)
    if (ratioKind && num !== undefined && den !== undefined)
      return ratioTotal(new Decimal(num), new Decimal(den), scale, RATE_DECIMALS)
    return null
  }
  const total = filled(input.total, input.numerator, input.denominator)
  const cells = (input.breakdowns ?? []).map((c) => {
    const value = filled(c.value, c.numerator, c.denominator)
    return { cell: c, value }
  })
  const problems: ValueProblem[] = []
  cells.forEach(({ value }, i) => {
    if (value === null && !ratioKind)
      problems.push({ path: `breakdowns.${i}.value`, code: 'value.required', message: 'A value is required' })
  })
  const breakdowns: BreakdownCell[] = cells.map(({ cell, value }) => ({
    dimension: cell.dimension,
    category: cell.category,
    // A ratio cell without parts has no value; validateValue reports the missing parts.
    value: value ?? new Decimal(0),
    ...(cell.numerator !== undefined ? { numerator: new Decimal(cell.numerator) } : {}),
    ...(cell.denominator !== undefined ? { denominator: new Decimal(cell.denominator) } : {}),
  }))
  // A figure the caller left out and we computed from its parts is never the one to blame.
  const computed = new Set<string>()
  if ((input.total === undefined || input.total === null) && total !== null) computed.add('')
  cells.forEach(({ cell, value }, i) => {
    if (cell.value === undefined && value !== null) computed.add(`breakdowns.${i}.`)
  })
  const blamesComputed = (path: string) =>
    [...computed].some((prefix) => path === `${prefix}${prefix ? 'value' : 'total'}`)
  problems.push(
    ...validateValue(
      {
        total,
        ...(input.numerator !== undefined ? { numerator: new Decimal(input.numerator) } : {}),
        ...(input.denominator !== undefined ? { denominator: new Decimal(input.denominator) } : {}),
        breakdowns,
      },
      {
        unit: indicator.unit,
        aggregation: indicator.aggregation,
        personal: indicator.personal,
        allowedBreakdowns: indicator.allowedBreakdowns,
      },
    ).filter((e) => !problems.some((p) => p.path === e.path) && !blamesComputed(e.path)),
  )
  cells.forEach(({ cell }, i) => {
    if (cell.dimension !== 'municipality' || !/^\d{4}$/.test(cell.category)) return
    const problem = municipalityProblem(`breakdowns.${i}.category`, cell.category, period)
    if (problem) problems.push(problem)
  })
  if (problems.length > 0 || total === null) return { value: null, problems }
  return {
    value: {
      assignmentId: assignment.id,
      indicatorCode: indicator.code,
      total: total.toFixed(),
      numerator: dec(input.numerator)?.toFixed() ?? null,
      denominator: dec(input.denominator)?.toFixed() ?? null,
      breakdowns: cells.map(({ cell, value }) => ({
        dimension: cell.dimension as StoredCell['dimension'],
        category: cell.category,
        value: value!.toFixed(),
        numerator: dec(cell.numerator)?.toFixed() ?? null,
        denominator: dec(cell.denominator)?.toFixed() ?? null,
      })),
      note: input.note ?? '',
      evidence: input.evidence ?? [],
      verificationLevel: input.verificationLevel ?? 'self_reported',
    },
    problems,
  }
}

/** Checks a whole set of values for one report; each indicator at most once. */
export function checkValues(
  inputs: readonly ValueIn[],
  period: Period,
  assignments: readonly AssignmentWithIndicator[],
): { values: StoredValue[]; problems: (ValueProblem & { index: number })[] } {
  const values: StoredValue[] = []
  const problems: (ValueProblem & { index: number })[] = []
  const seen = new Set<string>()
  inputs.forEach((input, index) => {
    if (seen.has(input.indicatorCode)) {
      problems.push({
        index,
        path: 'indicatorCode',
        code: 'value.duplicate',
        params: { what: input.indicatorCode, code: input.indicatorCode },
        message: `${input.indicatorCode} is given more than once`,
      })
      return
    }
    seen.add(input.indicatorCode)
    const checked = checkValue(input, period, assignments)
    problems.push(...checked.problems.map((p) => ({ ...p, index })))
    if (checked.value) values.push(checked.value)
  })
  return { values, problems }
}
