import Decimal from 'decimal.js'
import { type Granularity, periodInWindow, requirePeriod } from '../../domain/periods.ts'
import type { Bucket, Buckets } from './buckets.ts'
import {
  type DisclosureRule,
  type PublishedRow,
  type PublishedYear,
  publishYear,
  ruleOf,
} from './disclosure.ts'
import type { IndicatorRow } from './repo.ts'

/**
 * From protected years to what a view shows: the rows of the asked granularity inside the window,
 * and a trend computed from shown figures only (a suppressed figure never enters a difference).
 */
export interface Trend {
  period: string
  value: string
  previousPeriod: string
  previousValue: string
  change: string
  direction: 'up' | 'down' | 'flat'
  /** Up for an `increase` indicator (down for a `decrease` one); null when flat. */
  improving: boolean | null
}

export type ViewRow = PublishedRow & { periodStart: string; periodEnd: string }

export interface IndicatorView {
  indicator: IndicatorRow
  disclosure: DisclosureRule
  periods: ViewRow[]
  trend: Trend | null
}

/** Every protected year of one indicator, oldest first. */
export function protectedYears(
  indicator: IndicatorRow,
  byKey: ReadonlyMap<string, Bucket>,
  threshold: number,
) {
  const years = [...byKey.keys()].filter((k) => k.length === 4).sort()
  return years.map((y) => {
    const quarters = [...byKey.values()].filter((b) => b.key.length > 4 && b.key.startsWith(`${y}-`))
    return publishYear(indicator, quarters, byKey.get(y) as Bucket, threshold)
  })
}

const withDates = (r: PublishedRow): ViewRow => {
  const p = requirePeriod(r.period)
  return { ...r, periodStart: p.start, periodEnd: p.end }
}

/** The rows of one granularity; a year published whole stands in for its quarters. */
export function rowsOf(years: readonly PublishedYear[], granularity: Granularity): ViewRow[] {
  return years
    .flatMap((y) => (granularity === 'year' || y.quarters.length === 0 ? [y.total] : y.quarters))
    .map(withDates)
}

const yearBefore = (key: string) => `${Number(key.slice(0, 4)) - 1}${key.slice(4)}`

/** The latest shown figure against the same period a year earlier, when that is shown too. */
export function trendOf(rows: readonly ViewRow[], direction: 'increase' | 'decrease'): Trend | null {
  const visible = rows.filter((r) => !r.value.suppressed && r.value.value !== null)
  const latest = visible[visible.length - 1]
  if (!latest) return null
  const previous = visible.find((r) => r.period === yearBefore(latest.period))
  if (!previous) return null
  const now = latest.value.value as string
  const before = previous.value.value as string
  const diff = new Decimal(now).minus(before)
  return {
    period: latest.period,
    value: now,
    previousPeriod: previous.period,
    previousValue: before,
    change: diff.toFixed(),
    direction: diff.isZero() ? 'flat' : diff.isPositive() ? 'up' : 'down',
    improving: diff.isZero() ? null : diff.isPositive() === (direction === 'increase'),
  }
}

/** Every indicator with figures in the window, by code. */
export function composeIndicators(
  indicators: readonly IndicatorRow[],
  buckets: Buckets,
  opts: { granularity: Granularity; from?: string | undefined; to?: string | undefined; threshold: number },
): IndicatorView[] {
  const years = new Map<string, PublishedYear[]>()
  for (const indicator of indicators) {
    const byKey = buckets.get(indicator.code)
    if (byKey) years.set(indicator.code, protectedYears(indicator, byKey, opts.threshold))
  }
  return composeFromYears(indicators, years, opts)
}

/** The same from years already protected (publication.ts: all views of a place together). */
export function composeFromYears(
  indicators: readonly IndicatorRow[],
  published: ReadonlyMap<string, readonly PublishedYear[]>,
  opts: { granularity: Granularity; from?: string | undefined; to?: string | undefined },
): IndicatorView[] {
  const out: IndicatorView[] = []
  for (const indicator of indicators) {
    const years = published.get(indicator.code)
    if (!years) continue
    const rows = rowsOf(years, opts.granularity).filter((r) => periodInWindow(r.period, opts.from, opts.to))
    if (rows.length === 0) continue
    out.push({
      indicator,
      disclosure: ruleOf(indicator),
      periods: rows,
      trend: trendOf(rows, indicator.direction),
    })
  }
  return out
}
