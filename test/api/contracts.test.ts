import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import {
  acceptByAllParties,
  amendReport,
  assign,
  countRows,
  setupVenture,
  tokenFor,
  type VentureSetup,
  verifiedReport,
} from '../helpers/economics-data.ts'
import { makeOrg, makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

let t: TestContext
let s: VentureSetup
let kommuneId: string
let navId: string
let kommune: string
let kommuneViewer: string
let admin: string
const reports: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  s = await setupVenture(t, 'Jobbsjansen AS')
  kommuneId = (await makeOrg(db, { kind: 'municipality', name: 'Nordre Follo kommune' })).id
  navId = (await makeOrg(db, { kind: 'agency', name: 'NAV Nordre Follo' })).id
  kommune = await tokenFor(db, kommuneId, 'editor')
  kommuneViewer = await tokenFor(db, kommuneId, 'viewer')
  admin = (await makeToken(db, (await makeUser(db, { platformAdmin: true })).id)).token
  // Milestones: into education (enrolment), into work (job start), off benefits (six months in work).
  for (const code of ['NO-WORK-06', 'NO-WORK-01', 'NO-WORK-08', 'NO-WORK-02']) await assign(t, s, code)
  await assign(t, s, 'NO-YOUTH-01', { frequency: 'yearly' })
  const data: [string, Record<string, string>][] = [
    ['2024-Q1', { 'NO-WORK-06': '3', 'NO-WORK-01': '1', 'NO-WORK-08': '1', 'NO-WORK-02': '10' }],
    ['2024-Q2', { 'NO-WORK-06': '2', 'NO-WORK-01': '6', 'NO-WORK-08': '2', 'NO-WORK-02': '10' }],
    ['2024-Q3', { 'NO-WORK-06': '4', 'NO-WORK-01': '3', 'NO-WORK-08': '3', 'NO-WORK-02': '10' }],
  ]
  for (const [period, values] of data) reports[period] = await verifiedReport(t, s, period, values)
})
afterAll(() => t.close())

const milestoneContract = () => ({
  name: 'Jobbsjansen Follo',
  payerOrgId: kommuneId,
  providerVentureId: s.ventureId,
  investors: [s.investorId],
  partners: [navId],
  frequency: 'quarterly',
  startDate: '2024-01-01',
  endDate: '2026-12-31',
  totalCap: '100000.00',
  metrics: [
    {
      indicatorCode: 'NO-WORK-06',
      label: 'Enrolment (20 %)',
      pricePerUnit: '10000.00',
      baselineUnitsPerPeriod: '1',
    },
    {
      indicatorCode: 'NO-WORK-01',
      label: 'Job start (40 %)',
      pricePerUnit: '20000.00',
      baselineUnitsPerPeriod: '2',
      unitCap: '5',
    },
    { indicatorCode: 'NO-WORK-08', label: 'Six months in work (40 %)', pricePerUnit: '20000.00' },
  ],
})

/** Creates a contract and, when that succeeds, has every party accept it (it becomes active). */
async function create(body: unknown, token = kommune) {
  const res = await call(t.app, 'POST', '/v1/contracts', { token, body })
  if (res.status !== 201) return res
  expect(res.body.status).toBe('pending')
  return { ...res, body: (await acceptByAllParties(t, res.body.id)).body }
}
const statement = (id: string, period: string, token = kommune) =>
  call(t.app, 'GET', `/v1/contracts/${id}/statements?period=${period}`, { token })
const approve = (id: string, period: string, token = kommune) =>
  call(t.app, 'POST', `/v1/contracts/${id}/statements/${period}/approve`, { token })
const ledger = async (investmentId: string, token = s.investorToken) =>
  (await call(t.app, 'GET', `/v1/investments/${investmentId}/transactions`, { token })).body.items

