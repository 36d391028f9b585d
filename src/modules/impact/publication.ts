import { isRatio } from '../../domain/aggregation-kind.ts'
import { AuditInputError } from '../../domain/disclosure-audit.ts'
import { chooseSuppression } from '../../domain/secondary-suppression.ts'
import type { Bucket, Buckets, Figure } from './buckets.ts'
import {
  type Cell,
  COUNT_REASON,
  hidden,
  type PublishedRow,
  type PublishedYear,
  publishYear,
  ruleOf,
} from './disclosure.ts'
import { cellKey, type Field, type ViewYear, yearTable } from './disclosure-table.ts'
import { memo } from './memo.ts'
import type { IndicatorRow } from './repo.ts'

/**
 * Disclosure control over every anonymous view of a place together (PRODUCT.md §4): open data and
 * each municipality organization's `/v1/impact`, verified and with submitted values. Each view's
 * years are first protected on their own (disclosure.ts), then the attacker of
 * domain/disclosure-audit.ts reads all of them at once and domain/secondary-suppression.ts hides
 * more cells until it recovers nothing. Every view of the place is computed from the same inputs,
 * so a cell reads the same in JSON, CSV and /v1/impact, whoever asks; the choice is memoised by
 * the figures themselves (memo.ts), so it is paid once per data version.
 */
export interface PlaceView {
  /** `open`, or `org:<id>:verified` / `org:<id>:unverified`; the order of views is stable. */
  key: string
  buckets: Buckets
  /** The ventures whose values the view adds up. */
  ventures: ReadonlySet<string>
}

export type PublishedViews = Map<string, Map<string, PublishedYear[]>>

const fig = (f: Figure) => [f.value.toString(), f.numerator.toString(), f.denominator.toString()]
const bucketKey = (b: Bucket) => [
  b.key,
  fig(b.total),
  b.ventures,
  b.yearly,
  [...b.cells].map(([d, cats]) => [d, [...cats].map(([c, f]) => [c, fig(f)])]),
]

const subset = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].every((x) => b.has(x))

function yearsOf(byKey: ReadonlyMap<string, Bucket>, year: string) {
  const quarters = [...byKey.values()].filter((b) => b.key.length > 4 && b.key.startsWith(`${year}-`))
  return { quarters, year: byKey.get(year) as Bucket }
}

/** Results per loaded set of views (kept per data version by municipal-data.ts): no keys to build. */
const byViews = new WeakMap<readonly PlaceView[], Map<string, PublishedViews>>()

/** Every view's protected years of every indicator: view key → indicator code → years. */
export function publishPlace(
  indicators: readonly IndicatorRow[],
  views: readonly PlaceView[],
  threshold: number,
): PublishedViews {
  const key = JSON.stringify([threshold, indicators.map((i) => [i.code, i.unit, i.aggregation, i.personal])])
  const known = byViews.get(views) ?? new Map<string, PublishedViews>()
  byViews.set(views, known)
  const hit = known.get(key)
  if (hit) return hit
  const result = computePlace(indicators, views, threshold)
  known.set(key, result)
  return result
}

function computePlace(
  indicators: readonly IndicatorRow[],
  views: readonly PlaceView[],
  threshold: number,
): PublishedViews {
  const out: PublishedViews = new Map(views.map((v) => [v.key, new Map()]))
  const containment = views.map((a) => views.map((b) => subset(a.ventures, b.ventures)))
  const contains = (a: string, b: string) =>
    containment[views.findIndex((v) => v.key === a)]?.[views.findIndex((v) => v.key === b)] === true
  for (const indicator of indicators) {
    const present = views.filter((v) => v.buckets.has(indicator.code))
    const years = new Set(
      present.flatMap((v) =>
        [...(v.buckets.get(indicator.code)?.keys() ?? [])].filter((k) => k.length === 4),
      ),
    )
    for (const year of [...years].sort()) {
      const inputs: ViewYear[] = present.flatMap((v) => {
        const byKey = v.buckets.get(indicator.code) as Map<string, Bucket>
        return byKey.has(year) ? [{ view: v.key, ...yearsOf(byKey, year) }] : []
      })
      const published = publishJointly(indicator, inputs, threshold, contains, containment)
      inputs.forEach((v, n) => {
        const years = out.get(v.view) as Map<string, PublishedYear[]>
        const list = years.get(indicator.code) ?? []
        list.push(published[n] as PublishedYear)
        years.set(indicator.code, list)
      })
    }
  }
  return out
}

