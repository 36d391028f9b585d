import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type AuditCell, type AuditTable, auditDisclosure } from '../../src/domain/disclosure-audit.ts'
import { optimise, prepare } from '../../src/domain/lp.ts'
import { chooseSuppression } from '../../src/domain/secondary-suppression.ts'
import { suppressBreakdownSeries } from '../../src/domain/suppression.ts'

const T = { threshold: 4 }

/** Cells from `id: value`; those in `hidden` are suppressed. */
function table(
  values: Record<string, number>,
  hidden: string[],
  relations: AuditTable['relations'],
): AuditTable {
  return {
    cells: Object.entries(values).map(
      ([id, value]): AuditCell => ({
        id,
        kind: 'count',
        value,
        shown: !hidden.includes(id),
        published: true,
        protect: true,
      }),
    ),
    relations,
  }
}

describe('the linear program', () => {
  it('bounds a variable by non-negativity and equations', () => {
    // x + y = 5, y + z = 3 → x ∈ [2, 5], z ∈ [0, 3]
    const p = prepare({
      rows: [
        {
          terms: [
            [0, 1],
            [1, 1],
          ],
          rhs: 5,
        },
        {
          terms: [
            [1, 1],
            [2, 1],
          ],
          rhs: 3,
        },
      ],
      lower: [0, 0, 0],
      upper: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY],
    })
    expect(p.feasible).toBe(true)
    expect([optimise(p, 0, 1), optimise(p, 0, -1)]).toEqual([2, 5])
    expect([optimise(p, 2, 1), optimise(p, 2, -1)]).toEqual([0, 3])
  })

  it('handles free variables, upper bounds and unbounded directions', () => {
    // a − b = 2 with a free, b ≤ 7: a ∈ [2, 9]; c alone is unbounded above
    const p = prepare({
      rows: [
        {
          terms: [
            [0, 1],
            [1, -1],
          ],
          rhs: 2,
        },
      ],
      lower: [Number.NEGATIVE_INFINITY, 0, 0],
      upper: [Number.POSITIVE_INFINITY, 7, Number.POSITIVE_INFINITY],
    })
    expect([optimise(p, 0, 1), optimise(p, 0, -1)]).toEqual([2, 9])
    expect(optimise(p, 2, -1)).toBe(Number.POSITIVE_INFINITY)
  })
})

describe('the disclosure audit', () => {
  const quarters = { y: 12, q1: 3, q2: 3, q3: 3, q4: 3 }
  const year = [{ total: 'y', parts: ['q1', 'q2', 'q3', 'q4'] }]

  it('a year of 12 shown with four suppressed quarters of 3: the issue’s example is safe from intervals alone', () => {
    // Without knowing they are small, each quarter is only known to be in [0, 12].
    const r = auditDisclosure(table(quarters, ['q1', 'q2', 'q3', 'q4'], year), T)
    expect(r.recovered).toEqual([])
    expect(r.intervals.get('q1')).toEqual({ lo: 0, hi: 12 })
  })

  it('recovers what today’s suppression publishes for that year: the year is a sum of small counts', () => {
    // suppressBreakdownSeries hides the four quarters and shows the year (rules 2–4 hold) …
    const s = suppressBreakdownSeries(
      ['2020-Q1', '2020-Q2', '2020-Q3', '2020-Q4'].map((period) => ({ period, total: 3 })),
    )
    expect(s.year.total).toEqual({ value: 12, suppressed: false })
    expect(s.periods.every((p) => p.total.suppressed && p.total.reason === 'primary')).toBe(true)
    // … and says which were primary: a reader who knows the rules bounds each by 3, so 12 = 4 × 3.
    const cells = table(quarters, ['q1', 'q2', 'q3', 'q4'], year).cells
    const knowsReason: AuditTable = {
      cells: [
        ...cells,
        ...['q1', 'q2', 'q3', 'q4'].map(
          (q): AuditCell => ({
            id: `${q}-headroom`,
            kind: 'count',
            value: 0,
            shown: false,
            published: false,
            protect: false,
          }),
        ),
        { id: 'three', kind: 'count', value: 3, shown: true, published: false, protect: false },
      ],
      // "primary" means ≤ 3: q + headroom = 3
      relations: [
        ...year,
        ...['q1', 'q2', 'q3', 'q4'].map((q) => ({ total: 'three', parts: [q, `${q}-headroom`] })),
      ],
    }
    const r = auditDisclosure(knowsReason, T)
    expect(r.recovered.map((c) => [c.id, c.lo, c.hi])).toEqual([
      ['q1', 3, 3],
      ['q2', 3, 3],
      ['q3', 3, 3],
      ['q4', 3, 3],
    ])
  })

  it('finds a small count bounded inside 1–3 without being determined', () => {
    // w = x + v, k = v + s, m = x + y + n with totals and n shown: x ≤ 7 − 4 and x = w − v ≥ 5 − 4.
    const values = { w: 5, k: 4, m: 9, n: 4, x: 2, v: 3, s: 1, y: 3 }
    const relations = [
      { total: 'w', parts: ['x', 'v'] },
      { total: 'k', parts: ['v', 's'] },
      { total: 'm', parts: ['x', 'y', 'n'] },
    ]
    const r = auditDisclosure(table({ ...values, m: 7, y: 1 }, ['x', 'v', 's', 'y'], relations), T)
    expect(r.recovered).toEqual([{ id: 'x', value: 2, lo: 1, hi: 3 }])
    expect(r.intervals.get('v')).toEqual({ lo: 2, hi: 4 })
    // With m = 9 the reader only knows x ∈ [1, 5].
    expect(auditDisclosure(table(values, ['x', 'v', 's', 'y'], relations), T).recovered).toEqual([])
  })

  it('recovers exactly by subtraction once the last unknown of a sum is shown', () => {
    const values = { t: 4, a: 0, b: 1, c: 3, u: 7, d: 4 }
    const relations = [
      { total: 't', parts: ['a', 'b', 'c'] },
      { total: 'u', parts: ['c', 'd'] },
    ]
    expect(auditDisclosure(table(values, ['b', 'c', 'd'], relations), T).recovered).toEqual([])
    expect(
      auditDisclosure(table(values, ['b', 'c'], relations), T).recovered.map((c) => [c.id, c.lo, c.hi]),
    ).toEqual([
      ['b', 1, 1],
      ['c', 3, 3],
    ])
  })

  it('sees through chains of tables (a 2 × 2 suppressed pattern with its margins is safe, a 2 × 1 is not)', () => {
    const values = { a: 2, b: 8, c: 7, d: 1, r1: 10, r2: 8, c1: 9, c2: 9 }
    const relations = [
      { total: 'r1', parts: ['a', 'b'] },
      { total: 'r2', parts: ['c', 'd'] },
      { total: 'c1', parts: ['a', 'c'] },
      { total: 'c2', parts: ['b', 'd'] },
    ]
    expect(auditDisclosure(table(values, ['a', 'b', 'c', 'd'], relations), T).recovered).toEqual([])
    // Only a and b hidden: a = c1 − c = 2.
    expect(auditDisclosure(table(values, ['a', 'b', 'd'], relations), T).recovered.map((c) => c.id)).toEqual([
      'a',
      'd',
    ])
  })

  it('counts a shown small count as recovered', () => {
    expect(auditDisclosure(table({ a: 2 }, [], []), T).recovered).toEqual([
      { id: 'a', value: 2, lo: 2, hi: 2 },
    ])
  })

  it('protects amounts of few ventures against exact differencing only', () => {
    const amount = (id: string, value: number, shown: boolean, protect = false, free = false): AuditCell => ({
      id,
      kind: 'amount',
      value,
      shown,
      published: !free,
      protect,
      free,
    })
    // Two views: 4 ventures (shown) and 3 of them (shown): the fourth's 1250.50 is their difference.
    const cells = [
      amount('w', 10000.5, true),
      amount('v', 8750, true),
      amount('d', 1250.5, false, true, true),
    ]
    const rel = [{ total: 'w', parts: ['v', 'd'] }]
    expect(auditDisclosure({ cells, relations: rel }, T).recovered.map((c) => c.id)).toEqual(['d'])
    const hideV = [cells[0] as AuditCell, { ...(cells[1] as AuditCell), shown: false }, cells[2] as AuditCell]
    expect(auditDisclosure({ cells: hideV, relations: rel }, T).recovered).toEqual([])
  })
})

