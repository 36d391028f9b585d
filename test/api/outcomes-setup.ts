import { expect } from 'vitest'
import type { TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

/**
 * A small world for the outcomes tests (not a test file itself): an investor that onboarded a
 * venture, the venture's own users, an unrelated investor, a municipality and a platform admin,
 * each with an API token; the clock is fixed at 27 November 2026.
 */
export const NOW = new Date('2026-11-27T10:00:00Z')

export interface OutcomesWorld {
  ventureId: string
  investorId: string
  municipalityId: string
  investorEditor: string
  investorViewer: string
  ventureAdmin: string
  ventureEditor: string
  ventureViewer: string
  otherInvestor: string
  municipality: string
  platformAdmin: string
}

export async function outcomesWorld(t: TestContext, name = 'Testarbeid AS'): Promise<OutcomesWorld> {
  t.clock.now = NOW
  const db = t.database.db
  const token = async (orgId: string, role: 'admin' | 'editor' | 'viewer') =>
    (await makeToken(db, (await makeMember(db, orgId, role)).id)).token
  const investorId = (await makeOrg(db, { kind: 'investor' })).id
  const investorEditor = await token(investorId, 'editor')
  const created = await call(t.app, 'POST', '/v1/ventures', {
    token: investorEditor,
    body: { name: `${name} ${crypto.randomUUID().slice(0, 8)}`, municipalities: ['3207'] },
  })
  expect(created.status).toBe(201)
  const ventureId: string = created.body.id
  // A number belongs to one organization: each world's municipality gets a free one.
  const municipalityId = (await makeOrg(db, { kind: 'municipality' })).id
  return {
    ventureId,
    investorId,
    municipalityId,
    investorEditor,
    investorViewer: await token(investorId, 'viewer'),
    ventureAdmin: await token(ventureId, 'admin'),
    ventureEditor: await token(ventureId, 'editor'),
    ventureViewer: await token(ventureId, 'viewer'),
    otherInvestor: await token((await makeOrg(db, { kind: 'investor' })).id, 'admin'),
    municipality: await token(municipalityId, 'admin'),
    platformAdmin: (await makeToken(db, (await makeUser(db, { platformAdmin: true })).id)).token,
  }
}

export async function assign(t: TestContext, w: OutcomesWorld, body: Record<string, unknown>) {
  const res = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/assignments`, {
    token: w.investorEditor,
    body: { frequency: 'quarterly', startDate: '2025-01-01', ...body },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

/** Starts a report, saves values, and moves it to `status` with the right people. */
export async function report(
  t: TestContext,
  w: OutcomesWorld,
  period: string,
  values: Record<string, unknown>[],
  status: 'draft' | 'submitted' | 'verified' = 'verified',
) {
  const created = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports`, {
    token: w.ventureEditor,
    body: { period },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const id: string = created.body.id
  const saved = await call(t.app, 'PUT', `/v1/reports/${id}/values`, {
    token: w.ventureEditor,
    body: { values },
  })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  if (status === 'draft') return id
  const submitted = await call(t.app, 'POST', `/v1/reports/${id}/submit`, { token: w.ventureEditor })
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
  if (status === 'submitted') return id
  const verified = await call(t.app, 'POST', `/v1/reports/${id}/verify`, { token: w.investorEditor })
  expect(verified.status, JSON.stringify(verified.body)).toBe(200)
  return id
}
