import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import {
  assign,
  type Cells,
  makeMunicipalityOrg,
  makeReport,
  makeVentureOrg,
  shareData,
} from '../helpers/outcome-data.ts'

/**
 * Random years of a personal flow (NO-WORK-01) for a municipality, written through the builders:
 * one to three ventures, each reporting some quarters, with complete, partial or no gender and age
 * breakdowns, serving only this municipality or also Oslo (then only a part of each value is
 * attributed here, without its breakdowns). Both granularities are fetched, as an attacker would,
 * and every additive relation between the published cells is solved by subtraction until nothing
 * more follows. No suppressed cell may ever be recovered, no shown count may be 1–3, and every shown
 * figure must be the true one.
 */
let t: TestContext
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const GENDERS = ['female', 'male', 'other', 'unknown']
const AGES = ['0-15', '16-29', '30-49', '50-66', '67+', 'unknown']
const QUARTERS = ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']

const quarterValue = fc.record({
  total: fc.integer({ min: 0, max: 14 }),
  gender: fc.constantFrom('complete', 'partial', 'none'),
  age: fc.constantFrom('complete', 'none'),
  weights: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 6, maxLength: 6 }),
})
const ventureArb = fc.record({
  place: fc.constantFrom('only', 'shared'),
  share: fc.integer({ min: 0, max: 100 }),
  quarters: fc.array(fc.option(quarterValue, { nil: undefined }), { minLength: 4, maxLength: 4 }),
})
const yearArb = fc.array(ventureArb, { minLength: 1, maxLength: 3 })

/** Splits `total` by weights; `partial` drops the last category. */
function spread(total: number, cats: string[], weights: number[], partial: boolean): Cells {
  const w = cats.map((_, i) => (weights[i] ?? 0) + 1)
  const sum = w.reduce((a, b) => a + b, 0)
  const parts = w.map((x) => Math.floor((total * x) / sum))
  parts[0] = (parts[0] ?? 0) + total - parts.reduce((a, b) => a + b, 0)
  const entries = cats.map((c, i) => [c, parts[i] ?? 0] as const)
  return Object.fromEntries(partial ? entries.slice(0, -1) : entries)
}

type Truth = Map<string, number>

interface Equation {
  vars: string[]
}

describe('disclosure control (property)', () => {
  it('never lets a suppressed cell be recovered by subtraction', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(yearArb, async (ventures) => {
        const db = t.database.db
        const org = await makeMunicipalityOrg(db, ['3207'])
        const token = (await makeToken(db, (await makeMember(db, org, 'viewer')).id)).token
        const truth: Truth = new Map()
        const add = (id: string, v: number) => truth.set(id, (truth.get(id) ?? 0) + v)
        for (const v of ventures) {
          const id = await makeVentureOrg(db, {
            municipalities: v.place === 'only' ? ['3207'] : ['3207', '0301'],
          })
          await shareData(db, id, org)
          const a = await assign(db, id, 'NO-WORK-01')
          for (const [qi, q] of v.quarters.entries()) {
            if (!q) continue
            const period = QUARTERS[qi] as string
            const gender =
              q.gender === 'none' ? undefined : spread(q.total, GENDERS, q.weights, q.gender === 'partial')
            const age = q.age === 'none' ? undefined : spread(q.total, AGES, [...q.weights].reverse(), false)
            const here = v.place === 'only' ? q.total : Math.round((q.total * v.share) / 100)
            await makeReport(db, {
              ventureId: id,
              period,
              values: [
                {
                  assignmentId: a,
                  total: q.total,
                  ...(gender ? { gender } : {}),
                  ...(age ? { age } : {}),
                  ...(v.place === 'only' ? {} : { municipality: { '3207': here, '0301': q.total - here } }),
                },
              ],
            })
            // What the municipality's table truly holds.
            add(period, here)
            add('2023', here)
            if (here !== q.total) continue // only a whole value brings its breakdowns
            for (const [dim, cells] of [
              ['gender', gender],
              ['age_band', age],
            ] as const)
              for (const [cat, n] of Object.entries(cells ?? {})) {
                add(`${period}|${dim}|${cat}`, Number(n))
                add(`2023|${dim}|${cat}`, Number(n))
              }
          }
        }

        const quarters = await call(t.app, 'GET', '/v1/impact?municipality=3207', { token })
        const years = await call(t.app, 'GET', '/v1/impact?municipality=3207&granularity=year', { token })
        expect(quarters.status).toBe(200)
        expect(years.status).toBe(200)
        const shown = new Map<string, number>()
        const suppressed = new Set<string>()
        const rows = [quarters, years].flatMap(
          (r) =>
            r.body.indicators.find((i: { indicator: { code: string } }) => i.indicator.code === 'NO-WORK-01')
              ?.periods ?? [],
        )
        const publish = (id: string, c: { value: string | null; suppressed: boolean; reason?: string }) => {
          if (c.suppressed) {
            expect(c.value).toBeNull()
            expect(c.reason).toBe('disclosure-control')
            suppressed.add(id)
          } else {
            const n = Number(c.value)
            expect(n, id).toBe(truth.get(id) ?? 0)
            expect(n >= 1 && n <= 3, `${id} = ${n} is shown`).toBe(false)
            shown.set(id, n)
          }
        }
        for (const r of rows) {
          publish(r.period, r.value)
          for (const [dim, cats] of Object.entries(r.breakdowns as Record<string, Record<string, never>>))
            for (const [cat, c] of Object.entries(cats)) publish(`${r.period}|${dim}|${cat}`, c)
        }
        // Every true cell is published one way or the other.
        for (const id of truth.keys()) expect(shown.has(id) || suppressed.has(id), id).toBe(true)

        // The relations an attacker knows. A breakdown's rest (total − its cells) is an unknown,
        // except that a complete breakdown (rest 0) is assumed known: the strongest attacker.
        const equations: Equation[] = []
        const known = new Set<string>(shown.keys())
        const present = QUARTERS.filter((q) => truth.has(q))
        equations.push({ vars: ['2023', ...present] })
        for (const dim of ['gender', 'age_band']) {
          const cats = [...truth.keys()]
            .filter((k) => k.startsWith(`2023|${dim}|`))
            .map((k) => k.split('|')[2] as string)
          for (const p of [...present, '2023']) {
            const ids = cats.map((c) => `${p}|${dim}|${c}`).filter((id) => truth.has(id))
            const rest = `${p}|${dim}|rest`
            const restValue = (truth.get(p) ?? 0) - ids.reduce((s, id) => s + (truth.get(id) ?? 0), 0)
            if (restValue === 0) known.add(rest)
            equations.push({ vars: [p, ...ids, rest] })
          }
          for (const c of cats)
            equations.push({
              vars: [
                `2023|${dim}|${c}`,
                ...present.map((p) => `${p}|${dim}|${c}`).filter((id) => truth.has(id)),
              ],
            })
          equations.push({ vars: [`2023|${dim}|rest`, ...present.map((p) => `${p}|${dim}|rest`)] })
        }
        for (let changed = true; changed; ) {
          changed = false
          for (const e of equations) {
            const unknown = e.vars.filter((v) => !known.has(v))
            if (unknown.length === 1) {
              const derived = unknown[0] as string
              expect(suppressed.has(derived), `${derived} can be recovered by subtraction`).toBe(false)
              known.add(derived)
              changed = true
            }
          }
        }
      }),
      { numRuns: 25 },
    )
  })
})
