import { isRatio, isStock } from '../../domain/aggregation-kind.ts'
import type { AuditCell, AuditRelation, AuditTable } from '../../domain/disclosure-audit.ts'
import { withholdFinancial } from '../../domain/suppression.ts'
import type { Bucket, Figure } from './buckets.ts'
import { type IndicatorSemantics, MIN_FINANCIAL_VENTURES, ruleOf, yearLayout } from './disclosure.ts'

/**
 * One indicator's year in every view of a place, as the attacker's table (domain/disclosure-audit):
 * each published cell of each view, what the views imply without printing (the rest of a partial
 * breakdown, a stock's year beyond its last quarter, the difference between two views) and the
 * additive relations a reader knows:
 * - a row's total = Σ its categories + rest, per dimension (a complete breakdown's rest is 0 and
 *   taken as known);
 * - a flow's (or a rate's numerator's and denominator's) year = Σ its quarters, cell by cell;
 * - a stock's year = its last quarter + what ventures reported earlier in the year;
 * - a view W over a superset of the ventures of view V: W = V + difference, cell by cell (the
 *   difference is what the other ventures, or the submitted values, add: protected like any count,
 *   and for money a difference of one or two ventures is a venture's figure).
 * Every number of a place (old ones, and those that roll up into it) serves the same view, and JSON,
 * CSV and /v1/impact print the same cells, so each view is one set of cells whatever its format.
 * A rate's breakdown prints only the rate: it is treated as printing its numerator and denominator,
 * the stronger reader.
 */
export type Field = 'value' | 'numerator' | 'denominator'

export interface ViewYear {
  /** A stable name of the view: `open`, `org:<id>:verified`, … */
  view: string
  quarters: readonly Bucket[]
  year: Bucket
}

/** Whether the reader sees a published cell; a rate's breakdown asks with field `value`. */
export type ShownOf = (view: string, period: string, field: Field, dim?: string, cat?: string) => boolean

export const cellKey = (period: string, field: Field, dim?: string, cat?: string) =>
  dim === undefined ? `${period}|${field}` : `${period}|${field}|${dim}|${cat}`

const idOf = (view: string, code: string, key: string) => `${view}|${code}|${key}`

const numberOf = (f: Figure, field: Field) => f[field].toNumber()

