import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { insertInvestmentAudited } from '../../src/modules/capital/investments-service.ts'
import { recordTransaction, recordValuation } from '../../src/modules/capital/ledger-service.ts'
import { findInvestment } from '../../src/modules/capital/repo.ts'
import { insertContributionAudited } from '../../src/modules/capital/support-service.ts'
import type { Ctx } from '../../src/modules/context.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { makeMember, makeOrg, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import { QueryCounter } from '../helpers/query-counter.ts'

let t: TestContext
let base: Database
const counter = new QueryCounter()
beforeAll(async () => {
  base = await createTestDatabase()
  t = await createTestApp({}, { ...base, db: base.db.withPlugin(counter) })
})
afterAll(() => t.close())

/** An investor with `n` ventures, each with a loan, an equity stake, entries, a valuation and support. */
async function investorWith(n: number) {
  const db = base.db
  const ctx: Ctx = {
    db,
    principal: null,
    requestId: null,
    now: new Date('2026-11-27T10:00:00Z'),
    config: defaultConfig(),
  }
  const investor = await makeOrg(db, { kind: 'investor' })
  for (let i = 0; i < n; i++) {
    const venture = await makeOrg(db, { kind: 'venture' })
    await db.insertInto('ventures').values({ orgId: venture.id, createdByOrgId: investor.id }).execute()
    for (const instrument of ['loan', 'equity'] as const) {
      const inv = await insertInvestmentAudited(ctx, investor.id, venture.id, {
        name: instrument,
        instrument,
        currency: 'NOK',
        startDate: '2024-01-01',
      })
      const row = (await findInvestment(db, inv.id))!
      await recordTransaction(ctx, row, {
        type: 'commitment',
        date: '2024-01-01',
        amount: '1000.00',
        overCommitment: false,
      })
      await recordTransaction(ctx, row, {
        type: 'disbursement',
        date: '2025-01-01',
        amount: '400.00',
        overCommitment: false,
      })
      if (instrument === 'equity') await recordValuation(ctx, row, { date: '2025-12-31', value: '900.00' })
    }
    await insertContributionAudited(ctx, investor.id, venture.id, {
      kind: 'competence',
      date: '2025-01-01',
      hours: '2',
    })
  }
  const token = (await makeToken(db, (await makeMember(db, investor.id, 'viewer')).id)).token
  return token
}

async function queriesFor(token: string, path: string) {
  counter.count = 0
  const res = await call(t.app, 'GET', path, { token })
  expect(res.status, res.text).toBe(200)
  return { count: counter.count, body: res.body }
}

describe('one query plan for the whole portfolio', () => {
  it('sends as many queries for 20 ventures as for 2', async () => {
    const small = await investorWith(2)
    const large = await investorWith(20)
    const a = await queriesFor(small, '/v1/portfolio')
    const b = await queriesFor(large, '/v1/portfolio')
    expect(a.body.ventures).toHaveLength(2)
    expect(b.body.ventures).toHaveLength(20)
    expect(b.body.totals.figures).toMatchObject({
      committed: '40000.00',
      disbursed: '16000.00',
      supportHours: '40.00',
    })
    expect(b.count).toBe(a.count)
    // authentication (token, memberships, last use) + ventures, investments, entries, valuations,
    // support + the outcomes section (assignments, indicators, targets, reports, latest values)
    // + the economics section (capital, outcome facts, SROI models)
    expect(a.count).toBeGreaterThanOrEqual(5)
    expect(a.count).toBeLessThanOrEqual(25)
    const csvA = await queriesFor(small, '/v1/exports/portfolio.csv')
    const csvB = await queriesFor(large, '/v1/exports/portfolio.csv')
    expect(csvB.count).toBe(csvA.count)
    const txA = await queriesFor(small, '/v1/exports/transactions.csv')
    const txB = await queriesFor(large, '/v1/exports/transactions.csv')
    expect(txB.count).toBe(txA.count)
  })
})
