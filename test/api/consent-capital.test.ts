import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { setupVenture, tokenFor, type VentureSetup } from '../helpers/economics-data.ts'
import { makeOrg, makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

/**
 * Issue #15 "Trust": an investment gives its investor detailed access to the venture, so one the
 * venture has not accepted grants nothing. Before this, an investor that a venture shared data
 * with could record an investment and keep reading the venture after the share was revoked, and
 * a platform admin recording an investment for any investor opened the venture to it.
 */
let t: TestContext
let s: VentureSetup
let outsiderId: string
const tok = { outsiderEditor: '', outsiderAdmin: '', ventureAdmin: '', platform: '' }

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  s = await setupVenture(t, 'Samtykke Kapital AS')
  outsiderId = (await makeOrg(db, { kind: 'investor', name: 'Utenfor Invest' })).id
  tok.outsiderEditor = await tokenFor(db, outsiderId, 'editor')
  tok.outsiderAdmin = await tokenFor(db, outsiderId, 'admin')
  tok.ventureAdmin = await tokenFor(db, s.ventureId, 'admin')
  tok.platform = (await makeToken(db, (await makeUser(db, { platformAdmin: true })).id)).token
})
afterAll(() => t.close())

const grant = { name: 'Tilskudd', instrument: 'grant', startDate: '2025-01-01' }
const invest = (token: string, body: Record<string, unknown> = grant, venture = s.ventureId) =>
  call(t.app, 'POST', `/v1/ventures/${venture}/investments`, { token, body })
const decide = (id: string, verb: 'accept' | 'decline', token: string) =>
  call(t.app, 'POST', `/v1/investments/${id}/${verb}`, { token })
const readsVenture = async (token: string, venture = s.ventureId) =>
  (await call(t.app, 'GET', `/v1/ventures/${venture}/investments`, { token })).status === 200
const portfolioVentures = async (token: string) =>
  (await call(t.app, 'GET', '/v1/portfolio', { token })).body.ventures.map((v: { id: string }) => v.id)

describe('an investment in a venture', () => {
  it('by the investor that onboarded it takes effect at once', async () => {
    const res = await invest(s.investorToken)
    expect(res.status).toBe(201)
    expect(res.body.consent).toBe('accepted')
  })

  it('made through a data share is pending, and grants nothing once the share is revoked', async () => {
    const share = await call(t.app, 'POST', `/v1/ventures/${s.ventureId}/shares`, {
      token: tok.ventureAdmin,
      body: { organizationId: outsiderId, level: 'detailed' },
    })
    expect(share.status).toBe(201)
    const res = await invest(tok.outsiderEditor)
    expect(res.status).toBe(201)
    expect(res.body.consent).toBe('pending')
    expect(await portfolioVentures(tok.outsiderEditor)).toEqual([s.ventureId]) // through the share
    const revoked = await call(t.app, 'DELETE', `/v1/ventures/${s.ventureId}/shares/${share.body.id}`, {
      token: tok.ventureAdmin,
    })
    expect(revoked.status).toBe(200)
    expect(await readsVenture(tok.outsiderEditor)).toBe(false)
    expect(
      (await call(t.app, 'GET', `/v1/investments/${res.body.id}`, { token: tok.outsiderEditor })).status,
    ).toBe(404)
    expect(await portfolioVentures(tok.outsiderEditor)).toEqual([])

    // The venture sees it waiting, and its admin accepts: now it gives standing.
    const listed = await call(t.app, 'GET', `/v1/ventures/${s.ventureId}/investments`, {
      token: s.ventureToken,
    })
    expect(listed.body.items.find((i: { id: string }) => i.id === res.body.id).consent).toBe('pending')
    const accepted = await decide(res.body.id, 'accept', tok.ventureAdmin)
    expect(accepted.status).toBe(200)
    expect(accepted.body.consent).toBe('accepted')
    expect(accepted.body.consentDecidedAt).not.toBeNull()
    expect(await readsVenture(tok.outsiderEditor)).toBe(true)
    expect(await portfolioVentures(tok.outsiderEditor)).toEqual([s.ventureId])
    // Once accepted, the investor's next investment needs no new consent.
    expect((await invest(tok.outsiderEditor)).body.consent).toBe('accepted')
  })

  it('recorded by a platform admin for an investor without a relationship is pending', async () => {
    const other = await setupVenture(t, 'Annen Venture AS')
    const res = await invest(tok.platform, { ...grant, investorOrgId: outsiderId }, other.ventureId)
    expect(res.status).toBe(201)
    expect(res.body.consent).toBe('pending')
    expect(await readsVenture(tok.outsiderEditor, other.ventureId)).toBe(false)
    const admin = await tokenFor(t.database.db, other.ventureId, 'admin')
    const declined = await decide(res.body.id, 'decline', admin)
    expect(declined.body.consent).toBe('declined')
    expect(await readsVenture(tok.outsiderEditor, other.ventureId)).toBe(false)
  })
})

describe('deciding on an investment: only the venture’s admins, once', () => {
  let id: string
  beforeAll(async () => {
    // A venture the outsider has no relationship with: the platform admin's record is pending.
    const other = await setupVenture(t, 'Tredje Venture AS')
    const pending = await invest(tok.platform, { ...grant, investorOrgId: outsiderId }, other.ventureId)
    expect(pending.body.consent).toBe('pending')
    id = pending.body.id
    tok.ventureAdmin = await tokenFor(t.database.db, other.ventureId, 'admin')
    s = other
  })
  const still = async () =>
    expect((await call(t.app, 'GET', `/v1/investments/${id}`, { token: s.ventureToken })).body.consent).toBe(
      'pending',
    )

  it.each([
    ['the venture’s editor', () => s.ventureToken, 403],
    ['the onboarding investor’s editor', () => s.investorToken, 403],
    ['a platform admin', () => tok.platform, 403],
    ['the investor itself', () => tok.outsiderAdmin, 404],
  ])('refuses %s', async (_label, token, status) => {
    const res = await decide(id, 'accept', token())
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toMatch(/problem\+json/)
    if (status === 403) expect(res.body.code).toBe('investment.not_venture_admin')
    await still()
  })

  it('answers 404 for an unknown investment and 400 for a bad id', async () => {
    expect((await decide(crypto.randomUUID(), 'accept', tok.ventureAdmin)).status).toBe(404)
    expect((await decide('nope', 'accept', tok.ventureAdmin)).status).toBe(400)
    await still()
  })

  it('decides once', async () => {
    expect((await decide(id, 'decline', tok.ventureAdmin)).status).toBe(200)
    const again = await decide(id, 'accept', tok.ventureAdmin)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('investment.already_decided')
  })
})
