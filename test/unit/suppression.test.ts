import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type BreakdownPeriod,
  type PublishedCell,
  SuppressionInputError,
  type SuppressionTable,
  suppressBreakdownSeries,
  suppressTable,
  withholdFinancial,
} from '../../src/domain/suppression.ts'

const shown = (value: number): PublishedCell => ({ value, suppressed: false })
const primary: PublishedCell = { value: null, suppressed: true, reason: 'primary' }
const secondary: PublishedCell = { value: null, suppressed: true, reason: 'secondary' }

const table = (values: Record<string, number>, constraints: SuppressionTable['constraints'] = []) => ({
  cells: Object.entries(values).map(([id, value]) => ({ id, value })),
  constraints,
})
const run = (t: SuppressionTable, threshold?: number) =>
  Object.fromEntries(suppressTable(t, threshold === undefined ? {} : { threshold }))

describe('primary suppression', () => {
  it('hides 1..3 by default and shows 0 and 4', () => {
    expect(run(table({ a: 2, b: 0, c: 4, d: 1, e: 3, f: 250 }))).toEqual({
      a: primary,
      b: shown(0),
      c: shown(4),
      d: primary,
      e: primary,
      f: shown(250),
    })
  })

  it('follows the threshold: 5 hides 4, 1 hides nothing', () => {
    expect(run(table({ c: 4, g: 5 }), 5)).toEqual({ c: primary, g: shown(5) })
    expect(run(table({ d: 1, e: 3 }), 1)).toEqual({ d: shown(1), e: shown(3) })
  })
})

describe('secondary suppression', () => {
  const gender = [{ total: 'total', parts: ['female', 'male', 'other', 'unknown'] }]

  it('hides the next smallest non-zero part beside a single suppressed one', () => {
    expect(run(table({ female: 2, male: 10, other: 0, unknown: 5, total: 17 }, gender))).toEqual({
      female: primary,
      male: shown(10),
      other: shown(0),
      unknown: secondary,
      total: shown(17),
    })
  })

  it('hides one more part when the hidden ones add up to a small count', () => {
    // female + male = 12 − 10 − 0 = 2 would tell that both are exactly 1.
    expect(run(table({ female: 1, male: 1, other: 10, unknown: 0, total: 12 }, gender))).toEqual({
      female: primary,
      male: primary,
      other: secondary,
      unknown: shown(0),
      total: shown(12),
    })
  })

  it('hides the total when no part is left to hide', () => {
    // b is hidden beside a; t has b as its only part, so t = b must go too.
    expect(
      run(
        table({ a: 2, b: 7, y: 9, t: 7 }, [
          { total: 'y', parts: ['a', 'b'] },
          { total: 't', parts: ['b'] },
        ]),
      ),
    ).toEqual({ a: primary, b: secondary, y: shown(9), t: secondary })
  })

  it('leaves a partial breakdown alone when the unstated rest protects it', () => {
    // 98 people are not broken down: female could be anything from 1 to 3.
    expect(run(table({ female: 2, total: 100 }, [{ total: 'total', parts: ['female'] }]))).toEqual({
      female: primary,
      total: shown(100),
    })
  })

  it('protects the unstated rest of a partial breakdown when it is itself small', () => {
    // female 10 and male 9 of 20 would show that exactly 1 person has another or no stated gender.
    expect(
      run(table({ female: 10, male: 9, total: 20 }, [{ total: 'total', parts: ['female', 'male'] }])),
    ).toEqual({ female: shown(10), male: secondary, total: shown(20) })
  })

  it('hides more when a cell can be recovered only by combining several constraints', () => {
    // Two 2×2 blocks of small counts joined by one small cell (r1,c3): every row and column has two
    // or more hidden cells, yet rows r1+r2 minus columns c1+c2 leave exactly (r1,c3).
    const grid = [
      [2, 2, 1, 10],
      [2, 2, 10, 10],
      [10, 10, 2, 2],
      [10, 10, 2, 2],
    ]
    const values: Record<string, number> = {}
    const constraints: { total: string; parts: string[] }[] = []
    grid.forEach((row, r) => {
      row.forEach((v, c) => {
        values[`r${r}c${c}`] = v
      })
      values[`r${r}`] = row.reduce((a, b) => a + b, 0)
      constraints.push({ total: `r${r}`, parts: row.map((_, c) => `r${r}c${c}`) })
    })
    for (let c = 0; c < 4; c++) {
      values[`c${c}`] = grid.reduce((a, row) => a + (row[c] ?? 0), 0)
      constraints.push({ total: `c${c}`, parts: grid.map((_, r) => `r${r}c${c}`) })
    }
    values.all = grid.flat().reduce((a, b) => a + b, 0)
    constraints.push({ total: 'all', parts: grid.map((_, r) => `r${r}`) })
    constraints.push({ total: 'all', parts: [0, 1, 2, 3].map((c) => `c${c}`) })
    const t = table(values, constraints)
    const out = suppressTable(t)
    const hiddenCount = [...out.values()].filter((c) => c.suppressed).length
    expect(hiddenCount).toBeGreaterThan(9)
    expect(recoverable(t, out, 4)).toEqual([])
  })
})

