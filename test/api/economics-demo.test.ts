import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { DEMO_PASSWORD } from '../../src/demo/ids.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { countRows } from '../helpers/economics-data.ts'
import { call, login } from '../helpers/http.ts'

let t: TestContext
let investor: string
let kommune: string
let venture: string
const ventureIds: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestApp()
  const ctx = {
    db: t.database.db,
    principal: null,
    requestId: null,
    now: new Date(),
    config: defaultConfig(),
  }
  await loadDemo(ctx)
  investor = await login(t.app, 'investor@demo.effekt.no', DEMO_PASSWORD)
  kommune = await login(t.app, 'kommune@demo.effekt.no', DEMO_PASSWORD)
  venture = await login(t.app, 'venture@demo.effekt.no', DEMO_PASSWORD)
  const orgs = await t.database.db.selectFrom('organizations').select(['id', 'name']).execute()
  for (const o of orgs) ventureIds[o.name] = o.id
})
afterAll(() => t.close())

describe('demo impact economics', () => {
  it('has SROI models for three ventures, each with a ratio', async () => {
    for (const name of ['Arbeidsglede AS', 'Verdt Arbeid', 'Ungt Håp']) {
      const res = await call(t.app, 'GET', `/v1/ventures/${ventureIds[name]}/sroi`, { cookie: investor })
      expect(res.status, `${name}: ${res.text}`).toBe(200)
      expect(Number(res.body.ratio), name).toBeGreaterThan(0.5)
      expect(Number(res.body.ratio), name).toBeLessThan(10)
      expect(
        res.body.outcomes.every((o: { quantity: string }) => Number(o.quantity) > 0),
        name,
      ).toBe(true)
    }
  })

  it('has an outcome contract with Nordre Follo, NAV, the demo investor and Arbeidsglede, 2024–2025', async () => {
    const list = await call(t.app, 'GET', '/v1/contracts', { cookie: kommune })
    expect(list.body.items).toHaveLength(1)
    const c = list.body.items[0]
    expect(c).toMatchObject({
      payer: { name: 'Nordre Follo kommune' },
      provider: { name: 'Arbeidsglede AS' },
      investors: [{ name: 'Nordlys Sosial Kapital' }],
      partners: [{ kind: 'agency' }],
      startDate: '2024-01-01',
      endDate: '2025-12-31',
    })
    // Seven quarters approved; 2025-Q4 waits for the municipality.
    expect(c.statements.map((s: { period: string }) => s.period)).toEqual([
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
    ])
    const paid = c.statements.filter((s: { transactionId: string | null }) => s.transactionId !== null)
    const ledger = await call(t.app, 'GET', `/v1/investments/${c.investmentId}/transactions`, {
      cookie: investor,
    })
    expect(
      ledger.body.items.map((e: { type: string; amount: string; date: string }) => [
        e.type,
        e.amount,
        e.date,
      ]),
    ).toEqual(
      paid.map((s: { total: string; period: string }) => ['outcome_payment', s.total, expect.any(String)]),
    )
    expect(ledger.body.items[0].date).toBe('2024-04-30')
    const draft = await call(t.app, 'GET', `/v1/contracts/${c.id}/statements?period=2025-Q4`, {
      cookie: kommune,
    })
    expect(draft.body).toMatchObject({ status: 'draft', approvable: true })
    expect((await call(t.app, 'GET', `/v1/contracts/${c.id}`, { cookie: venture })).status).toBe(200)
  })

  it('adds nothing when loaded again', async () => {
    const db = t.database.db
    const before = await Promise.all(
      (['sroiModels', 'outcomeContracts', 'outcomeStatements', 'transactions'] as const).map((x) =>
        countRows(db, x),
      ),
    )
    await loadDemo({ db, principal: null, requestId: null, now: new Date(), config: defaultConfig() })
    const after = await Promise.all(
      (['sroiModels', 'outcomeContracts', 'outcomeStatements', 'transactions'] as const).map((x) =>
        countRows(db, x),
      ),
    )
    expect(after).toEqual(before)
    expect(before[0]).toBe(3)
  })
})
