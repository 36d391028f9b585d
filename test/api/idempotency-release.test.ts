import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoOrgNumber } from '../../src/demo/ids.ts'
import { sha256Hex } from '../../src/modules/identity/secrets.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { testTarget } from '../helpers/database.ts'
import { makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

/**
 * The Stripe rules of PRODUCT.md §10: a key is bound to caller, route and body; a request that
 * fails frees its key at once (its writes and its key roll back together); a duplicate waits for
 * the request holding the key, then replays its answer or gets 409.
 */
let t: TestContext
let token: string
let userId: string
beforeAll(async () => {
  t = await createTestApp({ IDEMPOTENCY_WAIT_MS: 1500 })
  userId = (await makeUser(t.database.db, { platformAdmin: true })).id
  token = (await makeToken(t.database.db, userId)).token
})
afterAll(() => t.close())

const db = () => t.database.db
const keyRows = async (key: string) =>
  db().selectFrom('idempotencyKeys').selectAll().where('userId', '=', userId).where('key', '=', key).execute()
const orgsNamed = async (name: string) =>
  (await db().selectFrom('organizations').select('id').where('name', '=', name).execute()).length
const createOrg = (body: Record<string, unknown>, key: string) =>
  call(t.app, 'POST', '/v1/organizations', { token, body, headers: { 'idempotency-key': key } })

describe('keys are bound to the route and the body', () => {
  it('the same key on another route answers 422 idempotency.key_reused and writes nothing', async () => {
    expect((await createOrg({ kind: 'other', name: 'Bound Org' }, 'bound-1')).status).toBe(201)
    const tokensBefore = await db().selectFrom('apiTokens').select('id').execute()
    const res = await call(t.app, 'POST', '/v1/tokens', {
      token,
      body: { name: 'bound' },
      headers: { 'idempotency-key': 'bound-1' },
    })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.body).toMatchObject({ code: 'idempotency.key_reused' })
    expect(await db().selectFrom('apiTokens').select('id').execute()).toHaveLength(tokensBefore.length)
  })

  it('a malformed key is a 422 with its own code', async () => {
    const res = await createOrg({ kind: 'other', name: 'Bad Key Org' }, 'spaces are not allowed')
    expect(res.status).toBe(422)
    expect(res.body).toMatchObject({ code: 'idempotency.key_malformed' })
    expect(await orgsNamed('Bad Key Org')).toBe(0)
  })
})

describe('a failed request frees its key', () => {
  it('a conflict rolls back and keeps no key; the retry runs once the conflict is gone', async () => {
    const orgNumber = demoOrgNumber(20_000_000 + Math.floor(Math.random() * 1_000_000))
    const holder = await call(t.app, 'POST', '/v1/organizations', {
      token,
      body: { kind: 'other', name: 'Holder Org', orgNumber },
    })
    expect(holder.status).toBe(201)
    const body = { kind: 'other', name: 'Retried Org', orgNumber }
    const failed = await createOrg(body, 'release-1')
    expect(failed.status).toBe(409)
    expect(await keyRows('release-1')).toEqual([])
    expect(await orgsNamed('Retried Org')).toBe(0)

    const moved = await call(t.app, 'PATCH', `/v1/organizations/${holder.body.id}`, {
      token,
      body: { orgNumber: demoOrgNumber(30_000_000 + Math.floor(Math.random() * 1_000_000)) },
      headers: { 'if-match': holder.headers.get('etag') ?? '*' },
    })
    expect(moved.status, moved.text).toBe(200)
    const retried = await createOrg(body, 'release-1')
    expect(retried.status).toBe(201)
    expect(retried.headers.get('idempotent-replayed')).toBeNull()
    expect(await orgsNamed('Retried Org')).toBe(1)
    const [row] = await keyRows('release-1')
    expect(row).toMatchObject({ status: 201 })
    expect(JSON.parse(row!.body!).id).toBe(retried.body.id)
  })

  it('a key left without an answer (the design before leases) is taken over, not stuck for 48 h', async () => {
    await db()
      .insertInto('idempotencyKeys')
      .values({ userId, key: 'legacy-1', fingerprint: 'x', method: 'POST', path: '/v1/organizations' })
      .execute()
    const res = await createOrg({ kind: 'other', name: 'Legacy Org' }, 'legacy-1')
    expect(res.status).toBe(201)
    expect(await orgsNamed('Legacy Org')).toBe(1)
    expect(
      (await createOrg({ kind: 'other', name: 'Legacy Org' }, 'legacy-1')).headers.get('idempotent-replayed'),
    ).toBe('true')
  })
})