describe('input errors', () => {
  it('lists every problem with its path', () => {
    try {
      suppressTable(
        {
          cells: [
            { id: 'a', value: 5 },
            { id: 'a', value: -1 },
            { id: 't', value: 2.5 },
          ],
          constraints: [
            { total: 'a', parts: ['x', 'a'] },
            { total: 't', parts: [] },
          ],
        },
        { threshold: 0 },
      )
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(SuppressionInputError)
      expect((err as SuppressionInputError).problems).toEqual([
        { path: 'threshold', message: 'must be an integer ≥ 1' },
        { path: 'cells[1].id', message: 'duplicate id a' },
        { path: 'cells[1].value', message: 'must be an integer ≥ 0' },
        { path: 'cells[2].value', message: 'must be an integer ≥ 0' },
        { path: 'constraints[0].parts[0]', message: 'no cell x' },
        { path: 'constraints[0].parts[1]', message: 'a appears twice in the constraint' },
        { path: 'constraints[1].parts', message: 'needs at least one part' },
      ])
    }
  })

  it('refuses parts that add up to more than their total', () => {
    expect(() => suppressTable(table({ a: 5, b: 6, t: 10 }, [{ total: 't', parts: ['a', 'b'] }]))).toThrow(
      'constraints[0]: parts add up to 11, more than the total 10',
    )
    expect(() =>
      suppressBreakdownSeries([{ period: '2026-Q1', total: 3, breakdowns: { gender: { female: 4 } } }]),
    ).toThrow('periods[0].breakdowns.gender: categories add up to 4, more than the total 3')
  })
})

describe('withholdFinancial', () => {
  it('withholds aggregates of one or two ventures', () => {
    expect([0, 1, 2, 3, 10].map((n) => withholdFinancial(n))).toEqual([false, true, true, false, false])
    expect(withholdFinancial(4, 5)).toBe(true)
    expect(withholdFinancial(5, 5)).toBe(false)
    expect(() => withholdFinancial(-1)).toThrow(RangeError)
    expect(() => withholdFinancial(2, 0)).toThrow(RangeError)
  })
})

describe('suppressBreakdownSeries', () => {
  it('suppresses quarters × gender with the year row and column totals', () => {
    const out = suppressBreakdownSeries([
      { period: '2026-Q1', total: 17, breakdowns: { gender: { female: 2, male: 10, other: 0, unknown: 5 } } },
      { period: '2026-Q2', total: 20, breakdowns: { gender: { female: 8, male: 12, other: 0, unknown: 0 } } },
    ])
    expect(out).toEqual({
      periods: [
        {
          period: '2026-Q1',
          total: shown(17),
          breakdowns: { gender: { female: primary, male: shown(10), other: shown(0), unknown: secondary } },
        },
        {
          // Q2's female would follow from the year's female; Q2's unknown 0 from the year's unknown 5.
          period: '2026-Q2',
          total: shown(20),
          breakdowns: { gender: { female: secondary, male: shown(12), other: shown(0), unknown: secondary } },
        },
      ],
      year: {
        total: shown(37),
        breakdowns: { gender: { female: shown(10), male: shown(22), other: shown(0), unknown: shown(5) } },
      },
    })
  })

  it('returns partial breakdowns as given and sums the year over what was reported', () => {
    const out = suppressBreakdownSeries([
      { period: '2026-01', total: 40, breakdowns: { gender: { female: 20 }, age_band: { '16-29': 30 } } },
      { period: '2026-02', total: 35 },
    ])
    expect(out.periods[1]).toEqual({ period: '2026-02', total: shown(35), breakdowns: {} })
    expect(out.year).toEqual({
      total: shown(75),
      breakdowns: { gender: { female: shown(20) }, age_band: { '16-29': shown(30) } },
    })
  })
})

// ---- Attacks used by the property tests, written independently of the implementation. ----

interface Equation {
  total: string
  parts: string[]
  /** The unstated remainder of a partial breakdown: an extra unknown when > 0. */
  rest: number
}

