import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as identityRepo from '../../src/modules/identity/repo.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

let t: TestContext
let investorId: string
let editor: string
const ventures: Record<string, string> = {}
beforeAll(async () => {
  t = await createTestApp()
  t.clock.now = new Date('2026-11-27T10:00:00Z')
  const db = t.database.db
  investorId = (await makeOrg(db, { kind: 'investor', name: 'Portfolio Invest' })).id
  editor = (await makeToken(db, (await makeMember(db, investorId, 'editor')).id)).token
  for (const name of ['Gamma', 'Alpha', 'Beta']) {
    ventures[name] = (await call(t.app, 'POST', '/v1/ventures', { token: editor, body: { name } })).body.id
  }
  const loan = await investment(ventures.Alpha!, { instrument: 'loan', name: 'Loan' })
  await entries(loan, [
    ['commitment', '2023-01-15', '1000000.00'],
    ['disbursement', '2023-02-01', '600000.00'],
    ['disbursement', '2024-02-01', '200000.00'],
    ['repayment', '2025-06-30', '100000.00'],
    ['write_off', '2026-03-31', '50000.00'],
  ])
  const grant = await investment(ventures.Alpha!, {
    instrument: 'grant',
    name: 'Grant',
    startDate: '2024-01-01',
  })
  await entries(grant, [
    ['commitment', '2024-01-10', '200000.00'],
    ['disbursement', '2024-03-01', '200000.00'],
  ])
  const equity = await investment(ventures.Beta!, { instrument: 'equity', name: 'Shares', currency: 'EUR' })
  await entries(equity, [
    ['commitment', '2025-01-01', '100000.00', '11.5'],
    ['disbursement', '2025-02-01', '100000.00', '11.6'],
  ])
  await call(t.app, 'POST', `/v1/investments/${equity}/valuations`, {
    token: editor,
    body: { date: '2025-12-31', value: '1500000.00' },
  })
  await call(t.app, 'POST', `/v1/ventures/${ventures.Alpha}/contributions`, {
    token: editor,
    body: { kind: 'competence', date: '2025-03-01', hours: '10', hourlyValue: '1500' },
  })
  await call(t.app, 'POST', `/v1/ventures/${ventures.Beta}/contributions`, {
    token: editor,
    body: {
      kind: 'network',
      date: '2025-04-01',
      introducedParty: 'Oslo Kommune',
      result: 'hire',
      value: '5000',
    },
  })
})
afterAll(() => t.close())

async function investment(ventureId: string, body: Record<string, unknown>) {
  const res = await call(t.app, 'POST', `/v1/ventures/${ventureId}/investments`, {
    token: editor,
    body: { startDate: '2023-01-01', ...body },
  })
  expect(res.status, res.text).toBe(201)
  return res.body.id as string
}

async function entries(investmentId: string, list: [string, string, string, string?][]) {
  for (const [type, date, amount, rateToNok] of list) {
    const res = await call(t.app, 'POST', `/v1/investments/${investmentId}/transactions`, {
      token: editor,
      body: { type, date, amount, ...(rateToNok ? { rateToNok } : {}) },
    })
    expect(res.status, res.text).toBe(201)
  }
}

const zeroFigures = {
  committed: '0.00',
  disbursed: '0.00',
  undisbursed: '0.00',
  overDisbursed: '0.00',
  repaid: '0.00',
  interest: '0.00',
  writtenOff: '0.00',
  outstanding: '0.00',
  equityPurchased: '0.00',
  equitySold: '0.00',
  outcomePayments: '0.00',
  latestValuation: null,
}

