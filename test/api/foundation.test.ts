import { z } from '@hono/zod-openapi'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, jsonBody, problems, route } from '../../src/http/openapi.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'

let t: TestContext

const Echo = z.object({ name: z.string().min(1), amount: z.string().regex(/^\d+(\.\d{1,2})?$/) })

beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT_BYTES: 2048 })
  // Test-only routes that exercise the shared plumbing (validation, errors) like a real route.
  t.app.openapi(
    route({
      method: 'post',
      path: '/test/echo',
      access: 'public',
      request: jsonBody(Echo, 'anything'),
      responses: { 200: json(Echo, 'echo'), ...problems(400, 413, 415, 422) },
    }),
    (c) => c.json(c.req.valid('json'), 200),
  )
  t.app.get('/test/boom', () => {
    throw new Error('secret internal detail')
  })
})
afterAll(() => t.close())

const expectProblem = async (res: Response, status: number) => {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const body = (await res.json()) as Record<string, unknown>
  expect(body).toMatchObject({
    status,
    type: expect.stringMatching(/^\/problems\//),
    title: expect.any(String),
  })
  expect(typeof body.detail).toBe('string')
  return body
}

describe('health', () => {
  it('GET /health answers 200', async () => {
    const res = await t.app.request('/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })
  it('GET /ready answers 200 when the database answers', async () => {
    const res = await t.app.request('/ready')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ready' })
  })
})

describe('every non-success is problem+json', () => {
  it('unknown route → 404', async () => {
    await expectProblem(await t.app.request('/v1/nothing-here'), 404)
  })
  it('wrong method → 405 with Allow', async () => {
    const res = await t.app.request('/health', { method: 'DELETE' })
    await expectProblem(res, 405)
    expect(res.headers.get('allow')).toContain('GET')
  })
  it('malformed JSON → 400', async () => {
    const res = await t.app.request('/test/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    })
    await expectProblem(res, 400)
  })
  it('schema violation → 422 with errors[] naming each field', async () => {
    const res = await t.app.request('/test/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', amount: '1e3' }),
    })
    const body = await expectProblem(res, 422)
    const paths = (body.errors as { path: string; in: string }[]).map((e) => e.path).sort()
    expect(paths).toEqual(['amount', 'name'])
    expect((body.errors as { in: string }[])[0]?.in).toBe('body')
  })
  it('too large → 413', async () => {
    const res = await t.app.request('/test/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(5000), amount: '1' }),
    })
    await expectProblem(res, 413)
  })
  it('unsupported media type → 415', async () => {
    const res = await t.app.request('/test/echo', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'name=x',
    })
    await expectProblem(res, 415)
  })
  it('a missing body on a route that requires one → 4xx problem', async () => {
    const res = await t.app.request('/test/echo', { method: 'POST' })
    expect([400, 422]).toContain(res.status)
    expect(res.headers.get('content-type')).toMatch(/problem\+json/)
  })
  it('unexpected error → 500 with the request id and no stack; the stack goes to the log', async () => {
    const res = await t.app.request('/test/boom', { headers: { 'x-request-id': 'req-boom-1' } })
    const body = await expectProblem(res, 500)
    expect(body.requestId).toBe('req-boom-1')
    expect(JSON.stringify(body)).not.toContain('secret internal detail')
    const logged = t.logs.find((l) => l.msg === 'unhandled error' && l.requestId === 'req-boom-1')
    expect(logged?.stack).toContain('secret internal detail')
  })
})

describe('request plumbing', () => {
  it('generates a request id or echoes the caller’s', async () => {
    const generated = await t.app.request('/health')
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const echoed = await t.app.request('/health', { headers: { 'x-request-id': 'abc-123' } })
    expect(echoed.headers.get('x-request-id')).toBe('abc-123')
  })
  it('logs one structured line per request', async () => {
    await t.app.request('/health', { headers: { 'x-request-id': 'log-check' } })
    const lines = t.logs.filter((l) => l.msg === 'request' && l.requestId === 'log-check')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      method: 'GET',
      path: '/health',
      status: 200,
      durationMs: expect.any(Number),
    })
  })
  it('sets security headers', async () => {
    const res = await t.app.request('/health')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })
  it('compresses large responses when the client accepts gzip', async () => {
    const res = await t.app.request('/openapi.json', { headers: { 'accept-encoding': 'gzip' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
  })
  it('serves the OpenAPI 3.1 document and the API reference page', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as { openapi: string; paths: object }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toContain('/health')
    const docs = await t.app.request('/docs')
    expect(docs.status).toBe(200)
    const html = await docs.text()
    expect(html).toContain('/assets/swagger-ui/swagger-ui-bundle.js')
    expect(html).not.toMatch(/https?:\/\//)
  })
})

describe('readiness follows the database', () => {
  it('answers 503 while the database does not answer and 200 again once it does', async () => {
    let down = true
    const flaky = {
      ...t.database,
      ping: async () => (down ? Promise.reject(new Error('connection refused')) : t.database.ping()),
    }
    const own = await createTestApp({}, flaky)
    expect((await own.app.request('/ready')).status).toBe(503)
    down = false
    expect((await own.app.request('/ready')).status).toBe(200)
  })
  it('GET /ready answers 503 problem+json once the database is closed', async () => {
    const own = await createTestApp()
    await own.database.close()
    const res = await own.app.request('/ready')
    await expectProblem(res, 503)
  })
})
