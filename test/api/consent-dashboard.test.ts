import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeUser } from '../helpers/factories.ts'
import { call, login, ORIGIN } from '../helpers/http.ts'

/** The dashboard's side of invitations: the invitee decides, the admin sees only the email. */
let t: TestContext
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const html = (path: string, cookie: string, method = 'GET') =>
  t.app.request(`${ORIGIN}${path}`, {
    method,
    headers: {
      cookie,
      origin: ORIGIN,
      accept: 'text/html',
      'accept-language': 'en',
      ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(method === 'POST' ? { body: '' } : {}),
  })

describe('invitations in the dashboard', () => {
  it('lists the invitation for the invitee, who accepts it; the admin saw only the email until then', async () => {
    const db = t.database.db
    const org = await makeOrg(db, { kind: 'investor', name: 'Invitasjon Invest' })
    const admin = await makeMember(db, org.id, 'admin')
    const invitee = await makeUser(db, { name: 'Ola Hemmelig' })
    const adminCookie = await login(t.app, admin.email)
    const added = await call(t.app, 'POST', `/v1/organizations/${org.id}/members`, {
      cookie: adminCookie,
      body: { email: invitee.email, role: 'viewer' },
    })
    expect(added.status).toBe(201)
    const members = await (await html(`/organizations/${org.id}`, adminCookie)).text()
    expect(members).toContain(invitee.email)
    expect(members).toContain('invited, not yet accepted')
    expect(members).not.toContain('Ola Hemmelig')

    const cookie = await login(t.app, invitee.email)
    const list = await (await html('/organizations', cookie)).text()
    expect(list).toContain('Invitasjon Invest')
    expect(list).toContain(`/organizations/invitations/${org.id}/accept`)
    expect((await html(`/organizations/${org.id}`, cookie)).status).toBe(404)

    const accepted = await html(`/organizations/invitations/${org.id}/accept`, cookie, 'POST')
    expect(accepted.status).toBe(303)
    expect(accepted.headers.get('location')).toBe(`/organizations/${org.id}`)
    expect((await html(`/organizations/${org.id}`, cookie)).status).toBe(200)
    expect(await (await html(`/organizations/${org.id}`, adminCookie)).text()).toContain('Ola Hemmelig')
    // Deciding again finds nothing to decide.
    expect((await html(`/organizations/invitations/${org.id}/decline`, cookie, 'POST')).status).toBe(404)
  })
})
