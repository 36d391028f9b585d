import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

/**
 * Issue #15 "Trust": adding a user who exists elsewhere reveals nothing about them and takes
 * effect only when they accept; municipality numbers are set by platform admins only and belong
 * to one organization. Before this, an org admin adding an email saw the user's name and gained
 * a member at once, and Nordre Follo's admin could add Oslo's 0301 and read Oslo's impact.
 */
let t: TestContext
let platform: string
beforeAll(async () => {
  t = await createTestApp()
  platform = (await makeToken(t.database.db, (await makeUser(t.database.db, { platformAdmin: true })).id))
    .token
})
afterAll(() => t.close())
const db = () => t.database.db

describe('adding a member is an invitation the user accepts', () => {
  it('shows no name, grants nothing until accepted, then makes the user a member', async () => {
    const home = await makeOrg(db(), { kind: 'investor', name: 'Hjemme Invest' })
    const invitee = await makeMember(db(), home.id, 'admin', { email: 'kari.nordmann@example.test' })
    await db().updateTable('users').set({ name: 'Kari Nordmann' }).where('id', '=', invitee.id).execute()
    const inviteeToken = (await makeToken(db(), invitee.id)).token
    const org = await makeOrg(db(), { kind: 'investor', name: 'Nysgjerrig Invest' })
    const admin = (await makeToken(db(), (await makeMember(db(), org.id, 'admin')).id)).token

    const added = await call(t.app, 'POST', `/v1/organizations/${org.id}/members`, {
      token: admin,
      body: { email: 'KARI.NORDMANN@example.test', role: 'editor' },
    })
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ email: invitee.email, name: null, status: 'pending', role: 'editor' })
    for (const path of [`/v1/organizations/${org.id}/members`, '/v1/audit']) {
      const res = await call(t.app, 'GET', path, { token: admin })
      expect(res.status).toBe(200)
      expect(res.text, path).not.toContain('Kari Nordmann')
      expect(res.text, path).not.toContain(home.id)
    }
    // Nothing yet for the invitee but the invitation itself.
    const me = await call(t.app, 'GET', '/v1/me', { token: inviteeToken })
    expect(me.body.memberships.map((m: { organizationId: string }) => m.organizationId)).toEqual([home.id])
    expect(me.body.invitations).toEqual([
      expect.objectContaining({
        organizationId: org.id,
        organizationName: 'Nysgjerrig Invest',
        role: 'editor',
      }),
    ])
    expect((await call(t.app, 'GET', `/v1/organizations/${org.id}`, { token: inviteeToken })).status).toBe(
      404,
    )

    const accepted = await call(t.app, 'POST', `/v1/me/invitations/${org.id}/accept`, { token: inviteeToken })
    expect(accepted.status).toBe(200)
    expect(accepted.body.invitations).toEqual([])
    expect(accepted.body.memberships.map((m: { organizationId: string }) => m.organizationId).sort()).toEqual(
      [home.id, org.id].sort(),
    )
    expect((await call(t.app, 'GET', `/v1/organizations/${org.id}`, { token: inviteeToken })).status).toBe(
      200,
    )
    const members = await call(t.app, 'GET', `/v1/organizations/${org.id}/members`, { token: admin })
    expect(members.body.find((m: { userId: string }) => m.userId === invitee.id)).toMatchObject({
      name: 'Kari Nordmann',
      status: 'active',
    })
  })

  it('answers an existing and a new email alike', async () => {
    const org = await makeOrg(db(), { kind: 'investor' })
    const admin = (await makeToken(db(), (await makeMember(db(), org.id, 'admin')).id)).token
    const existing = await makeUser(db(), { name: 'Hemmelig Navn' })
    const shape = (b: Record<string, unknown>) => Object.keys(b).sort()
    const a = await call(t.app, 'POST', `/v1/organizations/${org.id}/members`, {
      token: admin,
      body: { email: existing.email, role: 'viewer' },
    })
    const b = await call(t.app, 'POST', `/v1/organizations/${org.id}/members`, {
      token: admin,
      body: { email: `ny-${crypto.randomUUID()}@example.test`, name: 'Ny Bruker', role: 'viewer' },
    })
    expect([a.status, b.status]).toEqual([201, 201])
    expect(shape(a.body)).toEqual(shape(b.body))
    expect([a.body.name, a.body.status, b.body.name, b.body.status]).toEqual([
      null,
      'pending',
      null,
      'pending',
    ])
    const audit = await call(t.app, 'GET', '/v1/audit', { token: admin })
    expect(audit.body.items.map((e: { action: string }) => e.action)).not.toContain('user.create')
  })

  it('lets the user decline: the invitation is gone and granted nothing', async () => {
    const org = await makeOrg(db(), { kind: 'venture' })
    const admin = (await makeToken(db(), (await makeMember(db(), org.id, 'admin')).id)).token
    const user = await makeUser(db())
    const token = (await makeToken(db(), user.id)).token
    await call(t.app, 'POST', `/v1/organizations/${org.id}/members`, {
      token: admin,
      body: { email: user.email, role: 'admin' },
    })
    const declined = await call(t.app, 'POST', `/v1/me/invitations/${org.id}/decline`, { token })
    expect(declined.status).toBe(200)
    expect(declined.body.invitations).toEqual([])
    expect(declined.body.memberships).toEqual([])
    const members = await call(t.app, 'GET', `/v1/organizations/${org.id}/members`, { token: admin })
    expect(members.body.map((m: { userId: string }) => m.userId)).not.toContain(user.id)
    // Deciding again, on another's behalf or on nothing: 404, 400 for a bad id.
    expect((await call(t.app, 'POST', `/v1/me/invitations/${org.id}/accept`, { token })).status).toBe(404)
    expect(
      (await call(t.app, 'POST', `/v1/me/invitations/${crypto.randomUUID()}/accept`, { token })).status,
    ).toBe(404)
    expect((await call(t.app, 'POST', '/v1/me/invitations/nope/accept', { token })).status).toBe(400)
    expect((await call(t.app, 'POST', `/v1/me/invitations/${org.id}/accept`, { token: admin })).status).toBe(
      404,
    )
  })

  it('does not count a pending admin as the organization’s last administrator', async () => {
    const org = await makeOrg(db(), { kind: 'investor' })
    const adminUser = await makeMember(db(), org.id, 'admin')
    const admin = (await makeToken(db(), adminUser.id)).token
    await call(t.app, 'POST', `/v1/organizations/${org.id}/members`, {
      token: admin,
      body: { email: `ny-${crypto.randomUUID()}@example.test`, role: 'admin' },
    })
    const res = await call(t.app, 'DELETE', `/v1/organizations/${org.id}/members/${adminUser.id}`, {
      token: admin,
    })
    expect(res.status).toBe(409)
  })
})

