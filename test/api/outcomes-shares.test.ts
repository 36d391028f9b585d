import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ventureAudience } from '../../src/policy/audience.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import { type OutcomesWorld, outcomesWorld } from './outcomes-setup.ts'

let t: TestContext
let w: OutcomesWorld
beforeAll(async () => {
  t = await createTestApp()
  w = await outcomesWorld(t)
})
afterAll(() => t.close())

const sees = async (path: string, token = w.municipality) =>
  (await call(t.app, 'GET', path, { token })).status
const grant = (body: unknown, token = w.ventureAdmin) =>
  call(t.app, 'POST', `/v1/ventures/${w.ventureId}/shares`, { token, body })
const revoke = (id: string, token = w.ventureAdmin) =>
  call(t.app, 'DELETE', `/v1/ventures/${w.ventureId}/shares/${id}`, { token })

describe('data shares', () => {
  it('an aggregate share shows a municipality the profile, not the reports; revoking hides it again', async () => {
    const profile = `/v1/ventures/${w.ventureId}`
    const reports = `/v1/ventures/${w.ventureId}/reports`
    const outcomes = `/v1/ventures/${w.ventureId}/outcomes`
    expect(await sees(profile)).toBe(404)
    const share = await grant({ organizationId: w.municipalityId, level: 'aggregate' })
    expect(share.status, JSON.stringify(share.body)).toBe(201)
    expect(share.body).toMatchObject({
      organizationId: w.municipalityId,
      organizationKind: 'municipality',
      level: 'aggregate',
      active: true,
    })
    const seen = await call(t.app, 'GET', profile, { token: w.municipality })
    expect(seen.status).toBe(200)
    expect(seen.body.access).toBe('profile')
    expect(await sees(reports)).toBe(404)
    expect(await sees(outcomes)).toBe(404)
    // One active share per organization: change the level by revoking first.
    expect((await grant({ organizationId: w.municipalityId, level: 'detailed' })).status).toBe(409)
    const revoked = await revoke(share.body.id)
    expect(revoked.body).toMatchObject({ active: false, revokedAt: expect.any(String) })
    expect((await revoke(share.body.id)).status).toBe(200)
    expect(await sees(profile)).toBe(404)
  })

  it('a detailed share shows reports and outcomes', async () => {
    const share = await grant({ organizationId: w.municipalityId, level: 'detailed' })
    expect(share.status).toBe(201)
    expect(await sees(`/v1/ventures/${w.ventureId}/reports`)).toBe(200)
    expect(await sees(`/v1/ventures/${w.ventureId}/outcomes`)).toBe(200)
    // A detailed grantee reads, but does not review or write.
    const res = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/assignments`, {
      token: w.municipality,
      body: { indicatorCode: 'PI4060', frequency: 'quarterly', startDate: '2025-01-01' },
    })
    expect(res.status).toBe(403)
    await revoke(share.body.id)
    expect(await sees(`/v1/ventures/${w.ventureId}/reports`)).toBe(404)
  })

  it('lists active shares to the venture’s members, and the history on request', async () => {
    const active = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/shares`, { token: w.ventureViewer })
    expect(active.body.items).toEqual([])
    const history = await call(
      t.app,
      'GET',
      `/v1/ventures/${w.ventureId}/shares?includeRevoked=true&limit=1`,
      {
        token: w.ventureViewer,
      },
    )
    expect(history.body.items).toHaveLength(1)
    const next = await call(
      t.app,
      'GET',
      `/v1/ventures/${w.ventureId}/shares?includeRevoked=true&limit=1&cursor=${history.body.nextCursor}`,
      {
        token: w.ventureViewer,
      },
    )
    // Both were granted at the same (fixed) instant: the id breaks the tie, stably.
    expect([...history.body.items, ...next.body.items].map((s: { level: string }) => s.level).sort()).toEqual(
      ['aggregate', 'detailed'],
    )
    expect(next.body.nextCursor).toBeNull()
    expect(
      (await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/shares`, { token: w.investorEditor })).status,
    ).toBe(403)
    expect(
      (await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/shares`, { token: w.otherInvestor })).status,
    ).toBe(404)
  })

  it('only the venture’s admins grant and revoke; bad input writes nothing', async () => {
    expect(
      (await grant({ organizationId: w.municipalityId, level: 'aggregate' }, w.ventureEditor)).status,
    ).toBe(403)
    expect(
      (await grant({ organizationId: w.municipalityId, level: 'aggregate' }, w.investorEditor)).status,
    ).toBe(403)
    expect(
      (await grant({ organizationId: w.municipalityId, level: 'aggregate' }, w.otherInvestor)).status,
    ).toBe(404)
    const unknown = await grant({ organizationId: crypto.randomUUID(), level: 'aggregate' })
    expect(unknown.status).toBe(422)
    expect(unknown.body.errors[0].path).toBe('organizationId')
    const self = await grant({ organizationId: w.ventureId, level: 'detailed' })
    expect(self.status).toBe(422)
    const level = await grant({ organizationId: w.municipalityId, level: 'everything' })
    expect(level.status).toBe(422)
    expect(level.body.errors[0].path).toBe('level')
    const rows = await t.database.db
      .selectFrom('dataShares')
      .select('id')
      .where('ventureOrgId', '=', w.ventureId)
      .where('revokedAt', 'is', null)
      .execute()
    expect(rows).toEqual([])
    expect((await revoke(crypto.randomUUID())).status).toBe(404)
  })
})

describe('whom a venture’s data reaches (policy/audience.ts)', () => {
  it('lists the onboarding investor, then each share once, and drops a revoked share', async () => {
    const world = await outcomesWorld(t, 'Publikum AS')
    const audience = () => ventureAudience(t.database.db, world.ventureId)
    expect(await audience()).toEqual([
      expect.objectContaining({ organizationId: world.investorId, basis: 'onboarding', level: 'detailed' }),
    ])
    const share = await call(t.app, 'POST', `/v1/ventures/${world.ventureId}/shares`, {
      token: world.ventureAdmin,
      body: { organizationId: world.municipalityId, level: 'aggregate' },
    })
    expect(share.status).toBe(201)
    // A share to the investor that already has standing does not list it twice.
    const again = await call(t.app, 'POST', `/v1/ventures/${world.ventureId}/shares`, {
      token: world.ventureAdmin,
      body: { organizationId: world.investorId, level: 'detailed' },
    })
    expect(again.status).toBe(201)
    const listed = await audience()
    expect(listed.map((m) => [m.organizationId, m.basis, m.level]).sort()).toEqual(
      [
        [world.investorId, 'onboarding', 'detailed'],
        [world.municipalityId, 'share', 'aggregate'],
      ].sort(),
    )
    const revoked = await call(t.app, 'DELETE', `/v1/ventures/${world.ventureId}/shares/${share.body.id}`, {
      token: world.ventureAdmin,
    })
    expect(revoked.status).toBe(200)
    expect((await audience()).map((m) => m.organizationId)).toEqual([world.investorId])
  })
})
