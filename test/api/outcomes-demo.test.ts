import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { loadDemoIdentity } from '../../src/demo/identity.ts'
import { DEMO_PASSWORD } from '../../src/demo/ids.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { DEMO_OPEN_DATA_VENTURES, loadDemoOutcomes } from '../../src/demo/outcomes.ts'
import { loadDemoVentures } from '../../src/demo/ventures.ts'
import { requirePeriod } from '../../src/domain/periods.ts'
import { assignmentsFor } from '../../src/modules/outcomes/report-view.ts'
import { listValues } from '../../src/modules/outcomes/reports-repo.ts'
import { checkValue } from '../../src/modules/outcomes/value-input.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call, login } from '../helpers/http.ts'

const NOW = new Date('2026-11-27T10:00:00Z')
let t: TestContext
let loadMs = 0
let cpuMs = 0
let firstCounts: number[] = []
const counts = async () => {
  const db = t.database.db
  const n = async (
    table: 'assignments' | 'reports' | 'reportValues' | 'reportValueBreakdowns' | 'dataShares',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return [
    await n('assignments'),
    await n('reports'),
    await n('reportValues'),
    await n('reportValueBreakdowns'),
    await n('dataShares'),
  ]
}
beforeAll(async () => {
  t = await createTestApp()
  t.clock.now = NOW
  const ctx = { db: t.database.db, principal: null, requestId: null, now: NOW, config: defaultConfig() }
  const identity = await loadDemoIdentity(ctx)
  await loadDemoVentures(ctx, identity)
  const started = performance.now()
  const cpu = process.cpuUsage()
  await loadDemoOutcomes(ctx, identity)
  const used = process.cpuUsage(cpu)
  loadMs = performance.now() - started
  cpuMs = (used.user + used.system) / 1000
  await loadDemo(ctx)
  firstCounts = await counts()
  await loadDemo(ctx)
})
afterAll(() => t.close())

const ventures = () =>
  t.database.db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('kind', '=', 'venture')
    .orderBy('name')
    .execute()

describe('demo outcomes', () => {
  it('loads in a few seconds and adds nothing on a second run', async () => {
    // About 2 s of CPU (PGlite runs in this process); wall time depends on how busy the machine is.
    console.log(`demo outcomes loaded in ${Math.round(loadMs)} ms (${Math.round(cpuMs)} ms CPU)`)
    expect(cpuMs).toBeLessThan(6_000)
    expect(await counts()).toEqual(firstCounts)
    const perVenture = await t.database.db
      .selectFrom('assignments')
      .select(['ventureOrgId', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('ventureOrgId')
      .execute()
    expect(perVenture).toHaveLength(12)
    for (const v of perVenture) {
      expect(Number(v.n)).toBeGreaterThanOrEqual(4)
      expect(Number(v.n)).toBeLessThanOrEqual(8)
    }
    expect(firstCounts[0]).toBe(perVenture.reduce((s, v) => s + Number(v.n), 0))
  })

  it('has quarterly reports from 2018 in mixed states', async () => {
    const rows = await t.database.db
      .selectFrom('reports')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute()
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
    expect(by.verified).toBeGreaterThan(300)
    expect(by.submitted).toBeGreaterThanOrEqual(8)
    expect(by.returned).toBe(1)
    expect(by.draft).toBe(2)
    const first = await t.database.db
      .selectFrom('reports')
      .select((eb) => eb.fn.min('period').as('p'))
      .executeTakeFirstOrThrow()
    expect(first.p).toBe('2018-Q1')
  })

  it('stores only values the API itself would accept', async () => {
    const db = t.database.db
    const reports = await db.selectFrom('reports').selectAll().execute()
    const byVenture = new Map<string, Awaited<ReturnType<typeof assignmentsFor>>>()
    let checked = 0
    for (const r of reports) {
      if (!byVenture.has(r.ventureOrgId))
        byVenture.set(r.ventureOrgId, await assignmentsFor(db, r.ventureOrgId))
      for (const { value } of await listValues(db, r.id, r.revision)) {
        const result = checkValue(
          {
            indicatorCode: value.indicatorCode,
            total: value.total,
            note: value.note,
            evidence: value.evidence,
            verificationLevel: value.verificationLevel,
            breakdowns: value.breakdowns.map((b) => ({
              dimension: b.dimension,
              category: b.category,
              value: b.value,
              ...(b.numerator !== null ? { numerator: b.numerator } : {}),
              ...(b.denominator !== null ? { denominator: b.denominator } : {}),
            })),
            ...(value.numerator !== null ? { numerator: value.numerator } : {}),
            ...(value.denominator !== null ? { denominator: value.denominator } : {}),
          },
          requirePeriod(r.period),
          byVenture.get(r.ventureOrgId)!,
        )
        expect(result.problems, `${r.period} ${value.indicatorCode}`).toEqual([])
        checked++
      }
    }
    expect(checked).toBeGreaterThan(1500)
  })

  it('reports Nordre Follo under 0213 and 0217 before 2020, 3020 for 2020–2023 and 3207 from 2024', async () => {
    const rows = await t.database.db
      .selectFrom('reportValueBreakdowns as b')
      .innerJoin('reports as r', 'r.id', 'b.reportId')
      .select([
        'b.category',
        (eb) => eb.fn.min('r.period').as('first'),
        (eb) => eb.fn.max('r.period').as('last'),
      ])
      .where('b.dimension', '=', 'municipality')
      .where('b.category', 'in', ['0213', '0217', '3020', '3207'])
      .groupBy('b.category')
      .orderBy('b.category')
      .execute()
    expect(rows).toEqual([
      { category: '0213', first: '2018-Q1', last: '2019-Q4' },
      { category: '0217', first: '2018-Q1', last: '2019-Q4' },
      { category: '3020', first: '2020-Q1', last: '2023-Q4' },
      { category: '3207', first: '2024-Q1', last: '2026-Q3' },
    ])
    const small = await t.database.db
      .selectFrom('reportValueBreakdowns')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dimension', '=', 'municipality')
      .where('value', 'in', ['1', '2', '3'])
      .executeTakeFirstOrThrow()
    expect(Number(small.n)).toBeGreaterThan(10)
  })

  it('shares with Nordre Follo (aggregate and one detailed) and Drammen; the municipality sees the profiles', async () => {
    const names = new Map((await ventures()).map((v) => [v.id, v.name]))
    const shares = await t.database.db
      .selectFrom('dataShares as s')
      .innerJoin('organizations as o', 'o.id', 's.granteeOrgId')
      .select(['s.ventureOrgId', 'o.name', 's.level'])
      .execute()
    const follo = shares.filter((s) => s.name === 'Nordre Follo kommune')
    expect(follo.filter((s) => s.level === 'aggregate').length).toBeGreaterThanOrEqual(3)
    expect(follo.filter((s) => s.level === 'detailed').map((s) => names.get(s.ventureOrgId))).toEqual([
      'Lærlingløftet Follo',
    ])
    expect(shares.some((s) => s.name === 'Drammen kommune')).toBe(true)
    const kommune = await login(t.app, 'kommune@demo.effekt.no', DEMO_PASSWORD)
    const list = await call(t.app, 'GET', '/v1/ventures?limit=50', { cookie: kommune })
    expect(list.body.items.map((v: { name: string }) => v.name).sort()).toEqual(
      follo.map((s) => names.get(s.ventureOrgId)).sort(),
    )
    expect(DEMO_OPEN_DATA_VENTURES).toContain('arbeidsglede')
  })

  it('gives the venture user due, returned and draft reports, and the investor progress to verify', async () => {
    const venture = await login(t.app, 'venture@demo.effekt.no', DEMO_PASSWORD)
    const me = await call(t.app, 'GET', '/v1/me', { cookie: venture })
    const id = me.body.memberships[0].organizationId
    const reports = await call(t.app, 'GET', `/v1/ventures/${id}/reports?limit=3`, { cookie: venture })
    expect(reports.body.items.map((r: { period: string; status: string }) => [r.period, r.status])).toEqual([
      ['2026-Q3', 'draft'],
      ['2026-Q2', 'returned'],
      ['2026-Q1', 'verified'],
    ])
    const investor = await login(t.app, 'investor@demo.effekt.no', DEMO_PASSWORD)
    const series = await call(
      t.app,
      'GET',
      `/v1/ventures/${id}/outcomes?granularity=year&indicator=NO-WORK-01`,
      {
        cookie: investor,
      },
    )
    expect(series.status).toBe(200)
    const points = series.body.series[0].points
    expect(points[0].period).toBe('2018')
    expect(points.filter((p: { status: string | null }) => p.status !== null).length).toBeGreaterThan(5)
  })
})
