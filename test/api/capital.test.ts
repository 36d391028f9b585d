import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

let t: TestContext
let investorId: string
let editor: string
let viewer: string
let outsider: string
beforeAll(async () => {
  t = await createTestApp({ FUTURE_DATE_HORIZON_DAYS: 30 })
  t.clock.now = new Date('2026-11-27T10:00:00Z')
  const db = t.database.db
  investorId = (await makeOrg(db, { kind: 'investor', name: 'Ledger Invest' })).id
  editor = (await makeToken(db, (await makeMember(db, investorId, 'editor')).id)).token
  viewer = (await makeToken(db, (await makeMember(db, investorId, 'viewer')).id)).token
  const other = await makeOrg(db, { kind: 'investor' })
  outsider = (await makeToken(db, (await makeMember(db, other.id, 'admin')).id)).token
})
afterAll(() => t.close())

const db = () => t.database.db
const count = async (table: 'transactions' | 'investments' | 'valuations') =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db())).rows[0]!.n

async function venture(name = `Venture ${crypto.randomUUID().slice(0, 8)}`) {
  const res = await call(t.app, 'POST', '/v1/ventures', { token: editor, body: { name } })
  expect(res.status).toBe(201)
  return res.body.id as string
}

async function investment(ventureId: string, body: Record<string, unknown>) {
  const res = await call(t.app, 'POST', `/v1/ventures/${ventureId}/investments`, {
    token: editor,
    body: { name: 'Test', startDate: '2024-01-01', ...body },
  })
  expect(res.status, res.text).toBe(201)
  return res.body.id as string
}

const post = (investmentId: string, body: unknown, token = editor) =>
  call(t.app, 'POST', `/v1/investments/${investmentId}/transactions`, { token, body })

async function ok(investmentId: string, body: Record<string, unknown>) {
  const res = await post(investmentId, body)
  expect(res.status, res.text).toBe(201)
  return res.body
}

const figures = async (investmentId: string) =>
  (await call(t.app, 'GET', `/v1/investments/${investmentId}`, { token: editor })).body.figures

describe('investments', () => {
  it('records a loan with its terms and answers with zero figures', async () => {
    const v = await venture('Loan Venture')
    const res = await call(t.app, 'POST', `/v1/ventures/${v}/investments`, {
      token: editor,
      body: {
        name: 'Loan 2024',
        instrument: 'loan',
        startDate: '2024-03-01',
        interestRate: '4.5',
        maturityDate: '2029-03-01',
      },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      ventureId: v,
      ventureName: 'Loan Venture',
      investorOrgId: investorId,
      investorName: 'Ledger Invest',
      name: 'Loan 2024',
      instrument: 'loan',
      currency: 'NOK',
      interestRate: '4.5000',
      maturityDate: '2029-03-01',
      ownershipPct: null,
      figures: { committed: '0.00', disbursed: '0.00', outstanding: '0.00', latestValuation: null },
    })
    const list = await call(t.app, 'GET', `/v1/ventures/${v}/investments`, { token: viewer })
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id])
    const audit = await db()
      .selectFrom('auditEvents')
      .select(['action', 'organizationId'])
      .where('entityId', '=', res.body.id)
      .execute()
    expect(audit).toEqual([{ action: 'investment.create', organizationId: investorId }])
  })

  it('refuses bad investments with 422 naming the field and writes nothing', async () => {
    const v = await venture()
    const before = await count('investments')
    const cases: [Record<string, unknown>, string][] = [
      [{ instrument: 'grant', currency: 'XYZ' }, 'currency'],
      [{ instrument: 'grant', currency: 'nok' }, 'currency'],
      [{ instrument: 'gift' }, 'instrument'],
      [{ instrument: 'grant', interestRate: '3' }, 'interestRate'],
      [{ instrument: 'loan', ownershipPct: '10' }, 'ownershipPct'],
      [{ instrument: 'equity', ownershipPct: '100.5' }, 'ownershipPct'],
      [{ instrument: 'equity', ownershipPct: '0' }, 'ownershipPct'],
      [{ instrument: 'loan', interestRate: 4.5 }, 'interestRate'],
      [{ instrument: 'loan', maturityDate: '2023-12-31' }, 'maturityDate'],
      [{ instrument: 'loan', startDate: '2024-02-30' }, 'startDate'],
      [{ instrument: 'loan', name: '  ' }, 'name'],
      [{ instrument: 'loan', colour: 'blue' }, ''],
    ]
    for (const [body, path] of cases) {
      const res = await call(t.app, 'POST', `/v1/ventures/${v}/investments`, {
        token: editor,
        body: { name: 'Bad', startDate: '2024-01-01', ...body },
      })
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(res.headers.get('content-type')).toMatch(/problem\+json/)
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        JSON.stringify(body),
      ).toContain(path)
    }
    expect(await count('investments')).toBe(before)
  })

  it('lets the venture read but not record; viewers may not record; outsiders get 404', async () => {
    const v = await venture()
    const id = await investment(v, { instrument: 'grant' })
    const member = (await makeToken(db(), (await makeMember(db(), v, 'admin')).id)).token
    expect((await call(t.app, 'GET', `/v1/investments/${id}`, { token: member })).status).toBe(200)
    expect((await post(id, { type: 'commitment', date: '2025-01-01', amount: '10' }, member)).status).toBe(
      403,
    )
    expect((await post(id, { type: 'commitment', date: '2025-01-01', amount: '10' }, viewer)).status).toBe(
      403,
    )
    expect((await call(t.app, 'GET', `/v1/investments/${id}`, { token: outsider })).status).toBe(404)
    expect((await post(id, { type: 'commitment', date: '2025-01-01', amount: '10' }, outsider)).status).toBe(
      404,
    )
    const created = await call(t.app, 'POST', `/v1/ventures/${v}/investments`, {
      token: member,
      body: { name: 'Self', instrument: 'grant', startDate: '2024-01-01' },
    })
    expect(created.status).toBe(403)
  })
})

