import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

let t: TestContext
let investorA: string
let investorB: string
let tokenA: string
let tokenB: string
let ventureId: string
let ventureEditor: string
let ventureViewer: string
beforeAll(async () => {
  t = await createTestApp()
  t.clock.now = new Date('2026-11-27T10:00:00Z')
  const db = t.database.db
  investorA = (await makeOrg(db, { kind: 'investor', name: 'Alfa Kapital' })).id
  investorB = (await makeOrg(db, { kind: 'investor', name: 'Beta Fond' })).id
  tokenA = (await makeToken(db, (await makeMember(db, investorA, 'editor')).id)).token
  tokenB = (await makeToken(db, (await makeMember(db, investorB, 'admin')).id)).token
  ventureId = (
    await call(t.app, 'POST', '/v1/ventures', { token: tokenA, body: { name: 'Support Venture' } })
  ).body.id
  ventureEditor = (await makeToken(db, (await makeMember(db, ventureId, 'editor')).id)).token
  ventureViewer = (await makeToken(db, (await makeMember(db, ventureId, 'viewer')).id)).token
  // Investor B gets standing through a detailed data share.
  await db
    .insertInto('dataShares')
    .values({ id: crypto.randomUUID(), ventureOrgId: ventureId, granteeOrgId: investorB, level: 'detailed' })
    .execute()
})
afterAll(() => t.close())

const db = () => t.database.db
const count = async (table: 'contributions' | 'other_funding') =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db())).rows[0]!.n
const contribute = (body: unknown, token = tokenA, venture = ventureId) =>
  call(t.app, 'POST', `/v1/ventures/${venture}/contributions`, { token, body })

describe('contributions', () => {
  it('records network and competence support with totals per venture and per investor', async () => {
    const network = await contribute({
      kind: 'network',
      date: '2026-02-01',
      introducedParty: 'Follo Bygg AS',
      purpose: 'Customer for repairs',
      result: 'customer_signed',
      value: '25000.00',
    })
    expect(network.status, network.text).toBe(201)
    expect(network.body).toMatchObject({
      kind: 'network',
      investorOrgId: investorA,
      investorName: 'Alfa Kapital',
      introducedParty: 'Follo Bygg AS',
      result: 'customer_signed',
      value: '25000.00',
      hours: null,
      valueNok: '25000.00',
    })
    const competence = await contribute({
      kind: 'competence',
      date: '2026-03-01',
      hours: '7.5',
      hourlyValue: '1333.33',
      topic: 'Pricing',
      givenBy: 'Partner',
    })
    expect(competence.status).toBe(201)
    expect(competence.body).toMatchObject({ hours: '7.50', hourlyValue: '1333.33', valueNok: '9999.98' })
    // 7.5 × 1333.33 = 9999.975 → 9999.98 (half-even on the 5 after an odd 7)
    const unpriced = await contribute({ kind: 'competence', date: '2026-03-02', hours: '2.25' }, tokenB)
    expect(unpriced.status).toBe(201)
    expect(unpriced.body.valueNok).toBe('0.00')
    await contribute(
      { kind: 'competence', date: '2026-04-01', hours: '0.25', hourlyValue: '1000.02' },
      tokenB,
    )

    const list = await call(t.app, 'GET', `/v1/ventures/${ventureId}/contributions?limit=2`, {
      token: ventureViewer,
    })
    expect(list.status).toBe(200)
    expect(list.body.items).toHaveLength(2)
    expect(list.body.nextCursor).not.toBeNull()
    expect(list.body.totals).toEqual({
      count: 4,
      network: 1,
      competence: 3,
      hours: '10.00',
      value: '35249.98',
    })
    // 25000 + 9999.975 + 0 + 250.005 = 35249.98 rounded once
    expect(list.body.byInvestor).toEqual([
      {
        investorOrgId: investorA,
        investorName: 'Alfa Kapital',
        count: 2,
        network: 1,
        competence: 1,
        hours: '7.50',
        value: '34999.98',
      },
      {
        investorOrgId: investorB,
        investorName: 'Beta Fond',
        count: 2,
        network: 0,
        competence: 2,
        hours: '2.50',
        value: '250.00',
      },
    ])
    const onlyB = await call(t.app, 'GET', `/v1/ventures/${ventureId}/contributions?investor=${investorB}`, {
      token: tokenA,
    })
    expect(onlyB.body.totals).toMatchObject({ count: 2, hours: '2.50', value: '250.00' })
    const next = await call(
      t.app,
      'GET',
      `/v1/ventures/${ventureId}/contributions?limit=2&cursor=${list.body.nextCursor}`,
      { token: tokenA },
    )
    expect(next.body.items.map((c: { date: string }) => c.date)).toEqual(['2026-03-02', '2026-04-01'])
  })

  it('refuses bad support with 422 naming the field and writes nothing', async () => {
    const before = await count('contributions')
    const cases: [unknown, string][] = [
      [{ kind: 'advice', date: '2026-01-01' }, 'kind'],
      [{ kind: 'network', date: '2026-01-01' }, 'introducedParty'],
      [{ kind: 'network', date: '2026-01-01', introducedParty: 'X', value: 100 }, 'value'],
      [{ kind: 'network', date: '2026-01-01', introducedParty: 'X', value: '-1' }, 'value'],
      [{ kind: 'network', date: '2026-01-01', introducedParty: 'X', result: 'great' }, 'result'],
      [{ kind: 'network', date: '2026-01-01', introducedParty: 'X', hours: '1' }, ''],
      [{ kind: 'competence', date: '2026-01-01' }, 'hours'],
      [{ kind: 'competence', date: '2026-01-01', hours: '0' }, 'hours'],
      [{ kind: 'competence', date: '2026-01-01', hours: '1.234' }, 'hours'],
      [{ kind: 'competence', date: '2026-01-01', hours: '2', hourlyValue: '1e3' }, 'hourlyValue'],
      [{ kind: 'competence', date: '2026-01-01', hours: '2', value: '100' }, ''],
      [{ kind: 'competence', date: '2027-01-01', hours: '2' }, 'date'],
      [{ kind: 'competence', date: '01.01.2026', hours: '2' }, 'date'],
    ]
    for (const [body, path] of cases) {
      const res = await contribute(body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        JSON.stringify(body),
      ).toContain(path)
    }
    expect(await count('contributions')).toBe(before)
  })

  it('is recorded by investors with standing only', async () => {
    const body = { kind: 'competence', date: '2026-01-01', hours: '1' }
    expect((await contribute(body, ventureEditor)).status).toBe(403)
    const outsider = await makeOrg(db(), { kind: 'investor' })
    const token = (await makeToken(db(), (await makeMember(db(), outsider.id, 'admin')).id)).token
    expect((await contribute(body, token)).status).toBe(404)
    expect((await contribute({ ...body, investorOrgId: outsider.id }, tokenA)).status).toBe(403)
  })
})

