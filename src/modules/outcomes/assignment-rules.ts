import Decimal from 'decimal.js'
import { isAdditive } from '../../domain/aggregation-kind.ts'
import { parsePeriod } from '../../domain/periods.ts'
import { type FieldError, Problem } from '../../http/problem.ts'
import type { AssignmentRow } from './assignments-repo.ts'
import { lockingPeriod, overlapsSpan, reportingPeriodsIn, targetPeriodAllowed } from './coverage.ts'
import { figureProblem } from './figures.ts'
import type { IndicatorRow } from './indicators-repo.ts'

/**
 * The rules an assignment's baseline and targets follow, as field errors: targets per period of
 * the assignment's frequency or a coarser one, inside its dates, a valid figure for the indicator,
 * on the right side of the baseline; and a target is locked once the report closing its period
 * has been verified.
 */
export interface TargetInput {
  period: string
  value: string | null
}

/** Field errors for targets (and the baseline they are measured against). */
export function targetErrors(
  span: { frequency: AssignmentRow['frequency']; startDate: string; endDate: string | null },
  indicator: IndicatorRow,
  baseline: string | null,
  targets: TargetInput[],
): FieldError[] {
  const errors: FieldError[] = []
  const seen = new Set<string>()
  targets.forEach((t, i) => {
    const path = `targets.${i}`
    const period = parsePeriod(t.period)!
    if (seen.has(t.period))
      errors.push({ in: 'body', path: `${path}.period`, message: `${t.period} is given twice` })
    seen.add(t.period)
    if (!targetPeriodAllowed(span.frequency, period)) {
      errors.push({
        in: 'body',
        path: `${path}.period`,
        message: `A ${span.frequency} assignment takes targets per ${span.frequency.replace('ly', '')} or per year, not for ${t.period}`,
      })
      return
    }
    if (!overlapsSpan(span, period)) {
      errors.push({
        in: 'body',
        path: `${path}.period`,
        message: `${t.period} is outside the assignment’s dates`,
      })
      return
    }
    if (t.value === null) return
    const problem = figureProblem(t.value, indicator)
    if (problem) {
      errors.push({ in: 'body', path: `${path}.value`, message: problem })
      return
    }
    if (baseline === null) return
    // A flow's baseline is per reporting period: a yearly target compares with a year of it.
    const scale = isAdditive(indicator.aggregation) ? reportingPeriodsIn(span.frequency, period.frequency) : 1
    const base = new Decimal(baseline).times(scale)
    const target = new Decimal(t.value)
    if (indicator.direction === 'increase' ? target.lt(base) : target.gt(base)) {
      errors.push({
        in: 'body',
        path: `${path}.value`,
        message: `The indicator should ${indicator.direction}, so the target must be ${indicator.direction === 'increase' ? 'at least' : 'at most'} the baseline (${base.toFixed()} for ${t.period})`,
      })
    }
  })
  return errors
}

export function baselineErrors(
  indicator: IndicatorRow,
  baseline: { value: string; date: string } | null | undefined,
) {
  if (!baseline) return []
  const problem = figureProblem(baseline.value, indicator)
  return problem ? [{ in: 'body', path: 'baseline.value', message: problem }] : []
}

/** 409 naming each target whose period is already closed by a verified report. */
export function refuseLocked(
  ventureId: string,
  frequency: AssignmentRow['frequency'],
  targets: TargetInput[],
  locked: Set<string>,
) {
  const errors = targets
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => locked.has(`${ventureId}/${lockingPeriod(frequency, t.period)}`))
    .map(({ t, i }) => ({
      in: 'body',
      path: `targets.${i}.period`,
      message: `The report for ${lockingPeriod(frequency, t.period)} is verified: the target for ${t.period} is locked`,
    }))
  if (errors.length) {
    throw new Problem('assignment.targets_verified', undefined, { errors })
  }
}