describe('transactions', () => {
  it('derives the figures of a loan exactly, with many 0.10 amounts', async () => {
    const id = await investment(await venture(), { instrument: 'loan' })
    await ok(id, { type: 'commitment', date: '2024-01-10', amount: '1000000.00' })
    await ok(id, { type: 'disbursement', date: '2024-02-01', amount: '600000' })
    for (let i = 0; i < 30; i++) await ok(id, { type: 'repayment', date: '2025-01-01', amount: '0.10' })
    await ok(id, { type: 'interest', date: '2025-06-30', amount: '12500.55' })
    await ok(id, { type: 'write_off', date: '2026-01-31', amount: '100000' })
    expect(await figures(id)).toEqual({
      committed: '1000000.00',
      disbursed: '600000.00',
      undisbursed: '400000.00',
      overDisbursed: '0.00',
      repaid: '3.00',
      interest: '12500.55',
      writtenOff: '100000.00',
      outstanding: '499997.00',
      equityPurchased: '0.00',
      equitySold: '0.00',
      outcomePayments: '0.00',
      latestValuation: null,
    })
  })

  it('converts a foreign-currency entry at its own rate and rounds once', async () => {
    const id = await investment(await venture(), { instrument: 'grant', currency: 'EUR' })
    await ok(id, { type: 'commitment', date: '2025-01-01', amount: '100000.00', rateToNok: '11.5' })
    const a = await ok(id, { type: 'disbursement', date: '2025-02-01', amount: '0.05', rateToNok: '11.1' })
    await ok(id, { type: 'disbursement', date: '2025-03-01', amount: '0.05', rateToNok: '11.1' })
    expect(a).toMatchObject({ currency: 'EUR', amount: '0.05', rateToNok: '11.10000000', amountNok: '0.56' })
    const f = await figures(id)
    // 0.555 + 0.555 = 1.11 exactly; rounding each entry first would give 1.12
    expect(f.disbursed).toBe('1.11')
    expect(f.committed).toBe('1150000.00')
    expect(f.undisbursed).toBe('1149998.89')
  })

  it('refuses every bad entry with 4xx naming the field, writing nothing', async () => {
    const v = await venture()
    const loan = await investment(v, { instrument: 'loan' })
    const grant = await investment(v, { instrument: 'grant' })
    const commit = await ok(loan, { type: 'commitment', date: '2025-01-01', amount: '1000' })
    const reversal = await ok(loan, { reversesId: commit.id, date: '2025-01-02' })
    const disb = await ok(grant, { type: 'commitment', date: '2025-01-01', amount: '500' })
    const before = await count('transactions')
    const auditBefore = (await db().selectFrom('auditEvents').select('id').execute()).length
    const base = { type: 'commitment', date: '2025-05-01' }
    const cases: [string, unknown, string][] = [
      [loan, { ...base, amount: '1e3' }, 'amount'],
      [loan, { ...base, amount: '-5' }, 'amount'],
      [loan, { ...base, amount: '0.001' }, 'amount'],
      [loan, { ...base, amount: 12.5 }, 'amount'],
      [loan, { ...base, amount: '0' }, 'amount'],
      [loan, { ...base, amount: '1 000' }, 'amount'],
      [loan, { ...base, amount: '' }, 'amount'],
      [loan, { ...base }, 'amount'],
      [loan, { date: '2025-05-01', amount: '10' }, 'type'],
      [loan, { ...base, type: 'gift', amount: '10' }, 'type'],
      [loan, { ...base, amount: '10', currency: 'XYZ' }, 'currency'],
      [loan, { ...base, amount: '10', currency: 'eur', rateToNok: '11' }, 'currency'],
      [loan, { ...base, amount: '10', currency: 'EUR' }, 'rateToNok'],
      [loan, { ...base, amount: '10', currency: 'EUR', rateToNok: '-11' }, 'rateToNok'],
      [loan, { ...base, amount: '10', currency: 'EUR', rateToNok: 11.5 }, 'rateToNok'],
      [loan, { ...base, amount: '10', rateToNok: '1.1' }, 'rateToNok'],
      [loan, { ...base, amount: '10', date: '2026-02-30' }, 'date'],
      [loan, { ...base, amount: '10', date: '2027-01-01' }, 'date'],
      [loan, { type: 'disbursement', date: '2025-05-01', amount: '1000.01' }, 'amount'],
      [loan, { type: 'repayment', date: '2025-05-01', amount: '10', overCommitment: true }, 'overCommitment'],
      [loan, { type: 'equity_purchase', date: '2025-05-01', amount: '10' }, 'type'],
      [grant, { type: 'repayment', date: '2025-05-01', amount: '10' }, 'type'],
      [grant, { type: 'interest', date: '2025-05-01', amount: '10' }, 'type'],
      [loan, { reversesId: reversal.id, date: '2025-05-01' }, 'reversesId'],
      [loan, { reversesId: commit.id, date: '2025-05-01' }, 'reversesId'],
      [loan, { reversesId: disb.id, date: '2025-05-01' }, 'reversesId'],
      [loan, { reversesId: crypto.randomUUID(), date: '2025-05-01' }, 'reversesId'],
      [loan, { reversesId: 'not-a-uuid', date: '2025-05-01' }, 'reversesId'],
      [grant, { reversesId: disb.id, date: '2025-05-01', amount: '499' }, 'amount'],
      [grant, { reversesId: disb.id, date: '2025-05-01', type: 'disbursement' }, 'type'],
      [loan, { ...base, amount: '10', memo: 'x' }, ''],
    ]
    for (const [investmentId, body, path] of cases) {
      const res = await post(investmentId, body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(res.headers.get('content-type')).toMatch(/problem\+json/)
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        JSON.stringify(body),
      ).toContain(path)
    }
    const unknown = await post(crypto.randomUUID(), { ...base, amount: '10' })
    expect(unknown.status).toBe(404)
    expect(unknown.body.detail).toMatch(/investment/)
    const malformed = await post(loan, '{"type": "commitment", ')
    expect(malformed.status).toBe(400)
    expect(await count('transactions')).toBe(before)
    expect((await db().selectFrom('auditEvents').select('id').execute()).length).toBe(auditBefore)
  })

  it('corrects by reversal, defaulting the fields from the original, once', async () => {
    const id = await investment(await venture(), { instrument: 'loan', currency: 'EUR' })
    await ok(id, { type: 'commitment', date: '2025-01-01', amount: '1000', rateToNok: '11.5' })
    const wrong = await ok(id, { type: 'disbursement', date: '2025-02-01', amount: '900', rateToNok: '11.6' })
    expect((await figures(id)).disbursed).toBe('10440.00')
    const rev = await ok(id, { reversesId: wrong.id, date: '2025-02-02', note: 'Typo' })
    expect(rev).toMatchObject({
      type: 'disbursement',
      amount: '900.00',
      currency: 'EUR',
      rateToNok: '11.60000000',
      reversesId: wrong.id,
    })
    expect((await figures(id)).disbursed).toBe('0.00')
    const page = await call(t.app, 'GET', `/v1/investments/${id}/transactions`, { token: viewer })
    expect(page.body.items.find((x: { id: string }) => x.id === wrong.id).reversedById).toBe(rev.id)
    expect(
      await db().selectFrom('auditEvents').select('action').where('entityId', '=', rev.id).execute(),
    ).toEqual([{ action: 'transaction.reverse' }])
  })

  it('records a disbursement beyond the commitment only when flagged', async () => {
    const id = await investment(await venture(), { instrument: 'grant' })
    await ok(id, { type: 'commitment', date: '2025-01-01', amount: '100.00' })
    const refused = await post(id, { type: 'disbursement', date: '2025-01-02', amount: '150.00' })
    expect(refused.status).toBe(422)
    expect(refused.body.errors[0]).toMatchObject({ in: 'body', path: 'amount' })
    await ok(id, { type: 'disbursement', date: '2025-01-02', amount: '150.00', overCommitment: true })
    expect(await figures(id)).toMatchObject({ undisbursed: '0.00', overDisbursed: '50.00' })
  })

  it('serialises concurrent writers: two racing disbursements cannot both pass the commitment', async () => {
    const id = await investment(await venture(), { instrument: 'grant' })
    await ok(id, { type: 'commitment', date: '2025-01-01', amount: '100.00' })
    const racing = await Promise.all(
      [1, 2, 3].map(() => post(id, { type: 'disbursement', date: '2025-01-02', amount: '60.00' })),
    )
    expect(racing.map((r) => r.status).toSorted()).toEqual([201, 422, 422])
    const first = await ok(id, { type: 'commitment', date: '2025-01-03', amount: '1.00' })
    const reversals = await Promise.all(
      [1, 2].map(() => post(id, { reversesId: first.id, date: '2025-01-04' })),
    )
    expect(reversals.map((r) => r.status).toSorted()).toEqual([201, 422])
    expect(await figures(id)).toMatchObject({ committed: '100.00', disbursed: '60.00' })
  })

  it('accepts a date up to the configured horizon and no further', async () => {
    const id = await investment(await venture(), { instrument: 'grant' })
    await ok(id, { type: 'commitment', date: '2026-12-27', amount: '1.00' })
    const late = await post(id, { type: 'commitment', date: '2026-12-28', amount: '1.00' })
    expect(late.status).toBe(422)
    expect(late.body.errors[0].message).toContain('2026-12-27')
  })

  it('pages the ledger by date and recording order', async () => {
    const id = await investment(await venture(), { instrument: 'grant' })
    for (const date of ['2025-03-01', '2025-01-01', '2025-02-01', '2025-01-01']) {
      await ok(id, { type: 'commitment', date, amount: '1.00', note: date })
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res: { status: number; body: { items: { date: string }[]; nextCursor: string | null } } =
        await call(
          t.app,
          'GET',
          `/v1/investments/${id}/transactions?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          { token: editor },
        )
      expect(res.status).toBe(200)
      seen.push(...res.body.items.map((x) => x.date))
      cursor = res.body.nextCursor
    } while (cursor)
    expect(seen).toEqual(['2025-01-01', '2025-01-01', '2025-02-01', '2025-03-01'])
    const bad = await call(t.app, 'GET', `/v1/investments/${id}/transactions?cursor=WyJ4IiwieSJd`, {
      token: editor,
    })
    expect(bad.status).toBe(400)
  })
})

describe('the database guards the ledger', () => {
  it('refuses UPDATE and DELETE of transactions and valuations, and a second reversal', async () => {
    const id = await investment(await venture(), { instrument: 'equity' })
    const c = await ok(id, { type: 'commitment', date: '2025-01-01', amount: '10.00' })
    await call(t.app, 'POST', `/v1/investments/${id}/valuations`, {
      token: editor,
      body: { date: '2025-06-30', value: '20.00' },
    })
    const attempts = [
      sql`update transactions set amount = 11 where id = ${c.id}`,
      sql`delete from transactions where id = ${c.id}`,
      sql`update valuations set value = 0 where investment_id = ${id}`,
      sql`delete from valuations where investment_id = ${id}`,
    ]
    for (const q of attempts) {
      await expect(q.execute(db())).rejects.toMatchObject({ code: '55000' })
    }
    const insert = (reversesId: string) =>
      db()
        .insertInto('transactions')
        .values({
          id: crypto.randomUUID(),
          investmentId: id,
          type: 'commitment',
          date: '2025-01-02',
          amount: '10.00',
          currency: 'NOK',
          rateToNok: null,
          reversesId,
        })
        .execute()
    const r = await ok(id, { reversesId: c.id, date: '2025-01-02' })
    await expect(insert(c.id)).rejects.toMatchObject({ code: '23505' })
    await expect(insert(r.id)).rejects.toMatchObject({ code: '23514' })
    expect((await figures(id)).committed).toBe('0.00')
  })
})

describe('valuations', () => {
  it('records fair values of equity; the latest by date is in the figures', async () => {
    const id = await investment(await venture(), { instrument: 'equity', ownershipPct: '12.5' })
    for (const [date, value] of [
      ['2024-12-31', '3000000.00'],
      ['2025-12-31', '4500000'],
      ['2025-06-30', '4000000.00'],
    ]) {
      const res = await call(t.app, 'POST', `/v1/investments/${id}/valuations`, {
        token: editor,
        body: { date, value },
      })
      expect(res.status, res.text).toBe(201)
    }
    expect((await figures(id)).latestValuation).toEqual({ date: '2025-12-31', value: '4500000.00' })
    const list = await call(t.app, 'GET', `/v1/investments/${id}/valuations`, { token: viewer })
    expect(list.body.items.map((v: { date: string; value: string }) => [v.date, v.value])).toEqual([
      ['2024-12-31', '3000000.00'],
      ['2025-06-30', '4000000.00'],
      ['2025-12-31', '4500000.00'],
    ])
    const zero = await call(t.app, 'POST', `/v1/investments/${id}/valuations`, {
      token: editor,
      body: { date: '2026-06-30', value: '0' },
    })
    expect(zero.status).toBe(201)
    expect((await figures(id)).latestValuation).toEqual({ date: '2026-06-30', value: '0.00' })
  })

  it('refuses valuations of a loan (409) and bad values (422), writing nothing', async () => {
    const v = await venture()
    const loan = await investment(v, { instrument: 'loan' })
    const equity = await investment(v, { instrument: 'equity' })
    const before = await count('valuations')
    const onLoan = await call(t.app, 'POST', `/v1/investments/${loan}/valuations`, {
      token: editor,
      body: { date: '2025-01-01', value: '10' },
    })
    expect(onLoan.status).toBe(409)
    for (const [body, path] of [
      [{ date: '2025-01-01', value: '-1' }, 'value'],
      [{ date: '2025-01-01', value: 10 }, 'value'],
      [{ date: '2025-01-01', value: '1.005' }, 'value'],
      [{ date: '2027-01-01', value: '1' }, 'date'],
      [{ value: '1' }, 'date'],
    ] as const) {
      const res = await call(t.app, 'POST', `/v1/investments/${equity}/valuations`, { token: editor, body })
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
    }
    expect(await count('valuations')).toBe(before)
  })
})
