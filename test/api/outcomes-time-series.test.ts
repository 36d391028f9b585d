import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import { assign, type OutcomesWorld, outcomesWorld, report } from './outcomes-setup.ts'

/**
 * Worked examples of PRODUCT.md §3 through the API: a stock reported quarterly whose year is its
 * last quarter, a flow whose year is the sum, a rate whose year is Σ numerator / Σ denominator.
 */
let t: TestContext
let w: OutcomesWorld

const quarter = (stock: string, flow: string, placed: string, clients: string) => [
  {
    indicatorCode: 'OI8869',
    total: stock,
    breakdowns: [
      { dimension: 'gender', category: 'female', value: String(Number(stock) - 1) },
      { dimension: 'gender', category: 'male', value: '1' },
      { dimension: 'gender', category: 'other', value: '0' },
      { dimension: 'gender', category: 'unknown', value: '0' },
    ],
  },
  { indicatorCode: 'NO-WORK-01', total: flow },
  { indicatorCode: 'PI3527', numerator: placed, denominator: clients },
]

beforeAll(async () => {
  t = await createTestApp()
  w = await outcomesWorld(t)
  await assign(t, w, {
    indicatorCode: 'OI8869',
    baseline: { value: '8', date: '2024-12-31' },
    targets: [{ period: '2025-Q4', value: '15' }],
  })
  await assign(t, w, {
    indicatorCode: 'NO-WORK-01',
    baseline: { value: '2', date: '2024-12-31' },
    targets: [{ period: '2025', value: '20' }],
  })
  await assign(t, w, {
    indicatorCode: 'PI3527',
    baseline: { value: '40', date: '2024-12-31' },
    targets: [{ period: '2025', value: '70' }],
  })
  await report(t, w, '2025-Q1', quarter('10', '3', '1', '4'))
  await report(t, w, '2025-Q2', quarter('12', '5', '30', '40'))
  await report(t, w, '2025-Q3', quarter('11', '4', '2', '10'))
  await report(t, w, '2025-Q4', quarter('14', '6', '9', '10'))
  await report(t, w, '2026-Q1', quarter('20', '10', '5', '10'), 'submitted')
})
afterAll(() => t.close())

