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
import { listAssignments, listTargets } from './assignments-repo.ts'
import { todayInNorway } from './clock.ts'
import { duePeriods } from './coverage.ts'
import { findIndicators } from './indicators-repo.ts'
import { overdueFlag } from './report-view.ts'
import { listReportsOf } from './reports-repo.ts'
import { latestVerifiedValues } from './series-repo.ts'

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
  const assignments = await listAssignments(db, ventureIds)
  const indicators = new Map(
    (await findIndicators(db, [...new Set(assignments.map((a) => a.indicatorCode))])).map((i) => [i.code, i]),
  )
  const targets = await listTargets(
    db,
    assignments.map((a) => a.id),
  )
  const reports = await listReportsOf(db, ventureIds)
  const latest = new Map((await latestVerifiedValues(db, ventureIds)).map((v) => [v.assignmentId, v]))
  const today = todayInNorway(now)

  return ventureIds.map((ventureId) => {
    const own = assignments.filter((a) => a.ventureOrgId === ventureId)
    const ownReports = reports.filter((r) => r.ventureOrgId === ventureId)
    const indicatorsOut = own.map((a): PortfolioIndicator => {
      const indicator = indicators.get(a.indicatorCode)!
      const value = latest.get(a.id)
      const targetRow = value && targets.find((t) => t.assignmentId === a.id && t.period === value.period)
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
    const periods = new Set([...byPeriod.keys(), ...own.flatMap((a) => duePeriods(a, today))])
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
