import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import { type OutcomesWorld, outcomesWorld } from './outcomes-setup.ts'

/**
 * One standing rule (policy/standing.ts) seen from every place that uses it: the portfolio, the
 * venture list's investor filter, detailed access and the audience move together as a second
 * investor gains and loses standing by an aggregate share, a detailed share and an investment.
 */
let t: TestContext
let w: OutcomesWorld
let funderId: string
let funder: string
beforeAll(async () => {
  t = await createTestApp()
  w = await outcomesWorld(t, 'Stående AS')
  funderId = (await makeOrg(t.database.db, { kind: 'investor', name: 'Stående Kapital' })).id
  funder = (await makeToken(t.database.db, (await makeMember(t.database.db, funderId, 'editor')).id)).token
})
afterAll(() => t.close())

const ids = (items: { id: string }[]) => items.map((v) => v.id)
async function seen() {
  const portfolio = await call(t.app, 'GET', '/v1/portfolio', { token: funder })
  expect(portfolio.status, portfolio.text).toBe(200)
  const invested = await call(t.app, 'GET', `/v1/ventures?investor=${funderId}&limit=100`, {
    token: w.platformAdmin,
  })
  const audience = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/audience`, { token: w.ventureAdmin })
  const reports = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/reports`, { token: funder })
  return {
    portfolio: ids(portfolio.body.ventures).includes(w.ventureId),
    investedFilter: ids(invested.body.items).includes(w.ventureId),
    detailed: reports.status === 200,
    basis:
      audience.body.items.find((m: { organizationId: string }) => m.organizationId === funderId)?.basis ??
      null,
  }
}
const share = (level: 'aggregate' | 'detailed') =>
  call(t.app, 'POST', `/v1/ventures/${w.ventureId}/shares`, {
    token: w.ventureAdmin,
    body: { organizationId: funderId, level },
  })
const revoke = (id: string) =>
  call(t.app, 'DELETE', `/v1/ventures/${w.ventureId}/shares/${id}`, { token: w.ventureAdmin })

describe('standing, one rule everywhere', () => {
  it('an aggregate share gives none, a detailed share gives it, revoking takes it away', async () => {
    const none = { portfolio: false, investedFilter: false, detailed: false, basis: null }
    expect(await seen()).toEqual(none)
    const aggregate = await share('aggregate')
    expect(aggregate.status).toBe(201)
    expect(await seen()).toEqual({ ...none, basis: 'share' })
    // One share per grantee: the level changes by revoking and sharing again.
    expect((await revoke(aggregate.body.id)).status).toBe(200)
    const detailed = await share('detailed')
    expect(detailed.status, detailed.text).toBe(201)
    expect(await seen()).toEqual({ portfolio: true, investedFilter: false, detailed: true, basis: 'share' })
    expect((await revoke(detailed.body.id)).status).toBe(200)
    expect(await seen()).toEqual(none)
  })

  it('a pending investment gives none; once the venture accepts it, the investor has standing without a share', async () => {
    const detailed = await share('detailed')
    const investment = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/investments`, {
      token: funder,
      body: { name: 'Tilskudd', instrument: 'grant', startDate: '2025-01-01' },
    })
    expect(investment.status, investment.text).toBe(201)
    expect(investment.body.consent).toBe('pending')
    expect((await revoke(detailed.body.id)).status).toBe(200)
    expect(await seen()).toEqual({ portfolio: false, investedFilter: false, detailed: false, basis: null })
    const accepted = await call(t.app, 'POST', `/v1/investments/${investment.body.id}/accept`, {
      token: w.ventureAdmin,
    })
    expect(accepted.status, accepted.text).toBe(200)
    expect(await seen()).toEqual({
      portfolio: true,
      investedFilter: true,
      detailed: true,
      basis: 'investment',
    })
  })
})
