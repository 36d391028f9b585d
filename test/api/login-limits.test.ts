import type { Context } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientAddressBehindProxies } from '../../src/http/client-address.ts'
import { LOGIN_LIMITS } from '../../src/modules/identity/auth-service.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeUser, TEST_PASSWORD } from '../helpers/factories.ts'
import { call, login, ORIGIN } from '../helpers/http.ts'

/** The socket peer every request comes from: the reverse proxy in front of the app. */
const PROXY = '10.0.0.2'
// The Node entry's rule, with the proxy as the socket's peer (app.request has no socket).
const behindProxy = (c: Context) =>
  clientAddressBehindProxies(c.req.header('x-forwarded-for'), PROXY, c.get('deps').config.TRUST_PROXY)

let t: TestContext
beforeAll(async () => {
  t = await createTestApp({ TRUST_PROXY: 1 }, undefined, { clientAddress: behindProxy })
})
afterAll(() => t.close())
const db = () => t.database.db

/** A login as the proxy forwards it: whatever the client sent in X-Forwarded-For, then the client. */
const attempt = (app: TestContext['app'], email: string, password: string, client: string, sent?: string) =>
  call(app, 'POST', '/v1/auth/login', {
    body: { email, password },
    headers: { 'x-forwarded-for': sent ? `${sent}, ${client}` : client },
  })

let n = 0
const freshClient = () => `198.51.100.${++n}`
const rotating = (i: number) => `203.0.113.${i % 250}, 192.0.2.${(i * 7) % 250}`

describe('login limits per client', () => {
  it('takes the hop the trusted proxy saw, so a rotating X-Forwarded-For does not reset the count', async () => {
    const client = freshClient()
    const statuses: number[] = []
    for (let i = 0; i <= LOGIN_LIMITS.perClient; i++) {
      const res = await attempt(t.app, `nobody-${i}@example.test`, 'wrong password', client, rotating(i))
      statuses.push(res.status)
    }
    expect(statuses.slice(0, LOGIN_LIMITS.perClient).every((s) => s === 401)).toBe(true)
    const last = await attempt(t.app, 'someone@example.test', 'wrong password', client, '8.8.8.8')
    expect(last.status).toBe(429)
    expect(last.body.code).toBe('login.client_throttled')
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another client behind the same proxy is not affected.
    expect((await attempt(t.app, 'someone@example.test', 'wrong password', freshClient())).status).toBe(401)
  })

  it('ignores X-Forwarded-For without TRUST_PROXY: the socket peer is the client', async () => {
    const direct = await createTestApp({ TRUST_PROXY: 0 }, t.database, { clientAddress: behindProxy })
    let last = await attempt(direct.app, 'x@example.test', 'wrong password', '')
    for (let i = 0; i <= LOGIN_LIMITS.perClient; i++)
      last = await attempt(
        direct.app,
        `direct-${i}@example.test`,
        'wrong password',
        freshClient(),
        rotating(i),
      )
    expect(last.status).toBe(429)
    expect(last.body.code).toBe('login.client_throttled')
    await db().deleteFrom('authFailures').where('key', '=', `client:${PROXY}`).execute()
  })

  it('counts in the database, so two app instances enforce one limit', async () => {
    const other = await createTestApp({ TRUST_PROXY: 1 }, t.database, { clientAddress: behindProxy })
    const user = await makeUser(db())
    const client = freshClient()
    for (let i = 0; i < LOGIN_LIMITS.perAccountClient; i++) {
      const app = i % 2 ? other.app : t.app
      expect((await attempt(app, user.email, 'wrong password', client)).status).toBe(401)
    }
    const blocked = await attempt(t.app, user.email, TEST_PASSWORD, client)
    expect(blocked.status).toBe(429)
    expect(blocked.body.code).toBe('login.too_many_failures')
    expect((await attempt(other.app, user.email, TEST_PASSWORD, client)).status).toBe(429)
  })
})

