import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { auditPlace, type Printed, readImpactJson } from '../../src/modules/impact/audit.ts'
import type { Bucket, Buckets, Figure } from '../../src/modules/impact/buckets.ts'
import { type PlaceView, publishPlace } from '../../src/modules/impact/publication.ts'
import type { IndicatorRow } from '../../src/modules/impact/repo.ts'

/**
 * Random tables and random sets of views: ventures report a count of people (with complete,
 * partial or no gender breakdowns) and an amount of money per quarter; views are open data (a
 * random subset of the ventures), an organization's verified view (all) and its view with
 * submitted values (all, plus some more values), optionally a second organization (another
 * subset). Everything is published jointly (publication.ts) and the attacker reads every view
 * together: it recovers no protected cell, ever, and the same data always publishes the same cells.
 */
const THRESHOLD = 4
const QUARTERS = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']
const GENDERS = ['female', 'male', 'other']

const indicator = (code: string, unit: string, aggregation: 'sum' | 'last', personal: boolean) =>
  ({ code, unit, aggregation, personal, direction: 'increase' }) as unknown as IndicatorRow
const PEOPLE = indicator('P', 'people', 'sum', true)
const STOCK = indicator('S', 'people', 'last', true)
const MONEY = indicator('M', 'NOK', 'sum', false)

const cellArb = fc.record({
  total: fc.integer({ min: 0, max: 12 }),
  split: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }),
  breakdown: fc.constantFrom('complete', 'partial', 'none'),
  amount: fc.integer({ min: 0, max: 500_000 }),
  submitted: fc.integer({ min: 0, max: 3 }),
})
const ventureArb = fc.record({
  quarters: fc.array(fc.option(cellArb, { nil: undefined }), { minLength: 4, maxLength: 4 }),
  open: fc.boolean(),
  second: fc.boolean(),
})
const worldArb = fc.record({
  ventures: fc.array(ventureArb, { minLength: 1, maxLength: 4 }),
  secondOrg: fc.boolean(),
})

type Venture = typeof ventureArb extends fc.Arbitrary<infer V> ? V : never

const fig = (v: number): Figure => ({
  value: new Decimal(v),
  numerator: new Decimal(0),
  denominator: new Decimal(0),
})

function bucketsFor(ventures: Venture[], ids: number[], withSubmitted: boolean): Buckets {
  const out: Buckets = new Map()
  for (const ind of [PEOPLE, STOCK, MONEY]) {
    const byKey = new Map<string, Bucket>()
    const bucket = (key: string) => {
      const b = byKey.get(key) ?? {
        key,
        total: fig(0),
        cells: new Map(),
        ventures: 0,
        yearly: 0,
        unverified: 0,
      }
      byKey.set(key, b)
      return b
    }
    const addTo = (b: Bucket, v: number, cells: [string, number][]) => {
      b.total = fig(b.total.value.toNumber() + v)
      b.ventures++
      for (const [cat, n] of cells) {
        const g = b.cells.get('gender') ?? new Map<string, Figure>()
        g.set(cat, fig((g.get(cat)?.value.toNumber() ?? 0) + n))
        b.cells.set('gender', g)
      }
    }
    for (const i of ids) {
      const v = ventures[i] as Venture
      let latest: [number, [string, number][]] | undefined
      let yearSum = 0
      const yearCells = new Map<string, number>()
      v.quarters.forEach((q, n) => {
        if (!q) return
        const extra = withSubmitted ? q.submitted : 0
        const total = (ind === MONEY ? q.amount : q.total) + extra
        const cells: [string, number][] = []
        if (ind !== MONEY && q.breakdown !== 'none') {
          // Categories take what the split gives them, in turn, until the total is spent.
          let left = q.total
          for (const [k, cat] of GENDERS.entries()) {
            const n =
              k === GENDERS.length - 1 && q.breakdown === 'complete' ? left : Math.min(left, q.split[k] ?? 0)
            cells.push([cat, n])
            left -= n
          }
          if (extra > 0) cells.push(['female', 0])
        }
        addTo(bucket(QUARTERS[n] as string), total, cells)
        latest = [total, cells]
        yearSum += total
        for (const [cat, c] of cells) yearCells.set(cat, (yearCells.get(cat) ?? 0) + c)
      })
      if (latest === undefined) continue
      if (ind === STOCK) addTo(bucket('2024'), latest[0], latest[1])
      else addTo(bucket('2024'), yearSum, [...yearCells])
    }
    if (byKey.size > 0) out.set(ind.code, byKey)
  }
  return out
}

function world(w: typeof worldArb extends fc.Arbitrary<infer W> ? W : never) {
  const all = w.ventures.map((_, i) => i)
  const open = all.filter((i) => w.ventures[i]?.open)
  const second = all.filter((i) => w.ventures[i]?.second)
  const view = (key: string, ids: number[], submitted: boolean): PlaceView => ({
    key,
    buckets: bucketsFor(w.ventures, ids, submitted),
    ventures: new Set(ids.map(String)),
  })
  return [
    view('open', open, false),
    view('org:a:verified', all, false),
    view('org:a:unverified', all, true),
    ...(w.secondOrg ? [view('org:b:verified', second, false), view('org:b:unverified', second, true)] : []),
  ]
}

describe('joint disclosure control (property)', () => {
  it('publishes views from which the attacker recovers 0 protected cells, deterministically', {
    timeout: 180_000,
  }, () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const views = world(w)
        const indicators = [PEOPLE, STOCK, MONEY]
        const published = publishPlace(indicators, views, THRESHOLD)
        const printed = new Map<string, Printed>()
        const problems: string[] = []
        for (const [key, byCode] of published) {
          const p: Printed = new Map()
          const doc = {
            indicators: [...byCode].map(([code, years]) => ({
              indicator: { code },
              periods: years.flatMap((y) => [...y.quarters, y.total]),
            })),
          }
          readImpactJson(doc as never, p, problems, key)
          printed.set(key, p)
        }
        const a = auditPlace(indicators, views, printed, THRESHOLD, problems)
        expect(a.problems).toEqual([])
        expect(a.served.recovered).toEqual([])
        expect(JSON.stringify([...publishPlace(indicators, views, THRESHOLD)])).toBe(
          JSON.stringify([...published]),
        )
      }),
      { numRuns: 40 },
    )
  })
})

describe('figures the relations cannot hold', () => {
  it('hides the whole indicator-year instead of failing (a negative count)', () => {
    const q = (key: string, v: number): Bucket => ({
      key,
      total: fig(v),
      cells: new Map(),
      ventures: 1,
      yearly: 0,
      unverified: 0,
    })
    const byKey = new Map([
      ['2024-Q1', q('2024-Q1', -2)],
      ['2024-Q2', q('2024-Q2', 9)],
      ['2024', q('2024', 7)],
    ])
    const views: PlaceView[] = [{ key: 'open', buckets: new Map([['P', byKey]]), ventures: new Set(['a']) }]
    const years = publishPlace([PEOPLE], views, THRESHOLD).get('open')?.get('P') ?? []
    const cells = years.flatMap((y) => [...y.quarters, y.total].map((r) => r.value))
    expect(cells).toHaveLength(3)
    expect(cells.every((c) => c.suppressed)).toBe(true)
  })
})
