import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { ContractViolation, contractViolations, findOperation } from '../helpers/contract.ts'
import { call } from '../helpers/http.ts'
import { assign, outcomesWorld } from './outcomes-setup.ts'

/**
 * The check every API test runs on every response (test/helpers/contract.ts, installed by
 * createTestApp): here it is shown to catch each kind of drift against openapi/openapi.json.
 */
const JSON_TYPE = 'application/json; charset=UTF-8'
const PROBLEM = 'application/problem+json'
const problem = JSON.stringify({
  type: '/problems/auth.required',
  title: 'X',
  status: 401,
  detail: 'x',
  code: 'auth.required',
})

describe('the contract check', () => {
  it('finds the operation by method and path template, literal paths first', () => {
    expect(findOperation('GET', '/v1/exports/iati.xml')?.template).toBe('/v1/exports/iati.xml')
    expect(findOperation('GET', '/v1/exports/outcomes.csv')?.template).toBe('/v1/exports/outcomes.csv')
    expect(findOperation('GET', '/v1/open/impact/3207.csv')?.template).toBe(
      '/v1/open/impact/{municipality}.csv',
    )
    expect(findOperation('GET', '/v1/reports/abc')?.template).toBe('/v1/reports/{id}')
    expect(findOperation('PUT', '/v1/reports/abc')).toBeUndefined()
    expect(findOperation('GET', '/dashboard')).toBeUndefined()
  })

  it('accepts a declared status, media type and body', () => {
    expect(contractViolations('GET', '/health', 200, JSON_TYPE, JSON.stringify({ status: 'ok' }))).toEqual([])
    expect(contractViolations('GET', '/v1/me', 401, PROBLEM, problem)).toEqual([])
    expect(contractViolations('POST', '/v1/auth/logout', 204, null, '')).toEqual([])
  })

  it('flags an undeclared status, an undeclared media type, a body for a bodiless status and a wrong body', () => {
    expect(contractViolations('GET', '/v1/me', 500, PROBLEM, problem)).toEqual([
      'GET /v1/me → 500: status not declared (declared: 200, 401, 503)',
    ])
    expect(contractViolations('GET', '/v1/me', 401, 'text/html', '<p>no</p>')).toEqual([
      'GET /v1/me → 401: media type text/html not declared (application/problem+json)',
    ])
    expect(contractViolations('POST', '/v1/auth/logout', 204, JSON_TYPE, '{}')).toEqual([
      'POST /v1/auth/logout → 204: declared without a body but sent application/json',
    ])
    const wrong = contractViolations('GET', '/v1/me', 200, JSON_TYPE, JSON.stringify({ userId: 7 }))
    expect(wrong.length).toBeGreaterThan(0)
    expect(wrong[0]).toMatch(/^GET \/v1\/me → 200: body/)
    // A field the document does not name, at the top or nested, is drift too.
    const extra = contractViolations(
      'GET',
      '/health',
      200,
      JSON_TYPE,
      JSON.stringify({ status: 'ok', secret: 1 }),
    )
    expect(extra.join('\n')).toContain('must NOT have unevaluated properties')
    const nested = contractViolations(
      'GET',
      '/v1/me',
      401,
      PROBLEM,
      JSON.stringify({
        ...JSON.parse(problem),
        errors: [{ in: 'body', path: 'x', message: 'm', code: 'validation.invalid', hash: 'h' }],
      }),
    )
    expect(nested.join('\n')).toContain('body.errors.0 must NOT have unevaluated properties')
    expect(contractViolations('GET', '/v1/me', 200, JSON_TYPE, '{oops')).toEqual([
      'GET /v1/me → 200: application/json body is not JSON',
    ])
  })
})

/** Every node of a JSON document with its JSON path. */
function* nodes(node: unknown, at = '#'): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) for (const [i, n] of node.entries()) yield* nodes(n, `${at}/${i}`)
  else if (node && typeof node === 'object') {
    yield [at, node as Record<string, unknown>]
    for (const [k, v] of Object.entries(node)) yield* nodes(v, `${at}/${k}`)
  }
}

describe('nullable named schemas', () => {
  it('are never written in a form that refuses null (allOf with a $ref, or an enum without null)', () => {
    const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'))
    const allowsNull = (s: unknown) => {
      const type = (s as { type?: unknown })?.type
      return type === 'null' || (Array.isArray(type) && type.includes('null'))
    }
    const broken: string[] = []
    for (const [at, node] of nodes(doc)) {
      // `Named.nullable()`: allOf [$ref, {type: [..., null]}] — the $ref part still refuses null.
      if (Array.isArray(node.allOf) && node.allOf.some(allowsNull)) broken.push(at)
      if (Array.isArray(node.enum) && allowsNull(node) && !node.enum.includes(null)) broken.push(at)
    }
    expect(broken).toEqual([])
  })

  let t: TestContext
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  it('accept null or the schema, nothing else (ReportTransition.fromStatus)', async () => {
    const w = await outcomesWorld(t)
    await assign(t, w, { indicatorCode: 'NO-WORK-01', startDate: '2026-01-01' })
    const created = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports`, {
      token: w.ventureEditor,
      body: { period: '2026-Q1' },
    })
    expect(created.status).toBe(201)
    // The first transition has no status to come from: null, and the check let it through.
    expect(created.body.transitions[0].fromStatus).toBeNull()
    const path = `/v1/reports/${created.body.id}`
    const check = (fromStatus: unknown) =>
      contractViolations(
        'GET',
        path,
        200,
        JSON_TYPE,
        JSON.stringify({ ...created.body, transitions: [{ ...created.body.transitions[0], fromStatus }] }),
      )
    expect(check(null)).toEqual([])
    expect(check('submitted')).toEqual([])
    expect(check('nonsense').join('\n')).toContain('body.transitions.0.fromStatus')
  })
})

describe('every response in the API suite is checked', () => {
  let broken: TestContext
  beforeAll(async () => {
    // A runtime fault the contract does not declare: login then answers 500.
    broken = await createTestApp({}, undefined, {
      clientAddress: () => {
        throw new Error('no socket')
      },
    })
  })
  afterAll(() => broken.close())

  it('fails the test when the app answers with a status the document does not declare', async () => {
    await expect(
      call(broken.app, 'POST', '/v1/auth/login', { body: { email: 'a@example.test', password: 'x' } }),
    ).rejects.toThrow(ContractViolation)
    // The same app's declared answers pass through untouched.
    expect((await call(broken.app, 'GET', '/v1/me')).status).toBe(401)
  })
})