describe('login limits per account', () => {
  it('blocks the guessing client but lets the owner in from elsewhere', async () => {
    const user = await makeUser(db())
    const attacker = freshClient()
    for (let i = 0; i < LOGIN_LIMITS.perAccountClient; i++)
      expect((await attempt(t.app, user.email, `guess ${i}`, attacker)).status).toBe(401)
    const blocked = await attempt(t.app, user.email, TEST_PASSWORD, attacker)
    expect(blocked.status).toBe(429)
    expect(blocked.body.code).toBe('login.too_many_failures')
    expect((await attempt(t.app, user.email, TEST_PASSWORD, freshClient())).status).toBe(200)
  })

  it('slows an account under attack from many addresses, more with each failure, but never locks its owner out', async () => {
    const start = new Date('2026-12-07T10:00:00Z')
    t.clock.now = start
    try {
      const user = await makeUser(db())
      const home = freshClient()
      expect((await attempt(t.app, user.email, TEST_PASSWORD, home)).status).toBe(200)
      // A botnet: one guess from each address, under every per-client limit.
      for (let i = 0; i < LOGIN_LIMITS.accountSoft; i++)
        expect((await attempt(t.app, user.email, `guess ${i}`, freshClient())).status).toBe(401)

      // A new address waits, even with the right password (it could be the attacker's)…
      const slowed = await attempt(t.app, user.email, TEST_PASSWORD, freshClient())
      expect(slowed.status).toBe(429)
      expect(slowed.body.code).toBe('login.account_throttled')
      expect(slowed.headers.get('retry-after')).toBe('1')
      // …the owner's known address does not.
      expect((await attempt(t.app, user.email, TEST_PASSWORD, home)).status).toBe(200)

      // Each failure that gets through doubles the pause, up to the ceiling.
      let elapsed = 0
      const seen: number[] = []
      for (let i = 0; i < 8; i++) {
        elapsed += (seen.at(-1) ?? 1) * 1000
        t.clock.now = new Date(start.getTime() + elapsed)
        expect((await attempt(t.app, user.email, `late guess ${i}`, freshClient())).status).toBe(401)
        const res = await attempt(t.app, user.email, 'one more', freshClient())
        expect(res.status).toBe(429)
        seen.push(Number(res.headers.get('retry-after')))
      }
      expect(seen).toEqual([2, 4, 8, 16, 32, 60, 60, 60])
      // The owner from a new address gets in once the pause is over.
      t.clock.now = new Date(start.getTime() + elapsed + 60_000)
      expect((await attempt(t.app, user.email, TEST_PASSWORD, freshClient())).status).toBe(200)
    } finally {
      t.clock.now = undefined
    }
  })
})

describe('common passwords', () => {
  it('refuses a common password for a new member with 422 password.too_common, and writes nothing', async () => {
    const org = await makeOrg(db())
    const admin = await makeMember(db(), org.id, 'admin')
    const cookie = await login(t.app, admin.email)
    for (const password of ['password1234', 'qwertyuiop12', '111111111111', 'iloveyou1234']) {
      const email = `weak-${password}@example.test`
      const res = await call(t.app, 'POST', `/v1/organizations/${org.id}/members`, {
        cookie,
        body: { email, role: 'viewer', password },
      })
      expect(res.status, password).toBe(422)
      expect(res.body.code).toBe('password.too_common')
      expect(res.body.errors).toEqual([expect.objectContaining({ in: 'body', path: 'password' })])
      expect(await db().selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([])
    }
    const ok = await call(t.app, 'POST', `/v1/organizations/${org.id}/members`, {
      cookie,
      body: { email: 'strong@example.test', role: 'viewer', password: 'fjord lantern 7 orbit' },
    })
    expect(ok.status).toBe(201)
    expect((await attempt(t.app, 'strong@example.test', 'fjord lantern 7 orbit', freshClient())).status).toBe(
      200,
    )
  })

  it('tells the dashboard user that the password is too common, next to the field', async () => {
    const org = await makeOrg(db())
    const admin = await makeMember(db(), org.id, 'admin')
    const cookie = await login(t.app, admin.email)
    const form = new URLSearchParams({
      email: 'form-weak@example.test',
      role: 'viewer',
      password: 'password1234',
    })
    const res = await t.app.request(`${ORIGIN}/organizations/${org.id}/members`, {
      method: 'POST',
      headers: {
        cookie,
        origin: ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': 'en',
      },
      body: form.toString(),
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('The password is too common or easy to guess.')
    expect(
      await db().selectFrom('users').select('id').where('email', '=', 'form-weak@example.test').execute(),
    ).toEqual([])
  })
})
