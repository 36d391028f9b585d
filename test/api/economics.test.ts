import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/database.ts'
import { ventureEconomicsOut } from '../../src/modules/economics/economics-serialize.ts'
import { portfolioEconomics } from '../../src/modules/economics/portfolio-economics.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { createTestDatabase } from '../helpers/database.ts'
import {
  amendReport,
  assign,
  disburse,
  setupVenture,
  tokenFor,
  type VentureSetup,
  verifiedReport,
} from '../helpers/economics-data.ts'
import { makeOrg, makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import { QueryCounter } from '../helpers/query-counter.ts'

let t: TestContext
let base: Database
const counter = new QueryCounter()
let s: VentureSetup
let coInvestorId: string
let q4: string

/**
 * The venture of these tests, in NOK:
 *   investor A (onboarded it): 500 000 on 2024-06-01 and 1 000 000 on 2025-02-01, and 10 hours
 *     of competence at 1 500 on 2025-03-01 (15 000 of support);
 *   co-investor B: 500 000 on 2025-04-01;  other funding (a public grant): 500 000 on 2025-05-01.
 *   People into work (NO-WORK-01, verified): 2024-Q4 3, 2025-Q1 4, Q2 6, Q3 5, Q4 5.
 *   Participants in work training (NO-WORK-02, a stock, not counted as an outcome): 10 a quarter.
 */
beforeAll(async () => {
  base = await createTestDatabase()
  t = await createTestApp({}, { ...base, db: base.db.withPlugin(counter) })
  const db = base.db
  s = await setupVenture(t, 'Kostnad per Utfall AS')
  await assign(t, s, 'NO-WORK-01', { startDate: '2024-10-01' })
  await assign(t, s, 'NO-WORK-02', { startDate: '2024-10-01' })
  const values: [string, string][] = [
    ['2024-Q4', '3'],
    ['2025-Q1', '4'],
    ['2025-Q2', '6'],
    ['2025-Q3', '5'],
    ['2025-Q4', '5'],
  ]
  for (const [period, n] of values) {
    const id = await verifiedReport(t, s, period, { 'NO-WORK-01': n, 'NO-WORK-02': '10' })
    if (period === '2025-Q4') q4 = id
  }
  await disburse(t, s.investorToken, s.ventureId, '500000.00', '2024-06-01')
  await disburse(t, s.investorToken, s.ventureId, '1000000.00', '2025-02-01')
  const support = await call(t.app, 'POST', `/v1/ventures/${s.ventureId}/contributions`, {
    token: s.investorToken,
    body: { kind: 'competence', date: '2025-03-01', hours: '10', hourlyValue: '1500.00' },
  })
  expect(support.status, support.text).toBe(201)
  coInvestorId = (await makeOrg(db, { kind: 'investor', name: 'Medinvestor' })).id
  const admin = (await makeToken(db, (await makeUser(db, { platformAdmin: true })).id)).token
  await disburse(t, admin, s.ventureId, '500000.00', '2025-04-01', coInvestorId)
  const funding = await call(t.app, 'POST', `/v1/ventures/${s.ventureId}/funding`, {
    token: s.ventureToken,
    body: {
      funderName: 'Innovasjon Norge',
      instrument: 'public_grant',
      amountNok: '500000.00',
      date: '2025-05-01',
    },
  })
  expect(funding.status, funding.text).toBe(201)
})
afterAll(() => t.close())

const economics = (query: string, token = s.investorToken) =>
  call(t.app, 'GET', `/v1/ventures/${s.ventureId}/economics${query}`, { token })

describe('cost per outcome and attribution', () => {
  it('for 2025: 2 000 000 of capital for 20 people into work, of which the investor’s share is 60 %', async () => {
    const res = await economics('?from=2025-01-01&to=2025-12-31')
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({
      ventureId: s.ventureId,
      window: { from: '2025-01-01', to: '2025-12-31' },
      includeSupport: false,
      // 1 000 000 (A) + 500 000 (B) disbursed, + 500 000 other funding; support not added.
      cost: { disbursed: '1500000.00', otherFunding: '500000.00', support: '15000.00', total: '2000000.00' },
      // Up to 2025-12-31: A 1 500 000 of 1 500 000 + 500 000 + 500 000 = 2 500 000.
      attribution: {
        investorOrgId: s.investorId,
        investorDisbursed: '1500000.00',
        ventureDisbursed: '2500000.00',
        share: '0.600000',
      },
      outcomes: [
        {
          indicatorCode: 'NO-WORK-01',
          nameNb: expect.any(String),
          nameEn: 'People into ordinary employment',
          unit: 'people',
          units: '20',
          periods: ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'],
          costPerUnit: '100000.00',
          attributedUnits: '12.00',
        },
      ],
      sroi: null,
    })
  })

  it('adds valued support to the cost when asked', async () => {
    const res = await economics('?from=2025-01-01&to=2025-12-31&includeSupport=true')
    expect(res.body.cost.total).toBe('2015000.00')
    expect(res.body.outcomes[0].costPerUnit).toBe('100750.00')
  })

  it('for 2025-Q1 only: 1 000 000 for 4 people, and the investor then held all the capital', async () => {
    const res = await economics('?from=2025-01-01&to=2025-03-31')
    expect(res.body.cost).toEqual({
      disbursed: '1000000.00',
      otherFunding: '0.00',
      support: '15000.00',
      total: '1000000.00',
    })
    expect(res.body.attribution.share).toBe('1.000000')
    expect(res.body.outcomes[0]).toMatchObject({
      units: '4',
      costPerUnit: '250000.00',
      attributedUnits: '4.00',
    })
  })

  it('counts a period only when it lies wholly inside the window', async () => {
    const res = await economics('?from=2025-02-01&to=2025-12-31')
    expect(res.body.outcomes[0]).toMatchObject({ units: '16', periods: ['2025-Q2', '2025-Q3', '2025-Q4'] })
    // 1 000 000 (A, 1 Feb) + 500 000 (B) + 500 000 other = 2 000 000 / 16.
    expect(res.body.outcomes[0].costPerUnit).toBe('125000.00')
  })

  it('over all time: 2 500 000 for 23 people', async () => {
    const res = await economics('')
    expect(res.body.window).toEqual({ from: null, to: null })
    // 2 500 000 / 23 = 108 695.652…
    expect(res.body.outcomes[0]).toMatchObject({
      units: '23',
      costPerUnit: '108695.65',
      attributedUnits: '13.80',
    })
  })

  it('shows the venture’s own members cost per outcome without a share', async () => {
    const res = await economics('?from=2025-01-01&to=2025-12-31', s.ventureToken)
    expect(res.body.attribution).toBeNull()
    expect(res.body.outcomes[0].attributedUnits).toBeNull()
    expect(res.body.outcomes[0].costPerUnit).toBe('100000.00')
  })

  it('counts only verified values: an open amendment changes nothing until it is verified', async () => {
    await amendReport(t, s, q4, { 'NO-WORK-01': '9', 'NO-WORK-02': '10' }, { verify: false })
    expect((await economics('?from=2025-01-01&to=2025-12-31')).body.outcomes[0].units).toBe('20')
    await call(t.app, 'POST', `/v1/reports/${q4}/submit`, { token: s.ventureToken })
    await call(t.app, 'POST', `/v1/reports/${q4}/verify`, { token: s.investorToken })
    const res = await economics('?from=2025-01-01&to=2025-12-31')
    // 2 000 000 / 24 = 83 333.33; 24 × 0.6 = 14.4.
    expect(res.body.outcomes[0]).toMatchObject({
      units: '24',
      costPerUnit: '83333.33',
      attributedUnits: '14.40',
    })
  })

  it('shows the newest SROI model’s ratio', async () => {
    const put = await call(t.app, 'PUT', `/v1/ventures/${s.ventureId}/sroi`, {
      token: s.investorToken,
      body: {
        inputs: '2000000',
        window: { from: '2025-01-01', to: '2025-03-31' },
        outcomes: [
          {
            indicatorCode: 'NO-WORK-01',
            proxy: '250000',
            proxySource: 'NAV',
            deadweight: '25',
            attribution: '20',
            displacement: '10',
            dropOff: '30',
            durationYears: 3,
          },
        ],
      },
    })
    expect(put.status, put.text).toBe(200)
    const res = await economics('?from=2025-01-01&to=2025-12-31')
    // 4 people in 2025-Q1: a fifth of the check value's 20, PV 1 103 941.45, ratio 0.55.
    expect(res.body.sroi).toEqual({
      version: 1,
      window: { from: '2025-01-01', to: '2025-03-31' },
      inputs: '2000000.00',
      presentValue: '1103941.45',
      ratio: '0.55',
      netRatio: '-0.45',
    })
  })

  it('refuses a window that ends before it starts, and an investor the caller does not act for', async () => {
    const bad = await economics('?from=2025-12-31&to=2025-01-01')
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual([
      { in: 'query', path: 'to', message: 'Must not be before from.', code: 'validation.invalid' },
    ])
    const notADate = await economics('?from=2025-13-01')
    expect(notADate.status).toBe(400)
    expect(notADate.body.errors[0].path).toBe('from')
    const other = await economics(`?investor=${coInvestorId}`)
    expect(other.status).toBe(400)
    expect(other.body.errors[0].path).toBe('investor')
  })

  it('answers 404 to organizations without detailed access', async () => {
    const kommune = await makeOrg(base.db, { kind: 'municipality' })
    const res = await economics('', await tokenFor(base.db, kommune.id, 'admin'))
    expect(res.status).toBe(404)
  })
})

describe('portfolioEconomics', () => {
  it('runs the same number of queries for one venture as for three', async () => {
    const others = [await setupVenture(t, 'Andre AS'), await setupVenture(t, 'Tredje AS')]
    for (const o of others) {
      await assign(t, o, 'NO-WORK-01', { startDate: '2025-01-01' })
      await verifiedReport(t, o, '2025-Q1', { 'NO-WORK-01': '2' })
    }
    const q = { investorOrgId: s.investorId, from: '2025-01-01', to: '2025-12-31' }
    counter.count = 0
    const one = await portfolioEconomics(t.database.db, { ...q, ventureIds: [s.ventureId] })
    const forOne = counter.count
    counter.count = 0
    const three = await portfolioEconomics(t.database.db, {
      ...q,
      ventureIds: [s.ventureId, ...others.map((o) => o.ventureId)],
    })
    expect(counter.count).toBe(forOne)
    expect(forOne).toBeLessThanOrEqual(8)
    expect(ventureEconomicsOut(three.get(s.ventureId)!)).toEqual(ventureEconomicsOut(one.get(s.ventureId)!))
    // The investor has no capital in the others: a share of nothing is null, not 0 %.
    const other = ventureEconomicsOut(three.get(others[0]!.ventureId)!)
    expect(other.attribution).toMatchObject({
      investorDisbursed: '0.00',
      ventureDisbursed: '0.00',
      share: null,
    })
    expect(other.outcomes[0]).toMatchObject({ units: '2', costPerUnit: '0.00', attributedUnits: null })
  })
})