function equationsOf(t: SuppressionTable): Equation[] {
  const value = new Map(t.cells.map((c) => [c.id, c.value]))
  return t.constraints.map((k) => ({
    total: k.total,
    parts: [...k.parts],
    rest: (value.get(k.total) ?? 0) - k.parts.reduce((s, p) => s + (value.get(p) ?? 0), 0),
  }))
}

/**
 * Hidden cells (and small remainders) an attacker can pin down exactly: by substituting published
 * values into one constraint at a time until nothing changes, and by solving all constraints
 * together (floating-point Gaussian elimination; the tables are small).
 */
function recoverable(t: SuppressionTable, out: Map<string, PublishedCell>, threshold: number): string[] {
  const small = (v: number) => v > 0 && v < threshold
  const eqs = equationsOf(t)
  const found = new Set<string>()
  const known = new Set([...out].filter(([, c]) => !c.suppressed).map(([id]) => id))
  let changed = true
  while (changed) {
    changed = false
    eqs.forEach((e, j) => {
      const unknowns = [e.total, ...e.parts].filter((id) => !known.has(id))
      if (e.rest > 0 && !known.has(`rest${j}`)) unknowns.push(`rest${j}`)
      if (unknowns.length !== 1) return
      const id = unknowns[0] as string
      known.add(id)
      changed = true
      if (id.startsWith('rest') ? small(e.rest) : out.get(id)?.suppressed) found.add(`substitution:${id}`)
    })
  }
  const vars = [...out].filter(([, c]) => c.suppressed).map(([id]) => id)
  eqs.forEach((e, j) => {
    if (e.rest > 0) vars.push(`rest${j}`)
  })
  const col = new Map(vars.map((v, i) => [v, i]))
  const rows = eqs.map((e, j) => {
    const row = vars.map(() => 0)
    const add = (id: string, s: number) => {
      const c = col.get(id)
      if (c !== undefined) row[c] = (row[c] ?? 0) + s
    }
    add(e.total, 1)
    for (const p of e.parts) add(p, -1)
    if (e.rest > 0) add(`rest${j}`, -1)
    return row
  })
  let r = 0
  const pivots: number[] = []
  for (let c = 0; c < vars.length && r < rows.length; c++) {
    let best = r
    for (let i = r; i < rows.length; i++)
      if (Math.abs(rows[i]?.[c] ?? 0) > Math.abs(rows[best]?.[c] ?? 0)) best = i
    if (Math.abs(rows[best]?.[c] ?? 0) < 1e-9) continue
    ;[rows[r], rows[best]] = [rows[best] as number[], rows[r] as number[]]
    const pivot = rows[r] as number[]
    const p = pivot[c] ?? 1
    for (let k = 0; k < pivot.length; k++) pivot[k] = (pivot[k] ?? 0) / p
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number[]
      const f = row[c] ?? 0
      if (i !== r && Math.abs(f) > 1e-12)
        for (let k = 0; k < row.length; k++) row[k] = (row[k] ?? 0) - f * (pivot[k] ?? 0)
    }
    pivots.push(c)
    r++
  }
  pivots.forEach((c, i) => {
    if ((rows[i] as number[]).some((x, k) => k !== c && Math.abs(x) > 1e-9)) return
    const id = vars[c] as string
    const j = id.startsWith('rest') ? Number(id.slice(4)) : -1
    if (j < 0 || small(eqs[j]?.rest ?? 0)) found.add(`algebra:${id}`)
  })
  return [...found].sort()
}

// ---- Random tables: periods × categories (1–2 dimensions) with row and column totals. ----

const count = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 300 }))
const seriesArb = (partial: boolean) =>
  fc.integer({ min: 1, max: 5 }).chain((periodCount) =>
    fc
      .array(
        fc.integer({ min: 1, max: 5 }).map((size) => ({ size })),
        { minLength: 1, maxLength: 2 },
      )
      .chain((dims) =>
        fc
          .record({
            threshold: fc.integer({ min: 2, max: 6 }),
            periods: fc.array(
              fc.tuple(
                fc.array(
                  fc.array(fc.tuple(count, partial ? fc.boolean() : fc.constant(true)), {
                    minLength: 5,
                    maxLength: 5,
                  }),
                  { minLength: dims.length, maxLength: dims.length },
                ),
                count,
              ),
              { minLength: periodCount, maxLength: periodCount },
            ),
          })
          .map(({ threshold, periods }) => ({
            threshold,
            periods: periods.map(([perDim, extra], r): BreakdownPeriod => {
              // The first dimension fixes the total; others are scaled down to fit inside it.
              const first = (perDim[0] ?? []).slice(0, dims[0]?.size).map(([v]) => v)
              const total = first.reduce((a, b) => a + b, 0) + (partial ? extra : 0)
              const breakdowns: Record<string, Record<string, number>> = {}
              dims.forEach((d, di) => {
                const cells = (perDim[di] ?? []).slice(0, d.size)
                let room = total
                const cats: Record<string, number> = {}
                cells.forEach(([v, given], ci) => {
                  const last = ci === cells.length - 1 && !partial
                  const x = last ? room : Math.min(v, room)
                  room -= x
                  if (given || last) cats[`c${ci}`] = x
                })
                breakdowns[`d${di}`] = cats
              })
              return { period: `p${r}`, total, breakdowns }
            }),
          })),
      ),
  )

