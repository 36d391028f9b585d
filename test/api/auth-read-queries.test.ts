import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { sha256Hex } from '../../src/modules/identity/secrets.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { makeMember, makeOrg, makeToken } from '../helpers/factories.ts'
import { call, login } from '../helpers/http.ts'
import { QueryCounter } from '../helpers/query-counter.ts'

/**
 * Issue 17: an authenticated read costs at most two statements (the credential with its user and
 * memberships; the resource with the caller's relations to it), and nothing about who may read
 * is cached, so every revocation counts from the very next request.
 */
let t: TestContext
let base: Database
const counter = new QueryCounter()
let ventureId: string
let indicator: string
let token: string
let cookie: string
beforeAll(async () => {
  base = await createTestDatabase()
  await loadDemo({ db: base.db, principal: null, requestId: null, now: new Date(), config: defaultConfig() })
  const venture = await base.db
    .selectFrom('organizations')
    .select('id')
    .where('name', 'like', 'Arbeidsglede%')
    .executeTakeFirstOrThrow()
  ventureId = venture.id
  indicator = (
    await base.db
      .selectFrom('assignments')
      .select('indicatorCode')
      .where('ventureOrgId', '=', ventureId)
      .orderBy('indicatorCode')
      .executeTakeFirstOrThrow()
  ).indicatorCode
  const investor = await base.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'investor@demo.effekt.no')
    .executeTakeFirstOrThrow()
  token = (await makeToken(base.db, investor.id)).token
  t = await createTestApp({}, { ...base, db: base.db.withPlugin(counter) })
  cookie = await login(t.app, 'investor@demo.effekt.no', 'effekt-demo')
})
afterAll(() => t.close())

/** Statements of the second of two identical requests: the steady state (last-use writes done). */
async function statementsOf(path: string, auth: { token?: string; cookie?: string }) {
  expect((await call(t.app, 'GET', path, auth)).status).toBe(200)
  counter.count = 0
  const res = await call(t.app, 'GET', path, auth)
  expect(res.status, res.text).toBe(200)
  return { count: counter.count, body: res.body }
}

describe('statements per authenticated read', () => {
  it('GET /v1/ventures/{id} with a token: at most 2 (was 7)', async () => {
    const { count, body } = await statementsOf(`/v1/ventures/${ventureId}`, { token })
    expect(body.id).toBe(ventureId)
    expect(body.access).toBe('detailed')
    expect(count).toBeLessThanOrEqual(2)
  })

  it('GET /v1/ventures/{id} with a session cookie: at most 2 (was 7)', async () => {
    const { count, body } = await statementsOf(`/v1/ventures/${ventureId}`, { cookie })
    expect(body.access).toBe('detailed')
    expect(count).toBeLessThanOrEqual(2)
  })

  it('GET /v1/ventures: 2 statements whatever the page size (was 7)', async () => {
    const { count, body } = await statementsOf('/v1/ventures?limit=100', { token })
    expect(body.items.length).toBeGreaterThan(3)
    expect(body.items.find((v: { id: string }) => v.id === ventureId).access).toBe('detailed')
    expect(count).toBe(2)
  })

  it('GET /v1/ventures/{id}/outcomes: the access check is one statement, the credential another', async () => {
    const path = `/v1/ventures/${ventureId}/outcomes?indicator=${indicator}&granularity=quarter`
    const { count, body } = await statementsOf(path, { token })
    expect(body.ventureId).toBe(ventureId)
    expect(body.series.length).toBeGreaterThan(0)
    // 10 before (token, user, memberships, three access checks, four data reads); 6 now.
    expect(count).toBeLessThanOrEqual(6)
  })
})

