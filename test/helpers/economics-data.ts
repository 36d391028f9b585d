import { expect } from 'vitest'
import type { Db } from '../../src/db/tx.ts'
import type { TestContext } from './app.ts'
import { makeMember, makeOrg, makeToken, makeUser } from './factories.ts'
import { call } from './http.ts'

/**
 * Builders for impact-economics tests, through the API so that every rule of the other areas
 * (report workflow, ledger) applies to the data the tests compute from.
 */
export interface VentureSetup {
  investorId: string
  /** An editor of the investor that onboarded the venture (it has standing). */
  investorToken: string
  ventureId: string
  /** An editor of the venture. */
  ventureToken: string
}

export async function tokenFor(db: Db, orgId: string, role: 'admin' | 'editor' | 'viewer' = 'editor') {
  return (await makeToken(db, (await makeMember(db, orgId, role)).id)).token
}

/** An investor (with an editor) that onboards a new venture (with an editor). */
export async function setupVenture(t: TestContext, name = 'Test Venture AS'): Promise<VentureSetup> {
  const db = t.database.db
  const investor = await makeOrg(db, { kind: 'investor' })
  const investorToken = await tokenFor(db, investor.id)
  const v = await call(t.app, 'POST', '/v1/ventures', {
    token: investorToken,
    body: { name, municipalities: ['3207'] },
  })
  expect(v.status, v.text).toBe(201)
  return {
    investorId: investor.id,
    investorToken,
    ventureId: v.body.id,
    ventureToken: await tokenFor(db, v.body.id),
  }
}

export async function assign(
  t: TestContext,
  s: VentureSetup,
  indicatorCode: string,
  opts: { frequency?: 'monthly' | 'quarterly' | 'yearly'; startDate?: string } = {},
) {
  const res = await call(t.app, 'POST', `/v1/ventures/${s.ventureId}/assignments`, {
    token: s.investorToken,
    body: {
      indicatorCode,
      frequency: opts.frequency ?? 'quarterly',
      startDate: opts.startDate ?? '2024-01-01',
    },
  })
  expect(res.status, res.text).toBe(201)
  return res.body.id as string
}

const valuesBody = (values: Record<string, string>) => ({
  values: Object.entries(values).map(([indicatorCode, total]) => ({ indicatorCode, total })),
})

async function ok(res: Promise<{ status: number; text: string; body: unknown }>, status = 200) {
  const r = await res
  expect(r.status, r.text).toBe(status)
  return r
}

/** A report for the period with the given totals, submitted by the venture and verified by the investor. */
export async function verifiedReport(
  t: TestContext,
  s: VentureSetup,
  period: string,
  values: Record<string, string>,
) {
  const created = await ok(
    call(t.app, 'POST', `/v1/ventures/${s.ventureId}/reports`, { token: s.ventureToken, body: { period } }),
    201,
  )
  const id = (created.body as { id: string }).id
  await ok(
    call(t.app, 'PUT', `/v1/reports/${id}/values`, { token: s.ventureToken, body: valuesBody(values) }),
  )
  await ok(call(t.app, 'POST', `/v1/reports/${id}/submit`, { token: s.ventureToken }))
  await ok(call(t.app, 'POST', `/v1/reports/${id}/verify`, { token: s.investorToken }))
  return id
}

/** Opens a new revision of a verified report with new totals; verifies it unless told not to. */
export async function amendReport(
  t: TestContext,
  s: VentureSetup,
  reportId: string,
  values: Record<string, string>,
  opts: { verify?: boolean } = {},
) {
  await ok(
    call(t.app, 'POST', `/v1/reports/${reportId}/amend`, {
      token: s.ventureToken,
      body: { reason: 'Correction' },
    }),
  )
  await ok(
    call(t.app, 'PUT', `/v1/reports/${reportId}/values`, { token: s.ventureToken, body: valuesBody(values) }),
  )
  if (opts.verify === false) return
  await ok(call(t.app, 'POST', `/v1/reports/${reportId}/submit`, { token: s.ventureToken }))
  await ok(call(t.app, 'POST', `/v1/reports/${reportId}/verify`, { token: s.investorToken }))
}

/** A grant committed and disbursed in one go; returns the investment id. */
export async function disburse(
  t: TestContext,
  token: string,
  ventureId: string,
  amount: string,
  date: string,
  investorOrgId?: string,
) {
  const inv = await ok(
    call(t.app, 'POST', `/v1/ventures/${ventureId}/investments`, {
      token,
      body: {
        name: `Grant ${date}`,
        instrument: 'grant',
        startDate: date,
        ...(investorOrgId ? { investorOrgId } : {}),
      },
    }),
    201,
  )
  const id = (inv.body as { id: string }).id
  for (const type of ['commitment', 'disbursement']) {
    await ok(
      call(t.app, 'POST', `/v1/investments/${id}/transactions`, { token, body: { type, date, amount } }),
      201,
    )
  }
  return id
}

export const countRows = async (
  db: Db,
  table: 'sroiModels' | 'outcomeContracts' | 'outcomeStatements' | 'transactions' | 'investments',
) =>
  (
    await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n

/**
 * Every still-undecided party of a contract accepts it through the API, each by a new admin of
 * its own organization (PRODUCT.md §10): the contract becomes active. Returns the last answer.
 */
export async function acceptByAllParties(t: TestContext, contractId: string) {
  const db = t.database.db
  let res = await call(t.app, 'GET', `/v1/contracts/${contractId}`, {
    token: (await makeToken(db, (await makeUser(db, { platformAdmin: true })).id)).token,
  })
  for (const a of res.body.acceptances as { organization: { id: string }; decision: string }[]) {
    if (a.decision !== 'pending') continue
    res = await call(t.app, 'POST', `/v1/contracts/${contractId}/accept`, {
      token: await tokenFor(db, a.organization.id, 'admin'),
      body: {},
    })
    expect(res.status, res.text).toBe(200)
  }
  expect(res.body.status).toBe('active')
  return res
}