/** The same table as the series function must have built, from the input alone. */
function seriesTable(periods: BreakdownPeriod[], out: ReturnType<typeof suppressBreakdownSeries>) {
  const cells: { id: string; value: number }[] = []
  const published = new Map<string, PublishedCell>()
  const constraints: { total: string; parts: string[] }[] = []
  const yearCats = new Map<string, number>()
  periods.forEach((p, r) => {
    cells.push({ id: `P${r}`, value: p.total })
    published.set(`P${r}`, out.periods[r]?.total as PublishedCell)
    for (const [dim, cats] of Object.entries(p.breakdowns ?? {})) {
      const parts = Object.entries(cats).map(([cat, v]) => {
        cells.push({ id: `P${r}|${dim}|${cat}`, value: v })
        published.set(`P${r}|${dim}|${cat}`, out.periods[r]?.breakdowns[dim]?.[cat] as PublishedCell)
        yearCats.set(`${dim}|${cat}`, (yearCats.get(`${dim}|${cat}`) ?? 0) + v)
        return `P${r}|${dim}|${cat}`
      })
      if (parts.length > 0) constraints.push({ total: `P${r}`, parts })
    }
  })
  cells.push({ id: 'Y', value: periods.reduce((s, p) => s + p.total, 0) })
  published.set('Y', out.year.total)
  constraints.push({ total: 'Y', parts: periods.map((_, r) => `P${r}`) })
  const dims = new Map<string, string[]>()
  for (const [key, v] of yearCats) {
    const [dim, cat] = key.split('|') as [string, string]
    cells.push({ id: `Y|${key}`, value: v })
    published.set(`Y|${key}`, out.year.breakdowns[dim]?.[cat] as PublishedCell)
    dims.set(dim, [...(dims.get(dim) ?? []), `Y|${key}`])
    const column = periods.flatMap((p, r) =>
      p.breakdowns?.[dim]?.[cat] === undefined ? [] : [`P${r}|${key}`],
    )
    constraints.push({ total: `Y|${key}`, parts: column })
  }
  for (const parts of dims.values()) constraints.push({ total: 'Y', parts })
  return { table: { cells, constraints }, published }
}

describe('suppression properties', () => {
  const check = (partial: boolean) =>
    fc.assert(
      fc.property(seriesArb(partial), ({ threshold, periods }) => {
        const out = suppressBreakdownSeries(periods, { threshold })
        const { table: t, published } = seriesTable(periods, out)
        const truth = new Map(t.cells.map((c) => [c.id, c.value]))
        for (const [id, cell] of published) {
          const v = truth.get(id) as number
          expect(cell, id).toBeDefined()
          if (cell.suppressed) expect(cell.value).toBeNull()
          else {
            expect(cell.value).toBe(v)
            expect(v > 0 && v < threshold, `${id} = ${v} shown`).toBe(false)
          }
          expect(cell.reason === 'primary', id).toBe(v > 0 && v < threshold)
        }
        for (const e of equationsOf(t)) {
          const hidden = [e.total, ...e.parts].filter((id) => published.get(id)?.suppressed)
          // No constraint leaves exactly one unknown: a complete one counts its cells, a partial
          // one also its unstated rest, which is harmless alone unless it is a small count itself.
          if (e.rest === 0) expect(hidden.length, `${e.total} = ${e.parts.join(' + ')}`).not.toBe(1)
          else if (hidden.length === 0) expect(e.rest > 0 && e.rest < threshold).toBe(false)
          if (!published.get(e.total)?.suppressed) {
            const s = hidden.reduce((a, id) => a + (truth.get(id) ?? 0), e.rest)
            expect(s > 0 && s < threshold, `hidden parts of ${e.total} add up to ${s}`).toBe(false)
          }
        }
        expect(recoverable(t, published, threshold)).toEqual([])
      }),
      { numRuns: 300 },
    )

  it('never leaves a suppressed cell recoverable in complete tables', () => check(false))
  it('never leaves a suppressed cell or a small rest recoverable with partial breakdowns', () => check(true))
})
