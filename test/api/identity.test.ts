import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOGIN_LIMITS } from '../../src/modules/identity/auth-service.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken, makeUser, TEST_PASSWORD } from '../helpers/factories.ts'
import { call, login, ORIGIN } from '../helpers/http.ts'

let t: TestContext
beforeAll(async () => {
  t = await createTestApp({ SESSION_IDLE_MINUTES: 30, SESSION_ABSOLUTE_HOURS: 2 })
})
afterAll(() => t.close())

const db = () => t.database.db

describe('login and sessions', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and /v1/me answers with the memberships', async () => {
    const org = await makeOrg(db(), { kind: 'investor', name: 'Login Invest' })
    const user = await makeMember(db(), org.id, 'editor')
    const res = await t.app.request('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email.toUpperCase(), password: TEST_PASSWORD }),
    })
    expect(res.status).toBe(200)
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^effekt_session=[A-Za-z0-9_-]{43};/)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Lax')
    expect(setCookie).not.toContain('Secure') // plain http in tests
    const me = await call(t.app, 'GET', '/v1/me', { cookie: setCookie.split(';')[0] })
    expect(me.status).toBe(200)
    expect(me.body.memberships).toEqual([
      {
        organizationId: org.id,
        organizationName: 'Login Invest',
        kind: 'investor',
        role: 'editor',
        municipalityNumbers: [],
      },
    ])
  })

  it('marks the cookie Secure when served over HTTPS', async () => {
    const user = await makeUser(db())
    const res = await t.app.request('https://effekt.example/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    })
    expect(res.headers.get('set-cookie')).toContain('Secure')
  })

  it('stores only a hash of the session id and issues a new id at every login', async () => {
    const user = await makeUser(db())
    const a = await login(t.app, user.email)
    const b = await login(t.app, user.email)
    expect(a).not.toBe(b)
    const sessions = await db().selectFrom('sessions').selectAll().where('userId', '=', user.id).execute()
    expect(sessions).toHaveLength(2)
    for (const s of sessions) {
      expect(s.idHash).toMatch(/^[0-9a-f]{64}$/)
      expect(a).not.toContain(s.idHash)
    }
  })

  it('answers the same for an unknown email as for a wrong password', async () => {
    const user = await makeUser(db())
    const wrong = await call(t.app, 'POST', '/v1/auth/login', {
      body: { email: user.email, password: 'nope' },
    })
    const unknown = await call(t.app, 'POST', '/v1/auth/login', {
      body: { email: 'ghost@example.test', password: 'nope' },
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined })
    expect(strip(wrong.body)).toEqual(strip(unknown.body))
  })

  it('logout ends the session at once', async () => {
    const user = await makeUser(db())
    const cookie = await login(t.app, user.email)
    expect((await call(t.app, 'GET', '/v1/me', { cookie })).status).toBe(200)
    const out = await call(t.app, 'POST', '/v1/auth/logout', { cookie })
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/effekt_session=;/)
    expect((await call(t.app, 'GET', '/v1/me', { cookie })).status).toBe(401)
  })

  it('expires after the idle time and after the absolute lifetime', async () => {
    const user = await makeUser(db())
    const start = new Date('2030-01-01T08:00:00Z')
    t.clock.now = start
    try {
      const cookie = await login(t.app, user.email)
      // Used every 20 minutes: the idle timer (30 min) keeps sliding…
      for (let minutes = 20; minutes <= 100; minutes += 20) {
        t.clock.now = new Date(start.getTime() + minutes * 60_000)
        expect((await call(t.app, 'GET', '/v1/me', { cookie })).status).toBe(200)
      }
      // …but the absolute lifetime (2 h) ends it.
      t.clock.now = new Date(start.getTime() + 121 * 60_000)
      expect((await call(t.app, 'GET', '/v1/me', { cookie })).status).toBe(401)

      t.clock.now = start
      const idle = await login(t.app, user.email)
      t.clock.now = new Date(start.getTime() + 31 * 60_000)
      expect((await call(t.app, 'GET', '/v1/me', { cookie: idle })).status).toBe(401)
    } finally {
      t.clock.now = undefined
    }
  })

  it(`throttles an account after ${LOGIN_LIMITS.perAccountClient} failures with 429 and Retry-After`, async () => {
    const user = await makeUser(db())
    for (let i = 0; i < LOGIN_LIMITS.perAccountClient; i++) {
      expect(
        (await call(t.app, 'POST', '/v1/auth/login', { body: { email: user.email, password: 'bad' } }))
          .status,
      ).toBe(401)
    }
    const limited = await call(t.app, 'POST', '/v1/auth/login', {
      body: { email: user.email, password: TEST_PASSWORD },
    })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.headers.get('content-type')).toMatch(/problem\+json/)
  })

  it('throttles a client address that tries many accounts', async () => {
    // The client address comes from the runtime (the Node entry reads the socket).
    const { app } = await createTestApp({}, t.database, { clientAddress: () => '203.0.113.9' })
    const headers = { 'content-type': 'application/json' }
    let last = 0
    for (let i = 0; i <= LOGIN_LIMITS.perClient; i++) {
      const res = await app.request('/v1/auth/login', {
        method: 'POST',
        headers,
        body: JSON.stringify({ email: `nobody-${i}@example.test`, password: 'bad' }),
      })
      last = res.status
    }
    expect(last).toBe(429)
  })

  it('refuses a cross-site login', async () => {
    const user = await makeUser(db())
    const res = await call(t.app, 'POST', '/v1/auth/login', {
      body: { email: user.email, password: TEST_PASSWORD },
      headers: { origin: 'https://evil.example' },
    })
    expect(res.status).toBe(403)
  })
})