describe('a milestone contract: three priced indicators, a unit cap and a total cap', () => {
  let contract: { id: string; investmentId: string }

  it('is created by the payer’s editor, with an outcome_contract investment for the lead investor', async () => {
    const investments = await countRows(t.database.db, 'investments')
    const res = await create(milestoneContract())
    expect(res.status, res.text).toBe(201)
    contract = res.body
    expect(res.body).toMatchObject({
      payer: { id: kommuneId, name: 'Nordre Follo kommune', kind: 'municipality' },
      provider: { id: s.ventureId, name: 'Jobbsjansen AS' },
      investors: [{ id: s.investorId }],
      partners: [{ id: navId, kind: 'agency' }],
      totalCap: '100000.00',
      metrics: [
        { indicatorCode: 'NO-WORK-06', pricePerUnit: '10000.00', baselineUnitsPerPeriod: '1', unitCap: null },
        { indicatorCode: 'NO-WORK-01', pricePerUnit: '20000.00', baselineUnitsPerPeriod: '2', unitCap: '5' },
        { indicatorCode: 'NO-WORK-08', pricePerUnit: '20000.00', baselineUnitsPerPeriod: '0', unitCap: null },
      ],
      statements: [],
      paidToDate: '0.00',
    })
    expect(await countRows(t.database.db, 'investments')).toBe(investments + 1)
    const investment = await call(t.app, 'GET', `/v1/investments/${res.body.investmentId}`, {
      token: s.investorToken,
    })
    expect(investment.body).toMatchObject({
      instrument: 'outcome_contract',
      investorOrgId: s.investorId,
      currency: 'NOK',
    })
  })

  it('pays 0 for a metric whose baseline is above what was achieved', async () => {
    const res = await statement(contract.id, '2024-Q1')
    expect(res.status, res.text).toBe(200)
    expect(res.body.status).toBe('draft')
    expect(res.body.approvable).toBe(true)
    expect(
      res.body.lines.map((l: Record<string, unknown>) => [
        l.indicatorCode,
        l.units,
        l.baseline,
        l.eligibleUnits,
        l.amount,
      ]),
    ).toEqual([
      ['NO-WORK-06', '3', '1', '2', '20000.00'],
      // 1 job start against a baseline of 2: nothing to pay.
      ['NO-WORK-01', '1', '2', '0', '0.00'],
      ['NO-WORK-08', '1', '0', '1', '20000.00'],
    ])
    expect(res.body).toMatchObject({
      currentTotal: '40000.00',
      adjustments: [],
      total: '40000.00',
      remainingTotalCap: '60000.00',
    })
    expect(res.body.sources.map((x: { reportPeriod: string }) => x.reportPeriod)).toEqual([
      '2024-Q1',
      '2024-Q1',
      '2024-Q1',
    ])
  })

  it('records one outcome payment when approved, and nothing more when approved again', async () => {
    const first = await approve(contract.id, '2024-Q1')
    expect(first.status, first.text).toBe(201)
    expect(first.body.status).toBe('approved')
    expect(first.body.total).toBe('40000.00')
    const entries = await ledger(contract.investmentId)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ type: 'outcome_payment', amount: '40000.00', currency: 'NOK' })
    expect(first.body.approval.transactionId).toBe(entries[0].id)
    const transactions = await countRows(t.database.db, 'transactions')
    const statements = await countRows(t.database.db, 'outcomeStatements')
    const again = await approve(contract.id, '2024-Q1')
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await countRows(t.database.db, 'transactions')).toBe(transactions)
    expect(await countRows(t.database.db, 'outcomeStatements')).toBe(statements)
    expect(await ledger(contract.investmentId)).toHaveLength(1)
  })

  it('stops paying when the total cap runs out mid-period, in the order the metrics are listed', async () => {
    const res = await statement(contract.id, '2024-Q2')
    // Enrolment 1 × 10 000 (cumulative 50 000); job starts: 4 eligible × 20 000 = 80 000 but only
    // 50 000 of the cap is left, so 2.5 units; six months in work: the cap is spent.
    expect(
      res.body.lines.map((l: Record<string, unknown>) => [
        l.indicatorCode,
        l.paidUnits,
        l.amount,
        l.cappedBy,
      ]),
    ).toEqual([
      ['NO-WORK-06', '1', '10000.00', null],
      ['NO-WORK-01', '2.5', '50000.00', 'total_cap'],
      ['NO-WORK-08', '0', '0.00', 'total_cap'],
    ])
    expect(res.body).toMatchObject({
      total: '60000.00',
      paidBefore: '40000.00',
      cumulativePaid: '100000.00',
      remainingTotalCap: '0.00',
    })
    expect((await approve(contract.id, '2024-Q2')).status).toBe(201)
    const q3 = await statement(contract.id, '2024-Q3')
    expect(q3.body.total).toBe('0.00')
    // A 0 statement is approved without a ledger entry.
    const approved = await approve(contract.id, '2024-Q3')
    expect(approved.status).toBe(201)
    expect(approved.body.approval.transactionId).toBeNull()
    const entries = await ledger(contract.investmentId)
    expect(entries.map((e: { amount: string }) => e.amount)).toEqual(['40000.00', '60000.00'])
    const got = await call(t.app, 'GET', `/v1/contracts/${contract.id}`, { token: s.ventureToken })
    expect(got.body.paidToDate).toBe('100000.00')
    expect(got.body.statements.map((x: { period: string; total: string }) => [x.period, x.total])).toEqual([
      ['2024-Q1', '40000.00'],
      ['2024-Q2', '60000.00'],
      ['2024-Q3', '0.00'],
    ])
  })

  it('refuses to approve a period that has not ended, or a bad period, writing nothing', async () => {
    const before = await countRows(t.database.db, 'outcomeStatements')
    const open = await approve(contract.id, '2026-Q4')
    expect(open.status).toBe(409)
    expect(open.body.detail).toMatch(/ends on 2026-12-31/)
    const draft = await statement(contract.id, '2026-Q4')
    expect(draft.body).toMatchObject({
      approvable: false,
      notApprovableReason: expect.stringMatching(/ends on/),
    })
    for (const [period, message] of [
      ['2024-13', /period/],
      ['2024', /quarterly/],
      ['2023-Q4', /inside the contract/],
    ] as const) {
      const res = await approve(contract.id, period)
      expect(res.status, period).toBe(400)
      expect(res.body.errors[0]).toMatchObject({
        in: 'path',
        path: 'period',
        message: expect.stringMatching(message),
      })
      const read = await statement(contract.id, period)
      expect(read.status).toBe(400)
      expect(read.body.errors[0]).toMatchObject({ in: 'query', path: 'period' })
    }
    expect(await countRows(t.database.db, 'outcomeStatements')).toBe(before)
  })

  it('lets the parties read, the payer’s editors approve, and hides it from everyone else', async () => {
    const db = t.database.db
    for (const token of [
      s.ventureToken,
      s.investorToken,
      await tokenFor(db, navId, 'viewer'),
      kommuneViewer,
    ]) {
      expect((await call(t.app, 'GET', `/v1/contracts/${contract.id}`, { token })).status).toBe(200)
      expect((await statement(contract.id, '2024-Q1', token)).status).toBe(200)
    }
    expect((await approve(contract.id, '2025-Q1', s.ventureToken)).status).toBe(403)
    expect((await approve(contract.id, '2025-Q1', s.investorToken)).status).toBe(403)
    expect((await approve(contract.id, '2025-Q1', kommuneViewer)).status).toBe(403)
    const stranger = await tokenFor(db, (await makeOrg(db, { kind: 'municipality' })).id, 'admin')
    expect((await call(t.app, 'GET', `/v1/contracts/${contract.id}`, { token: stranger })).status).toBe(404)
    expect((await statement(contract.id, '2024-Q1', stranger)).status).toBe(404)
    expect((await approve(contract.id, '2025-Q1', stranger)).status).toBe(404)
    const mine = await call(t.app, 'GET', '/v1/contracts', { token: kommuneViewer })
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(contract.id)
    expect((await call(t.app, 'GET', '/v1/contracts', { token: stranger })).body.items).toEqual([])
  })
})

