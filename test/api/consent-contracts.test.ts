import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import {
  assign,
  setupVenture,
  tokenFor,
  type VentureSetup,
  verifiedReport,
} from '../helpers/economics-data.ts'
import { makeOrg } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

/**
 * Issue #15 "Trust": an outcome contract grants nothing until every named party's admin has
 * accepted it. Before this, a municipality editor naming any venture and any investor gave the
 * investor read and write on the venture and the municipality its verified outcomes.
 */
let t: TestContext
let s: VentureSetup
let investorId: string
let kommuneId: string
let navId: string
const tokens = {
  kommuneEditor: '',
  kommuneAdmin: '',
  investorAdmin: '',
  investorEditor: '',
  ventureAdmin: '',
  navAdmin: '',
}

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  s = await setupVenture(t, 'Samtykke AS')
  await assign(t, s, 'NO-WORK-01')
  await verifiedReport(t, s, '2024-Q1', { 'NO-WORK-01': '4' })
  // An investor with no relationship to the venture, a payer and a partner.
  investorId = (await makeOrg(db, { kind: 'investor', name: 'Fremmed Kapital' })).id
  kommuneId = (await makeOrg(db, { kind: 'municipality', name: 'Samtykke kommune' })).id
  navId = (await makeOrg(db, { kind: 'agency', name: 'NAV Samtykke' })).id
  tokens.kommuneEditor = await tokenFor(db, kommuneId, 'editor')
  tokens.kommuneAdmin = await tokenFor(db, kommuneId, 'admin')
  tokens.investorAdmin = await tokenFor(db, investorId, 'admin')
  tokens.investorEditor = await tokenFor(db, investorId, 'editor')
  tokens.ventureAdmin = await tokenFor(db, s.ventureId, 'admin')
  tokens.navAdmin = await tokenFor(db, navId, 'admin')
})
afterAll(() => t.close())

const body = (name: string) => ({
  name,
  payerOrgId: kommuneId,
  providerVentureId: s.ventureId,
  investors: [investorId],
  partners: [navId],
  frequency: 'quarterly',
  startDate: '2024-01-01',
  endDate: '2024-12-31',
  metrics: [{ indicatorCode: 'NO-WORK-01', pricePerUnit: '1000.00' }],
})

const create = async (name: string, token = tokens.kommuneEditor) => {
  const res = await call(t.app, 'POST', '/v1/contracts', { token, body: body(name) })
  expect(res.status, res.text).toBe(201)
  return res.body
}
const decide = (id: string, verb: 'accept' | 'decline', token: string, b: unknown = {}) =>
  call(t.app, 'POST', `/v1/contracts/${id}/${verb}`, { token, body: b })
const reports = (token: string) => call(t.app, 'GET', `/v1/ventures/${s.ventureId}/reports`, { token })
const statement = (id: string, token = tokens.kommuneEditor) =>
  call(t.app, 'GET', `/v1/contracts/${id}/statements?period=2024-Q1`, { token })
const decisions = (c: { acceptances: { role: string; decision: string }[] }) =>
  c.acceptances.map((a) => `${a.role}:${a.decision}`)

