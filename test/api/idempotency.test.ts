import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

let t: TestContext
let token: string
beforeAll(async () => {
  t = await createTestApp()
  token = (await makeToken(t.database.db, (await makeUser(t.database.db, { platformAdmin: true })).id)).token
})
afterAll(() => t.close())

const countOrgs = async (name: string) =>
  (await t.database.db.selectFrom('organizations').select('id').where('name', '=', name).execute()).length

describe('Idempotency-Key on creating requests', () => {
  it('the same key and body return the first response and create one row', async () => {
    const body = { kind: 'other', name: 'Idem Org A' }
    const headers = { 'idempotency-key': 'key-a' }
    const first = await call(t.app, 'POST', '/v1/organizations', { token, body, headers })
    const second = await call(t.app, 'POST', '/v1/organizations', { token, body, headers })
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.body).toEqual(first.body)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(await countOrgs('Idem Org A')).toBe(1)
  })

  it('the same key with a different body answers 422 and writes nothing', async () => {
    const headers = { 'idempotency-key': 'key-b' }
    expect(
      (
        await call(t.app, 'POST', '/v1/organizations', {
          token,
          body: { kind: 'other', name: 'Idem Org B' },
          headers,
        })
      ).status,
    ).toBe(201)
    const other = await call(t.app, 'POST', '/v1/organizations', {
      token,
      body: { kind: 'other', name: 'Idem Org B2' },
      headers,
    })
    expect(other.status).toBe(422)
    expect(other.body.errors[0]).toMatchObject({ in: 'header', path: 'idempotency-key' })
    expect(await countOrgs('Idem Org B2')).toBe(0)
  })

  it('concurrent duplicates create one row and all get the same answer', async () => {
    const body = { kind: 'other', name: 'Idem Org C' }
    const headers = { 'idempotency-key': 'key-c' }
    const results = await Promise.all(
      Array.from({ length: 5 }, () => call(t.app, 'POST', '/v1/organizations', { token, body, headers })),
    )
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201])
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1)
    expect(await countOrgs('Idem Org C')).toBe(1)
  })

  it('keys are per user: another user may use the same key', async () => {
    const other = (
      await makeToken(t.database.db, (await makeUser(t.database.db, { platformAdmin: true })).id)
    ).token
    const headers = { 'idempotency-key': 'key-shared' }
    const a = await call(t.app, 'POST', '/v1/organizations', {
      token,
      body: { kind: 'other', name: 'Idem D1' },
      headers,
    })
    const b = await call(t.app, 'POST', '/v1/organizations', {
      token: other,
      body: { kind: 'other', name: 'Idem D2' },
      headers,
    })
    expect([a.status, b.status]).toEqual([201, 201])
    expect(a.body.id).not.toBe(b.body.id)
  })

  it('a validation error is replayed too, and a malformed key is refused', async () => {
    const headers = { 'idempotency-key': 'key-e' }
    const bad = { kind: 'nonsense', name: 'X' }
    const first = await call(t.app, 'POST', '/v1/organizations', { token, body: bad, headers })
    const again = await call(t.app, 'POST', '/v1/organizations', { token, body: bad, headers })
    expect(first.status).toBe(422)
    expect(again.status).toBe(422)
    const malformed = await call(t.app, 'POST', '/v1/organizations', {
      token,
      body: { kind: 'other', name: 'Idem F' },
      headers: { 'idempotency-key': 'has spaces in it' },
    })
    expect(malformed.status).toBe(422)
    expect(await countOrgs('Idem F')).toBe(0)
  })
})
