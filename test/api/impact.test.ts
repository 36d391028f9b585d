import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import {
  assign,
  makeIndicator,
  makeMunicipalityOrg,
  makeReport,
  makeVentureOrg,
  revokeShareData,
  shareData,
} from '../helpers/outcome-data.ts'

let t: TestContext
let adminToken: string

beforeAll(async () => {
  t = await createTestApp()
  adminToken = (await makeToken(t.database.db, (await makeUser(t.database.db, { platformAdmin: true })).id))
    .token
})
afterAll(() => t.close())

const db = () => t.database.db

/** A fresh municipality organization with a member: each test sees only the ventures sharing with it. */
async function municipality(numbers = ['3207']) {
  const org = await makeMunicipalityOrg(db(), numbers)
  const user = await makeMember(db(), org, 'viewer')
  return { org, token: (await makeToken(db(), user.id)).token }
}

/** A venture that serves `serves` and shares its data with `org`. */
async function venture(org: string, serves = ['3207']) {
  const id = await makeVentureOrg(db(), { municipalities: serves })
  await shareData(db(), id, org)
  return id
}

const get = (path: string, token: string) => call(t.app, 'GET', path, { token })
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
type Json = any
const series = (body: Json, code: string) => body.indicators.find((i: Json) => i.indicator.code === code)
const row = (body: Json, code: string, period: string) =>
  series(body, code)?.periods.find((p: Json) => p.period === period)
const cell = (value: string) => ({ value, suppressed: false })
const hidden = (reason: string) => ({ value: null, suppressed: true, reason })

describe('GET /v1/impact: the municipality crosswalk', () => {
  it('rolls values reported under 0213 and 0217 (and 3020) into 3207', async () => {
    const { org, token } = await municipality(['3207'])
    const v = await venture(org)
    const a = await assign(db(), v, 'PI4060')
    await makeReport(db(), {
      ventureId: v,
      period: '2019-Q2',
      values: [{ assignmentId: a, total: 10, municipality: { '0213': 6, '0217': 4 } }],
    })
    await makeReport(db(), {
      ventureId: v,
      period: '2021-Q2',
      values: [{ assignmentId: a, total: 7, municipality: { '3020': 7 } }],
    })
    await makeReport(db(), {
      ventureId: v,
      period: '2024-Q2',
      values: [{ assignmentId: a, total: 9, municipality: { '3207': 9 } }],
    })

    const res = await get('/v1/impact?municipality=3207&granularity=year', token)
    expect(res.status).toBe(200)
    expect(res.body.municipality).toEqual({
      code: '3207',
      name: 'Nordre Follo',
      rolledUpFrom: ['0213', '0217', '3020'],
      splitPredecessors: [],
    })
    expect(
      series(res.body, 'PI4060').periods.map((p: { period: string; value: unknown }) => [p.period, p.value]),
    ).toEqual([
      ['2019', cell('10')],
      ['2021', cell('7')],
      ['2024', cell('9')],
    ])
    expect(res.body.caveats.map((c: { code: string }) => c.code)).toContain('municipality-numbers')

    // Asking by an old number answers for the current municipality.
    const old = await get('/v1/impact?municipality=0213&granularity=year', token)
    expect(old.status).toBe(200)
    expect(old.body.municipality.code).toBe('3207')
    expect(row(old.body, 'PI4060', '2019').value).toEqual(cell('10'))
  })

  it('keeps values under a split number and says so in the successor’s view', async () => {
    const { org, token } = await municipality(['1508'])
    const v = await venture(org, ['1508'])
    const a = await assign(db(), v, 'PI4060')
    await makeReport(db(), {
      ventureId: v,
      period: '2023-Q1',
      values: [{ assignmentId: a, total: 20, municipality: { '1507': 20 } }],
    })
    await makeReport(db(), {
      ventureId: v,
      period: '2024-Q1',
      values: [{ assignmentId: a, total: 12, municipality: { '1508': 12 } }],
    })
    const res = await get('/v1/impact?municipality=1508&granularity=year', token)
    expect(res.status).toBe(200)
    expect(res.body.municipality.splitPredecessors).toEqual(['1507'])
    expect(series(res.body, 'PI4060').periods.map((p: { period: string }) => p.period)).toEqual(['2024'])
    const split = res.body.caveats.find((c: { code: string }) => c.code === 'municipality-split')
    expect(split.en).toContain('1507')
  })
})

