import Decimal from 'decimal.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import {
  amendReport,
  assign,
  countRows,
  disburse,
  setupVenture,
  tokenFor,
  type VentureSetup,
  verifiedReport,
} from '../helpers/economics-data.ts'
import { makeOrg } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

let t: TestContext
let s: VentureSetup
const reports: Record<string, string> = {}

/** PRODUCT.md §5's check value: 20 people into work, proxy 250 000, inputs 2 000 000. */
const checkModel = {
  window: { from: '2025-01-01', to: '2025-12-31' },
  note: 'PRODUCT.md check value',
  outcomes: [
    {
      indicatorCode: 'NO-WORK-01',
      proxy: '250000',
      proxySource: 'Average public saving per person into work',
      deadweight: '25',
      attribution: '20',
      displacement: '10',
      dropOff: '30',
      durationYears: 3,
    },
  ],
}

beforeAll(async () => {
  t = await createTestApp()
  s = await setupVenture(t, 'Arbeid Først AS')
  await assign(t, s, 'NO-WORK-01', { startDate: '2025-01-01' })
  // 5 people a quarter in 2025: 20 verified.
  for (const q of ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']) {
    reports[q] = await verifiedReport(t, s, q, { 'NO-WORK-01': '5' })
  }
  // Inputs: 2 000 000 disbursed inside the window, 300 000 outside it (not counted).
  await disburse(t, s.investorToken, s.ventureId, '2000000.00', '2025-03-01')
  await disburse(t, s.investorToken, s.ventureId, '300000.00', '2024-06-01')
})
afterAll(() => t.close())

const put = (body: unknown, token = s.ventureToken, headers?: Record<string, string>) =>
  call(t.app, 'PUT', `/v1/ventures/${s.ventureId}/sroi`, { token, body, ...(headers ? { headers } : {}) })

describe('SROI check value (PRODUCT.md §5)', () => {
  it('has no model until one is written', async () => {
    const res = await call(t.app, 'GET', `/v1/ventures/${s.ventureId}/sroi`, { token: s.investorToken })
    expect(res.status).toBe(404)
  })

  it('computes PV 5 519 707.27 and ratio 2.76 from 20 verified people and 2 000 000 disbursed', async () => {
    const res = await put(checkModel)
    expect(res.status, res.text).toBe(200)
    expect(res.headers.get('etag')).toBe(`"sroi-${s.ventureId}-v1"`)
    const b = res.body
    expect(b.version).toBe(1)
    expect(b.discountRate).toBe('4')
    expect(b.inputs).toEqual({
      amount: '2000000.00',
      source: 'computed',
      note: '',
      disbursed: '2000000.00',
      otherFunding: '0.00',
      support: '0.00',
    })
    // Year 1 = 20 × 250 000 × 0.75 × 0.8 × 0.9 = 2 700 000; then −30 % a year.
    expect(b.outcomes[0].impactByYear).toEqual(['2700000.00', '1890000.00', '1323000.00'])
    expect(b.outcomes[0].quantity).toBe('20')
    expect(
      b.outcomes[0].periods.map((p: { period: string; value: string; revision: number }) => [
        p.period,
        p.value,
        p.revision,
      ]),
    ).toEqual([
      ['2025-Q1', '5', 1],
      ['2025-Q2', '5', 1],
      ['2025-Q3', '5', 1],
      ['2025-Q4', '5', 1],
    ])
    expect(b.presentValue).toBe('5519707.27')
    expect(b.ratio).toBe('2.76')
    expect(b.netRatio).toBe('1.76')
    // 2 000 000 / (2 700 000 / 12) = 8.888… months.
    expect(b.paybackMonths).toBe('8.9')
    const get = await call(t.app, 'GET', `/v1/ventures/${s.ventureId}/sroi`, { token: s.investorToken })
    expect(get.status).toBe(200)
    expect(get.body).toEqual(b)
  })

  it('answers a sensitivity table: each assumption ± a step', async () => {
    const res = await call(t.app, 'GET', `/v1/ventures/${s.ventureId}/sroi`, { token: s.ventureToken })
    const rows = Object.fromEntries(
      res.body.sensitivity.rows.map((r: { assumption: string }) => [r.assumption, r]),
    )
    expect(res.body.sensitivity.step).toEqual({
      rates: '10',
      proxy: '10',
      discountRate: '1',
      durationYears: 1,
    })
    // Deadweight 15 % / 35 %: the ratio scales with (1 − deadweight): 2.7599 × 0.85/0.75 and × 0.65/0.75.
    expect(rows.deadweight).toMatchObject({
      low: { value: '15', ratio: '3.13' },
      base: { value: '25', ratio: '2.76' },
      high: { value: '35', ratio: '2.39' },
    })
    expect(rows.proxy.low.value).toBe('225000.00')
    expect(rows.proxy.high.value).toBe('275000.00')
    expect(rows.discountRate.low.value).toBe('3')
    expect(rows.durationYears.high.value).toBe('4')
    const r = (p: { ratio: string }) => new Decimal(p.ratio)
    // Rates that reduce impact never raise the ratio when they go up; the proxy and duration do.
    for (const a of ['deadweight', 'attribution', 'displacement', 'dropOff', 'discountRate']) {
      expect(r(rows[a].low).gte(r(rows[a].base)), a).toBe(true)
      expect(r(rows[a].base).gte(r(rows[a].high)), a).toBe(true)
    }
    for (const a of ['proxy', 'durationYears']) expect(r(rows[a].high).gt(r(rows[a].low)), a).toBe(true)
  })

  it('keeps every version: a PUT writes the next, earlier ones stay readable', async () => {
    const v2 = await put(
      { ...checkModel, inputs: '2500000.00', inputsNote: 'Includes founders’ time', note: 'v2' },
      s.investorToken,
      {
        'if-match': `"sroi-${s.ventureId}-v1"`,
      },
    )
    expect(v2.status, v2.text).toBe(200)
    expect(v2.body.version).toBe(2)
    expect(v2.body.inputs).toMatchObject({
      amount: '2500000.00',
      source: 'override',
      disbursed: '2000000.00',
    })
    // 5 519 707.27 / 2 500 000 = 2.2079.
    expect(v2.body.ratio).toBe('2.21')
    expect(v2.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1])
    expect(v2.body.createdByOrgId).toBe(s.investorId)
    const v1 = await call(t.app, 'GET', `/v1/ventures/${s.ventureId}/sroi?version=1`, {
      token: s.investorToken,
    })
    expect(v1.body.version).toBe(1)
    expect(v1.body.ratio).toBe('2.76')
    const missing = await call(t.app, 'GET', `/v1/ventures/${s.ventureId}/sroi?version=9`, {
      token: s.investorToken,
    })
    expect(missing.status).toBe(404)
    const stale = await put(checkModel, s.ventureToken, { 'if-match': `"sroi-${s.ventureId}-v1"` })
    expect(stale.status).toBe(412)
  })

  it('takes quantities from the latest verified revision: an open amendment changes nothing until verified', async () => {
    await amendReport(t, s, reports['2025-Q4']!, { 'NO-WORK-01': '6' }, { verify: false })
    let res = await call(t.app, 'GET', `/v1/ventures/${s.ventureId}/sroi?version=1`, {
      token: s.investorToken,
    })
    expect(res.body.outcomes[0].quantity).toBe('20')
    await call(t.app, 'POST', `/v1/reports/${reports['2025-Q4']}/submit`, { token: s.ventureToken })
    await call(t.app, 'POST', `/v1/reports/${reports['2025-Q4']}/verify`, { token: s.investorToken })
    res = await call(t.app, 'GET', `/v1/ventures/${s.ventureId}/sroi?version=1`, { token: s.investorToken })
    expect(res.body.outcomes[0].quantity).toBe('21')
    expect(res.body.outcomes[0].periods.at(-1)).toMatchObject({ period: '2025-Q4', value: '6', revision: 2 })
    // Year 1 = 21 × 135 000 = 2 835 000 (135 000 per person after deadweight, attribution, displacement).
    expect(res.body.outcomes[0].impactByYear[0]).toBe('2835000.00')
  })
})