describe('no stale access: the very next request after a revocation is refused', () => {
  it('a revoked token, an ended session, a removed membership and a withdrawn share', async () => {
    const db = base.db
    const investor = await makeOrg(db, { kind: 'investor' })
    const investorAdmin = await makeMember(db, investor.id, 'admin')
    const adminToken = (await makeToken(db, investorAdmin.id)).token
    const venture = await makeOrg(db, { kind: 'venture' })
    await db.insertInto('ventures').values({ orgId: venture.id, createdByOrgId: investor.id }).execute()
    const ventureAdmin = (await makeToken(db, (await makeMember(db, venture.id, 'admin')).id)).token
    const path = `/v1/ventures/${venture.id}`

    // A token: revoked through the API, refused at once.
    const analyst = await makeMember(db, investor.id, 'viewer')
    const analystToken = await makeToken(db, analyst.id)
    expect((await call(t.app, 'GET', path, { token: analystToken.token })).status).toBe(200)
    expect(
      (await call(t.app, 'DELETE', `/v1/tokens/${analystToken.id}`, { token: analystToken.token })).status,
    ).toBe(204)
    expect((await call(t.app, 'GET', path, { token: analystToken.token })).status).toBe(401)

    // A session: logged out, refused at once.
    const session = await login(t.app, analyst.email)
    expect((await call(t.app, 'GET', path, { cookie: session })).status).toBe(200)
    expect((await call(t.app, 'POST', '/v1/auth/logout', { cookie: session })).status).toBe(204)
    expect((await call(t.app, 'GET', path, { cookie: session })).status).toBe(401)

    // A membership: removed by the investor's admin; the member's token now sees nothing.
    const member = await makeMember(db, investor.id, 'viewer')
    const memberToken = (await makeToken(db, member.id)).token
    expect((await call(t.app, 'GET', path, { token: memberToken })).status).toBe(200)
    expect(
      (
        await call(t.app, 'DELETE', `/v1/organizations/${investor.id}/members/${member.id}`, {
          token: adminToken,
        })
      ).status,
    ).toBe(204)
    expect((await call(t.app, 'GET', path, { token: memberToken })).status).toBe(404)
    expect((await call(t.app, 'GET', '/v1/ventures', { token: memberToken })).body.items).toEqual([])

    // A share: withdrawn by the venture; the grantee's next read is a 404.
    const municipality = await makeOrg(db, { kind: 'municipality' })
    const officer = (await makeToken(db, (await makeMember(db, municipality.id, 'viewer')).id)).token
    expect((await call(t.app, 'GET', path, { token: officer })).status).toBe(404)
    const share = await call(t.app, 'POST', `/v1/ventures/${venture.id}/shares`, {
      token: ventureAdmin,
      body: { organizationId: municipality.id, level: 'aggregate' },
    })
    expect(share.status, share.text).toBe(201)
    const seen = await call(t.app, 'GET', path, { token: officer })
    expect(seen.status).toBe(200)
    expect(seen.body.access).toBe('profile')
    expect(
      (
        await call(t.app, 'DELETE', `/v1/ventures/${venture.id}/shares/${share.body.id}`, {
          token: ventureAdmin,
        })
      ).status,
    ).toBe(200)
    expect((await call(t.app, 'GET', path, { token: officer })).status).toBe(404)
  })
})

describe('session last-use writes', () => {
  const lastSeen = async (sessionCookie: string) =>
    (
      await base.db
        .selectFrom('sessions')
        .select('lastSeenAt')
        .where('idHash', '=', await sha256Hex(sessionCookie.split('=')[1]!))
        .executeTakeFirstOrThrow()
    ).lastSeenAt.toISOString()

  it('are written at most once a minute, and idle expiry still slides with use', async () => {
    const start = new Date('2030-01-01T08:00:00Z')
    const at = (seconds: number) => {
      t.clock.now = new Date(start.getTime() + seconds * 1000)
    }
    const path = `/v1/ventures/${ventureId}`
    try {
      at(0)
      const session = await login(t.app, 'investor@demo.effekt.no', 'effekt-demo')
      // Ten reads within the minute: no write, two statements each.
      for (let s = 5; s <= 50; s += 5) {
        at(s)
        counter.count = 0
        expect((await call(t.app, 'GET', path, { cookie: session })).status).toBe(200)
        expect(counter.count).toBeLessThanOrEqual(2)
      }
      expect(await lastSeen(session)).toBe(start.toISOString())
      // Past the minute, the next read records its use (one write more).
      at(29 * 60)
      counter.count = 0
      expect((await call(t.app, 'GET', path, { cookie: session })).status).toBe(200)
      expect(counter.count).toBeLessThanOrEqual(3)
      expect(await lastSeen(session)).toBe(new Date(start.getTime() + 29 * 60_000).toISOString())
      // The idle time counts from that recorded use: still valid just before it ends, and that
      // use is recorded too, so the session lives on; refused once idle that long again.
      const idle = defaultConfig().SESSION_IDLE_MINUTES * 60
      at(29 * 60 + idle - 1)
      expect((await call(t.app, 'GET', path, { cookie: session })).status).toBe(200)
      at(29 * 60 + idle - 1 + idle - 1)
      expect((await call(t.app, 'GET', path, { cookie: session })).status).toBe(200)
      at(29 * 60 + idle - 1 + idle - 1 + idle)
      expect((await call(t.app, 'GET', path, { cookie: session })).status).toBe(401)
    } finally {
      t.clock.now = undefined
    }
  })
})