// PGlite has one connection, so a duplicate simply queues; only PostgreSQL can hold a key open.
describe.runIf(testTarget() === 'postgres')('a duplicate of a request still running', () => {
  /**
   * The answer the held request will have stored: a real organization's response (made without a
   * key), so the replay is a body the API contract allows.
   */
  const storedAnswer = async () => {
    const made = await createOrg(
      { kind: 'other', name: 'Stored Answer Org' },
      `stored-${crypto.randomUUID()}`,
    )
    expect(made.status).toBe(201)
    return made.body as Record<string, unknown>
  }

  const holdKey = async (
    key: string,
    body: Record<string, unknown>,
    answer: Record<string, unknown> = {},
  ) => {
    const fingerprint = await sha256Hex(`POST /v1/organizations\n${JSON.stringify(body)}`)
    let finish: (answer: 'commit' | 'rollback') => void = () => {}
    const decided = new Promise<'commit' | 'rollback'>((r) => {
      finish = r
    })
    let inserted: () => void = () => {}
    const ready = new Promise<void>((r) => {
      inserted = r
    })
    const done = db()
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('idempotencyKeys')
          .values({ userId, key, fingerprint, method: 'POST', path: '/v1/organizations' })
          .execute()
        inserted()
        if ((await decided) === 'rollback') throw new Error('first request failed')
        await trx
          .updateTable('idempotencyKeys')
          .set({ status: 201, contentType: 'application/json', body: JSON.stringify(answer) })
          .where('userId', '=', userId)
          .where('key', '=', key)
          .execute()
      })
      .catch(() => 'rolled back')
    await ready
    return { finish, done }
  }

  it('waits and replays the first answer when the first commits', async () => {
    const body = { kind: 'other', name: 'Waiting Org' }
    const answer = await storedAnswer()
    const first = await holdKey('wait-1', body, answer)
    const duplicate = createOrg(body, 'wait-1')
    await new Promise((r) => setTimeout(r, 300))
    first.finish('commit')
    await first.done
    const res = await duplicate
    expect(res.status).toBe(201)
    expect(res.body).toEqual(answer)
    expect(res.headers.get('idempotent-replayed')).toBe('true')
    expect(await orgsNamed('Waiting Org')).toBe(0)
  })

  it('runs itself when the first rolls back', async () => {
    const body = { kind: 'other', name: 'Second Runs Org' }
    const first = await holdKey('wait-2', body)
    const duplicate = createOrg(body, 'wait-2')
    await new Promise((r) => setTimeout(r, 300))
    first.finish('rollback')
    await first.done
    const res = await duplicate
    expect(res.status).toBe(201)
    expect(res.headers.get('idempotent-replayed')).toBeNull()
    expect(await orgsNamed('Second Runs Org')).toBe(1)
  })

  it('gets 409 idempotency.in_progress with Retry-After after waiting IDEMPOTENCY_WAIT_MS', async () => {
    const body = { kind: 'other', name: 'Busy Org' }
    const first = await holdKey('wait-3', body)
    const started = Date.now()
    const res = await createOrg(body, 'wait-3')
    first.finish('rollback')
    await first.done
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ code: 'idempotency.in_progress' })
    expect(res.headers.get('retry-after')).toBe('1')
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400)
    expect(await orgsNamed('Busy Org')).toBe(0)
  })
})
