import Decimal from 'decimal.js'
import type { ReportStatus } from '../../db/schema-outcomes.ts'
import type { Db } from '../../db/tx.ts'
import {
  DEFAULT_STATUS_THRESHOLDS,
  type ProgressStatus,
  progressStatus,
  progressToTarget,
  type StatusThresholds,
} from '../../domain/aggregation.ts'
import type { Aggregation } from '../../domain/aggregation-kind.ts'
import { comparePeriods, dueDate } from '../../domain/periods.ts'
import { groupBy } from '../capital/index.ts'
import { type AssignmentRow, listAssignments, listTargets } from './assignments-repo.ts'
import { todayInNorway } from './clock.ts'
import { duePeriods } from './coverage.ts'
import { findIndicators, type IndicatorRow } from './indicators-repo.ts'
import { overdueFlag } from './report-view.ts'
import { listReportsOf, type ReportRow } from './reports-repo.ts'
import { type CountedValue, latestVerifiedValues } from './series-repo.ts'

/**
 * The outcomes part of an investor's portfolio (PRODUCT.md §9 "outcomes against targets per
 * venture with red/amber/green, reports awaiting verification, overdue reports"), for ventures the
 * caller has already been allowed to see. Five queries whatever the number of ventures.
 *
 * Per assigned indicator: the latest verified value (the latest period with a verified report),
 * that period's target, the baseline, progress to target and status. A target counts only when
 * it was set for exactly that period.
 */
export interface PortfolioIndicator {
  assignmentId: string
  indicatorCode: string
  nameNb: string
  nameEn: string
  unit: string
  aggregation: Aggregation
  direction: 'increase' | 'decrease'
  personal: boolean
  frequency: 'monthly' | 'quarterly' | 'yearly'
  /** The period of the latest verified value; null when nothing is verified yet. */
  period: string | null
  value: string | null
  numerator: string | null
  denominator: string | null
  baseline: string | null
  target: string | null
  /** Fraction of the way from baseline to target (1 = on target), 4 decimals. */
  progress: string | null
  status: ProgressStatus | null
}

export interface PortfolioReport {
  reportId: string | null
  period: string
  dueDate: string
  status: ReportStatus | 'not_started'
  revision: number | null
  updatedAt: Date | null
}

export interface PortfolioVentureOutcomes {
  ventureId: string
  indicators: PortfolioIndicator[]
  awaitingVerification: PortfolioReport[]
  overdue: PortfolioReport[]
}

export async function portfolioOutcomes(
  db: Db,
  ventureIds: string[],
  now: Date,
  dueDays: number,
  thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
): Promise<PortfolioVentureOutcomes[]> {
  const [assignments, reports, latest] = await Promise.all([
    listAssignments(db, ventureIds),
    listReportsOf(db, ventureIds),
    latestVerifiedValues(db, ventureIds),
  ])
  const [indicators, targets] = await Promise.all([
    findIndicators(db, [...new Set(assignments.map((a) => a.indicatorCode))]),
    listTargets(
      db,
      assignments.map((a) => a.id),
    ),
  ])
  return portfolioOutcomesOf(
    {
      assignments,
      indicators: new Map(indicators.map((i) => [i.code, i])),
      targets,
      reports,
      latest: new Map(latest.map((v) => [v.assignmentId, v])),
    },
    ventureIds,
    now,
    dueDays,
    thresholds,
  )
}

/** What the outcomes section is computed from, loaded by the caller. */
export interface PortfolioOutcomeRows {
  assignments: readonly AssignmentRow[]
  indicators: ReadonlyMap<string, IndicatorRow>
  targets: readonly TargetRow[]
  reports: readonly Pick<ReportRow, 'id' | 'ventureOrgId' | 'period' | 'status' | 'revision' | 'updatedAt'>[]
  /** Per assignment id, its latest verified value (latestVerifiedValues, or latestOfCounted). */
  latest: ReadonlyMap<string, LatestValue>
}

export type TargetRow = Awaited<ReturnType<typeof listTargets>>[number]
export type LatestValue = Pick<
  CountedValue,
  'assignmentId' | 'total' | 'numerator' | 'denominator' | 'period'
