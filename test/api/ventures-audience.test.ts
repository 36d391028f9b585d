import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import { type OutcomesWorld, outcomesWorld } from './outcomes-setup.ts'

/** GET /v1/ventures/{id}/audience: whom the venture's data reaches, for the venture itself only. */
let t: TestContext
let w: OutcomesWorld
beforeAll(async () => {
  t = await createTestApp()
  w = await outcomesWorld(t, 'Publikum AS')
})
afterAll(() => t.close())

const audience = (token: string, ventureId = w.ventureId) =>
  call(t.app, 'GET', `/v1/ventures/${ventureId}/audience`, { token })
const listed = async () => {
  const res = await audience(w.ventureViewer)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return (res.body.items as { organizationId: string; basis: string; level: string }[]).map((m) => [
    m.organizationId,
    m.basis,
    m.level,
  ])
}

describe('GET /v1/ventures/{id}/audience', () => {
  it('answers the venture’s members and platform admins; for everyone else the venture is not there', async () => {
    for (const token of [w.ventureAdmin, w.ventureEditor, w.ventureViewer, w.platformAdmin])
      expect((await audience(token)).status).toBe(200)
    // The onboarding investor has standing and reads the venture, yet not whom else it reaches.
    expect(
      (await call(t.app, 'GET', `/v1/ventures/${w.ventureId}`, { token: w.investorEditor })).status,
    ).toBe(200)
    for (const token of [w.investorEditor, w.investorViewer, w.otherInvestor, w.municipality]) {
      const res = await audience(token)
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(res.body.code).toBe('venture.not_found')
    }
    expect((await audience(w.platformAdmin, crypto.randomUUID())).status).toBe(404)
    expect((await audience(w.platformAdmin, 'not-a-uuid')).status).toBe(400)
    expect((await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/audience`)).status).toBe(401)
  })

  it('lists the investors with standing and the organizations shared with, and drops a revoked share', async () => {
    const onboarding = [w.investorId, 'onboarding', 'detailed']
    expect(await listed()).toEqual([onboarding])

    const share = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/shares`, {
      token: w.ventureAdmin,
      body: { organizationId: w.municipalityId, level: 'aggregate' },
    })
    expect(share.status, JSON.stringify(share.body)).toBe(201)
    // A detailed share gives another investor standing: it reads every report.
    const funder = await makeOrg(t.database.db, { kind: 'investor', name: 'Aaa Delt Kapital' })
    const funderShare = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/shares`, {
      token: w.ventureAdmin,
      body: { organizationId: funder.id, level: 'detailed' },
    })
    expect(funderShare.status).toBe(201)
    const funderToken = (
      await makeToken(t.database.db, (await makeMember(t.database.db, funder.id, 'viewer')).id)
    ).token
    expect(
      (await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/reports`, { token: funderToken })).status,
    ).toBe(200)
    expect((await audience(funderToken)).status).toBe(404)

    const res = await audience(w.platformAdmin)
    expect(res.body.items.map((m: { name: string }) => m.name)).toEqual(
      [...res.body.items.map((m: { name: string }) => m.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    )
    expect((await listed()).sort()).toEqual(
      [onboarding, [w.municipalityId, 'share', 'aggregate'], [funder.id, 'share', 'detailed']].sort(),
    )
    expect(res.body.items.find((m: { organizationId: string }) => m.organizationId === funder.id)).toEqual({
      organizationId: funder.id,
      name: 'Aaa Delt Kapital',
      basis: 'share',
      level: 'detailed',
    })

    const revoked = await call(t.app, 'DELETE', `/v1/ventures/${w.ventureId}/shares/${share.body.id}`, {
      token: w.ventureAdmin,
    })
    expect(revoked.status).toBeLessThan(300)
    expect((await listed()).sort()).toEqual([onboarding, [funder.id, 'share', 'detailed']].sort())
  })
})
