import { Decimal } from '../../src/domain/money.ts'
import { ventureEconomicsOut } from '../../src/modules/economics/index.ts'
import type { PortfolioReport } from '../../src/modules/outcomes/index.ts'
import type { Portfolio } from '../../src/modules/portfolio/index.ts'

/**
 * The portfolio's outcome and economics figures, derived from what the portfolio service already
 * computed (outcomes against targets, reports, cost per outcome, attribution; people reached and
 * the portfolio SROI come computed in its totals). Pure, so the
 * sums the page shows are unit-tested; every amount stays a decimal string until v.fmt formats it.
 */
type PortfolioVenture = Portfolio['ventures'][number]

/** The economics of one venture as the API serialises them: money 2 decimals, share 6, ratios 2. */
export const economicsOf = (venture: Pick<PortfolioVenture, 'economics'>) =>
  ventureEconomicsOut(venture.economics)

export type StatusKey = 'green' | 'amber' | 'red' | 'none'
export const STATUS_KEYS: readonly StatusKey[] = ['green', 'amber', 'red', 'none']

/** How many indicators stand at each status (`none`: no verified value or no target for its period). */
export function statusCounts(indicators: { status: 'green' | 'amber' | 'red' | null }[]) {
  const counts: Record<StatusKey, number> = { green: 0, amber: 0, red: 0, none: 0 }
  for (const i of indicators) counts[i.status ?? 'none']++
  return counts
}

export interface ReportItem extends PortfolioReport {
  ventureId: string
  ventureName: string
}

const byPeriodThenName = (a: ReportItem, b: ReportItem) =>
  a.period < b.period ? -1 : a.period > b.period ? 1 : a.ventureName.localeCompare(b.ventureName, 'nb')

type OutcomeVenture = Pick<PortfolioVenture, 'venture' | 'outcomes'>

/** Every submitted report of the portfolio, oldest period first: the investor's review queue. */
export function reportsAwaitingVerification(ventures: OutcomeVenture[]): ReportItem[] {
  return ventures
    .flatMap((v) =>
      v.outcomes.awaitingVerification.map((r) => ({
        ...r,
        ventureId: v.venture.id,
        ventureName: v.venture.name,
      })),
    )
    .sort(byPeriodThenName)
}

/** Every overdue report of the portfolio, oldest period first. */
export function overdueReports(ventures: OutcomeVenture[]): ReportItem[] {
  return ventures
    .flatMap((v) =>
      v.outcomes.overdue.map((r) => ({ ...r, ventureId: v.venture.id, ventureName: v.venture.name })),
    )
    .sort(byPeriodThenName)
}

/** Whole days from a due date to today (both YYYY-MM-DD); 0 when not past. */
export function daysLate(dueDate: string, today: string): number {
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000
  return Number.isFinite(days) && days > 0 ? Math.round(days) : 0
}

/** Where a report is reviewed: its own page, with its values, evidence and the verify action. */
export const reportHref = (ventureId: string, reportId: string | null) =>
  reportId ? `/ventures/${ventureId}/reports/${reportId}` : `/ventures/${ventureId}#reports`

type SerialisedEconomics = ReturnType<typeof economicsOf>

export interface SharedIndicatorCosts {
  indicatorCode: string
  nameNb: string
  nameEn: string
  /** Cheapest first, then by name; only ventures with a cost per outcome. */
  ventures: { id: string; name: string; costPerUnit: string }[]
}

/**
 * The outcome indicator measured by most ventures, with each one's cost per outcome: the one
 * comparison across ventures that compares like with like. Null when fewer than `min` ventures
 * share an indicator (a chart of two bars says nothing the table does not).
 */
export function sharedIndicatorCosts(
  rows: { id: string; name: string; e: SerialisedEconomics }[],
  min = 3,
): SharedIndicatorCosts | null {
  const byCode = new Map<string, SharedIndicatorCosts>()
  for (const { id, name, e } of rows) {
    for (const o of e.outcomes) {
      if (o.costPerUnit === null) continue
      const entry = byCode.get(o.indicatorCode) ?? {
        indicatorCode: o.indicatorCode,
        nameNb: o.nameNb,
        nameEn: o.nameEn,
        ventures: [],
      }
      entry.ventures.push({ id, name, costPerUnit: o.costPerUnit })
      byCode.set(o.indicatorCode, entry)
    }
  }
  const best = [...byCode.values()].sort(
    (a, b) => b.ventures.length - a.ventures.length || (a.indicatorCode < b.indicatorCode ? -1 : 1),
  )[0]
  if (!best || best.ventures.length < min) return null
  best.ventures.sort(
    (a, b) => new Decimal(a.costPerUnit).cmp(b.costPerUnit) || a.name.localeCompare(b.name, 'nb'),
  )
  return best
}
