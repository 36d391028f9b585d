import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError, type Client, createClient, isApiError } from '../../src/client/index.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeUser, TEST_PASSWORD } from '../helpers/factories.ts'

/**
 * The typed client (src/client, types generated from openapi/openapi.json) against the real Node
 * server on a free port: if the document and the server disagree on a path, a parameter or a
 * body, these calls fail at compile time (npm run typecheck) or here.
 */
let t: TestContext
let server: ServerType
let baseUrl: string
let adminEmail: string

beforeAll(async () => {
  t = await createTestApp()
  adminEmail = (await makeUser(t.database.db, { platformAdmin: true })).email
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await t.close()
})

const countOrganizations = async () =>
  (
    await t.database.db
      .selectFrom('organizations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n

/** Runs a call that must fail and returns its ApiError. */
async function failure(call: Promise<unknown>): Promise<ApiError> {
  try {
    await call
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error('the call succeeded')
}

describe('typed client against the running server', () => {
  let session: Client
  let viaToken: Client
  let orgId: string

  it('signs in with the session cookie as a platform admin', async () => {
    session = createClient({ baseUrl })
    const login = await session.login(adminEmail, TEST_PASSWORD)
    expect(login.me.email).toBe(adminEmail)
    expect(login.me.isPlatformAdmin).toBe(true)
    const me = await session.get('/v1/me')
    expect(me.status).toBe(200)
    expect(me.data.authenticatedVia).toBe('session')
  })

  it('creates an API token and uses it as a bearer', async () => {
    const created = await session.post('/v1/tokens', { body: { name: 'client test', expiresInDays: 7 } })
    expect(created.status).toBe(201)
    expect(created.data.token).toMatch(/^eff_/)
    viaToken = createClient({ baseUrl, token: created.data.token })
    const me = await viaToken.get('/v1/me')
    expect(me.data.authenticatedVia).toBe('token')
    expect(me.data.email).toBe(adminEmail)
  })

  it('creates an organization and reads it back', async () => {
    const created = await viaToken.post('/v1/organizations', {
      body: { kind: 'municipality', name: 'Klientby kommune', municipalityNumbers: ['3207'] },
      header: { 'idempotency-key': 'client-test-create-1' },
    })
    expect(created.status).toBe(201)
    orgId = created.data.id
    expect(created.data).toMatchObject({ kind: 'municipality', name: 'Klientby kommune', orgNumber: null })

    const read = await viaToken.get('/v1/organizations/{id}', { path: { id: orgId } })
    expect(read.status).toBe(200)
    expect(read.data).toEqual(created.data)
    expect(read.headers.get('etag')).toBeTruthy()

    // The same Idempotency-Key and body: the first response again, nothing created twice.
    const before = await countOrganizations()
    const again = await viaToken.post('/v1/organizations', {
      body: { kind: 'municipality', name: 'Klientby kommune', municipalityNumbers: ['3207'] },
      header: { 'idempotency-key': 'client-test-create-1' },
    })
    expect(again.data.id).toBe(orgId)
    expect(await countOrganizations()).toBe(before)
  })

  it('updates with If-Match and lists with query parameters', async () => {
    const read = await viaToken.get('/v1/organizations/{id}', { path: { id: orgId } })
    const updated = await viaToken.patch('/v1/organizations/{id}', {
      path: { id: orgId },
      header: { 'if-match': read.headers.get('etag')! },
      body: { name: 'Klientby kommune (ny)' },
    })
    expect(updated.data.name).toBe('Klientby kommune (ny)')
    const stale = await failure(
      viaToken.patch('/v1/organizations/{id}', {
        path: { id: orgId },
        header: { 'if-match': read.headers.get('etag')! },
        body: { name: 'Stale' },
      }),
    )
    expect(stale.status).toBe(412)

    const page = await viaToken.get('/v1/organizations', { query: { kind: 'municipality', limit: 50 } })
    expect(page.data.items.map((o) => o.name)).toContain('Klientby kommune (ny)')
    expect(page.data.items.every((o) => o.kind === 'municipality')).toBe(true)
  })

  it('surfaces a 404 as a typed problem', async () => {
    const err = await failure(
      viaToken.get('/v1/organizations/{id}', { path: { id: '00000000-0000-4000-8000-000000000000' } }),
    )
    expect(isApiError(err, 404)).toBe(true)
    expect(err.problem).toMatchObject({
      type: '/problems/organization.not_found',
      code: 'organization.not_found',
      title: 'Organization not found',
      status: 404,
    })
    expect(err.problem.requestId).toBeTruthy()
    expect(err.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('surfaces a 422 with the field errors, and writes nothing', async () => {
    const before = await countOrganizations()
    const err = await failure(
      viaToken.post('/v1/organizations', {
        body: { kind: 'investor', name: '   ', orgNumber: '123456789' },
      }),
    )
    expect(err.status).toBe(422)
    expect(err.problem.type).toBe('/problems/validation.failed')
    expect(err.problem.code).toBe('validation.failed')
    expect(err.errors.map((e) => `${e.in}:${e.path}`).sort()).toEqual(['body:name', 'body:orgNumber'])
    expect(await countOrganizations()).toBe(before)
  })

  it('surfaces 401 for an anonymous caller and after logout', async () => {
    const anonymous = createClient({ baseUrl })
    expect((await failure(anonymous.get('/v1/me'))).status).toBe(401)
    const out = await session.post('/v1/auth/logout')
    expect(out.status).toBe(204)
    expect(out.data).toBeUndefined()
    expect((await failure(session.get('/v1/me'))).problem.status).toBe(401)
  })
})

/**
 * Compile-time checks (run by `npm run typecheck`): the client refuses what the document does
 * not allow. Never called.
 */
async function typeChecks(c: Client): Promise<void> {
  // @ts-expect-error the path parameter is required
  await c.get('/v1/organizations/{id}')
  // @ts-expect-error no such path
  await c.get('/v1/organisations')
  // @ts-expect-error name must be a string
  await c.post('/v1/organizations', { body: { kind: 'investor', name: 1 } })
  // @ts-expect-error not an organization kind
  await c.post('/v1/organizations', { body: { kind: 'bank', name: 'x' } })
  // @ts-expect-error GET /health takes no body
  await c.get('/health', { body: {} })
  const health = await c.get('/health')
  // @ts-expect-error the status is the literal 'ok'
  const wrong: 'down' = health.data.status
  void wrong
}
void typeChecks
