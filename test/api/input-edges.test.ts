import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_IMPORT_ERRORS } from '../../src/modules/outcomes/import-service.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import { assign, type OutcomesWorld, outcomesWorld } from './outcomes-setup.ts'

const LIMIT = 64 * 1024
let t: TestContext
let w: OutcomesWorld
let reportId: string
beforeAll(async () => {
  t = await createTestApp({ BODY_LIMIT_BYTES: LIMIT })
  w = await outcomesWorld(t)
  await assign(t, w, { indicatorCode: 'NO-WORK-01', startDate: '2026-01-01' })
  const started = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports`, {
    token: w.ventureEditor,
    body: { period: '2026-Q1' },
  })
  reportId = started.body.id
})
afterAll(() => t.close())

const BAD_SCHEMES = [
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  'data:text/html,<b>x</b>',
  'file:///etc/passwd',
  'ftp://example.org/x',
  'mailto:a@example.org',
]

describe('URL fields accept http(s) only', () => {
  it('refuses other schemes in a venture website (create and update), writing nothing', async () => {
    for (const website of BAD_SCHEMES) {
      const created = await call(t.app, 'POST', '/v1/ventures', {
        token: w.investorEditor,
        body: { name: `Bad link ${website.slice(0, 12)}`, website },
      })
      expect(created.status, website).toBe(422)
      expect(created.body.errors).toEqual([
        expect.objectContaining({ path: 'website', message: 'Must be an http(s) URL.' }),
      ])
      const patched = await call(t.app, 'PATCH', `/v1/ventures/${w.ventureId}`, {
        token: w.investorEditor,
        body: { website },
        headers: { 'if-match': '*' },
      })
      expect(patched.status, website).toBe(422)
    }
    const names = await t.database.db
      .selectFrom('organizations')
      .select('name')
      .where('name', 'like', 'Bad link%')
      .execute()
    expect(names).toEqual([])
    const venture = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}`, { token: w.investorEditor })
    expect(venture.body.website).toBeNull()
    const ok = await call(t.app, 'POST', '/v1/ventures', {
      token: w.investorEditor,
      body: { name: 'Good link AS', website: 'https://example.org/om-oss' },
    })
    expect(ok.status).toBe(201)
    expect(ok.body.website).toBe('https://example.org/om-oss')
  })

  it('refuses other schemes in evidence links, in JSON and in a CSV import', async () => {
    for (const link of BAD_SCHEMES) {
      const res = await call(t.app, 'PUT', `/v1/reports/${reportId}/values`, {
        token: w.ventureEditor,
        body: { values: [{ indicatorCode: 'NO-WORK-01', total: '3', evidence: [link] }] },
      })
      expect(res.status, link).toBe(422)
      expect(res.body.errors[0]).toMatchObject({
        path: 'values.0.evidence.0',
        message: 'Must be an http(s) URL.',
      })
    }
    const csv =
      'period;indicator;dimension;category;value;evidence\r\n2026-Q1;NO-WORK-01;;;3;javascript:alert(1)\r\n'
    const imported = await upload(csv)
    expect(imported.status).toBe(422)
    expect(imported.body.errors[0].message).toContain('is not an http(s) link')
  })
})