>

/**
 * Per assignment, the last of its counted verified values (countedValues with includeUnverified
 * false, which come by assignment and period end): the same value latestVerifiedValues selects,
 * without a query of its own. Pure.
 */
export function latestOfCounted(values: readonly CountedValue[]): Map<string, LatestValue> {
  const latest = new Map<string, CountedValue>()
  for (const v of values) {
    const seen = latest.get(v.assignmentId)
    if (!seen || seen.periodEnd <= v.periodEnd) latest.set(v.assignmentId, v)
  }
  return latest
}

/** The outcomes section from loaded rows. Pure. */
export function portfolioOutcomesOf(
  rows: PortfolioOutcomeRows,
  ventureIds: string[],
  now: Date,
  dueDays: number,
  thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS,
): PortfolioVentureOutcomes[] {
  const { indicators, latest } = rows
  const assignmentsOf = groupBy(rows.assignments, (a) => a.ventureOrgId)
  const reportsOf = groupBy(rows.reports, (r) => r.ventureOrgId)
  const targetOf = new Map(rows.targets.map((t) => [`${t.assignmentId}|${t.period}`, t]))
  const today = todayInNorway(now)
  // Most assignments share a frequency and start (a venture's, a portfolio's): their due periods
  // are computed once per span, not once per assignment (most of the time for 200 ventures).
  const dueBySpan = new Map<string, string[]>()
  const due = (a: AssignmentRow) => {
    const key = `${a.frequency}|${a.startDate}|${a.endDate}`
    let periods = dueBySpan.get(key)
    if (!periods) {
      periods = duePeriods(a, today)
      dueBySpan.set(key, periods)
    }
    return periods
  }

  return ventureIds.map((ventureId) => {
    const own = assignmentsOf.get(ventureId) ?? []
    const ownReports = reportsOf.get(ventureId) ?? []
    const indicatorsOut = own.map((a): PortfolioIndicator => {
      const indicator = indicators.get(a.indicatorCode)!
      const value = latest.get(a.id)
      const targetRow = value && targetOf.get(`${a.id}|${value.period}`)
      const progress =
        value && targetRow && a.baselineValue !== null
          ? progressToTarget({
              direction: indicator.direction,
              baseline: new Decimal(a.baselineValue),
              target: new Decimal(targetRow.value),
              actual: new Decimal(value.total),
            })
          : null
      return {
        assignmentId: a.id,
        indicatorCode: a.indicatorCode,
        nameNb: indicator.nameNb,
        nameEn: indicator.nameEn,
        unit: indicator.unit,
        aggregation: indicator.aggregation,
        direction: indicator.direction,
        personal: indicator.personal,
        frequency: a.frequency,
        period: value?.period ?? null,
        value: value?.total ?? null,
        numerator: value?.numerator ?? null,
        denominator: value?.denominator ?? null,
        baseline: a.baselineValue,
        target: targetRow?.value ?? null,
        progress: progress === null ? null : progress.toDecimalPlaces(4).toFixed(),
        status: progressStatus(progress, thresholds),
      }
    })
    const summary = (period: string, r: (typeof ownReports)[number] | undefined): PortfolioReport => ({
      reportId: r?.id ?? null,
      period,
      dueDate: dueDate(period, dueDays),
      status: r?.status ?? 'not_started',
      revision: r?.revision ?? null,
      updatedAt: r?.updatedAt ?? null,
    })
    const byPeriod = new Map(ownReports.map((r) => [r.period, r]))
    const periods = new Set([...byPeriod.keys(), ...own.flatMap(due)])
    const overdue = [...periods]
      .filter((p) => {
        const r = byPeriod.get(p)
        return overdueFlag(p, r?.status ?? 'not_started', r?.revision ?? 1, dueDays, today)
      })
      .sort(comparePeriods)
      .map((p) => summary(p, byPeriod.get(p)))
    return {
      ventureId,
      indicators: indicatorsOut,
      awaitingVerification: ownReports
        .filter((r) => r.status === 'submitted')
        .map((r) => summary(r.period, r)),
      overdue,
    }
  })
}
