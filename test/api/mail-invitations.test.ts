import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeUser } from '../helpers/factories.ts'
import { call, login } from '../helpers/http.ts'
import { linkIn, type Mailbox, startMailbox } from '../helpers/mailbox.ts'

let t: TestContext
let mail: Mailbox
let orgId: string
let adminCookie: string
const NEW_PASSWORD = 'violet tractor under seven moons'

beforeAll(async () => {
  t = await createTestApp()
  mail = await startMailbox(t.database, t.logger, () => t.clock.now ?? new Date())
  orgId = (await makeOrg(t.database.db, { kind: 'investor', name: 'Fjord Impact' })).id
  const admin = await makeMember(t.database.db, orgId, 'admin')
  await t.database.db.updateTable('users').set({ name: 'Ada Admin' }).where('id', '=', admin.id).execute()
  adminCookie = await login(t.app, admin.email)
})
afterAll(async () => {
  await mail.close()
  await t.close()
})

const invite = (body: unknown, cookie = adminCookie, org = orgId) =>
  call(t.app, 'POST', `/v1/organizations/${org}/invitations`, { cookie, body })
const counts = async () => ({
  users: Number(
    (
      await t.database.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  invitations: Number(
    (
      await t.database.db
        .selectFrom('invitations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  outbox: Number(
    (
      await t.database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
})

describe('invitations by email', () => {
  it('invite → mail (nb by default) → accept with name and password → sign in as a member', async () => {
    const res = await invite({ email: 'Kari.Nordmann@Example.test', role: 'editor' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      email: 'kari.nordmann@example.test',
      role: 'editor',
      language: 'nb',
      invitedByName: 'Ada Admin',
    })
    expect(new Date(res.body.expiresAt).getTime() - new Date(res.body.createdAt).getTime()).toBe(
      7 * 86_400_000,
    )

    const [got] = await mail.take('kari.nordmann@example.test')
    expect(got!.subject).toBe('Invitasjon til Fjord Impact i Effekt')
    expect(got!.language).toBe('nb')
    expect(got!.text).toContain('Ada Admin har invitert deg til Fjord Impact i Effekt, med rollen redaktør.')
    expect(got!.html).toContain('<html lang="nb">')
    const { url, token } = linkIn(got!)
    expect(`${url.origin}${url.pathname}`).toBe('http://localhost:8787/invitations/accept')
    // Only the hash is stored.
    const stored = await t.database.db
      .selectFrom('invitations')
      .select('tokenHash')
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow()
    expect(stored.tokenHash).not.toContain(token)
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/)

    const listed = await call(t.app, 'GET', `/v1/organizations/${orgId}/invitations`, { cookie: adminCookie })
    expect(listed.body.map((i: { id: string }) => i.id)).toContain(res.body.id)

    const accepted = await call(t.app, 'POST', '/v1/invitations/accept', {
      body: { token, name: 'Kari Nordmann', password: NEW_PASSWORD },
    })
    expect(accepted.status).toBe(201)
    expect(accepted.body).toMatchObject({
      email: 'kari.nordmann@example.test',
      organizationId: orgId,
      organizationName: 'Fjord Impact',
    })

    const cookie = await login(t.app, 'kari.nordmann@example.test', NEW_PASSWORD)
    const me = await call(t.app, 'GET', '/v1/me', { cookie })
    expect(me.body.name).toBe('Kari Nordmann')
    expect(me.body.memberships).toEqual([expect.objectContaining({ organizationId: orgId, role: 'editor' })])

    // Single use: the link is spent, and the invitation is no longer open.
    const again = await call(t.app, 'POST', '/v1/invitations/accept', {
      body: { token, name: 'Someone Else', password: NEW_PASSWORD },
    })
    expect(again.status).toBe(422)
    expect(again.body.code).toBe('invitation.token_invalid')
    const after = await call(t.app, 'GET', `/v1/organizations/${orgId}/invitations`, { cookie: adminCookie })
    expect(after.body.map((i: { id: string }) => i.id)).not.toContain(res.body.id)
    const members = await call(t.app, 'GET', `/v1/organizations/${orgId}/members`, { cookie: adminCookie })
    expect(members.body).toContainEqual(
      expect.objectContaining({
        email: 'kari.nordmann@example.test',
        name: 'Kari Nordmann',
        status: 'active',
      }),
    )
  })

  it('writes the mail in the language the inviter chose, and the new user keeps it for later mails', async () => {
    const res = await invite({ email: 'ola@example.test', role: 'viewer', language: 'en' })
    expect(res.status).toBe(201)
    const [got] = await mail.take('ola@example.test')
    expect(got!.subject).toBe('Invitation to Fjord Impact on Effekt')
    expect(got!.text).toContain('Ada Admin has invited you to Fjord Impact on Effekt, with the role viewer.')
    expect(got!.language).toBe('en')
    const { token } = linkIn(got!)
    expect(
      (
        await call(t.app, 'POST', '/v1/invitations/accept', {
          body: { token, name: 'Ola', password: NEW_PASSWORD },
        })
      ).status,
    ).toBe(201)
    const user = await t.database.db
      .selectFrom('users')
      .select('language')
      .where('email', '=', 'ola@example.test')
      .executeTakeFirstOrThrow()
    expect(user.language).toBe('en')
  })

  it('invites an existing account as a pending membership it accepts while signed in', async () => {
    const existing = await makeUser(t.database.db, { email: 'existing@example.test', name: 'Eva Existing' })
    const res = await invite({ email: 'existing@example.test', role: 'viewer' })
    expect(res.status).toBe(201)
    const [got] = await mail.take('existing@example.test')
    expect(got!.text).toContain('Du har allerede en konto i Effekt')
    const { token } = linkIn(got!)
    // The link cannot make a second account for the address.
    const denied = await call(t.app, 'POST', '/v1/invitations/accept', {
      body: { token, name: 'X', password: NEW_PASSWORD },
    })
    expect(denied.status).toBe(409)
    expect(denied.body.code).toBe('invitation.account_exists')
    // The organization sees the email only until the user accepts.
    const pending = await call(t.app, 'GET', `/v1/organizations/${orgId}/members`, { cookie: adminCookie })
    expect(pending.body).toContainEqual(
      expect.objectContaining({ userId: existing.id, name: null, status: 'pending' }),
    )
    const cookie = await login(t.app, 'existing@example.test')
    const me = await call(t.app, 'GET', '/v1/me', { cookie })
    expect(me.body.invitations).toEqual([expect.objectContaining({ organizationId: orgId, role: 'viewer' })])
    const accepted = await call(t.app, 'POST', `/v1/me/invitations/${orgId}/accept`, { cookie })
    expect(accepted.status).toBe(200)
    expect(accepted.body.memberships).toEqual([expect.objectContaining({ organizationId: orgId })])
    const open = await call(t.app, 'GET', `/v1/organizations/${orgId}/invitations`, { cookie: adminCookie })
    expect(open.body.map((i: { email: string }) => i.email)).not.toContain('existing@example.test')
    expect(
      (
        await call(t.app, 'POST', '/v1/invitations/accept', {
          body: { token, name: 'X', password: NEW_PASSWORD },
        })
      ).body.code,
    ).toBe('invitation.token_invalid')
  })

  it('revokes an invitation: its link stops working and a pending membership goes with it', async () => {
    const user = await makeUser(t.database.db, { email: 'revoked-existing@example.test' })
    const a = await invite({ email: 'revoked@example.test', role: 'viewer' })
    const b = await invite({ email: 'revoked-existing@example.test', role: 'viewer' })
    const [ma] = await mail.take('revoked@example.test')
    for (const r of [a, b]) {
      const del = await call(t.app, 'DELETE', `/v1/organizations/${orgId}/invitations/${r.body.id}`, {
        cookie: adminCookie,
      })
      expect(del.status).toBe(204)
    }
    const res = await call(t.app, 'POST', '/v1/invitations/accept', {
      body: { token: linkIn(ma!).token, name: 'R', password: NEW_PASSWORD },
    })
    expect(res.body.code).toBe('invitation.token_invalid')
    const membership = await t.database.db
      .selectFrom('memberships')
      .select('status')
      .where('userId', '=', user.id)
      .execute()
    expect(membership).toEqual([])
    const twice = await call(t.app, 'DELETE', `/v1/organizations/${orgId}/invitations/${a.body.id}`, {
      cookie: adminCookie,
    })
    expect(twice.status).toBe(404)
    expect(twice.body.code).toBe('invitation.not_found')
    const audit = await t.database.db
      .selectFrom('auditEvents')
      .select('action')
      .where('entityId', '=', a.body.id)
      .orderBy('seq')
      .execute()
    expect(audit.map((e) => e.action)).toEqual(['invitation.create', 'invitation.revoke'])
  })

  it('a new invitation of the same address replaces the old link; an expired link is refused', async () => {
    await invite({ email: 'twice@example.test', role: 'viewer' })
    await invite({ email: 'twice@example.test', role: 'admin' })
    const both = await mail.take('twice@example.test', 2)
    const first = both.find((m) => m.text.includes('rollen leser'))
    const second = both.find((m) => m.text.includes('rollen administrator'))
    const old = await call(t.app, 'POST', '/v1/invitations/accept', {
      body: { token: linkIn(first!).token, name: 'T', password: NEW_PASSWORD },
    })
    expect(old.body.code).toBe('invitation.token_invalid')
    t.clock.now = new Date(Date.now() + 7 * 86_400_000 + 60_000)
    try {
      const late = await call(t.app, 'POST', '/v1/invitations/accept', {
        body: { token: linkIn(second!).token, name: 'T', password: NEW_PASSWORD },
      })
      expect(late.status).toBe(422)
      expect(late.body.code).toBe('invitation.token_invalid')
    } finally {
      t.clock.now = undefined
    }
  })

  it('refuses bad input with problem codes and writes nothing', async () => {
    const before = await counts()
    const cases: [unknown, number, string][] = [
      [{ email: 'not-an-email', role: 'viewer' }, 422, 'validation.failed'],
      [{ email: 'x@example.test', role: 'owner' }, 422, 'validation.failed'],
      [{ email: 'x@example.test', role: 'viewer', language: 'sv' }, 422, 'validation.failed'],
      [{ role: 'viewer' }, 422, 'validation.failed'],
    ]
    for (const [body, status, code] of cases) {
      const res = await invite(body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(res.body.code).toBe(code)
    }
    const member = await makeMember(t.database.db, orgId, 'editor')
    const editor = await login(t.app, member.email)
    expect((await invite({ email: 'y@example.test', role: 'viewer' }, editor)).body.code).toBe(
      'organization.admin_only',
    )
    expect((await invite({ email: member.email, role: 'viewer' })).body.code).toBe(
      'invitation.already_member',
    )
    const outsider = await makeOrg(t.database.db)
    expect((await invite({ email: 'z@example.test', role: 'viewer' }, adminCookie, outsider.id)).status).toBe(
      404,
    )
    expect((await invite({ email: 'z@example.test', role: 'viewer' }, '')).status).toBe(401)
    const after = await counts()
    expect(after.invitations).toBe(before.invitations)
    expect(after.outbox).toBe(before.outbox)

    // Accepting: a weak password or a bad token creates nothing, and the link still works after.
    await invite({ email: 'weak@example.test', role: 'viewer' })
    const [got] = await mail.take('weak@example.test')
    const { token } = linkIn(got!)
    const usersBefore = (await counts()).users
    for (const [body, code] of [
      [{ token, name: 'W', password: 'short' }, 'password.too_short'],
      [{ token, name: 'W', password: 'password1234' }, 'password.too_common'],
      [{ token, name: '', password: NEW_PASSWORD }, 'validation.failed'],
      [{ token: 'x'.repeat(43), name: 'W', password: NEW_PASSWORD }, 'invitation.token_invalid'],
      [{ name: 'W', password: NEW_PASSWORD }, 'validation.failed'],
    ] as const) {
      const res = await call(t.app, 'POST', '/v1/invitations/accept', { body })
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(res.body.code).toBe(code)
    }
    expect((await counts()).users).toBe(usersBefore)
    expect(
      (
        await call(t.app, 'POST', '/v1/invitations/accept', {
          body: { token, name: 'W', password: NEW_PASSWORD },
        })
      ).status,
    ).toBe(201)
  })

  it('limits how many invitations an organization sends per hour', async () => {
    const org = (await makeOrg(t.database.db)).id
    const admin = await makeMember(t.database.db, org, 'admin')
    const cookie = await login(t.app, admin.email)
    for (let i = 0; i < 50; i++) {
      const res = await invite({ email: `bulk-${i}@example.test`, role: 'viewer' }, cookie, org)
      expect(res.status).toBe(201)
    }
    const res = await invite({ email: 'bulk-50@example.test', role: 'viewer' }, cookie, org)
    expect(res.status).toBe(429)
    expect(res.body.code).toBe('invitation.rate_limited')
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