describe('GET /v1/impact: primary and secondary suppression', () => {
  it('suppresses a small quarter and the next smallest, never the year (worked example)', async () => {
    // NO-WORK-01 in 2024: 12, 2, 9, 15 (year 38). 2 is a count of 1–3: primary. Alone it could be
    // recomputed as 38 − 12 − 9 − 15, so the smallest other quarter (9) is suppressed too.
    const { org, token } = await municipality()
    const v = await venture(org)
    const a = await assign(db(), v, 'NO-WORK-01')
    for (const [period, total] of [
      ['2024-Q1', 12],
      ['2024-Q2', 2],
      ['2024-Q3', 9],
      ['2024-Q4', 15],
    ] as const)
      await makeReport(db(), { ventureId: v, period, values: [{ assignmentId: a, total }] })

    const quarters = await get('/v1/impact?municipality=3207', token)
    expect(quarters.status).toBe(200)
    expect(series(quarters.body, 'NO-WORK-01').periods.map((p: { value: unknown }) => p.value)).toEqual([
      cell('12'),
      hidden('disclosure-control'),
      hidden('disclosure-control'),
      cell('15'),
    ])
    expect(row(quarters.body, 'NO-WORK-01', '2024-Q2').ventures).toBe(1)

    const years = await get('/v1/impact?municipality=3207&granularity=year', token)
    expect(row(years.body, 'NO-WORK-01', '2024').value).toEqual(cell('38'))
    expect(series(quarters.body, 'NO-WORK-01').disclosure).toBe('counts')
  })

  it('suppresses the other category of a breakdown, and shows 0 as 0 (worked example)', async () => {
    // PI2998 in 2025-Q1: 20 people, 17 women and 3 men. 3 is primary; 17 = 20 − 3 would give it
    // away, so it is suppressed as secondary. The total stays.
    const { org, token } = await municipality()
    const v = await venture(org)
    const a = await assign(db(), v, 'PI2998')
    await makeReport(db(), {
      ventureId: v,
      period: '2025-Q1',
      values: [
        { assignmentId: a, total: 20, gender: { female: 17, male: 3 }, age: { '16-29': 20, '30-49': 0 } },
      ],
    })
    const res = await get('/v1/impact?municipality=3207', token)
    const q1 = row(res.body, 'PI2998', '2025-Q1')
    expect(q1.value).toEqual(cell('20'))
    expect(q1.breakdowns.gender).toEqual({
      female: hidden('disclosure-control'),
      male: hidden('disclosure-control'),
    })
    expect(q1.breakdowns.age_band).toEqual({ '16-29': cell('20'), '30-49': cell('0') })
  })

  it('suppresses a rate with a small numerator, and one more across the year (worked example)', async () => {
    // PI3527 (personal rate, %): 2/10, 6/12, 8/16, 9/18. The numerator 2 is primary; the year's
    // numerator 25 would give it away, so the smallest other numerator (6) goes too.
    const { org, token } = await municipality()
    const v = await venture(org)
    const a = await assign(db(), v, 'PI3527')
    for (const [period, n, d] of [
      ['2024-Q1', 2, 10],
      ['2024-Q2', 6, 12],
      ['2024-Q3', 8, 16],
      ['2024-Q4', 9, 18],
    ] as const)
      await makeReport(db(), {
        ventureId: v,
        period,
        values: [{ assignmentId: a, total: ((n * 100) / d).toFixed(2), numerator: n, denominator: d }],
      })
    const res = await get('/v1/impact?municipality=3207', token)
    const periods = series(res.body, 'PI3527').periods
    expect(periods.map((p: { value: unknown }) => p.value)).toEqual([
      hidden('disclosure-control'),
      hidden('disclosure-control'),
      cell('50'),
      cell('50'),
    ])
    expect(periods[0].numerator).toEqual(hidden('disclosure-control'))
    expect(periods[0].denominator).toEqual(hidden('disclosure-control'))
    expect(periods[2].numerator).toEqual(cell('8'))
    const year = await get('/v1/impact?municipality=3207&granularity=year', token)
    const y = row(year.body, 'PI3527', '2024')
    expect([y.value, y.numerator, y.denominator]).toEqual([cell('44.6429'), cell('25'), cell('56')])
  })

  it('adds each venture’s latest value for a stock', async () => {
    const { org, token } = await municipality()
    const v1 = await venture(org)
    const v2 = await venture(org)
    const a1 = await assign(db(), v1, 'NO-WORK-02')
    const a2 = await assign(db(), v2, 'NO-WORK-02')
    for (const [v, a, period, total] of [
      [v1, a1, '2023-Q1', 10],
      [v1, a1, '2023-Q2', 12],
      [v2, a2, '2023-Q1', 5],
      [v2, a2, '2023-Q2', 6],
      [v2, a2, '2023-Q3', 7],
    ] as const)
      await makeReport(db(), { ventureId: v, period, values: [{ assignmentId: a, total }] })
    const res = await get('/v1/impact?municipality=3207', token)
    expect(
      series(res.body, 'NO-WORK-02').periods.map(
        (p: { period: string; value: unknown; ventures: number }) => [p.period, p.value, p.ventures],
      ),
    ).toEqual([
      ['2023-Q1', cell('15'), 2],
      ['2023-Q2', cell('18'), 2],
      ['2023-Q3', cell('7'), 1],
    ])
    const year = await get('/v1/impact?municipality=3207&granularity=year', token)
    // 12 (v1's latest, Q2) + 7 (v2's latest, Q3)
    expect(row(year.body, 'NO-WORK-02', '2023').value).toEqual(cell('19'))
  })
})

