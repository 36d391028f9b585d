import Decimal from 'decimal.js'
import type { NationalRow } from './repo.ts'

/**
 * Figures per indicator and period (a quarter or a year), summed over ventures by the indicator's
 * semantics (PRODUCT.md §3) in the database (impact_contributions, impact_municipal): a flow or
 * rate adds every value of every venture; a stock adds each venture's latest value in the period.
 * Quarters hold monthly and quarterly reports; a year holds all of its reports, yearly ones too.
 */
export interface Figure {
  /** Σ value (flows and stocks); 0 for rates. */
  value: Decimal
  /** Σ numerator and Σ denominator (rates); 0 otherwise. */
  numerator: Decimal
  denominator: Decimal
}

export interface Bucket {
  key: string
  total: Figure
  /** dimension (gender, age_band) → category → figure; partial when some values carry no breakdown. */
  cells: Map<string, Map<string, Figure>>
  /** Ventures whose values make the total. */
  ventures: number
  /** Values from yearly reports (year buckets only). */
  yearly: number
  /** Submitted values not yet verified among them. */
  unverified: number
}

/** indicator code → period key → bucket */
export type Buckets = Map<string, Map<string, Bucket>>

const zero = (): Figure => ({ value: new Decimal(0), numerator: new Decimal(0), denominator: new Decimal(0) })
const add = (a: Figure, b: Figure): Figure => ({
  value: a.value.plus(b.value),
  numerator: a.numerator.plus(b.numerator),
  denominator: a.denominator.plus(b.denominator),
})
const dec = (v: string | null | undefined) => new Decimal(v ?? 0)

function bucketIn(buckets: Buckets, indicator: string, key: string): Bucket {
  let byKey = buckets.get(indicator)
  if (!byKey) {
    byKey = new Map()
    buckets.set(indicator, byKey)
  }
  let bucket = byKey.get(key)
  if (!bucket) {
    bucket = { key, total: zero(), cells: new Map(), ventures: 0, yearly: 0, unverified: 0 }
    byKey.set(key, bucket)
  }
  return bucket
}

function addCell(bucket: Bucket, dimension: string, category: string, f: Figure) {
  let cats = bucket.cells.get(dimension)
  if (!cats) {
    cats = new Map()
    bucket.cells.set(dimension, cats)
  }
  cats.set(category, add(cats.get(category) ?? zero(), f))
}

/** Rows of impact_national or impact_municipal (totals and cells per period) as buckets. */
export function bucketsOf(rows: readonly NationalRow[]): Buckets {
  const buckets: Buckets = new Map()
  for (const r of rows) {
    const bucket = bucketIn(buckets, r.indicatorCode, r.periodKey)
    const f = { value: dec(r.value), numerator: dec(r.numerator), denominator: dec(r.denominator) }
    if (r.dimension === '') {
      bucket.total = f
      bucket.ventures = r.ventures
      bucket.yearly = r.yearly
      bucket.unverified = r.unverified
    } else addCell(bucket, r.dimension, r.category, f)
  }
  return buckets
}