describe('an outcome contract named by the payer', () => {
  it('is pending and grants nothing until every party has accepted, then is active', async () => {
    const c = await create('Samtykke 1')
    expect(c.status).toBe('pending')
    expect(decisions(c)).toEqual(['payer:pending', 'provider:pending', 'investor:pending', 'partner:pending'])
    // The named investor does not reach the venture, the payer not its verified values.
    expect((await reports(tokens.investorEditor)).status).toBe(404)
    expect(
      (await call(t.app, 'GET', `/v1/ventures/${s.ventureId}`, { token: tokens.investorEditor })).status,
    ).toBe(404)
    const pending = await statement(c.id)
    expect(pending.status).toBe(409)
    expect(pending.body.code).toBe('contract.not_accepted')
    // Every party sees the contract and what it waits for.
    for (const token of [tokens.investorEditor, tokens.ventureAdmin, tokens.navAdmin, tokens.kommuneEditor]) {
      const res = await call(t.app, 'GET', `/v1/contracts/${c.id}`, { token })
      expect(res.status).toBe(200)
      expect(res.body.status).toBe('pending')
    }
    const inv = await call(t.app, 'GET', `/v1/investments/${c.investmentId}`, { token: s.ventureToken })
    expect(inv.body.consent).toBe('pending')

    for (const token of [tokens.kommuneAdmin, tokens.ventureAdmin, tokens.investorAdmin]) {
      const res = await decide(c.id, 'accept', token)
      expect(res.status, res.text).toBe(200)
      expect(res.body.status).toBe('pending')
      expect((await reports(tokens.investorEditor)).status).toBe(404)
    }
    const last = await decide(c.id, 'accept', tokens.navAdmin, { reason: 'Vi følger opp.' })
    expect(last.status).toBe(200)
    expect(last.body.status).toBe('active')
    expect(last.body.acceptances.find((a: { role: string }) => a.role === 'partner').reason).toBe(
      'Vi følger opp.',
    )
    // Now the investment takes effect, and the payer reads what it pays for.
    expect((await reports(tokens.investorEditor)).status).toBe(200)
    expect((await statement(c.id)).status).toBe(200)
    const accepted = await call(t.app, 'GET', `/v1/investments/${c.investmentId}`, { token: s.ventureToken })
    expect(accepted.body.consent).toBe('accepted')
    const audit = await call(t.app, 'GET', `/v1/audit?entity=outcome_contract&id=${c.id}`, {
      token: tokens.kommuneAdmin,
    })
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'outcome_contract.create',
        'outcome_contract.accept',
        'outcome_contract.activate',
      ]),
    )
  })

  it('records the payer’s acceptance at once when a payer admin creates it', async () => {
    const c = await create('Samtykke 2', tokens.kommuneAdmin)
    expect(decisions(c)[0]).toBe('payer:accepted')
  })

  it('is declined for good when one party declines: no access, no statements, no more decisions', async () => {
    const c = await create('Samtykke 3')
    const declined = await decide(c.id, 'decline', tokens.ventureAdmin, { reason: 'Ikke avtalt.' })
    expect(declined.status).toBe(200)
    expect(declined.body.status).toBe('declined')
    for (const token of [tokens.kommuneAdmin, tokens.investorAdmin, tokens.navAdmin]) {
      const res = await decide(c.id, 'accept', token)
      expect(res.status).toBe(409)
      expect(res.body.code).toBe('contract.declined')
    }
    const st = await statement(c.id)
    expect(st.status).toBe(409)
    expect(st.body.code).toBe('contract.declined')
    const approve = await call(t.app, 'POST', `/v1/contracts/${c.id}/statements/2024-Q1/approve`, {
      token: tokens.kommuneEditor,
    })
    expect(approve.status).toBe(409)
  })
})

describe('deciding on a contract: bad input is a 4xx problem and changes nothing', () => {
  let id: string
  beforeAll(async () => {
    id = (await create('Samtykke feil')).id
  })
  const unchanged = async () => {
    const res = await call(t.app, 'GET', `/v1/contracts/${id}`, { token: tokens.kommuneEditor })
    expect(decisions(res.body)).toEqual([
      'payer:pending',
      'provider:pending',
      'investor:pending',
      'partner:pending',
    ])
  }

  it.each([
    ['a party’s editor', () => tokens.investorEditor, () => ({}), 403, 'contract.not_party_admin'],
    ['the payer’s editor', () => tokens.kommuneEditor, () => ({}), 403, 'contract.not_party_admin'],
    [
      'an organization that is no party',
      () => tokens.ventureAdmin,
      () => ({ organizationId: crypto.randomUUID() }),
      422,
      'contract.not_a_party',
    ],
    [
      'a party the caller does not administer',
      () => tokens.ventureAdmin,
      () => ({ organizationId: kommuneId }),
      403,
      'contract.not_party_admin',
    ],
  ])('%s', async (_label, token, b, status, code) => {
    const res = await decide(id, 'accept', token(), b())
    expect(res.status).toBe(status)
    expect(res.body.code).toBe(code)
    expect(res.headers.get('content-type')).toMatch(/problem\+json/)
    await unchanged()
  })

  it('refuses a bad organization id, an unknown field, an overlong reason and a text body with 4xx', async () => {
    for (const b of [{ organizationId: 'nope' }, { extra: 1 }, { reason: 'x'.repeat(2001) }]) {
      const res = await decide(id, 'accept', tokens.ventureAdmin, b)
      expect(res.status, JSON.stringify(b)).toBe(422)
    }
    const text = await call(t.app, 'POST', `/v1/contracts/${id}/accept`, {
      token: tokens.ventureAdmin,
      body: 'accept',
      headers: { 'content-type': 'text/plain' },
    })
    expect(text.status).toBe(415)
    await unchanged()
  })

  it('answers 404 to a stranger and for an unknown contract, 400 for a bad id', async () => {
    const stranger = await tokenFor(
      t.database.db,
      (await makeOrg(t.database.db, { kind: 'investor' })).id,
      'admin',
    )
    expect((await decide(id, 'accept', stranger)).status).toBe(404)
    expect((await decide(crypto.randomUUID(), 'accept', tokens.ventureAdmin)).status).toBe(404)
    expect((await decide('not-a-uuid', 'accept', tokens.ventureAdmin)).status).toBe(400)
    await unchanged()
  })

  it('lets a party decide once', async () => {
    expect((await decide(id, 'accept', tokens.ventureAdmin)).status).toBe(200)
    const again = await decide(id, 'decline', tokens.ventureAdmin)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('contract.already_decided')
    const res = await call(t.app, 'GET', `/v1/contracts/${id}`, { token: tokens.kommuneEditor })
    expect(decisions(res.body)[1]).toBe('provider:accepted')
  })
})
