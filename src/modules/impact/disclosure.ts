import Decimal from 'decimal.js'
import { scaleForUnit } from '../../domain/aggregation.ts'
import { type Aggregation, isAdditive, isRatio, isStock } from '../../domain/aggregation-kind.ts'
import {
  type AdditiveConstraint,
  type BreakdownPeriod,
  type PublishedCell,
  type SuppressionCell,
  SuppressionInputError,
  suppressBreakdownSeries,
  suppressTable,
  withholdFinancial,
} from '../../domain/suppression.ts'
import type { Bucket, Figure } from './buckets.ts'
import { memo } from './memo.ts'

/**
 * Disclosure control of one indicator's year (PRODUCT.md §4). The unit of protection is always a
 * whole calendar year — its quarters, the year and every breakdown cell — whatever window or
 * granularity was asked for, so that any two answers show cells of the same protected table and
 * nothing can be won by subtracting one answer from another.
 *
 * - `counts` (personal indicators): counts 1..threshold−1 are suppressed (primary), then as many
 *   more as it takes that none can be recovered from a total and the other cells (secondary, by
 *   domain/suppression.ts). A flow's year is the sum of its quarters; a rate is protected through
 *   its numerators and denominators, each a table of counts, and a rate is shown only when both
 *   are; a stock's year is the sum of each venture's latest value, which contains the last
 *   quarter, so the year and the last quarter are tied by `year = last quarter + rest`.
 * - `financial` (NOK): a figure from 1 or 2 ventures is withheld (`few-ventures`); for a flow the
 *   year is the sum of its quarters, so one withheld quarter takes another (or the year) with it.
 *   No breakdowns are published.
 * - `open` (other indicators, e.g. tonnes CO2e): shown as they are.
 * When a year mixes yearly reports into a flow or a rate, its quarters no longer add up to the
 * year: such a year is published as a year only.
 */
export type Reason = 'disclosure-control' | 'secondary' | 'few-ventures'

/**
 * What a suppressed count says about itself: always `disclosure-control`. Telling a reader which
 * counts were small (`primary`) would bound each by threshold − 1 and, with a shown total, give
 * them away (a year of 12 with four "primary" quarters is 3 each); financial reasons reveal only
 * the venture count, which every row shows anyway.
 */
export const COUNT_REASON = 'disclosure-control' as const

export type Cell =
  | { value: string | null; suppressed: false }
  | { value: null; suppressed: true; reason: Reason }

export interface PublishedRow {
  period: string
  value: Cell
  numerator: Cell | null
  denominator: Cell | null
  ventures: number
  unverified: boolean
  breakdowns: Record<string, Record<string, Cell>>
}

export interface PublishedYear {
  year: string
  /** Empty when the year is published as a whole only. */
  quarters: PublishedRow[]
  total: PublishedRow
}

export type DisclosureRule = 'counts' | 'financial' | 'open'

export interface IndicatorSemantics {
  unit: string
  aggregation: Aggregation
  personal: boolean
}

export const ruleOf = (i: IndicatorSemantics): DisclosureRule =>
  i.unit === 'NOK' ? 'financial' : i.personal ? 'counts' : 'open'

/** Minimum number of ventures behind a financial figure shown to municipalities. */
export const MIN_FINANCIAL_VENTURES = 3

type Field = 'value' | 'numerator' | 'denominator'
interface Protected {
  total: PublishedCell
  cells: Record<string, Record<string, PublishedCell>>
}

class NotCounts extends Error {}

function count(d: Decimal): number {
  if (!d.isInteger() || d.isNegative() || d.gt(Number.MAX_SAFE_INTEGER)) throw new NotCounts(d.toString())
  return d.toNumber()
}

export const hidden = (reason: Reason): Cell => ({ value: null, suppressed: true, reason })
const shown = (value: string | null): Cell => ({ value, suppressed: false })

function breakdownsOf(b: Bucket, field: Field): Record<string, Record<string, number>> {
  return Object.fromEntries(
    [...b.cells].map(([dim, cats]) => [
      dim,
      Object.fromEntries([...cats].map(([cat, f]) => [cat, count(f[field])])),
    ]),
  )
}

/**
 * Flows (and a rate's numerators or denominators): the quarters add up to the year. Given only
 * the year bucket, the year is protected as a table of its own.
 */
function protectSeries(
  parts: Bucket[],
  year: Bucket,
  field: Field,
  threshold: number,
): Map<string, Protected> {
  const periods: BreakdownPeriod[] = parts.map((b) => ({
    period: b.key,
    total: count(b.total[field]),
    breakdowns: breakdownsOf(b, field),
  }))
  const result = memo(['series', threshold, periods], () => suppressBreakdownSeries(periods, { threshold }))
  const out = new Map(
    result.periods.map((p): [string, Protected] => [p.period, { total: p.total, cells: p.breakdowns }]),
  )
  if (!out.has(year.key)) out.set(year.key, { total: result.year.total, cells: result.year.breakdowns })
  return out
}

