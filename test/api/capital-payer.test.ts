import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { setupVenture, tokenFor, type VentureSetup } from '../helpers/economics-data.ts'
import { makeMember, makeOrg } from '../helpers/factories.ts'
import { call, login, ORIGIN } from '../helpers/http.ts'

/**
 * Issue 20: who paid an outcome payment recorded in the ledger by hand (payerOrgId), so the IATI
 * export names a provider-org on it. The payer gains no view of the investor's ledger by it.
 */
let t: TestContext
let s: VentureSetup
let payerId: string
let payerToken: string
let investmentId: string
beforeAll(async () => {
  t = await createTestApp()
  t.clock.now = new Date('2026-11-27T10:00:00Z')
  const db = t.database.db
  s = await setupVenture(t, 'Betalt Resultat AS')
  payerId = (await makeOrg(db, { kind: 'municipality', name: 'Betaler kommune' })).id
  payerToken = await tokenFor(db, payerId, 'admin')
  const inv = await call(t.app, 'POST', `/v1/ventures/${s.ventureId}/investments`, {
    token: s.investorToken,
    body: { name: 'Resultatkontrakt', instrument: 'outcome_contract', startDate: '2025-01-01' },
  })
  expect(inv.status, inv.text).toBe(201)
  investmentId = inv.body.id
  const commitment = await post({ type: 'commitment', date: '2025-01-01', amount: '1000000.00' })
  expect(commitment.status, commitment.text).toBe(201)
})
afterAll(() => t.close())

const post = (body: Record<string, unknown>, token = s.investorToken) =>
  call(t.app, 'POST', `/v1/investments/${investmentId}/transactions`, { token, body })
const list = (token: string) => call(t.app, 'GET', `/v1/investments/${investmentId}/transactions`, { token })
const count = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from transactions`.execute(t.database.db)).rows[0]!.n

describe('the payer of an outcome payment', () => {
  it('is recorded, answered, audited and seen by the investor and the venture; the payer learns nothing', async () => {
    const res = await post({
      type: 'outcome_payment',
      date: '2025-06-30',
      amount: '150000.00',
      payerOrgId: payerId,
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body).toMatchObject({ type: 'outcome_payment', payerOrgId: payerId })
    for (const token of [s.investorToken, s.ventureToken]) {
      const seen = await list(token)
      expect(seen.status).toBe(200)
      expect(seen.body.items.find((x: { id: string }) => x.id === res.body.id).payerOrgId).toBe(payerId)
    }
    // It is the investor's ledger: naming the payer opens nothing to it.
    expect((await list(payerToken)).status).toBe(404)
    expect((await call(t.app, 'GET', `/v1/investments/${investmentId}`, { token: payerToken })).status).toBe(
      404,
    )
    const audit = await t.database.db
      .selectFrom('auditEvents')
      .select(['action', 'after'])
      .where('entityId', '=', res.body.id)
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.action).toBe('transaction.create')
    expect(audit[0]!.after).toMatchObject({ payerOrgId: payerId })

    // Entries without one answer null; a reversal names none (the export follows its original).
    const plain = await post({ type: 'outcome_payment', date: '2025-07-31', amount: '1000.00' })
    expect(plain.body.payerOrgId).toBeNull()
    const reversal = await post({ reversesId: res.body.id, date: '2025-07-01' })
    expect(reversal.status, reversal.text).toBe(201)
    expect(reversal.body.payerOrgId).toBeNull()
  })

  it('shows in the ledger on the venture page, in nb and en', async () => {
    const user = await makeMember(t.database.db, s.investorId, 'viewer')
    const cookie = await login(t.app, user.email)
    for (const [lang, text] of [
      ['nb', 'Betalt av Betaler kommune'],
      ['en', 'Paid by Betaler kommune'],
    ]) {
      const res = await t.app.request(`${ORIGIN}/ventures/${s.ventureId}`, {
        headers: { cookie, accept: 'text/html', 'accept-language': lang! },
      })
      expect(res.status).toBe(200)
      const page = await res.text()
      // once: on the payment, not on its reversal (which names no payer)
      expect(page.split(text!)).toHaveLength(2)
    }
  })

  it('is refused with a catalogued 422 where it does not belong, writing nothing', async () => {
    const plain = await post({ type: 'outcome_payment', date: '2025-08-31', amount: '500.00' })
    expect(plain.status).toBe(201)
    const before = await count()
    const cases: [Record<string, unknown>, string][] = [
      [
        { type: 'disbursement', date: '2025-02-01', amount: '1.00', payerOrgId: payerId },
        'transaction.payer_not_applicable',
      ],
      [
        { reversesId: plain.body.id, date: '2025-09-01', payerOrgId: payerId },
        'transaction.payer_not_applicable',
      ],
      [
        { type: 'outcome_payment', date: '2025-09-01', amount: '1.00', payerOrgId: crypto.randomUUID() },
        'transaction.payer_unknown',
      ],
      [
        { type: 'outcome_payment', date: '2025-09-01', amount: '1.00', payerOrgId: 'nordre-follo' },
        'validation.failed',
      ],
      [
        { type: 'outcome_payment', date: '2025-09-01', amount: '1.00', payerOrgId: null },
        'validation.failed',
      ],
    ]
    for (const [body, code] of cases) {
      const res = await post(body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(res.headers.get('content-type')).toMatch(/problem\+json/)
      expect(res.body.code, JSON.stringify(body)).toBe(code)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('payerOrgId')
    }
    expect(await count()).toBe(before)
  })

  it('is refused by the database on any other type, even past the service', async () => {
    const db = t.database.db
    await expect(
      db
        .insertInto('transactions')
        .values({
          id: crypto.randomUUID(),
          investmentId,
          type: 'disbursement',
          date: '2025-03-01',
          amount: '1.00',
          currency: 'NOK',
          rateToNok: null,
          reversesId: null,
          createdBy: null,
          payerOrgId: payerId,
        })
        .execute(),
    ).rejects.toThrow(/transactions_payer_check/)
  })
})
