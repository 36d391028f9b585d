import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresDatabase } from '../../src/entry/postgres.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'

/**
 * While the database cannot be reached every route that needs it answers 503 problem+json with
 * Retry-After (browsers get the dashboard's "temporarily unavailable" page), /ready says 503 and
 * /health stays 200. The database here is a real pg pool pointed at a port where nothing listens.
 */
let t: TestContext
let port: number
beforeAll(async () => {
  // Reserve a free port, then close it: connections to it are refused.
  const probe: Server = createServer()
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
  port = (probe.address() as { port: number }).port
  await new Promise((r) => probe.close(r))
  const database = createPostgresDatabase({
    connectionString: `postgres://effekt@127.0.0.1:${port}/effekt`,
    connectionTimeoutMs: 1000,
  })
  t = await createTestApp({}, database)
})
afterAll(() => t.close())

const expectUnavailable = (res: { status: number; headers: Headers; body: Record<string, unknown> }) => {
  expect(res.status).toBe(503)
  expect(res.headers.get('content-type')).toContain('application/problem+json')
  expect(res.headers.get('retry-after')).toBe('5')
  expect(res.body).toMatchObject({
    status: 503,
    code: 'database.unavailable',
    type: '/problems/database.unavailable',
  })
}

describe('the database is unreachable', () => {
  it('reads and writes answer 503 problem+json with Retry-After, not 500', async () => {
    const token = 'eff_0123456789abcdef0123456789abcdef0123456789ab'
    expectUnavailable(await call(t.app, 'GET', '/v1/me', { token }))
    expectUnavailable(await call(t.app, 'GET', '/v1/ventures', { token }))
    expectUnavailable(
      await call(t.app, 'POST', '/v1/organizations', {
        token,
        body: { kind: 'other', name: 'During outage' },
        headers: { 'idempotency-key': 'outage-1' },
      }),
    )
    expectUnavailable(
      await call(t.app, 'POST', '/v1/auth/login', {
        body: { email: 'someone@example.test', password: 'irrelevant password' },
        headers: { origin: 'http://localhost' },
      }),
    )
    expectUnavailable(await call(t.app, 'GET', '/v1/open/impact/3207.json'))
    // Outages are logged as warnings without stacks, never as unhandled errors.
    expect(t.logs.filter((l) => l.msg === 'unhandled error')).toEqual([])
    expect(t.logs.some((l) => l.msg === 'database unavailable' && l.level === 'warn')).toBe(true)
  })

  it('/ready answers 503 while /health stays 200', async () => {
    expect((await call(t.app, 'GET', '/health')).status).toBe(200)
    expectUnavailable(await call(t.app, 'GET', '/ready'))
  })

  it('a browser gets the designed "temporarily unavailable" page in nb and en', async () => {
    for (const [lang, title] of [
      ['nb', 'Midlertidig utilgjengelig'],
      ['en', 'Temporarily unavailable'],
    ] as const) {
      const res = await t.app.request('http://localhost/', {
        headers: { accept: 'text/html', 'accept-language': lang, cookie: 'effekt_session=some-session' },
      })
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('5')
      expect(res.headers.get('content-type')).toContain('text/html')
      const html = await res.text()
      expect(html).toContain(title)
      expect(html).toContain('503')
    }
  })
})