describe('CSRF', () => {
  it('refuses unsafe cookie requests from another origin or without origin information', async () => {
    const user = await makeUser(db())
    const cookie = await login(t.app, user.email)
    const body = { name: 'csrf', readOnly: false, expiresInDays: 1 }
    const evil = await call(t.app, 'POST', '/v1/tokens', {
      cookie,
      body,
      headers: { origin: 'https://evil.example' },
    })
    expect(evil.status).toBe(403)
    const crossSite = await call(t.app, 'POST', '/v1/tokens', {
      cookie,
      body,
      headers: { origin: ORIGIN, 'sec-fetch-site': 'cross-site' },
    })
    expect(crossSite.status).toBe(403)
    const res = await t.app.request(`${ORIGIN}/v1/tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(res.status).toBe(403)
    const same = await call(t.app, 'POST', '/v1/tokens', {
      cookie,
      body,
      headers: { 'sec-fetch-site': 'same-origin' },
    })
    expect(same.status).toBe(201)
    // Nothing was written by the refused requests.
    const tokens = await db().selectFrom('apiTokens').select('id').where('userId', '=', user.id).execute()
    expect(tokens).toHaveLength(1)
  })
  it('exempts bearer requests', async () => {
    const org = await makeOrg(db())
    const user = await makeMember(db(), org.id, 'admin')
    const { token } = await makeToken(db(), user.id)
    const res = await call(t.app, 'PATCH', `/v1/organizations/${org.id}`, {
      token,
      body: { name: 'Renamed by program' },
      headers: { origin: 'https://elsewhere.example' },
    })
    expect(res.status).toBe(200)
  })
})

describe('API tokens', () => {
  it('returns the secret once, stores only its hash, and revocation works at once', async () => {
    const user = await makeUser(db())
    const cookie = await login(t.app, user.email)
    const created = await call(t.app, 'POST', '/v1/tokens', { cookie, body: { name: 'integration' } })
    expect(created.status).toBe(201)
    const token = created.body.token as string
    expect(token).toMatch(/^eff_[A-Za-z0-9_-]{43}$/)
    const row = await db()
      .selectFrom('apiTokens')
      .selectAll()
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow()
    expect(row.tokenHash).not.toContain(token.slice(4))
    const listed = await call(t.app, 'GET', '/v1/tokens', { token })
    expect(listed.status).toBe(200)
    expect(JSON.stringify(listed.body)).not.toContain(token)
    expect((await call(t.app, 'DELETE', `/v1/tokens/${created.body.id}`, { cookie })).status).toBe(204)
    const after = await call(t.app, 'GET', '/v1/me', { token })
    expect(after.status).toBe(401)
    expect(after.headers.get('content-type')).toMatch(/problem\+json/)
  })
  it('refuses expired tokens and malformed Authorization headers', async () => {
    const user = await makeUser(db())
    const { token } = await makeToken(db(), user.id, { expiresAt: new Date(Date.now() - 1000) })
    expect((await call(t.app, 'GET', '/v1/me', { token })).status).toBe(401)
    expect((await call(t.app, 'GET', '/v1/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401)
    expect((await call(t.app, 'GET', '/v1/me', { token: 'eff_not-a-real-token' })).status).toBe(401)
  })
  it('read-only tokens can read but not write', async () => {
    const org = await makeOrg(db())
    const user = await makeMember(db(), org.id, 'admin')
    const { token } = await makeToken(db(), user.id, { readOnly: true })
    expect((await call(t.app, 'GET', `/v1/organizations/${org.id}`, { token })).status).toBe(200)
    expect(
      (await call(t.app, 'PATCH', `/v1/organizations/${org.id}`, { token, body: { name: 'x' } })).status,
    ).toBe(403)
  })
  it('a token cannot mint tokens', async () => {
    const user = await makeUser(db())
    const { token } = await makeToken(db(), user.id)
    expect((await call(t.app, 'POST', '/v1/tokens', { token, body: { name: 'child' } })).status).toBe(403)
  })
})

describe('organizations', () => {
  it('validates organisation numbers with MOD-11', async () => {
    const admin = await makeUser(db(), { platformAdmin: true })
    const { token } = await makeToken(db(), admin.id)
    const bad = await call(t.app, 'POST', '/v1/organizations', {
      token,
      body: { kind: 'venture', name: 'X', orgNumber: '123456789' },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.errors[0].path).toBe('orgNumber')
    const good = await call(t.app, 'POST', '/v1/organizations', {
      token,
      body: { kind: 'venture', name: 'X', orgNumber: '889 640 782' },
    })
    expect(good.status).toBe(201)
    expect(good.body.orgNumber).toBe('889640782')
    const dup = await call(t.app, 'POST', '/v1/organizations', {
      token,
      body: { kind: 'venture', name: 'Y', orgNumber: '889640782' },
    })
    expect(dup.status).toBe(409)
  })
  it('requires municipality numbers for municipalities', async () => {
    const admin = await makeUser(db(), { platformAdmin: true })
    const { token } = await makeToken(db(), admin.id)
    const res = await call(t.app, 'POST', '/v1/organizations', {
      token,
      body: { kind: 'municipality', name: 'Kommune' },
    })
    expect(res.status).toBe(422)
    expect(res.body.errors[0].path).toBe('municipalityNumbers')
  })
  it('PATCH honours If-Match: a stale ETag answers 412 and changes nothing', async () => {
    const org = await makeOrg(db(), { name: 'Before' })
    const user = await makeMember(db(), org.id, 'admin')
    const { token } = await makeToken(db(), user.id)
    const read = await call(t.app, 'GET', `/v1/organizations/${org.id}`, { token })
    const etag = read.headers.get('etag')!
    const first = await call(t.app, 'PATCH', `/v1/organizations/${org.id}`, {
      token,
      body: { name: 'After' },
      headers: { 'if-match': etag },
    })
    expect(first.status).toBe(200)
    expect(first.headers.get('etag')).not.toBe(etag)
    const stale = await call(t.app, 'PATCH', `/v1/organizations/${org.id}`, {
      token,
      body: { name: 'Lost' },
      headers: { 'if-match': etag },
    })
    expect(stale.status).toBe(412)
    expect((await call(t.app, 'GET', `/v1/organizations/${org.id}`, { token })).body.name).toBe('After')
  })
  it('keeps at least one admin', async () => {
    const org = await makeOrg(db())
    const user = await makeMember(db(), org.id, 'admin')
    const { token } = await makeToken(db(), user.id)
    expect(
      (await call(t.app, 'DELETE', `/v1/organizations/${org.id}/members/${user.id}`, { token })).status,
    ).toBe(409)
    expect(
      (
        await call(t.app, 'PATCH', `/v1/organizations/${org.id}/members/${user.id}`, {
          token,
          body: { role: 'viewer' },
        })
      ).status,
    ).toBe(409)
  })
})

describe('audit', () => {
  it('records who changed what, with before and after and the request id', async () => {
    const org = await makeOrg(db(), { name: 'Audited' })
    const user = await makeMember(db(), org.id, 'admin')
    const { token } = await makeToken(db(), user.id)
    const res = await call(t.app, 'PATCH', `/v1/organizations/${org.id}`, {
      token,
      body: { name: 'Audited 2' },
      headers: { 'x-request-id': 'audit-req-1' },
    })
    expect(res.status).toBe(200)
    const events = await call(t.app, 'GET', `/v1/audit?entity=organization&id=${org.id}`, { token })
    expect(events.status).toBe(200)
    const [event] = events.body.items
    expect(event).toMatchObject({
      action: 'organization.update',
      actorUserId: user.id,
      actor: user.email,
      organizationId: org.id,
      requestId: 'audit-req-1',
      before: expect.objectContaining({ name: 'Audited' }),
      after: expect.objectContaining({ name: 'Audited 2' }),
    })
  })
  it('is rolled back with the change it describes', async () => {
    const org = await makeOrg(db())
    const admin = await makeMember(db(), org.id, 'admin')
    const { token } = await makeToken(db(), admin.id)
    const count = async () =>
      (await db().selectFrom('auditEvents').select('id').where('organizationId', '=', org.id).execute())
        .length
    const before = await count()
    // The last admin cannot demote themself: the service throws after nothing was written.
    const res = await call(t.app, 'PATCH', `/v1/organizations/${org.id}/members/${admin.id}`, {
      token,
      body: { role: 'viewer' },
    })
    expect(res.status).toBe(409)
    // A failing write inside the transaction: a duplicate org number after the audit insert.
    const other = await makeOrg(db())
    const clash = await call(t.app, 'PATCH', `/v1/organizations/${org.id}`, {
      token,
      body: { orgNumber: other.orgNumber },
    })
    expect(clash.status).toBe(409)
    expect(await count()).toBe(before)
  })
  it('never exposes password or token hashes', async () => {
    const org = await makeOrg(db())
    const admin = await makeMember(db(), org.id, 'admin')
    const { token } = await makeToken(db(), admin.id)
    await call(t.app, 'POST', `/v1/organizations/${org.id}/members`, {
      token,
      body: { email: 'new-member@example.test', role: 'viewer', password: 'a long enough password' },
    })
    const bodies = [
      await call(t.app, 'GET', '/v1/me', { token }),
      await call(t.app, 'GET', `/v1/organizations/${org.id}/members`, { token }),
      await call(t.app, 'GET', '/v1/audit', { token }),
      await call(t.app, 'GET', '/v1/tokens', { token }),
    ]
    for (const b of bodies) {
      expect(b.status).toBe(200)
      expect(b.text).not.toMatch(/pbkdf2|passwordHash|tokenHash|idHash/)
    }
  })
})