describe('other funding', () => {
  it('records co-investors by the venture and by an investor, and sums all capital to the venture', async () => {
    const loan = await call(t.app, 'POST', `/v1/ventures/${ventureId}/investments`, {
      token: tokenA,
      body: { name: 'Loan', instrument: 'loan', startDate: '2025-01-01' },
    })
    for (const body of [
      { type: 'commitment', date: '2025-01-01', amount: '400000.00' },
      { type: 'disbursement', date: '2025-02-01', amount: '300000.00' },
    ]) {
      await call(t.app, 'POST', `/v1/investments/${loan.body.id}/transactions`, { token: tokenA, body })
    }
    const byVenture = await call(t.app, 'POST', `/v1/ventures/${ventureId}/funding`, {
      token: ventureEditor,
      body: {
        funderName: 'Follo Sparebankstiftelse',
        instrument: 'grant',
        amountNok: '150000.50',
        date: '2025-06-01',
      },
    })
    expect(byVenture.status, byVenture.text).toBe(201)
    const nav = await makeOrg(db(), { kind: 'agency', name: 'NAV Test' })
    const byInvestor = await call(t.app, 'POST', `/v1/ventures/${ventureId}/funding`, {
      token: tokenB,
      body: { funderOrgId: nav.id, instrument: 'public_grant', amountNok: '49999.50', date: '2025-09-01' },
    })
    expect(byInvestor.status).toBe(201)
    expect(byInvestor.body).toMatchObject({
      funderName: 'NAV Test',
      funderOrgId: nav.id,
      amountNok: '49999.50',
    })
    const list = await call(t.app, 'GET', `/v1/ventures/${ventureId}/funding`, { token: ventureViewer })
    expect(list.status).toBe(200)
    expect(list.body.items.map((f: { funderName: string }) => f.funderName)).toEqual([
      'Follo Sparebankstiftelse',
      'NAV Test',
    ])
    expect(list.body.capital).toEqual({
      investments: '300000.00',
      otherFunding: '200000.00',
      total: '500000.00',
    })
  })

  it('refuses bad funding with 422 naming the field, and viewers with 403', async () => {
    // Investor A records its own investments here, so it cannot also be other funding.
    await call(t.app, 'POST', `/v1/ventures/${ventureId}/investments`, {
      token: tokenA,
      body: { name: 'Grant', instrument: 'grant', startDate: '2025-01-01' },
    })
    const before = await count('other_funding')
    const base = { funderName: 'X', instrument: 'grant', amountNok: '10', date: '2025-01-01' }
    const cases: [unknown, string][] = [
      [{ ...base, amountNok: '0.001' }, 'amountNok'],
      [{ ...base, amountNok: 10 }, 'amountNok'],
      [{ ...base, instrument: 'lottery' }, 'instrument'],
      [{ ...base, funderName: undefined }, 'funderName'],
      [{ ...base, funderOrgId: crypto.randomUUID() }, 'funderOrgId'],
      [{ ...base, funderOrgId: investorA }, 'funderOrgId'],
      [{ ...base, date: '2030-01-01' }, 'date'],
    ]
    for (const [body, path] of cases) {
      const res = await call(t.app, 'POST', `/v1/ventures/${ventureId}/funding`, {
        token: ventureEditor,
        body,
      })
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        JSON.stringify(body),
      ).toContain(path)
    }
    const viewer = await call(t.app, 'POST', `/v1/ventures/${ventureId}/funding`, {
      token: ventureViewer,
      body: base,
    })
    expect(viewer.status).toBe(403)
    expect(await count('other_funding')).toBe(before)
  })
})