const upload = (csv: string) =>
  call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports/import`, {
    token: w.ventureEditor,
    body: csv,
    headers: { 'content-type': 'text/csv' },
  })

describe('request body size limit (BODY_LIMIT_BYTES)', () => {
  it('answers 413 request.too_large to a JSON body over the limit, and accepts one under it', async () => {
    const big = await call(t.app, 'POST', '/v1/ventures', {
      token: w.investorEditor,
      body: { name: 'Too big AS', description: 'x'.repeat(LIMIT) },
    })
    expect(big.status).toBe(413)
    expect(big.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(big.body).toMatchObject({ status: 413, code: 'request.too_large' })
    expect(big.body.detail).toContain(String(LIMIT))
    const fits = await call(t.app, 'POST', '/v1/ventures', {
      token: w.investorEditor,
      body: { name: 'Fits AS', description: 'x'.repeat(4000) },
    })
    expect(fits.status).toBe(201)
  })

  it('answers 413 to a CSV upload over the limit, and stores nothing', async () => {
    const row = '2026-Q1;NO-WORK-01;;;3\r\n'
    const csv = `period;indicator;dimension;category;value\r\n${row.repeat(Math.ceil(LIMIT / row.length) + 1)}`
    const res = await upload(csv)
    expect(res.status).toBe(413)
    expect(res.body.code).toBe('request.too_large')
    const values = await t.database.db.selectFrom('reportValues').selectAll().execute()
    expect(values).toEqual([])
  })
})

describe('CSV import errors', () => {
  it(`lists the first ${MAX_IMPORT_ERRORS} errors of a big bad file, in file order, with the total in errorCount`, async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `2026-Q9;NO-WORK-01;;;${i}\r\n`).join('')
    const res = await upload(`period;indicator;dimension;category;value\r\n${rows}`)
    expect(res.status).toBe(422)
    expect(res.body.errorCount).toBe(1500)
    expect(res.body.errors).toHaveLength(MAX_IMPORT_ERRORS)
    expect(res.body.errors.map((e: { line: number }) => e.line)).toEqual(
      Array.from({ length: MAX_IMPORT_ERRORS }, (_, i) => i + 2),
    )
    expect(res.body.detail).toBe('The file has 1500 errors; nothing was imported. The first 100 are listed.')
    const few = await upload('period;indicator;dimension;category;value\r\n2026-Q9;NO-WORK-01;;;1\r\n')
    expect(few.body).toMatchObject({ errorCount: 1, detail: 'The file has 1 error; nothing was imported.' })
  })
})

/** Through a real Node server: what a client that asked for gzip gets on the wire. */
describe('compressed error responses', () => {
  let server: ReturnType<typeof serve>
  let port: number
  beforeAll(async () => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const send = (method: string, path: string, opts: { body?: string; type?: string; token?: string } = {}) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>(
      (resolve, reject) => {
        const headers: Record<string, string> = { 'accept-encoding': 'gzip' }
        if (opts.type) headers['content-type'] = opts.type
        if (opts.token) headers.authorization = `Bearer ${opts.token}`
        const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const raw = Buffer.concat(chunks)
            const gzip = res.headers['content-encoding'] === 'gzip'
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: (gzip ? gunzipSync(raw) : raw).toString(),
            })
          })
        })
        req.on('error', reject)
        if (opts.body) req.write(opts.body)
        req.end()
      },
    )

  it('sends every error body readable: decoded as its Content-Encoding says, it is the problem', async () => {
    const bigCsv = `period;indicator;dimension;category;value\r\n${'2026-Q9;NO-WORK-01;;;1\r\n'.repeat(300)}`
    const cases = [
      { method: 'DELETE', path: '/v1/me', status: 405 },
      { method: 'PUT', path: '/health', status: 405 },
      { method: 'GET', path: '/v1/no-such-thing', status: 404 },
      { method: 'GET', path: '/v1/me', status: 401 },
      { method: 'POST', path: '/v1/auth/login', body: '{', type: 'application/json', status: 400 },
      {
        method: 'POST',
        path: `/v1/ventures/${w.ventureId}/reports/import`,
        body: bigCsv,
        type: 'text/csv',
        token: w.ventureEditor,
        status: 422,
      },
    ]
    for (const c of cases) {
      const res = await send(c.method, c.path, c)
      expect(res.status, `${c.method} ${c.path}`).toBe(c.status)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(JSON.parse(res.text)).toMatchObject({ status: c.status })
      if (c.status === 405) expect(res.headers.allow).toBeTruthy()
    }
    // The big one is worth compressing, and is compressed.
    const big = await send('POST', `/v1/ventures/${w.ventureId}/reports/import`, {
      body: bigCsv,
      type: 'text/csv',
      token: w.ventureEditor,
    })
    expect(big.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(big.text).errorCount).toBe(300)
  })
})