/** Stocks: each quarter on its own, and the year ⊇ its last quarter (year = last + rest). */
function protectStock(quarters: Bucket[], year: Bucket, threshold: number): Map<string, Protected> {
  const cells: SuppressionCell[] = []
  const constraints: AdditiveConstraint[] = []
  const id = (key: string, dim?: string, cat?: string) => (dim === undefined ? key : `${key}|${dim}|${cat}`)
  const all = [...quarters, year]
  for (const b of all) {
    cells.push({ id: id(b.key), value: count(b.total.value) })
    for (const [dim, cats] of b.cells) {
      const parts = [...cats].map(([cat, f]) => {
        cells.push({ id: id(b.key, dim, cat), value: count(f.value) })
        return id(b.key, dim, cat)
      })
      constraints.push({ total: id(b.key), parts })
    }
  }
  // Each venture's latest value in the year is its value in the last quarter when it reported
  // then: year ≥ last quarter, cell by cell. (In a municipality's view a venture whose latest
  // value went to another municipality breaks that; then there is no such relation to protect.)
  const last = quarters[quarters.length - 1]
  const tie = (y: Figure | undefined, q: Figure, ids: [string, string]) => {
    if (y?.value.gte(q.value)) constraints.push({ total: ids[0], parts: [ids[1]] })
  }
  if (last) {
    tie(year.total, last.total, [id(year.key), id(last.key)])
    for (const [dim, cats] of last.cells)
      for (const [cat, f] of cats)
        tie(year.cells.get(dim)?.get(cat), f, [id(year.key, dim, cat), id(last.key, dim, cat)])
  }
  const table = { cells, constraints }
  const out = memo(['stock', threshold, table], () => suppressTable(table, { threshold }))
  return new Map(
    all.map((b): [string, Protected] => [
      b.key,
      {
        total: out.get(id(b.key)) as PublishedCell,
        cells: Object.fromEntries(
          [...b.cells].map(([dim, cats]) => [
            dim,
            Object.fromEntries(
              [...cats.keys()].map((cat) => [cat, out.get(id(b.key, dim, cat)) as PublishedCell]),
            ),
          ]),
        ),
      },
    ]),
  )
}

const plain = (d: Decimal) => d.toFixed()

function rate(num: Decimal, den: Decimal, unit: string): string | null {
  return den.isZero() ? null : num.times(scaleForUnit(unit)).div(den).toDecimalPlaces(4).toFixed()
}

/** The figure a row shows: a flow's or stock's value (money with 2 decimals), or a rate. */
const shownValue = (i: IndicatorSemantics, f: Figure) =>
  isRatio(i.aggregation)
    ? rate(f.numerator, f.denominator, i.unit)
    : i.unit === 'NOK'
      ? f.value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2)
      : plain(f.value)

const fromPublished = (c: PublishedCell | undefined, value: string | null): Cell =>
  c === undefined || c.suppressed ? hidden(COUNT_REASON) : shown(value)

/** A rate is shown only when its numerator and denominator both are. */
function joinRatio(num: PublishedCell | undefined, den: PublishedCell | undefined): Reason | null {
  if (num === undefined || den === undefined) return COUNT_REASON
  return !num.suppressed && !den.suppressed ? null : COUNT_REASON
}

const rowBase = (b: Bucket) => ({ period: b.key, ventures: b.ventures, unverified: b.unverified > 0 })

function mapCells<T>(
  b: Bucket,
  fn: (dim: string, cat: string, f: Figure) => T,
): Record<string, Record<string, T>> {
  return Object.fromEntries(
    [...b.cells].map(([dim, cats]) => [
      dim,
      Object.fromEntries([...cats].map(([cat, f]) => [cat, fn(dim, cat, f)])),
    ]),
  )
}