export function yearTable(
  indicator: IndicatorSemantics & { code: string },
  views: readonly ViewYear[],
  shown: ShownOf,
  /** True when view `a`'s ventures are among view `b`'s (same organization's two bases, say). */
  contains: (a: string, b: string) => boolean,
): AuditTable {
  const rule = ruleOf(indicator)
  if (rule === 'open') return { cells: [], relations: [] }
  const kind = rule === 'financial' ? 'amount' : 'count'
  const ratio = isRatio(indicator.aggregation)
  const fields: Field[] = ratio ? ['numerator', 'denominator'] : ['value']
  const cells: AuditCell[] = []
  const relations: AuditRelation[] = []
  /** Per view: cell key → [value, ventures] of its published cells. */
  const printed = new Map<string, Map<string, [number, number]>>()

  for (const v of views) {
    const { byQuarter, rows } = yearLayout(indicator, v.quarters, v.year)
    const mine = new Map<string, [number, number]>()
    printed.set(v.view, mine)
    const id = (key: string) => idOf(v.view, indicator.code, key)
    const add = (c: AuditCell) => cells.push(c)
    for (const b of rows)
      for (const field of fields) {
        const key = cellKey(b.key, field)
        const total = numberOf(b.total, field)
        const protect = kind === 'count' || withholdFinancial(b.ventures, MIN_FINANCIAL_VENTURES)
        add({ id: id(key), kind, value: total, shown: shown(v.view, b.key, field), published: true, protect })
        mine.set(key, [total, b.ventures])
        if (kind === 'amount') continue // no breakdowns of money are published
        for (const [dim, cats] of b.cells) {
          const parts: string[] = []
          let sum = 0
          for (const [cat, f] of cats) {
            const k = cellKey(b.key, field, dim, cat)
            const value = numberOf(f, field)
            const visible = shown(v.view, b.key, ratio ? 'value' : field, dim, cat)
            add({ id: id(k), kind, value, shown: visible, published: true, protect: true })
            mine.set(k, [value, 0])
            parts.push(id(k))
            sum += value
          }
          const rest = total - sum
          if (rest < 0) continue // inconsistent breakdowns are never shown (publishYear)
          const restId = id(`${key}|${dim}|~rest`)
          add({ id: restId, kind, value: rest, shown: rest === 0, published: false, protect: true })
          relations.push({ total: id(key), parts: [...parts, restId] })
        }
      }
    if (!byQuarter) continue
    const year = v.year
    const quarters = rows.slice(0, -1)
    for (const field of fields) {
      const flow = !isStock(indicator.aggregation)
      const sumOf = (pick: (b: Bucket) => Figure | undefined) =>
        quarters.reduce((s, q) => s + (pick(q) ? numberOf(pick(q) as Figure, field) : 0), 0)
      const tie = (key: string, yearValue: number, parts: string[], partsValue: number) => {
        if (flow) {
          // The year is the sum of its quarters whenever the data says so (no yearly reports).
          if (Math.abs(yearValue - partsValue) < 1e-9) relations.push({ total: id(key), parts })
          return
        }
        // A stock's year holds each venture's latest value: its last quarter plus earlier ones.
        const rest = yearValue - partsValue
        if (kind === 'amount' || rest < 0) return
        const restId = id(`${key}|~stock`)
        cells.push({ id: restId, kind, value: rest, shown: false, published: false, protect: true })
        relations.push({ total: id(key), parts: [...parts, restId] })
      }
      const among = flow ? quarters : quarters.slice(-1)
      tie(
        cellKey(year.key, field),
        numberOf(year.total, field),
        among.map((q) => id(cellKey(q.key, field))),
        sumOf((b) => (among.includes(b) ? b.total : undefined)),
      )
      if (kind === 'amount') continue
      for (const [dim, cats] of year.cells)
        for (const [cat, f] of cats) {
          const withCat = among.filter((q) => q.cells.get(dim)?.has(cat))
          if (withCat.length === 0) continue
          tie(
            cellKey(year.key, field, dim, cat),
            numberOf(f, field),
            withCat.map((q) => id(cellKey(q.key, field, dim, cat))),
            sumOf((b) => (withCat.includes(b) ? b.cells.get(dim)?.get(cat) : undefined)),
          )
        }
    }
  }

  // Differences between views over nested sets of ventures.
  for (const [i, a] of views.entries())
    for (const [j, b] of views.entries()) {
      if (i === j || !contains(a.view, b.view)) continue
      const pa = printed.get(a.view) as Map<string, [number, number]>
      const pb = printed.get(b.view) as Map<string, [number, number]>
      const common = [...pa.keys()].filter((k) => pb.has(k))
      if (common.length === 0) continue
      const diff = (k: string) =>
        ((pb.get(k) as [number, number])[0] ?? 0) - ((pa.get(k) as [number, number])[0] ?? 0)
      const identical = pa.size === pb.size && common.length === pa.size && common.every((k) => diff(k) === 0)
      // Identical views are one table: relate them once, the difference known to be 0.
      if (identical && j < i && contains(b.view, a.view)) continue
      const negative = common.some((k) => diff(k) < 0)
      if (negative && kind === 'count') continue // not a superset after all (an amended value)
      for (const k of common) {
        const d = `${a.view}>${b.view}|${indicator.code}|${k}`
        const ventures = ((pb.get(k) as [number, number])[1] ?? 0) - ((pa.get(k) as [number, number])[1] ?? 0)
        cells.push({
          id: d,
          kind,
          value: diff(k),
          shown: identical,
          published: false,
          protect: kind === 'count' || withholdFinancial(Math.max(ventures, 0), MIN_FINANCIAL_VENTURES),
          ...(negative ? { free: true } : {}),
        })
        relations.push({
          total: idOf(b.view, indicator.code, k),
          parts: [idOf(a.view, indicator.code, k), d],
        })
      }
    }
  return { cells, relations }
}
