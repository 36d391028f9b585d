import Decimal from 'decimal.js'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aggregateAcrossVentures, type PeriodValue, scaleForUnit } from '../../src/domain/aggregation.ts'
import { parentPeriod } from '../../src/domain/periods.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { testTarget } from '../helpers/database.ts'
import { makeMember, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import {
  amendReport,
  assign,
  makeMunicipalityOrg,
  makeReport,
  makeVentureOrg,
  revokeShareData,
  setReportStatus,
  shareData,
  type ValueSpec,
} from '../helpers/outcome-data.ts'

/**
 * The facts and the national rollup are kept by a trigger on `reports`. After a mix of workflow
 * steps (submit, return, verify, amend, several reports in one statement) they must equal a
 * recomputation from the reported values: by the database's own functions, and by the domain's
 * aggregation functions in JavaScript, independently of the SQL.
 */
let t: TestContext
let token: string
const db = () => t.database.db

type Basis = 'verified' | 'unverified'

beforeAll(async () => {
  // Threshold 1 turns primary suppression off, so the municipal view shows raw aggregates.
  t = await createTestApp({ SUPPRESSION_THRESHOLD: 1 })
  const kommune = await makeMunicipalityOrg(db(), ['3207'])
  token = (await makeToken(db(), (await makeMember(db(), kommune, 'viewer')).id)).token

  const follo = await makeVentureOrg(db(), { municipalities: ['3207'] })
  const split = await makeVentureOrg(db(), { municipalities: ['3207', '0301'] })
  const oslo = await makeVentureOrg(db(), { municipalities: ['0301'] })
  for (const v of [follo, split]) await shareData(db(), v, kommune)

  const flow = (v: string) => assign(db(), v, 'NO-WORK-01')
  const stock = (v: string) => assign(db(), v, 'NO-WORK-02', 'monthly')
  const rate = (v: string) => assign(db(), v, 'PI3527')
  const yearly = (v: string) => assign(db(), v, 'NO-YOUTH-01', 'yearly')
  const tonnes = (v: string) => assign(db(), v, 'OI4862')
  const [f1, f2, f3] = [await flow(follo), await flow(split), await flow(oslo)]
  const [s1, s2] = [await stock(follo), await stock(split)]
  const [r1, r2] = [await rate(follo), await rate(split)]
  const [y1, y2] = [await yearly(follo), await yearly(oslo)]
  const c1 = await tonnes(follo)

  const g = (f: number, m: number) => ({ gender: { female: f, male: m } })
  const report = (
    ventureId: string,
    period: string,
    values: ValueSpec[],
    status?: 'draft' | 'submitted' | 'verified',
  ) => makeReport(db(), { ventureId, period, values, ...(status ? { status } : {}) })

  // Flows: quarterly, with gender cells; under old numbers in 2019.
  await report(follo, '2019-Q4', [
    { assignmentId: f1, total: 10, ...g(4, 6), municipality: { '0213': 7, '0217': 3 } },
  ])
  await report(follo, '2020-Q1', [
    { assignmentId: f1, total: 12, ...g(5, 7), municipality: { '3020': 12 } },
    {
      assignmentId: r1,
      total: '40.00',
      numerator: 4,
      denominator: 10,
      ratioGender: { female: [1, 4], male: [3, 6] },
    },
    { assignmentId: c1, total: '1.25' },
  ])
  const amended = await report(follo, '2020-Q2', [
    { assignmentId: f1, total: 9, ...g(4, 5), municipality: { '3020': 9 } },
    { assignmentId: r1, total: '50.00', numerator: 5, denominator: 10 },
    { assignmentId: c1, total: '2.50' },
  ])
  await amendReport(db(), amended, [
    { assignmentId: f1, total: 11, ...g(5, 6), municipality: { '3020': 11 } },
    { assignmentId: r1, total: '60.00', numerator: 6, denominator: 10 },
    { assignmentId: c1, total: '2.75' },
  ])
  const amending = await report(split, '2020-Q2', [
    { assignmentId: f2, total: 20, ...g(8, 12), municipality: { '3020': 5, '0301': 15 } },
    {
      assignmentId: r2,
      total: '25.00',
      numerator: 5,
      denominator: 20,
      ratioMunicipality: { '3020': [2, 8], '0301': [3, 12] },
    },
  ])
  await amendReport(
    db(),
    amending,
    [
      { assignmentId: f2, total: 24, ...g(10, 14), municipality: { '3020': 6, '0301': 18 } },
      {
        assignmentId: r2,
        total: '30.00',
        numerator: 6,
        denominator: 20,
        ratioMunicipality: { '3020': [3, 8], '0301': [3, 12] },
      },
    ],
    'submitted',
  )
  const returned = await report(oslo, '2020-Q2', [{ assignmentId: f3, total: 30, ...g(10, 20) }], 'submitted')
  await setReportStatus(db(), returned, 'returned')
  await report(oslo, '2020-Q3', [{ assignmentId: f3, total: 31 }], 'submitted')
  await report(split, '2020-Q3', [{ assignmentId: f2, total: 5, municipality: { '3020': 5 } }], 'draft')
  await report(follo, '2020-Q3', [{ assignmentId: f1, total: 3, municipality: { '3020': 3 } }], 'draft')
  await report(oslo, '2020-Q4', [{ assignmentId: f3, total: 33, ...g(13, 20) }], 'draft')

  // Stocks: monthly; the latest month of each quarter and year counts.
  for (const [v, a, period, total] of [
    [follo, s1, '2020-01', 8],
    [follo, s1, '2020-02', 9],
    [follo, s1, '2020-05', 10],
    [split, s2, '2020-02', 4],
    [split, s2, '2020-03', 6],
  ] as const)
    await report(v, period, [{ assignmentId: a, total, ...g(total - 2, 2), municipality: { '3020': total } }])
  await report(split, '2020-06', [{ assignmentId: s2, total: 7, municipality: { '3020': 7 } }], 'submitted')

  // Yearly reports.
  await report(follo, '2020', [{ assignmentId: y1, total: 40, ...g(20, 20) }])
  await report(oslo, '2020', [{ assignmentId: y2, total: 50 }])

  // Several reports of several ventures in one statement: submit every draft (three ventures),
  // then verify the submitted ones outside Q2 and Q3 (split's June, Oslo's Q4).
  await db().updateTable('reports').set({ status: 'submitted' }).where('status', '=', 'draft').execute()
  await db()
    .updateTable('reports')
    .set({ status: 'verified' })
    .where('status', '=', 'submitted')
    .where('period', 'not in', ['2020-Q2', '2020-Q3'])
    .execute()
})
afterAll(() => t.close())

interface Raw {
  reportId: string
  revision: number
  ventureOrgId: string
  period: string
  frequency: string
  status: string
  currentRevision: number
  indicatorCode: string
  aggregation: 'sum' | 'last' | 'ratio'
  unit: string
  assignmentId: string
  total: string
  numerator: string | null
  denominator: string | null
}

async function rawValues(): Promise<Raw[]> {
  return db()
    .selectFrom('reportValues as v')
    .innerJoin('reports as r', 'r.id', 'v.reportId')
    .innerJoin('assignments as a', 'a.id', 'v.assignmentId')
    .innerJoin('indicators as i', 'i.code', 'a.indicatorCode')
    .select([
      'v.reportId',
      'v.revision',
      'r.ventureOrgId',
      'r.period',
      'r.frequency',
      'r.status',
      'r.revision as currentRevision',
      'a.indicatorCode',
      'i.aggregation',
      'i.unit',
      'v.assignmentId',
      'v.total',
      'v.numerator',
      'v.denominator',
    ])
    .execute()
}

/** The revision each basis counts (PRODUCT.md §3: verified only, or with submitted values). */
const counted = (r: Raw, basis: Basis) =>
  r.status === 'verified' || (basis === 'unverified' && r.status === 'submitted')
    ? r.currentRevision
    : r.currentRevision - 1

describe('the impact rollup', () => {
  it('equals the database’s own recomputation, facts and national rows alike', async () => {
    const national = await sql<{ n: number }>`select count(*)::int as n from (
      (select basis, indicator_code, period_key, year, dimension, category, value, numerator, denominator,
              ventures, value_count, yearly, unverified from impact_contributions(null, null)
       except select basis, indicator_code, period_key, year, dimension, category, value, numerator, denominator,
              ventures, value_count, yearly, unverified from impact_national)
      union all
      (select basis, indicator_code, period_key, year, dimension, category, value, numerator, denominator,
              ventures, value_count, yearly, unverified from impact_national
       except select basis, indicator_code, period_key, year, dimension, category, value, numerator, denominator,
              ventures, value_count, yearly, unverified from impact_contributions(null, null))
    ) x`.execute(db())
    expect(national.rows[0]?.n).toBe(0)
    const facts = await sql<{ n: number }>`select count(*)::int as n from (
      (select * from impact_fact_rows(null) except select * from impact_facts)
      union all
      (select * from impact_facts except select * from impact_fact_rows(null))
    ) x`.execute(db())
    expect(facts.rows[0]?.n).toBe(0)
    const size = await sql<{ n: number }>`select count(*)::int as n from impact_national`.execute(db())
    expect(size.rows[0]?.n).toBeGreaterThan(20)
  })

  it('equals the domain’s aggregation of the reported values, per basis, indicator and period', async () => {
    const values = await rawValues()
    const cells = await db()
      .selectFrom('reportValueBreakdowns')
      .selectAll()
      .where('dimension', '!=', 'municipality')
      .execute()
    const rollup = await db().selectFrom('impactNational').selectAll().execute()
    let compared = 0
    for (const basis of ['verified', 'unverified'] as const) {
      const live = values.filter((v) => v.revision === counted(v, basis))
      const keys = new Set(
        live.flatMap((v) => [
          `${v.indicatorCode}|${parentPeriod(v.period, 'year')}`,
          ...(v.frequency === 'yearly' ? [] : [`${v.indicatorCode}|${parentPeriod(v.period, 'quarter')}`]),
        ]),
      )
      for (const key of keys) {
        const [code, periodKey] = key.split('|') as [string, string]
        const granularity = periodKey.length === 4 ? 'year' : 'quarter'
        const members = live.filter(
          (v) =>
            v.indicatorCode === code &&
            (granularity === 'year' || v.frequency !== 'yearly') &&
            parentPeriod(v.period, granularity) === periodKey,
        )
        const byVenture = new Map<string, PeriodValue[]>()
        for (const v of members)
          byVenture.set(v.ventureOrgId, [
            ...(byVenture.get(v.ventureOrgId) ?? []),
            {
              period: v.period,
              value: new Decimal(v.total),
              ...(v.numerator
                ? { numerator: new Decimal(v.numerator), denominator: new Decimal(v.denominator ?? 0) }
                : {}),
            },
          ])
        const first = members[0] as Raw
        const expected = aggregateAcrossVentures(
          first.aggregation,
          [...byVenture.values()],
          scaleForUnit(first.unit),
        )
        const total = rollup.find(
          (r) =>
            r.basis === basis && r.indicatorCode === code && r.periodKey === periodKey && r.dimension === '',
        )
        expect(total, `${basis} ${key}`).toBeDefined()
        const got =
          first.aggregation === 'ratio'
            ? new Decimal(total!.numerator).times(scaleForUnit(first.unit)).div(total!.denominator)
            : new Decimal(total!.value)
        expect(got.toDecimalPlaces(10).toString(), `${basis} ${key}`).toBe(
          expected?.toDecimalPlaces(10).toString(),
        )
        expect(total!.ventures, `${basis} ${key} ventures`).toBe(byVenture.size)

        // Gender cells: a flow adds every value's cells, a stock only each venture's latest value's.
        const chosen =
          first.aggregation === 'last'
            ? [...byVenture.keys()].map(
                (venture) =>
                  members
                    .filter((m) => m.ventureOrgId === venture)
                    .sort((a, b) => (a.period < b.period ? 1 : -1))[0] as Raw,
              )
            : members
        const pending = chosen.filter(
          (m) => basis === 'unverified' && m.status === 'submitted' && m.revision === m.currentRevision,
        )
        expect(total!.unverified, `${basis} ${key} unverified`).toBe(pending.length)
        const want = new Map<string, Decimal>()
        for (const m of chosen)
          for (const c of cells.filter(
            (c) =>
              c.reportId === m.reportId && c.revision === m.revision && c.assignmentId === m.assignmentId,
          )) {
            const k = `${c.dimension}|${c.category}`
            want.set(
              k,
              (want.get(k) ?? new Decimal(0)).plus(
                first.aggregation === 'ratio' ? (c.numerator ?? 0) : c.value,
              ),
            )
          }
        const gotCells = rollup.filter(
          (r) =>
            r.basis === basis && r.indicatorCode === code && r.periodKey === periodKey && r.dimension !== '',
        )
        expect(
          new Map(
            gotCells.map((r) => [
              `${r.dimension}|${r.category}`,
              new Decimal(first.aggregation === 'ratio' ? r.numerator : r.value).toString(),
            ]),
          ),
          `${basis} ${key} cells`,
        ).toEqual(new Map([...want].map(([k, v]) => [k, v.toString()])))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(20)
    // Nothing stale: every rollup row is one of the keys above.
    expect(rollup.every((r) => r.valueCount > 0)).toBe(true)
  })

  it('serves the municipal view from facts that equal the reported values (0213/0217/3020 → 3207)', async () => {
    const res = await call(t.app, 'GET', '/v1/impact?municipality=3207&granularity=year', { token })
    expect(res.status).toBe(200)
    const figure = (code: string, period: string) =>
      res.body.indicators
        .find((i: { indicator: { code: string } }) => i.indicator.code === code)
        ?.periods.find((p: { period: string }) => p.period === period)
    // 2019: the 0213 and 0217 cells of follo (7 + 3).
    expect(figure('NO-WORK-01', '2019').value.value).toBe('10')
    // 2020: follo 12 + 11 (amended and verified) + split's verified 3020 cell (5; its amendment
    // is not verified yet) = 28.
    expect(figure('NO-WORK-01', '2020').value.value).toBe('28')
    // Follo serves only 3207, so its gender cells count; split's value is only partly here.
    expect(figure('NO-WORK-01', '2020').breakdowns.gender).toEqual({
      female: { value: '10', suppressed: false },
      male: { value: '13', suppressed: false },
    })
    // The rate: follo 4/10 and 6/10, split's 3020 cell 2/8 → 12/28.
    expect([figure('PI3527', '2020').numerator.value, figure('PI3527', '2020').denominator.value]).toEqual([
      '12',
      '28',
    ])
    // The stock: follo's latest month (May: 10) + split's latest month (June: 7, verified with
    // Oslo's Q4 in one statement).
    expect(figure('NO-WORK-02', '2020').value.value).toBe('17')
    // A yearly report of a venture serving only 3207 counts whole; Oslo's does not.
    expect(figure('NO-YOUTH-01', '2020').value.value).toBe('40')
    expect(figure('OI4862', '2020').value.value).toBe('4')

    const withSubmitted = await call(
      t.app,
      'GET',
      '/v1/impact?municipality=3207&granularity=year&includeUnverified=true',
      {
        token,
      },
    )
    const f = withSubmitted.body.indicators.find(
      (i: { indicator: { code: string } }) => i.indicator.code === 'NO-WORK-01',
    )
    const y2020 = f.periods.find((p: { period: string }) => p.period === '2020')
    // 12 + 11 + split's submitted amendment (6) + the submitted 2020-Q3 of split (5) and follo (3).
    expect([y2020.value.value, y2020.unverified]).toEqual(['37', true])
  })

  it.runIf(testTarget() === 'postgres')(
    'stays exact when two transactions verify one venture’s reports at once',
    async () => {
      const v = await makeVentureOrg(db(), { municipalities: ['3207'] })
      const a = await assign(db(), v, 'NO-YOUTH-02') // a stock: the latest quarter decides the year
      const q3 = await makeReport(db(), {
        ventureId: v,
        period: '2021-Q3',
        status: 'submitted',
        values: [{ assignmentId: a, total: 30 }],
      })
      const q4 = await makeReport(db(), {
        ventureId: v,
        period: '2021-Q4',
        status: 'submitted',
        values: [{ assignmentId: a, total: 40 }],
      })
      const verify = (id: string) =>
        db()
          .transaction()
          .execute(async (trx) => {
            await setReportStatus(trx, id, 'verified')
            await new Promise((resolve) => setTimeout(resolve, 150))
          })
      await Promise.all([verify(q3), verify(q4)])
      const year = await db()
        .selectFrom('impactNational')
        .select(['value', 'ventures'])
        .where('basis', '=', 'verified')
        .where('indicatorCode', '=', 'NO-YOUTH-02')
        .where('periodKey', '=', '2021')
        .where('dimension', '=', '')
        .executeTakeFirstOrThrow()
      expect([year.value, year.ventures]).toEqual(['40', 1])
      const differing = await sql<{ n: number }>`select count(*)::int as n from (
      select basis, indicator_code, period_key, dimension, category, value, ventures from impact_contributions(null, null)
      except select basis, indicator_code, period_key, dimension, category, value, ventures from impact_national) x`.execute(
        db(),
      )
      expect(differing.rows[0]?.n).toBe(0)
    },
  )

  it('is unchanged by a full rebuild', async () => {
    const national = () => sql`select * from impact_national order by 1, 2, 3, 5, 6`.execute(db())
    const orgs = () => sql`select * from impact_org_rollup order by 1, 2, 3, 4, 5, 7, 8`.execute(db())
    const before = await national()
    const orgsBefore = await orgs()
    const facts = await sql`select count(*)::int as n from impact_facts`.execute(db())
    await sql`select impact_rebuild()`.execute(db())
    expect((await national()).rows).toEqual(before.rows)
    expect((await orgs()).rows).toEqual(orgsBefore.rows)
    expect(orgsBefore.rows.length).toBeGreaterThan(20)
    expect((await sql`select count(*)::int as n from impact_facts`.execute(db())).rows).toEqual(facts.rows)
  })

  it('keeps each municipality organization’s rollup exact through shares, profiles and numbers', async () => {
    const org = await makeMunicipalityOrg(db(), ['3207'])
    const member = (await makeToken(db(), (await makeMember(db(), org, 'viewer')).id)).token
    const whole = await makeVentureOrg(db(), { municipalities: ['3207'] })
    const both = await makeVentureOrg(db(), { municipalities: ['3207', '0301'] })
    const [w, b] = [await assign(db(), whole, 'NO-INCL-03'), await assign(db(), both, 'NO-INCL-03')]
    await makeReport(db(), { ventureId: whole, period: '2022-Q1', values: [{ assignmentId: w, total: 10 }] })
    await makeReport(db(), {
      ventureId: both,
      period: '2022-Q1',
      values: [{ assignmentId: b, total: 20, municipality: { '3207': 5, '0301': 15 } }],
    })
    await makeReport(db(), { ventureId: both, period: '2022-Q2', values: [{ assignmentId: b, total: 8 }] })
    const figure = async () => {
      const res = await call(t.app, 'GET', '/v1/impact?municipality=3207&granularity=year', { token: member })
      const ind = res.body.indicators.find(
        (i: { indicator: { code: string } }) => i.indicator.code === 'NO-INCL-03',
      )
      return ind?.periods[0]?.value.value ?? null
    }
    const steps: [string, () => Promise<unknown>, string | null][] = [
      ['nothing shared', async () => {}, null],
      ['whole shares', () => shareData(db(), whole, org), '10'],
      ['both shares', () => shareData(db(), both, org), '15'],
      [
        'both now serves only 3207: its value without a breakdown counts whole',
        () =>
          db()
            .updateTable('ventures')
            .set({ municipalities: ['3207'] })
            .where('orgId', '=', both)
            .execute(),
        '23',
      ],
      [
        'a report changes',
        () =>
          makeReport(db(), { ventureId: whole, period: '2022-Q3', values: [{ assignmentId: w, total: 4 }] }),
        '27',
      ],
      [
        'whole revokes',
        async () => {
          const share = await db()
            .selectFrom('dataShares')
            .select('id')
            .where('ventureOrgId', '=', whole)
            .where('revokedAt', 'is', null)
            .executeTakeFirstOrThrow()
          await revokeShareData(db(), share.id)
        },
        '13',
      ],
      [
        'the organization becomes Oslo’s',
        () =>
          db()
            .updateTable('organizations')
            .set({ municipalityNumbers: ['0301'] })
            .where('id', '=', org)
            .execute(),
        null,
      ],
      [
        'and Nordre Follo’s again, under its 2020 number',
        () =>
          db()
            .updateTable('organizations')
            .set({ municipalityNumbers: ['3020'] })
            .where('id', '=', org)
            .execute(),
        '13',
      ],
    ]
    for (const [step, act, want] of steps) {
      await act()
      expect(await orgRollupDifferences(), step).toBe(0)
      if (step !== 'the organization becomes Oslo’s') expect(await figure(), step).toBe(want)
    }
  })
})

/** Rows where an organization's rollup differs from a recomputation from its current shares. */
async function orgRollupDifferences(): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with expected as (
      select o.id as org_id, p.code, x.*
      from organizations o
      cross join lateral impact_places(o.id) as p (code)
      cross join lateral impact_place(
        p.code,
        (select array_agg(s.venture_org_id) from data_shares s where s.grantee_org_id = o.id and s.revoked_at is null),
        (select coalesce(array_agg(v.org_id) filter (where impact_serves_only(v.municipalities, p.code)), '{}')
           from data_shares s join ventures v on v.org_id = s.venture_org_id
          where s.grantee_org_id = o.id and s.revoked_at is null),
        null) as x
    ),
    actual as (
      select org_id, code, basis, indicator_code, period_key, year, dimension, category, value, numerator,
             denominator, ventures::bigint, value_count::bigint, yearly::bigint, unverified::bigint
      from impact_org_rollup
    )
    select count(*)::int as n from ((select * from expected except select * from actual)
                                    union all (select * from actual except select * from expected)) d`.execute(
    db(),
  )
  return rows[0]?.n ?? -1
}
