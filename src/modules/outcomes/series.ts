import Decimal from 'decimal.js'
import {
  aggregateOverPeriods,
  type PeriodValue,
  type ProgressStatus,
  progressStatus,
  progressToTarget,
  regroup,
  scaleForUnit,
} from '../../domain/aggregation.ts'
import { isRatio } from '../../domain/aggregation-kind.ts'
import { type Granularity, parsePeriod, periodInWindow, requirePeriod } from '../../domain/periods.ts'
import type { AssignmentRow } from './assignments-repo.ts'
import { effectiveGranularity, groupOf } from './coverage.ts'
import type { IndicatorRow } from './indicators-repo.ts'
import { baselineFor, targetFor } from './targets.ts'

/**
 * One indicator's time series for one venture: values regrouped per quarter or year by the
 * indicator's semantics (aggregation.ts), with baseline, target, progress and status per period.
 * Pure: the caller loads the values and targets.
 */
export interface SeriesValue {
  period: string
  total: string
  numerator: string | null
  denominator: string | null
  unverified: boolean
}

export interface SeriesPoint {
  period: string
  periodStart: string
  periodEnd: string
  value: Decimal | null
  numerator: Decimal | null
  denominator: Decimal | null
  /** How many reporting periods the value is built from. */
  reportedPeriods: number
  baseline: Decimal | null
  target: Decimal | null
  progress: Decimal | null
  status: ProgressStatus | null
  unverified: boolean
}

export interface Series {
  granularity: Granularity
  baseline: Decimal | null
  /** The whole window by the indicator's semantics (a flow's sum, a stock's latest, Σnum/Σden). */
  window: { value: Decimal | null; numerator: Decimal | null; denominator: Decimal | null }
  points: SeriesPoint[]
  includesUnverified: boolean
}

const FREQUENCY_OF: Record<Granularity, string> = { quarter: 'quarterly', year: 'yearly' }

export function buildSeries(
  assignment: AssignmentRow,
  indicator: IndicatorRow,
  values: readonly SeriesValue[],
  targets: ReadonlyMap<string, Decimal>,
  opts: {
    granularity: Granularity
    from?: string | undefined
    to?: string | undefined
    thresholds?: { green: Decimal.Value; amber: Decimal.Value }
  },
): Series {
  const granularity = effectiveGranularity(assignment.frequency, opts.granularity)
  const scale = scaleForUnit(indicator.unit)
  const inWindow = values.filter((v) => periodInWindow(v.period, opts.from, opts.to))
  const raw: PeriodValue[] = inWindow.map((v) => ({
    period: v.period,
    value: new Decimal(v.total),
    ...(v.numerator !== null ? { numerator: new Decimal(v.numerator) } : {}),
    ...(v.denominator !== null ? { denominator: new Decimal(v.denominator) } : {}),
  }))
  const grouped = new Map(regroup(indicator.aggregation, raw, granularity, scale).map((g) => [g.period, g]))
  const groups = new Set(grouped.keys())
  // Periods with a target but no value yet still belong on a chart against the target.
  const order: Record<string, number> = { monthly: 1, quarterly: 3, yearly: 12 }
  for (const key of targets.keys()) {
    const p = parsePeriod(key)
    if (!p || order[p.frequency]! > order[FREQUENCY_OF[granularity]]!) continue
    const group = groupOf(key, granularity)
    if (periodInWindow(group, opts.from, opts.to)) groups.add(group)
  }
  const baselineRaw = assignment.baselineValue === null ? null : new Decimal(assignment.baselineValue)
  const baseline = baselineFor(indicator.aggregation, assignment.frequency, baselineRaw, granularity)
  const points = [...groups]
    .sort((a, b) => (requirePeriod(a).end < requirePeriod(b).end ? -1 : 1))
    .map((key): SeriesPoint => {
      const g = grouped.get(key)
      const p = requirePeriod(key)
      const target = targetFor(indicator.aggregation, assignment.frequency, targets, key)
      const progress =
        g && baseline !== null && target !== null
          ? progressToTarget({ direction: indicator.direction, baseline, target, actual: g.value })
          : null
      const members = inWindow.filter((v) => groupOf(v.period, granularity) === key)
      return {
        period: key,
        periodStart: p.start,
        periodEnd: p.end,
        value: g?.value ?? null,
        numerator: g?.numerator ?? null,
        denominator: g?.denominator ?? null,
        reportedPeriods: members.length,
        baseline,
        target,
        progress,
        status: progressStatus(progress, opts.thresholds),
        unverified: members.some((v) => v.unverified),
      }
    })
  const windowValue = aggregateOverPeriods(indicator.aggregation, raw, scale)
  const sums =
    isRatio(indicator.aggregation) && raw.length > 0
      ? raw.reduce((acc, v) => ({ n: acc.n.plus(v.numerator ?? 0), d: acc.d.plus(v.denominator ?? 0) }), {
          n: new Decimal(0),
          d: new Decimal(0),
        })
      : null
  return {
    granularity,
    baseline,
    window: { value: windowValue, numerator: sums?.n ?? null, denominator: sums?.d ?? null },
    points,
    includesUnverified: inWindow.some((v) => v.unverified),
  }
}