describe('GET /v1/portfolio', () => {
  it('rolls the investor’s ventures up in NOK: per venture, in total, by instrument and by year', async () => {
    const res = await call(t.app, 'GET', '/v1/portfolio', { token: editor })
    expect(res.status, res.text).toBe(200)
    const p = res.body
    expect(p.organization).toEqual({ id: investorId, name: 'Portfolio Invest' })
    expect(p.asOf).toBe('2026-11-27')
    expect(p.ventures.map((v: { name: string }) => v.name)).toEqual(['Alpha', 'Beta', 'Gamma'])
    const [alpha, beta, gamma] = p.ventures
    expect(alpha.instruments).toEqual(['grant', 'loan'])
    expect(alpha.figures).toEqual({
      ...zeroFigures,
      committed: '1200000.00',
      disbursed: '1000000.00',
      undisbursed: '200000.00',
      repaid: '100000.00',
      writtenOff: '50000.00',
      outstanding: '650000.00',
      supportHours: '10.00',
      supportValue: '15000.00',
      totalSupportValue: '1015000.00',
    })
    expect(
      alpha.investments.map((i: { name: string; figures: { outstanding: string } }) => [
        i.name,
        i.figures.outstanding,
      ]),
    ).toEqual([
      ['Loan', '650000.00'],
      ['Grant', '0.00'],
    ])
    expect(beta.figures).toEqual({
      ...zeroFigures,
      committed: '1150000.00',
      disbursed: '1160000.00',
      overDisbursed: '10000.00',
      latestValuation: { date: '2025-12-31', value: '1500000.00' },
      supportHours: '0.00',
      supportValue: '5000.00',
      totalSupportValue: '1165000.00',
    })
    expect(gamma).toMatchObject({
      instruments: [],
      investments: [],
      figures: { ...zeroFigures, supportHours: '0.00', supportValue: '0.00', totalSupportValue: '0.00' },
    })
    expect(p.totals).toEqual({
      ventureCount: 3,
      investmentCount: 3,
      figures: {
        ...zeroFigures,
        committed: '2350000.00',
        disbursed: '2160000.00',
        undisbursed: '200000.00',
        overDisbursed: '10000.00',
        repaid: '100000.00',
        writtenOff: '50000.00',
        outstanding: '650000.00',
        latestValuation: { date: '2025-12-31', value: '1500000.00' },
        supportHours: '10.00',
        supportValue: '20000.00',
        totalSupportValue: '2180000.00',
      },
      // No verified people counts and no SROI model in this world (portfolio-totals.test.ts has them).
      peopleReached: { total: '0', ventureCount: 0, indicatorCodes: [] },
      sroi: null,
    })
    expect(
      p.byInstrument.map(
        (b: { instrument: string; investmentCount: number; figures: { disbursed: string } }) => [
          b.instrument,
          b.investmentCount,
          b.figures.disbursed,
        ],
      ),
    ).toEqual([
      ['grant', 1, '200000.00'],
      ['loan', 1, '800000.00'],
      ['equity', 1, '1160000.00'],
      ['convertible', 0, '0.00'],
      ['outcome_contract', 0, '0.00'],
    ])
    expect(p.disbursementsByYear).toEqual([
      {
        year: 2023,
        committed: '1000000.00',
        disbursed: '600000.00',
        repaid: '0.00',
        outcomePayments: '0.00',
      },
      { year: 2024, committed: '200000.00', disbursed: '400000.00', repaid: '0.00', outcomePayments: '0.00' },
      {
        year: 2025,
        committed: '1150000.00',
        disbursed: '1160000.00',
        repaid: '100000.00',
        outcomePayments: '0.00',
      },
      { year: 2026, committed: '0.00', disbursed: '0.00', repaid: '0.00', outcomePayments: '0.00' },
    ])
    expect(p.support).toEqual({ count: 2, network: 1, competence: 1, hours: '10.00', value: '20000.00' })
  })

  it('resolves whose portfolio: one investor by default, a named one otherwise; others are refused', async () => {
    const db = t.database.db
    const viewer = (await makeToken(db, (await makeMember(db, investorId, 'viewer')).id)).token
    expect((await call(t.app, 'GET', '/v1/portfolio', { token: viewer })).body.totals.ventureCount).toBe(3)

    const second = await makeOrg(db, { kind: 'investor', name: 'Second Invest' })
    const both = await makeMember(db, investorId, 'viewer')
    await identityRepo.upsertMembership(db, { userId: both.id, organizationId: second.id, role: 'admin' })
    const bothToken = (await makeToken(db, both.id)).token
    const ambiguous = await call(t.app, 'GET', '/v1/portfolio', { token: bothToken })
    expect(ambiguous.status).toBe(400)
    expect(ambiguous.body.errors).toEqual([expect.objectContaining({ in: 'query', path: 'organization' })])
    const named = await call(t.app, 'GET', `/v1/portfolio?organization=${second.id}`, { token: bothToken })
    expect(named.status).toBe(200)
    expect(named.body).toMatchObject({ organization: { name: 'Second Invest' }, ventures: [] })

    const admin = (await makeToken(db, (await makeUser(db, { platformAdmin: true })).id)).token
    expect((await call(t.app, 'GET', '/v1/portfolio', { token: admin })).status).toBe(400)
    const asAdmin = await call(t.app, 'GET', `/v1/portfolio?organization=${investorId}`, { token: admin })
    expect(asAdmin.body.totals.figures.disbursed).toBe('2160000.00')

    const member = (await makeToken(db, (await makeMember(db, ventures.Alpha!, 'admin')).id)).token
    expect((await call(t.app, 'GET', '/v1/portfolio', { token: member })).status).toBe(403)
    expect(
      (await call(t.app, 'GET', `/v1/portfolio?organization=${investorId}`, { token: member })).status,
    ).toBe(404)
    expect(
      (await call(t.app, 'GET', `/v1/portfolio?organization=${ventures.Alpha}`, { token: admin })).status,
    ).toBe(404)
    expect((await call(t.app, 'GET', '/v1/portfolio?organization=nope', { token: admin })).status).toBe(400)
    expect((await call(t.app, 'GET', '/v1/portfolio')).status).toBe(401)
  })
})