describe('an amended report after payment', () => {
  let v: VentureSetup
  let contract: { id: string; investmentId: string }
  const q: Record<string, string> = {}

  beforeAll(async () => {
    v = await setupVenture(t, 'Rett i Jobb AS')
    await assign(t, v, 'NO-WORK-01')
    q['2024-Q1'] = await verifiedReport(t, v, '2024-Q1', { 'NO-WORK-01': '3' })
    const res = await create({
      name: 'Rett i Jobb',
      payerOrgId: kommuneId,
      providerVentureId: v.ventureId,
      investors: [v.investorId],
      startDate: '2024-01-01',
      endDate: '2024-12-31',
      metrics: [{ indicatorCode: 'NO-WORK-01', pricePerUnit: '10000.00' }],
    })
    expect(res.status, res.text).toBe(201)
    contract = res.body
  })

  it('is paid as an adjustment in the next statement; the paid statement never changes', async () => {
    const paid = await approve(contract.id, '2024-Q1')
    expect(paid.body.total).toBe('30000.00')
    await amendReport(t, v, q['2024-Q1']!, { 'NO-WORK-01': '5' })
    expect((await statement(contract.id, '2024-Q1')).body).toEqual(paid.body)
    q['2024-Q2'] = await verifiedReport(t, v, '2024-Q2', { 'NO-WORK-01': '2' })
    const next = await statement(contract.id, '2024-Q2')
    expect(next.body.lines[0]).toMatchObject({ units: '2', amount: '20000.00' })
    expect(next.body.adjustments).toEqual([
      {
        indicatorCode: 'NO-WORK-01',
        label: '',
        forPeriod: '2024-Q1',
        units: '2',
        amount: '20000.00',
        recomputed: { paidUnits: '5', amount: '50000.00' },
        approved: { units: '3', amount: '30000.00' },
      },
    ])
    expect(next.body).toMatchObject({
      currentTotal: '20000.00',
      adjustmentTotal: '20000.00',
      total: '40000.00',
    })
    expect(
      next.body.sources.find((x: { reportPeriod: string }) => x.reportPeriod === '2024-Q1'),
    ).toMatchObject({ value: '5', revision: 2 })
    expect((await approve(contract.id, '2024-Q2')).status).toBe(201)
  })

  it('sets a clawback off against the next statement instead of approving a negative one', async () => {
    // Q1 corrected down to 1: 40 000 was paid for 4 people too many.
    await amendReport(t, v, q['2024-Q1']!, { 'NO-WORK-01': '1' })
    await verifiedReport(t, v, '2024-Q3', { 'NO-WORK-01': '1' })
    const q3 = await statement(contract.id, '2024-Q3')
    expect(q3.body).toMatchObject({
      total: '-30000.00',
      payable: '0.00',
      clawback: '30000.00',
      approvable: false,
    })
    const before = {
      tx: await countRows(t.database.db, 'transactions'),
      st: await countRows(t.database.db, 'outcomeStatements'),
    }
    const refused = await approve(contract.id, '2024-Q3')
    expect(refused.status).toBe(409)
    expect(refused.body.detail).toMatch(/set off/)
    expect(await countRows(t.database.db, 'transactions')).toBe(before.tx)
    expect(await countRows(t.database.db, 'outcomeStatements')).toBe(before.st)

    await verifiedReport(t, v, '2024-Q4', { 'NO-WORK-01': '5' })
    const q4 = await statement(contract.id, '2024-Q4')
    // 50 000 for Q4, −40 000 for Q1 and the never-approved Q3 caught up (+10 000).
    expect(
      q4.body.adjustments.map((a: { forPeriod: string; amount: string }) => [a.forPeriod, a.amount]),
    ).toEqual([
      ['2024-Q1', '-40000.00'],
      ['2024-Q3', '10000.00'],
    ])
    expect(q4.body.total).toBe('20000.00')
    expect((await approve(contract.id, '2024-Q4')).status).toBe(201)
    // Everything paid equals a recomputation from scratch: (1 + 2 + 1 + 5) × 10 000.
    const investment = await call(t.app, 'GET', `/v1/investments/${contract.investmentId}`, {
      token: v.investorToken,
    })
    expect(investment.body.figures.outcomePayments).toBe('90000.00')
    expect(
      (await ledger(contract.investmentId, v.investorToken)).every(
        (e: { amount: string }) => !e.amount.startsWith('-'),
      ),
    ).toBe(true)
    // Q3 was skipped: its money travelled with Q4.
    const skipped = await statement(contract.id, '2024-Q3')
    expect(skipped.status).toBe(409)
  })
})