describe('SROI sensitivity monotonicity through the API', () => {
  it('never raises the ratio when deadweight goes up (0 % … 100 %)', async () => {
    const ratios: Decimal[] = []
    for (let dw = 0; dw <= 100; dw += 20) {
      const outcomes = [{ ...checkModel.outcomes[0]!, deadweight: String(dw) }]
      const res = await put({ ...checkModel, outcomes })
      expect(res.status, res.text).toBe(200)
      ratios.push(new Decimal(res.body.ratio))
    }
    for (let i = 1; i < ratios.length; i++) expect(ratios[i]!.lte(ratios[i - 1]!)).toBe(true)
    expect(ratios.at(-1)!.toFixed(2)).toBe('0.00')
  })
})

describe('a second worked example, by hand', () => {
  it('two years, 5 % discount, overridden inputs', async () => {
    // 8 young people into activity (4 in each of 2025-Q1 and Q2; Q3 lies outside the window).
    // Proxy 100 000, deadweight 50 %, no attribution or displacement, drop-off 50 %, 2 years, r = 5 %.
    //   year 1 = 8 × 100 000 × 0.5 = 400 000;  year 2 = 400 000 × 0.5 = 200 000
    //   PV = 400 000 / 1.05 + 200 000 / 1.05² = 380 952.380952… + 181 405.895691… = 562 358.276643…
    //   ratio = 562 358.28 / 1 000 000 = 0.56;  net = −0.44;  payback = 1 000 000 / (400 000 / 12) = 30.0
    const y = await setupVenture(t, 'Ungdom i Aktivitet')
    await assign(t, y, 'NO-YOUTH-01', { startDate: '2025-01-01' })
    for (const q of ['2025-Q1', '2025-Q2', '2025-Q3']) await verifiedReport(t, y, q, { 'NO-YOUTH-01': '4' })
    const res = await call(t.app, 'PUT', `/v1/ventures/${y.ventureId}/sroi`, {
      token: y.investorToken,
      body: {
        discountRate: '5',
        inputs: '1000000',
        window: { from: '2025-01-01', to: '2025-06-30' },
        outcomes: [
          {
            indicatorCode: 'NO-YOUTH-01',
            proxy: '100000',
            proxySource: 'Own estimate',
            deadweight: '50',
            attribution: '0',
            displacement: '0',
            dropOff: '50',
            durationYears: 2,
          },
        ],
      },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({
      discountRate: '5',
      impactByYear: ['400000.00', '200000.00'],
      presentValue: '562358.28',
      ratio: '0.56',
      netRatio: '-0.44',
      paybackMonths: '30.0',
      inputs: { amount: '1000000.00', source: 'override' },
    })
    expect(res.body.outcomes[0].quantity).toBe('8')
    expect(res.body.outcomes[0].periods.map((p: { period: string }) => p.period)).toEqual([
      '2025-Q1',
      '2025-Q2',
    ])
  })
})

describe('SROI validation: 422 naming the field, nothing written', () => {
  const outcome = (over: Record<string, unknown>) => ({
    ...checkModel,
    outcomes: [{ ...checkModel.outcomes[0]!, ...over }],
  })
  const cases: [string, unknown, string][] = [
    ['deadweight above 100', outcome({ deadweight: '101' }), 'outcomes.0.deadweight'],
    ['attribution below 0', outcome({ attribution: '-1' }), 'outcomes.0.attribution'],
    ['displacement not a number', outcome({ displacement: 'ten' }), 'outcomes.0.displacement'],
    ['drop-off as a JSON number', outcome({ dropOff: 30 }), 'outcomes.0.dropOff'],
    ['duration 0', outcome({ durationYears: 0 }), 'outcomes.0.durationYears'],
    ['duration 51', outcome({ durationYears: 51 }), 'outcomes.0.durationYears'],
    ['duration 2.5', outcome({ durationYears: 2.5 }), 'outcomes.0.durationYears'],
    ['negative proxy', outcome({ proxy: '-5' }), 'outcomes.0.proxy'],
    ['empty proxy source', outcome({ proxySource: '' }), 'outcomes.0.proxySource'],
    ['unknown indicator', outcome({ indicatorCode: 'NO-SUCH-1' }), 'outcomes.0.indicatorCode'],
    ['indicator not assigned', outcome({ indicatorCode: 'NO-WORK-06' }), 'outcomes.0.indicatorCode'],
    ['discount rate above 100', { ...checkModel, discountRate: '120' }, 'discountRate'],
    ['inputs with 3 decimals', { ...checkModel, inputs: '1.234' }, 'inputs'],
    ['negative inputs', { ...checkModel, inputs: '-1' }, 'inputs'],
    [
      'window ending before it starts',
      { ...checkModel, window: { from: '2025-12-31', to: '2025-01-01' } },
      'window.to',
    ],
    ['window date not a date', { ...checkModel, window: { from: '2025-02-30' } }, 'window.from'],
    ['no outcomes', { ...checkModel, outcomes: [] }, 'outcomes'],
    [
      'an indicator twice',
      { ...checkModel, outcomes: [checkModel.outcomes[0], checkModel.outcomes[0]] },
      'outcomes.1.indicatorCode',
    ],
    ['an unknown field', { ...checkModel, extra: 1 }, ''],
  ]
  for (const [name, body, path] of cases) {
    it(name, async () => {
      const before = await countRows(t.database.db, 'sroiModels')
      const res = await put(body)
      expect(res.status, res.text).toBe(422)
      expect(res.headers.get('content-type')).toMatch(/problem\+json/)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
      expect(await countRows(t.database.db, 'sroiModels')).toBe(before)
    })
  }

  it('refuses to value a rate', async () => {
    await assign(t, s, 'NO-WORK-03', { startDate: '2026-01-01' })
    const res = await put(outcome({ indicatorCode: 'NO-WORK-03' }))
    expect(res.status).toBe(422)
    expect(res.body.errors[0]).toMatchObject({
      path: 'outcomes.0.indicatorCode',
      message: expect.stringMatching(/rate/),
    })
  })
})

describe('who may read and write SROI', () => {
  it('venture viewers read but may not write; organizations without access get 404', async () => {
    const viewer = await tokenFor(t.database.db, s.ventureId, 'viewer')
    expect((await call(t.app, 'GET', `/v1/ventures/${s.ventureId}/sroi`, { token: viewer })).status).toBe(200)
    expect((await put(checkModel, viewer)).status).toBe(403)
    const kommune = await makeOrg(t.database.db, { kind: 'municipality' })
    const outsider = await tokenFor(t.database.db, kommune.id, 'admin')
    expect((await call(t.app, 'GET', `/v1/ventures/${s.ventureId}/sroi`, { token: outsider })).status).toBe(
      404,
    )
    expect((await put(checkModel, outsider)).status).toBe(404)
  })
})