function countsRows(
  i: IndicatorSemantics,
  rows: Bucket[],
  parts: Bucket[],
  year: Bucket,
  threshold: number,
): PublishedRow[] {
  if (isRatio(i.aggregation)) {
    const nums = protectSeries(parts, year, 'numerator', threshold)
    const dens = protectSeries(parts, year, 'denominator', threshold)
    return rows.map((b): PublishedRow => {
      const n = nums.get(b.key)
      const d = dens.get(b.key)
      const reason = joinRatio(n?.total, d?.total)
      return {
        ...rowBase(b),
        value: reason ? hidden(reason) : shown(shownValue(i, b.total)),
        numerator: reason ? hidden(reason) : shown(plain(b.total.numerator)),
        denominator: reason ? hidden(reason) : shown(plain(b.total.denominator)),
        breakdowns: mapCells(b, (dim, cat, f) => {
          const r = joinRatio(n?.cells[dim]?.[cat], d?.cells[dim]?.[cat])
          return r ? hidden(r) : shown(shownValue(i, f))
        }),
      }
    })
  }
  const protectedRows =
    isStock(i.aggregation) && parts.length > 0 && parts[0] !== year
      ? protectStock(parts, year, threshold)
      : protectSeries(parts, year, 'value', threshold)
  return rows.map((b): PublishedRow => {
    const p = protectedRows.get(b.key)
    return {
      ...rowBase(b),
      value: fromPublished(p?.total, plain(b.total.value)),
      numerator: null,
      denominator: null,
      breakdowns: mapCells(b, (dim, cat, f) => fromPublished(p?.cells[dim]?.[cat], plain(f.value))),
    }
  })
}

function financialRows(i: IndicatorSemantics, rows: Bucket[], parts: Bucket[], year: Bucket): PublishedRow[] {
  const reasons = new Map<string, Reason>()
  for (const b of rows)
    if (withholdFinancial(b.ventures, MIN_FINANCIAL_VENTURES)) reasons.set(b.key, 'few-ventures')
  // year = Σ quarters for a flow: never leave exactly one of them hidden.
  if (isAdditive(i.aggregation) && parts[0] !== year) {
    const members = [...parts, year]
    while (members.filter((b) => reasons.has(b.key)).length === 1) {
      const open = parts.filter((b) => !reasons.has(b.key))
      const next = open.reduce<Bucket | undefined>(
        (best, b) => (best === undefined || b.total.value.abs().lt(best.total.value.abs()) ? b : best),
        undefined,
      )
      reasons.set((next ?? year).key, 'secondary')
    }
  }
  return rows.map((b): PublishedRow => {
    const reason = reasons.get(b.key)
    return {
      ...rowBase(b),
      value: reason ? hidden(reason) : shown(shownValue(i, b.total)),
      numerator: null,
      denominator: null,
      breakdowns: {},
    }
  })
}

function openRows(i: IndicatorSemantics, rows: Bucket[]): PublishedRow[] {
  const ratio = isRatio(i.aggregation)
  return rows.map((b) => ({
    ...rowBase(b),
    value: shown(shownValue(i, b.total)),
    numerator: ratio ? shown(plain(b.total.numerator)) : null,
    denominator: ratio ? shown(plain(b.total.denominator)) : null,
    breakdowns: mapCells(b, (_dim, _cat, f) => shown(shownValue(i, f))),
  }))
}

/**
 * The rows one indicator's year publishes: its quarters (sorted) and the year, or the year alone
 * when yearly reports break `year = Σ quarters` for a flow or a rate.
 */
export function yearLayout(i: IndicatorSemantics, quarters: readonly Bucket[], year: Bucket) {
  const sorted = [...quarters].sort((a, b) => (a.key < b.key ? -1 : 1))
  const byQuarter = sorted.length > 0 && (isStock(i.aggregation) || year.yearly === 0)
  return { byQuarter, parts: byQuarter ? sorted : [year], rows: byQuarter ? [...sorted, year] : [year] }
}

/**
 * Publishes one indicator's year: its quarters (sorted) and the year. `quarters` may be empty
 * (only yearly reports); the year bucket is always there when any value is.
 */
export function publishYear(
  i: IndicatorSemantics,
  quarters: readonly Bucket[],
  year: Bucket,
  threshold: number,
): PublishedYear {
  const { byQuarter, parts, rows } = yearLayout(i, quarters, year)
  const rule = ruleOf(i)
  let published: PublishedRow[]
  if (rule === 'financial') published = financialRows(i, rows, parts, year)
  else if (rule === 'open') published = openRows(i, rows)
  else {
    try {
      published = countsRows(i, rows, parts, year, threshold)
    } catch (err) {
      if (!(err instanceof NotCounts || err instanceof SuppressionInputError)) throw err
      // Counts that are not whole numbers, or breakdowns larger than their total, cannot be
      // checked: nothing of such a year is shown.
      published = rows.map((b) => ({
        ...rowBase(b),
        value: hidden(COUNT_REASON),
        numerator: isRatio(i.aggregation) ? hidden(COUNT_REASON) : null,
        denominator: isRatio(i.aggregation) ? hidden(COUNT_REASON) : null,
        breakdowns: mapCells(b, () => hidden(COUNT_REASON)),
      }))
    }
  }
  const total = published[published.length - 1] as PublishedRow
  return { year: year.key, quarters: byQuarter ? published.slice(0, -1) : [], total }
}