describe('monthly reports in quarterly statements, and an existing investment', () => {
  it('adds up the months of a quarter and records payments on the investment named', async () => {
    const v = await setupVenture(t, 'Månedlig AS')
    await assign(t, v, 'NO-WORK-01', { frequency: 'monthly' })
    for (const [m, n] of [
      ['2024-01', '1'],
      ['2024-02', '2'],
      ['2024-03', '3'],
    ]) {
      await verifiedReport(t, v, m!, { 'NO-WORK-01': n! })
    }
    const inv = await call(t.app, 'POST', `/v1/ventures/${v.ventureId}/investments`, {
      token: v.investorToken,
      body: { name: 'SIB', instrument: 'outcome_contract', startDate: '2024-01-01' },
    })
    const investments = await countRows(t.database.db, 'investments')
    const res = await create({
      name: 'Månedlig',
      payerOrgId: kommuneId,
      providerVentureId: v.ventureId,
      investors: [v.investorId],
      investmentId: inv.body.id,
      startDate: '2024-01-01',
      endDate: '2024-12-31',
      metrics: [{ indicatorCode: 'NO-WORK-01', pricePerUnit: '1000.00' }],
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body.investmentId).toBe(inv.body.id)
    expect(await countRows(t.database.db, 'investments')).toBe(investments)
    const st = await statement(res.body.id, '2024-Q1')
    expect(st.body.lines[0]).toMatchObject({ units: '6', amount: '6000.00' })
    expect(st.body.sources.map((x: { reportPeriod: string }) => x.reportPeriod)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
    ])
    await approve(res.body.id, '2024-Q1')
    expect((await ledger(inv.body.id, v.investorToken)).map((e: { amount: string }) => e.amount)).toEqual([
      '6000.00',
    ])
  })
})