describe('GET /v1/impact: what counts for the municipality', () => {
  it('counts a value without a municipality breakdown only for a venture serving just this municipality', async () => {
    const { org, token } = await municipality()
    const only = await venture(org, ['3207'])
    const both = await venture(org, ['3207', '0301'])
    const partly = await venture(org, ['3207', '0301'])
    const [a1, a2, a3] = [
      await assign(db(), only, 'NO-YOUTH-01'),
      await assign(db(), both, 'NO-YOUTH-01'),
      await assign(db(), partly, 'NO-YOUTH-01'),
    ]
    await makeReport(db(), {
      ventureId: only,
      period: '2022-Q1',
      values: [{ assignmentId: a1, total: 11, gender: { female: 5, male: 6 } }],
    })
    await makeReport(db(), { ventureId: both, period: '2022-Q1', values: [{ assignmentId: a2, total: 30 }] })
    await makeReport(db(), {
      ventureId: partly,
      period: '2022-Q1',
      values: [
        {
          assignmentId: a3,
          total: 20,
          gender: { female: 10, male: 10 },
          municipality: { '3207': 8, '0301': 12 },
        },
      ],
    })
    const res = await get('/v1/impact?municipality=3207', token)
    const q1 = row(res.body, 'NO-YOUTH-01', '2022-Q1')
    // 11 (whole) + 8 (its 3207 cell); the 30 without a breakdown is left out.
    expect(q1.value).toEqual(cell('19'))
    expect(q1.ventures).toBe(2)
    // Only the value that belongs wholly here brings its gender cells.
    expect(q1.breakdowns.gender).toEqual({ female: cell('5'), male: cell('6') })
    const left = res.body.caveats.find((c: { code: string }) => c.code === 'no-municipality-breakdown')
    expect(left.en).toMatch(/^1 values from 1 ventures/)
    expect(res.body.caveats.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['double-counting', 'disclosure-control', 'partial-breakdowns']),
    )
  })

  it('leaves out revoked shares, ventures that do not share and indicators not marked for sharing', async () => {
    const { org, token } = await municipality()
    const shared = await venture(org)
    const revoked = await makeVentureOrg(db(), { municipalities: ['3207'] })
    const share = await shareData(db(), revoked, org)
    await revokeShareData(db(), share)
    const stranger = await makeVentureOrg(db(), { municipalities: ['3207'] })
    for (const v of [shared, revoked, stranger]) {
      const a = await assign(db(), v, 'NO-WORK-06')
      const wages = await assign(db(), v, 'NO-WORK-07') // NOK, not shareable
      await makeReport(db(), {
        ventureId: v,
        period: '2021-Q4',
        values: [
          { assignmentId: a, total: 8 },
          { assignmentId: wages, total: '100000.00' },
        ],
      })
    }
    const res = await get('/v1/impact?municipality=3207', token)
    expect(res.body.ventureCount).toBe(1)
    expect(row(res.body, 'NO-WORK-06', '2021-Q4').value).toEqual(cell('8'))
    expect(series(res.body, 'NO-WORK-07')).toBeUndefined()
  })

  it('withholds financial figures from fewer than 3 ventures, and one more across the year', async () => {
    await makeIndicator(db(), { code: 'TEST-NOK-01', unit: 'NOK', aggregation: 'sum', personal: false })
    const { org, token } = await municipality()
    const vs = [await venture(org), await venture(org), await venture(org)]
    const as = [] as string[]
    for (const v of vs) as.push(await assign(db(), v, 'TEST-NOK-01'))
    // Q1: two ventures; Q2–Q4: all three.
    const amounts: Record<string, (string | null)[]> = {
      '2024-Q1': ['100.00', '200.00', null],
      '2024-Q2': ['300.00', '400.00', '500.00'],
      '2024-Q3': ['10.00', '20.00', '30.00'],
      '2024-Q4': ['1000.00', '1000.00', '1000.00'],
    }
    for (const [period, list] of Object.entries(amounts))
      for (const [i, amount] of list.entries())
        if (amount)
          await makeReport(db(), {
            ventureId: vs[i] as string,
            period,
            values: [{ assignmentId: as[i] as string, total: amount }],
          })
    const res = await get('/v1/impact?municipality=3207', token)
    const s = series(res.body, 'TEST-NOK-01')
    expect(s.disclosure).toBe('financial')
    expect(s.periods.map((p: { value: unknown }) => p.value)).toEqual([
      hidden('few-ventures'),
      cell('1200.00'),
      hidden('secondary'), // the smallest other quarter (60.00), else Q1 = year − the rest
      cell('3000.00'),
    ])
    const year = await get('/v1/impact?municipality=3207&granularity=year', token)
    expect(row(year.body, 'TEST-NOK-01', '2024').value).toEqual(cell('4560.00'))
  })

  it('filters indicators by theme', async () => {
    const { org, token } = await municipality()
    const v = await venture(org)
    const youth = await assign(db(), v, 'NO-YOUTH-04')
    const work = await assign(db(), v, 'NO-WORK-08')
    await makeReport(db(), {
      ventureId: v,
      period: '2020-Q3',
      values: [
        { assignmentId: youth, total: 9 },
        { assignmentId: work, total: 9 },
      ],
    })
    const res = await get('/v1/impact?municipality=3207&theme=youth', token)
    expect(res.body.indicators.map((i: { indicator: { code: string } }) => i.indicator.code)).toEqual([
      'NO-YOUTH-04',
    ])
  })

  it('counts submitted values only when asked, and marks them', async () => {
    const { org, token } = await municipality()
    const v = await venture(org)
    const a = await assign(db(), v, 'NO-INCL-01')
    await makeReport(db(), { ventureId: v, period: '2023-Q1', values: [{ assignmentId: a, total: 14 }] })
    await makeReport(db(), {
      ventureId: v,
      period: '2023-Q2',
      status: 'submitted',
      values: [{ assignmentId: a, total: 16 }],
    })
    await makeReport(db(), {
      ventureId: v,
      period: '2023-Q3',
      status: 'draft',
      values: [{ assignmentId: a, total: 99 }],
    })

    const verified = await get('/v1/impact?municipality=3207', token)
    expect(verified.body.includeUnverified).toBe(false)
    expect(verified.body.includesUnverified).toBe(false)
    expect(series(verified.body, 'NO-INCL-01').periods.map((p: { period: string }) => p.period)).toEqual([
      '2023-Q1',
    ])

    const all = await get('/v1/impact?municipality=3207&includeUnverified=true', token)
    expect(all.body.includeUnverified).toBe(true)
    expect(all.body.includesUnverified).toBe(true)
    expect(
      series(all.body, 'NO-INCL-01').periods.map(
        (p: { period: string; value: unknown; unverified: boolean }) => [p.period, p.value, p.unverified],
      ),
    ).toEqual([
      ['2023-Q1', cell('14'), false],
      ['2023-Q2', cell('16'), true],
    ])
    expect(all.body.caveats.map((c: { code: string }) => c.code)).toContain('unverified')
  })

  it('shows whole periods inside the window and a year-on-year trend of shown figures', async () => {
    const { org, token } = await municipality()
    const v = await venture(org)
    const a = await assign(db(), v, 'NO-INCL-02')
    for (const [period, total] of [
      ['2022-Q3', 10],
      ['2023-Q1', 11],
      ['2023-Q3', 16],
    ] as const)
      await makeReport(db(), { ventureId: v, period, values: [{ assignmentId: a, total }] })
    const res = await get('/v1/impact?municipality=3207&from=2022-Q3&to=2023-09-30', token)
    const s = series(res.body, 'NO-INCL-02')
    expect(s.periods.map((p: { period: string }) => p.period)).toEqual(['2022-Q3', '2023-Q1', '2023-Q3'])
    expect(s.trend).toEqual({
      period: '2023-Q3',
      value: '16',
      previousPeriod: '2022-Q3',
      previousValue: '10',
      change: '6',
      direction: 'up',
      improving: true,
    })
    const narrow = await get('/v1/impact?municipality=3207&from=2023-01-01&to=2023-06-30', token)
    expect(series(narrow.body, 'NO-INCL-02').periods.map((p: { period: string }) => p.period)).toEqual([
      '2023-Q1',
    ])
    expect(series(narrow.body, 'NO-INCL-02').trend).toBeNull()
  })
})

