import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { DEMO_PASSWORD } from '../../src/demo/ids.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { createPostgresDatabase } from '../../src/entry/postgres.ts'
import { LOGIN_LIMITS } from '../../src/modules/identity/auth-service.ts'
import { testTarget } from '../helpers/database.ts'
import { makeMember, makeOrg, makeToken, TEST_PASSWORD } from '../helpers/factories.ts'
import { type NodeInstance, startNodeInstance } from '../helpers/node-instance.ts'
import { adminUrl, fileDatabaseName } from '../helpers/postgres-admin.ts'

/**
 * Two Effekt servers — two Node processes, each with its own memory and pool — on one
 * PostgreSQL database, with requests spread over them as a load balancer without sticky
 * sessions would: whatever one instance does, the other must honour at once.
 */
const onPostgres = testTarget() === 'postgres'
if (!onPostgres)
  console.warn('instances.test.ts: several instances share only a PostgreSQL server; runs in api-postgres.')

describe.runIf(onPostgres)('two instances on one PostgreSQL', () => {
  const serverUrl = process.env.TEST_DATABASE_URL ?? ''
  const name = fileDatabaseName()
  let url: string
  let database: Database
  let a: NodeInstance
  let b: NodeInstance

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`create database "${name}" template "${inject('pgTemplate')}"`)
    await admin.end()
    url = adminUrl(serverUrl, name)
    database = createPostgresDatabase({ connectionString: url, max: 2 })
    await loadDemo({
      db: database.db,
      principal: null,
      requestId: null,
      now: new Date(),
      config: defaultConfig(),
    })
    ;[a, b] = await Promise.all([
      startNodeInstance({ DATABASE_URL: url, DEMO_DATA: 'never' }),
      startNodeInstance({ DATABASE_URL: url, DEMO_DATA: 'never' }),
    ])
  }, 180_000)

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await database?.close()
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`drop database if exists "${name}" with (force)`)
    await admin.end()
  })

  /** A same-origin request to one instance, with a session cookie or a bearer token. */
  async function req(
    on: NodeInstance,
    method: string,
    path: string,
    opts: { cookie?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.cookie) Object.assign(headers, { cookie: opts.cookie, origin: on.url })
    if (opts.token) headers.authorization = `Bearer ${opts.token}`
    if (opts.body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(`${on.url}${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    })
    const text = await res.text()
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
    let body: any = text
    try {
      body = JSON.parse(text)
    } catch {}
    return { status: res.status, headers: res.headers, body, text }
  }

  async function login(on: NodeInstance, email: string, password: string) {
    const res = await req(on, 'POST', '/v1/auth/login', { body: { email, password } })
    return { ...res, cookie: res.headers.get('set-cookie')?.split(';')[0] }
  }

  it('keeps a session made on one instance on the other, and ends it on both at logout', async () => {
    const { status, cookie } = await login(a, 'investor@demo.effekt.no', DEMO_PASSWORD)
    expect(status).toBe(200)
    const me = await req(b, 'GET', '/v1/me', { cookie: cookie! })
    expect(me.status, me.text).toBe(200)
    expect(me.body.email).toBe('investor@demo.effekt.no')
    expect((await req(a, 'POST', '/v1/auth/logout', { cookie: cookie! })).status).toBe(204)
    expect((await req(b, 'GET', '/v1/me', { cookie: cookie! })).status).toBe(401)
    expect((await req(a, 'GET', '/v1/me', { cookie: cookie! })).status).toBe(401)
  })

  it('counts failed logins across both instances', async () => {
    const org = await makeOrg(database.db)
    const user = await makeMember(database.db, org.id, 'viewer')
    for (let i = 0; i < LOGIN_LIMITS.perAccountClient; i++) {
      const on = i % 2 === 0 ? a : b
      expect((await login(on, user.email, 'wrong password, try again')).status).toBe(401)
    }
    // Each instance saw fewer than the limit for this account from this address; together they
    // reached it, so both refuse.
    for (const on of [a, b]) {
      const res = await login(on, user.email, TEST_PASSWORD)
      expect(res.status, res.text).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    }
  })

  it('refuses a token on one instance as soon as the other revokes it', async () => {
    const { cookie } = await login(a, 'venture@demo.effekt.no', DEMO_PASSWORD)
    const created = await req(b, 'POST', '/v1/tokens', { cookie: cookie!, body: { name: 'two instances' } })
    expect(created.status, created.text).toBe(201)
    expect((await req(a, 'GET', '/v1/me', { token: created.body.token })).status).toBe(200)
    expect((await req(b, 'GET', '/v1/me', { token: created.body.token })).status).toBe(200)
    const revoked = await req(a, 'DELETE', `/v1/tokens/${created.body.id}`, { cookie: cookie! })
    expect(revoked.status, revoked.text).toBe(204)
    expect((await req(b, 'GET', '/v1/me', { token: created.body.token })).status).toBe(401)
  })

  it('takes access away on one instance as soon as the other removes a membership', async () => {
    const org = await makeOrg(database.db, { kind: 'investor' })
    const owner = await makeToken(database.db, (await makeMember(database.db, org.id, 'admin')).id)
    const member = await makeMember(database.db, org.id, 'viewer')
    const memberToken = await makeToken(database.db, member.id)
    expect((await req(b, 'GET', `/v1/organizations/${org.id}`, { token: memberToken.token })).status).toBe(
      200,
    )
    const removed = await req(a, 'DELETE', `/v1/organizations/${org.id}/members/${member.id}`, {
      token: owner.token,
    })
    expect(removed.status, removed.text).toBe(204)
    expect((await req(b, 'GET', `/v1/organizations/${org.id}`, { token: memberToken.token })).status).toBe(
      404,
    )
  })

  it('runs a write once when the same Idempotency-Key reaches both instances at the same moment', async () => {
    const { cookie } = await login(a, 'investor@demo.effekt.no', DEMO_PASSWORD)
    const me = await req(a, 'GET', '/v1/me', { cookie: cookie! })
    const investor = me.body.memberships.find((m: { kind: string }) => m.kind === 'investor')
    const venture = await req(a, 'POST', '/v1/ventures', {
      cookie: cookie!,
      body: { name: 'Twice Told AS', municipalities: ['3207'], investorOrgId: investor.organizationId },
    })
    expect(venture.status, venture.text).toBe(201)
    const investment = await req(b, 'POST', `/v1/ventures/${venture.body.id}/investments`, {
      cookie: cookie!,
      body: { name: 'Grant', instrument: 'grant', startDate: '2026-01-01' },
    })
    expect(investment.status, investment.text).toBe(201)
    const path = `/v1/investments/${investment.body.id}/transactions`
    const keys = Array.from({ length: 8 }, (_, i) => `twice-${i}-${crypto.randomUUID()}`)
    for (const key of keys) {
      const body = { type: 'commitment', date: '2026-01-02', amount: '1000.00' }
      const answers = await Promise.all(
        [a, b].map((on) =>
          req(on, 'POST', path, { cookie: cookie!, body, headers: { 'idempotency-key': key } }),
        ),
      )
      const statuses = answers.map((r) => r.status).sort()
      // Both succeed (one replays the other's answer) or the loser is told the first still runs.
      expect([['201', '201'].join(), ['201', '409'].join()]).toContain(statuses.join())
      const created = answers.filter((r) => r.status === 201)
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1)
    }
    const rows = await database.db
      .selectFrom('transactions')
      .select('id')
      .where('investmentId', '=', investment.body.id)
      .execute()
    expect(rows).toHaveLength(keys.length)
  })

  it('shows a municipality the withdrawal of a data share made on the other instance at once', async () => {
    const kommune = (await login(b, 'kommune@demo.effekt.no', DEMO_PASSWORD)).cookie!
    const venture = (await login(a, 'venture@demo.effekt.no', DEMO_PASSWORD)).cookie!
    const impactPath = '/v1/impact?municipality=3207&granularity=year'
    const before = await req(b, 'GET', impactPath, { cookie: kommune })
    expect(before.status, before.text).toBe(200)
    const ventureId = (await req(a, 'GET', '/v1/me', { cookie: venture })).body.memberships.find(
      (m: { kind: string }) => m.kind === 'venture',
    ).organizationId
    const kommuneOrg = (await req(b, 'GET', '/v1/me', { cookie: kommune })).body.memberships[0].organizationId
    const shares = await req(a, 'GET', `/v1/ventures/${ventureId}/shares`, { cookie: venture })
    const share = shares.body.items.find(
      (s: { organizationId: string; active: boolean }) => s.organizationId === kommuneOrg && s.active,
    )
    expect(share, shares.text).toBeDefined()
    const revoked = await req(a, 'DELETE', `/v1/ventures/${ventureId}/shares/${share.id}`, {
      cookie: venture,
    })
    expect(revoked.status, revoked.text).toBe(200)
    expect(revoked.body.active).toBe(false)
    const after = await req(b, 'GET', impactPath, { cookie: kommune })
    expect(after.status).toBe(200)
    expect(after.body.ventureCount).toBe(before.body.ventureCount - 1)
    // Both instances compute the same answer: nothing of the old figures lingers in B's memory.
    const fromA = await req(a, 'GET', impactPath, {
      cookie: (await login(a, 'kommune@demo.effekt.no', DEMO_PASSWORD)).cookie!,
    })
    expect(after.body).toEqual(fromA.body)
  })
})