describe('secondary suppression over all views together', () => {
  it('hides the fewest cells that make the 2 × 1 pattern safe', () => {
    const values = { a: 2, b: 8, c: 7, d: 1, r1: 10, r2: 8, c1: 9, c2: 9 }
    const relations = [
      { total: 'r1', parts: ['a', 'b'] },
      { total: 'r2', parts: ['c', 'd'] },
      { total: 'c1', parts: ['a', 'c'] },
      { total: 'c2', parts: ['b', 'd'] },
    ]
    const choice = chooseSuppression(table(values, [], relations), T)
    expect([...choice.primary].sort()).toEqual(['a', 'd'])
    const hidden = [...choice.hidden]
    expect(auditDisclosure(table(values, hidden, relations), T).recovered).toEqual([])
    expect(hidden.length).toBeLessThanOrEqual(4)
  })

  it('is deterministic and safe on random two-way tables with margins (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 4 }), {
          minLength: 2,
          maxLength: 4,
        }),
        (grid) => {
          const width = Math.min(...grid.map((r) => r.length))
          const rows = grid.map((r) => r.slice(0, width))
          const values: Record<string, number> = {}
          const relations: { total: string; parts: string[] }[] = []
          rows.forEach((r, i) => {
            r.forEach((v, j) => {
              values[`${i}:${j}`] = v
            })
            values[`r${i}`] = r.reduce((a, b) => a + b, 0)
            relations.push({ total: `r${i}`, parts: r.map((_, j) => `${i}:${j}`) })
          })
          for (let j = 0; j < width; j++) {
            values[`c${j}`] = rows.reduce((s, r) => s + (r[j] ?? 0), 0)
            relations.push({ total: `c${j}`, parts: rows.map((_, i) => `${i}:${j}`) })
          }
          values.all = Object.entries(values)
            .filter(([k]) => k.startsWith('r'))
            .reduce((s, [, v]) => s + v, 0)
          relations.push({ total: 'all', parts: rows.map((_, i) => `r${i}`) })
          const t = table(values, [], relations)
          const first = chooseSuppression(t, T)
          expect([...chooseSuppression(t, T).hidden]).toEqual([...first.hidden])
          expect(auditDisclosure(table(values, [...first.hidden], relations), T).recovered).toEqual([])
        },
      ),
      { numRuns: 200 },
    )
  })
})