describe('GET /v1/impact: who may see what', () => {
  it('answers 404 for another municipality and for callers who are no municipality’s members', async () => {
    const { token } = await municipality(['3207'])
    expect((await get('/v1/impact?municipality=0301', token)).status).toBe(404)
    expect((await get('/v1/impact?municipality=all', token)).status).toBe(404)
    for (const kind of ['investor', 'venture', 'agency'] as const) {
      const org = await makeOrg(db(), { kind })
      const user = await makeMember(db(), org.id, 'admin')
      const other = (await makeToken(db(), user.id)).token
      const res = await get('/v1/impact?municipality=3207', other)
      expect(res.status, kind).toBe(404)
      expect(res.headers.get('content-type')).toMatch(/problem\+json/)
    }
    expect((await call(t.app, 'GET', '/v1/impact?municipality=3207')).status).toBe(401)
  })

  it('lets a member whose organization lists an old number see the current municipality', async () => {
    const { token } = await municipality(['3020'])
    const res = await get('/v1/impact?municipality=3207', token)
    expect(res.status).toBe(200)
    expect(res.body.municipality.code).toBe('3207')
  })

  it('lets platform administrators see any municipality and the whole country', async () => {
    const own = await get('/v1/impact?municipality=0301', adminToken)
    expect(own.status).toBe(200)
    expect(own.body.scope).toBe('municipality')
    const national = await get('/v1/impact?municipality=all&granularity=year', adminToken)
    expect(national.status).toBe(200)
    expect(national.body.scope).toBe('national')
    expect(national.body.municipality).toBeNull()
    expect(national.body.indicators.length).toBeGreaterThan(0)
  })

  it('refuses unknown municipality numbers and malformed windows', async () => {
    const { token } = await municipality()
    for (const m of ['9999', '0000', 'oslo', '12345']) {
      const res = await get(`/v1/impact?municipality=${m}`, token)
      expect(res.status, m).toBe(422)
      expect(res.body.errors).toEqual([
        {
          in: 'query',
          path: 'municipality',
          message: expect.stringContaining(m),
          code: 'municipality.number_invalid',
        },
      ])
    }
    const bad = await get('/v1/impact?municipality=3207&from=2024-13', token)
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('from')
    const backwards = await get('/v1/impact?municipality=3207&from=2024&to=2023', token)
    expect(backwards.status).toBe(400)
    expect(backwards.body.errors[0].path).toBe('to')
    const granularity = await get('/v1/impact?municipality=3207&granularity=month', token)
    expect(granularity.status).toBe(400)
    expect(granularity.body.errors[0].path).toBe('granularity')
    expect((await get('/v1/impact', token)).status).toBe(400)
  })
})