const series = async (query: string) => {
  const res = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/outcomes?${query}`, {
    token: w.investorViewer,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body
}
const point = (
  body: { series: { indicator: { code: string }; points: { period: string }[] }[] },
  code: string,
  period: string,
) =>
  // biome-ignore lint/suspicious/noExplicitAny: test reads JSON
  body.series.find((s) => s.indicator.code === code)!.points.find((p) => p.period === period) as any

describe('time series', () => {
  it('a stock reported quarterly: the year is the last quarter, not the sum', async () => {
    const quarters = await series('indicator=OI8869&granularity=quarter')
    expect(quarters.series[0].points.map((p: { value: string }) => p.value)).toEqual(['10', '12', '11', '14'])
    const year = point(await series('indicator=OI8869&granularity=year'), 'OI8869', '2025')
    expect(year).toMatchObject({ value: '14', reportedPeriods: 4, baseline: '8', target: '15' })
    // (14 − 8) / (15 − 8) = 6/7
    expect(year).toMatchObject({ progress: '0.8571', status: 'amber' })
  })

  it('a flow: the year is the sum of its quarters, against a yearly target and a yearly baseline', async () => {
    const year = point(await series('granularity=year'), 'NO-WORK-01', '2025')
    // Baseline 2 a quarter is 8 a year; (18 − 8) / (20 − 8) = 0.8333.
    expect(year).toMatchObject({
      value: '18',
      baseline: '8',
      target: '20',
      progress: '0.8333',
      status: 'amber',
    })
  })

  it('a rate: the year is Σ numerator / Σ denominator, not the mean of the quarters', async () => {
    const body = await series('indicator=PI3527&granularity=quarter')
    expect(body.series[0].points.map((p: { value: string }) => p.value)).toEqual(['25', '75', '20', '90'])
    const year = point(await series('indicator=PI3527&granularity=year'), 'PI3527', '2025')
    // 42 / 64 = 65.625 %, where the mean of the quarters' rates would be 52.5 %.
    expect(year).toMatchObject({ value: '65.625', numerator: '42', denominator: '64' })
    // (65.625 − 40) / (70 − 40) = 0.8542
    expect(year).toMatchObject({ progress: '0.8542', status: 'amber' })
  })

  it('summarises a window by the same semantics', async () => {
    const body = await series('from=2025-Q2&to=2025-Q3')
    const windowOf = (code: string) =>
      body.series.find((s: { indicator: { code: string } }) => s.indicator.code === code).window
    expect(windowOf('NO-WORK-01').value).toBe('9')
    expect(windowOf('OI8869').value).toBe('11')
    expect(windowOf('PI3527')).toEqual({ value: '64', numerator: '32', denominator: '50' })
  })

  it('counts only verified values unless asked, and says when it included others', async () => {
    const verified = await series('granularity=year&indicator=NO-WORK-01')
    expect(verified.includesUnverified).toBe(false)
    expect(point(verified, 'NO-WORK-01', '2026')).toBeUndefined()
    const all = await series('granularity=year&indicator=NO-WORK-01&includeUnverified=true')
    expect(all).toMatchObject({ includeUnverified: true, includesUnverified: true })
    expect(point(all, 'NO-WORK-01', '2026')).toMatchObject({ value: '10', unverified: true })
    expect(point(all, 'NO-WORK-01', '2025')).toMatchObject({ value: '18', unverified: false })
  })

  it('keeps counting the verified revision while an amendment is open', async () => {
    const list = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/reports?status=verified`, {
      token: w.ventureEditor,
    })
    const q4 = list.body.items.find((r: { period: string }) => r.period === '2025-Q4').reportId
    const amended = await call(t.app, 'POST', `/v1/reports/${q4}/amend`, {
      token: w.ventureEditor,
      body: { reason: 'Two placements were missing' },
    })
    expect(amended.status).toBe(200)
    const saved = await call(t.app, 'PUT', `/v1/reports/${q4}/values`, {
      token: w.ventureEditor,
      body: { values: quarter('14', '8', '9', '10') },
    })
    expect(saved.status).toBe(200)
    expect(point(await series('granularity=year&indicator=NO-WORK-01'), 'NO-WORK-01', '2025').value).toBe(
      '18',
    )
    expect((await call(t.app, 'POST', `/v1/reports/${q4}/submit`, { token: w.ventureEditor })).status).toBe(
      200,
    )
    expect(
      point(
        await series('granularity=year&indicator=NO-WORK-01&includeUnverified=true'),
        'NO-WORK-01',
        '2025',
      ),
    ).toMatchObject({ value: '20', unverified: true })
    expect((await call(t.app, 'POST', `/v1/reports/${q4}/verify`, { token: w.investorEditor })).status).toBe(
      200,
    )
    expect(point(await series('granularity=year&indicator=NO-WORK-01'), 'NO-WORK-01', '2025')).toMatchObject({
      value: '20',
      progress: '1',
      status: 'green',
    })
  })

  it('refuses bad query parameters with 400 naming the field', async () => {
    for (const [query, path] of [
      ['indicator=PI9999', 'indicator'],
      ['from=yesterday', 'from'],
      ['from=2026&to=2025', 'to'],
      ['granularity=week', 'granularity'],
    ]) {
      const res = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/outcomes?${query}`, {
        token: w.investorViewer,
      })
      expect(res.status, query).toBe(400)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path])
    }
  })

  it('is not visible to an unrelated investor or a municipality without a detailed share', async () => {
    for (const token of [w.otherInvestor, w.municipality]) {
      const res = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/outcomes`, { token })
      expect(res.status).toBe(404)
    }
  })
})

describe('status thresholds are the deployment’s (STATUS_GREEN_PERCENT, STATUS_AMBER_PERCENT)', () => {
  it('calls 6/7 of the way green when green starts at 80 %, in the series and in the portfolio', async () => {
    const strict = await createTestApp({ STATUS_GREEN_PERCENT: 80, STATUS_AMBER_PERCENT: 50 })
    try {
      const world = await outcomesWorld(strict)
      await assign(strict, world, {
        indicatorCode: 'OI8869',
        baseline: { value: '8', date: '2024-12-31' },
        targets: [{ period: '2025-Q4', value: '15' }],
      })
      for (const [period, stock] of [
        ['2025-Q1', '10'],
        ['2025-Q2', '12'],
        ['2025-Q3', '11'],
        ['2025-Q4', '14'],
      ] as const) {
        await report(strict, world, period, [{ indicatorCode: 'OI8869', total: stock }])
      }
      const res = await call(strict.app, 'GET', `/v1/ventures/${world.ventureId}/outcomes?granularity=year`, {
        token: world.investorViewer,
      })
      expect(res.status).toBe(200)
      expect(point(res.body, 'OI8869', '2025')).toMatchObject({ progress: '0.8571', status: 'green' })
      const portfolio = await call(strict.app, 'GET', '/v1/portfolio', { token: world.investorViewer })
      expect(portfolio.status, JSON.stringify(portfolio.body)).toBe(200)
      const outcome = (
        portfolio.body.ventures as { outcomes: { indicatorCode: string; status: string | null }[] }[]
      )
        .flatMap((v) => v.outcomes)
        .find((o) => o.indicatorCode === 'OI8869')
      expect(outcome?.status).toBe('green')
    } finally {
      await strict.close()
    }
  })
})