describe('municipality numbers', () => {
  it('are set by platform admins only: a municipality admin cannot claim another number', async () => {
    const oslo = await makeOrg(db(), {
      kind: 'municipality',
      name: 'Oslo kommune',
      municipalityNumbers: ['0301'],
    })
    const follo = await makeOrg(db(), {
      kind: 'municipality',
      name: 'Follo kommune',
      municipalityNumbers: ['3207'],
    })
    const folloAdmin = (await makeToken(db(), (await makeMember(db(), follo.id, 'admin')).id)).token
    for (const numbers of [['3207', '0301'], ['3207', '3201'], ['3201']]) {
      const res = await call(t.app, 'PATCH', `/v1/organizations/${follo.id}`, {
        token: folloAdmin,
        body: { municipalityNumbers: numbers },
      })
      expect(res.status).toBe(403)
      expect(res.body.code).toBe('organization.municipality_numbers_admin_only')
    }
    expect((await call(t.app, 'GET', '/v1/impact?municipality=0301', { token: folloAdmin })).status).toBe(404)
    // The same numbers again, and other fields, are still the admin's to change.
    const same = await call(t.app, 'PATCH', `/v1/organizations/${follo.id}`, {
      token: folloAdmin,
      body: { name: 'Nordre Follo kommune', municipalityNumbers: ['3207'] },
    })
    expect(same.status).toBe(200)
    expect(same.body.municipalityNumbers).toEqual(['3207'])
    // A platform admin may add a free number, never one another organization holds.
    const taken = await call(t.app, 'PATCH', `/v1/organizations/${follo.id}`, {
      token: platform,
      body: { municipalityNumbers: ['3207', '0301'] },
    })
    expect(taken.status).toBe(409)
    expect(taken.body.code).toBe('organization.municipality_number_taken')
    expect(taken.body.detail).toContain('0301 belongs to Oslo kommune')
    const free = await call(t.app, 'PATCH', `/v1/organizations/${follo.id}`, {
      token: platform,
      body: { municipalityNumbers: ['3207', '3201'] },
    })
    expect(free.status).toBe(200)
    expect(
      (await call(t.app, 'GET', `/v1/organizations/${oslo.id}`, { token: platform })).body
        .municipalityNumbers,
    ).toEqual(['0301'])
  })

  it('are unique across organizations when created, in the API and in the database', async () => {
    await makeOrg(db(), { kind: 'municipality', name: 'Bergen kommune', municipalityNumbers: ['4601'] })
    const res = await call(t.app, 'POST', '/v1/organizations', {
      token: platform,
      body: { kind: 'municipality', name: 'Falsk Bergen', municipalityNumbers: ['4601'] },
    })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('organization.municipality_number_taken')
    expect(
      await db().selectFrom('organizations').select('id').where('name', '=', 'Falsk Bergen').execute(),
    ).toEqual([])
    // Written past the service, the database refuses it too.
    await expect(
      makeOrg(db(), { kind: 'municipality', name: 'Falsk Bergen 2', municipalityNumbers: ['4601'] }),
    ).rejects.toThrow(/organization_municipalities|duplicate key/)
  })
})