describe('creating a contract: bad input is 422 naming the field, nothing written', () => {
  const base = () => milestoneContract()
  const metric = (over: Record<string, unknown>) => ({
    ...base(),
    metrics: [{ ...base().metrics[0]!, ...over }],
  })
  const cases: [string, () => unknown, string, string?][] = [
    ['an empty name', () => ({ ...base(), name: '' }), 'name'],
    [
      'a payer that is not a municipality or agency',
      () => ({ ...base(), payerOrgId: s.investorId }),
      'payerOrgId',
      'admin',
    ],
    [
      'an unknown provider',
      () => ({ ...base(), providerVentureId: crypto.randomUUID() }),
      'providerVentureId',
    ],
    ['no investors', () => ({ ...base(), investors: [] }), 'investors'],
    ['an investor that is a venture', () => ({ ...base(), investors: [s.ventureId] }), 'investors.0'],
    ['an investor twice', () => ({ ...base(), investors: [s.investorId, s.investorId] }), 'investors.1'],
    ['a partner that is an investor', () => ({ ...base(), partners: [s.investorId] }), 'partners.0'],
    ['a weekly frequency', () => ({ ...base(), frequency: 'weekly' }), 'frequency'],
    ['a start mid-quarter', () => ({ ...base(), startDate: '2024-02-01' }), 'startDate'],
    ['an end mid-quarter', () => ({ ...base(), endDate: '2026-11-30' }), 'endDate'],
    [
      'an end before the start',
      () => ({ ...base(), startDate: '2025-01-01', endDate: '2024-12-31' }),
      'endDate',
    ],
    ['a start that is no date', () => ({ ...base(), startDate: '2024-02-30' }), 'startDate'],
    ['a negative total cap', () => ({ ...base(), totalCap: '-1' }), 'totalCap'],
    ['a total cap with øre fractions', () => ({ ...base(), totalCap: '1.234' }), 'totalCap'],
    ['no metrics', () => ({ ...base(), metrics: [] }), 'metrics'],
    ['a negative price', () => metric({ pricePerUnit: '-5' }), 'metrics.0.pricePerUnit'],
    ['a price as a JSON number', () => metric({ pricePerUnit: 5 }), 'metrics.0.pricePerUnit'],
    [
      'a negative baseline',
      () => metric({ baselineUnitsPerPeriod: '-1' }),
      'metrics.0.baselineUnitsPerPeriod',
    ],
    ['a unit cap that is no number', () => metric({ unitCap: 'x' }), 'metrics.0.unitCap'],
    ['an unknown indicator', () => metric({ indicatorCode: 'NO-SUCH-1' }), 'metrics.0.indicatorCode'],
    ['an indicator not assigned', () => metric({ indicatorCode: 'NO-YOUTH-03' }), 'metrics.0.indicatorCode'],
    ['a stock', () => metric({ indicatorCode: 'NO-WORK-02' }), 'metrics.0.indicatorCode'],
    [
      'an indicator reported yearly',
      () => metric({ indicatorCode: 'NO-YOUTH-01' }),
      'metrics.0.indicatorCode',
    ],
    [
      'an indicator priced twice',
      () => ({ ...base(), metrics: [base().metrics[0], base().metrics[0]] }),
      'metrics.1.indicatorCode',
    ],
    ['a grant as the investment', () => ({ ...base(), investmentId: grantId }), 'investmentId'],
    ['an unknown field', () => ({ ...base(), colour: 'blue' }), ''],
  ]
  let grantId: string
  beforeAll(async () => {
    const g = await call(t.app, 'POST', `/v1/ventures/${s.ventureId}/investments`, {
      token: s.investorToken,
      body: { name: 'Grant', instrument: 'grant', startDate: '2024-01-01' },
    })
    grantId = g.body.id
  })
  for (const [name, body, path, who] of cases) {
    it(name, async () => {
      const db = t.database.db
      const before = [await countRows(db, 'outcomeContracts'), await countRows(db, 'investments')]
      const res = await create(body(), who === 'admin' ? admin : kommune)
      expect(res.status, res.text).toBe(422)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
      expect([await countRows(db, 'outcomeContracts'), await countRows(db, 'investments')]).toEqual(before)
    })
  }

  it('refuses callers who are not editors of the payer (403), writing nothing', async () => {
    const before = await countRows(t.database.db, 'outcomeContracts')
    expect((await create(milestoneContract(), kommuneViewer)).status).toBe(403)
    expect((await create(milestoneContract(), s.investorToken)).status).toBe(403)
    expect(await countRows(t.database.db, 'outcomeContracts')).toBe(before)
  })
})
