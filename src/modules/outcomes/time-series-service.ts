import Decimal from 'decimal.js'
import { type Granularity, isValidDate, parsePeriod } from '../../domain/periods.ts'
import { invalidParams } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { requireVentureAccess } from '../../policy/venture-access.ts'
import type { Ctx } from '../context.ts'
import { listTargets } from './assignments-repo.ts'
import { assignmentsFor } from './report-view.ts'
import { buildSeries, type Series } from './series.ts'
import { countedValues } from './series-repo.ts'
import { statusThresholds } from './thresholds.ts'
import type { AssignmentWithIndicator } from './value-input.ts'

export interface TimeSeriesQuery {
  indicator?: string | undefined
  from?: string | undefined
  to?: string | undefined
  granularity: Granularity
  includeUnverified: boolean
}

export interface TimeSeries {
  from: string | null
  to: string | null
  series: (AssignmentWithIndicator & { series: Series })[]
  includesUnverified: boolean
}

/** A window bound given as a date, or as a period (its first day for `from`, its last for `to`). */
function bound(value: string | undefined, side: 'from' | 'to'): string | undefined {
  if (value === undefined || value === '') return undefined
  if (isValidDate(value)) return value
  const period = parsePeriod(value)
  if (period) return side === 'from' ? period.start : period.end
  throw invalidParams('query', [
    { in: 'query', path: side, message: 'Must be a date (YYYY-MM-DD) or a period (2026, 2026-Q3, 2026-07)' },
  ])
}

/**
 * A venture's outcomes over time: per indicator (or the one asked for) and per quarter or year,
 * the value by the indicator's semantics, baseline, target, progress and status. Only verified
 * values unless `includeUnverified`, and the answer says whether any unverified value was used.
 */
export async function timeSeries(ctx: Ctx, ventureId: string, q: TimeSeriesQuery): Promise<TimeSeries> {
  await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  const from = bound(q.from, 'from')
  const to = bound(q.to, 'to')
  if (from && to && from > to) {
    throw invalidParams('query', [{ in: 'query', path: 'to', message: 'Must not be before `from`' }])
  }
  let assignments = await assignmentsFor(ctx.db, ventureId)
  if (q.indicator) {
    assignments = assignments.filter((a) => a.indicator.code === q.indicator)
    if (assignments.length === 0) {
      throw invalidParams('query', [
        { in: 'query', path: 'indicator', message: `The venture does not report on ${q.indicator}` },
      ])
    }
  }
  const ids = assignments.map((a) => a.assignment.id)
  const values = await countedValues(ctx.db, [ventureId], {
    includeUnverified: q.includeUnverified,
    assignmentIds: ids,
  })
  const targets = await listTargets(ctx.db, ids)
  const series = assignments.map((a) => ({
    ...a,
    series: buildSeries(
      a.assignment,
      a.indicator,
      values
        .filter((v) => v.assignmentId === a.assignment.id)
        .map((v) => ({
          period: v.period,
          total: v.total,
          numerator: v.numerator,
          denominator: v.denominator,
          unverified: v.unverified,
        })),
      new Map(
        targets
          .filter((t) => t.assignmentId === a.assignment.id)
          .map((t) => [t.period, new Decimal(t.value)]),
      ),
      { granularity: q.granularity, from, to, thresholds: statusThresholds(ctx.config) },
    ),
  }))
  return {
    from: from ?? null,
    to: to ?? null,
    series,
    includesUnverified: series.some((s) => s.series.includesUnverified),
  }
}