/** One indicator's year in every view, memoised by the figures (a hit skips all the work). */
function publishJointly(
  indicator: IndicatorRow,
  inputs: ViewYear[],
  threshold: number,
  contains: (a: string, b: string) => boolean,
  containment: boolean[][],
): PublishedYear[] {
  const key = [
    'joint',
    threshold,
    indicator.code,
    indicator.unit,
    indicator.aggregation,
    indicator.personal,
    containment,
    inputs.map((v) => [v.view, v.quarters.map(bucketKey), bucketKey(v.year)]),
  ]
  return memo(key, () => {
    const initial = inputs.map((v) => publishYear(indicator, v.quarters, v.year, threshold))
    if (ruleOf(indicator) === 'open') return initial
    const shownBy = new Map(inputs.map((v, n) => [v.view, shownCells(initial[n] as PublishedYear)]))
    const shown = (view: string, period: string, field: Field, dim?: string, cat?: string) =>
      shownBy.get(view)?.get(cellKey(period, field, dim, cat)) === true
    const table = yearTable(indicator, inputs, shown, contains)
    let extra: Set<string>
    try {
      extra = chooseSuppression(table, { threshold }).hidden
    } catch (err) {
      if (!(err instanceof AuditInputError)) throw err
      // Figures the relations cannot hold (a negative count, say) cannot be checked: hide them all.
      extra = new Set(table.cells.filter((c) => c.published).map((c) => c.id))
    }
    return inputs.map((v, n) => applyHidden(indicator, v.view, initial[n] as PublishedYear, extra))
  })
}

/** Cell key → shown, as a reader of one protected year sees it. */
export function shownCells(y: PublishedYear): Map<string, boolean> {
  const out = new Map<string, boolean>()
  for (const r of [...y.quarters, y.total]) {
    out.set(cellKey(r.period, 'value'), !r.value.suppressed)
    if (r.numerator) out.set(cellKey(r.period, 'numerator'), !r.numerator.suppressed)
    if (r.denominator) out.set(cellKey(r.period, 'denominator'), !r.denominator.suppressed)
    for (const [dim, cats] of Object.entries(r.breakdowns))
      for (const [cat, c] of Object.entries(cats))
        out.set(cellKey(r.period, 'value', dim, cat), !c.suppressed)
  }
  return out
}

function applyHidden(
  indicator: IndicatorRow,
  view: string,
  y: PublishedYear,
  extra: Set<string>,
): PublishedYear {
  if (extra.size === 0) return y
  const ratio = isRatio(indicator.aggregation)
  const reason = ruleOf(indicator) === 'financial' ? 'secondary' : COUNT_REASON
  const has = (period: string, field: Field, dim?: string, cat?: string) =>
    extra.has(`${view}|${indicator.code}|${cellKey(period, field, dim, cat)}`)
  const hide = (c: Cell, yes: boolean): Cell => (yes && !c.suppressed ? hidden(reason) : c)
  const row = (r: PublishedRow): PublishedRow => {
    const whole = ratio ? has(r.period, 'numerator') || has(r.period, 'denominator') : has(r.period, 'value')
    return {
      ...r,
      value: hide(r.value, whole),
      numerator: r.numerator && hide(r.numerator, whole),
      denominator: r.denominator && hide(r.denominator, whole),
      breakdowns: Object.fromEntries(
        Object.entries(r.breakdowns).map(([dim, cats]) => [
          dim,
          Object.fromEntries(
            Object.entries(cats).map(([cat, c]) => [
              cat,
              hide(
                c,
                ratio
                  ? has(r.period, 'numerator', dim, cat) || has(r.period, 'denominator', dim, cat)
                  : has(r.period, 'value', dim, cat),
              ),
            ]),
          ),
        ]),
      ),
    }
  }
  return { ...y, quarters: y.quarters.map(row), total: row(y.total) }
}
