/// <reference types="vite/client" />
import { z } from '@hono/zod-openapi'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApiDocument } from '../../src/openapi-document.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import {
  ACTORS,
  type ActorName,
  buildWorld,
  type MatrixCase,
  type MatrixRequest,
  type World,
} from '../helpers/matrix.ts'

/**
 * The contract test: every operation in the OpenAPI document is called for real, and every
 * response must have a status the operation declares, a declared media type for that status, and
 * a body the declared schema accepts — with no fields the schema does not name. The schemas are
 * the zod schemas the document is generated from (the app's OpenAPI registry), so this proves
 * the document describes what the server does. Requests come from the permission matrix's case
 * files (test/api/permission-cases/*.ts): one call per distinct status the matrix expects
 * (an allowed actor's 2xx, and each refusal: 401, 403, 404). An operation without a case fails.
 */

// Every case file, including ones added later: each exports arrays of MatrixCase.
const caseModules = import.meta.glob<Record<string, unknown>>('./permission-cases/*.ts', { eager: true })
const isCaseList = (v: unknown): v is MatrixCase[] =>
  Array.isArray(v) && v.every((c) => typeof c?.operationId === 'string' && typeof c?.request === 'function')
const cases: MatrixCase[] = Object.values(caseModules).flatMap((m) =>
  Object.values(m).filter(isCaseList).flat(),
)

interface DocOperation {
  operationId: string
  method: string
  path: string
}

type Content = Record<string, { schema: z.ZodType }>
interface RouteDefinition {
  method: string
  path: string
  operationId?: string
  request?: { body?: unknown }
  responses: Record<string, { content?: Content }>
}

/** Allowed actors first: the 2xx call then runs as the most powerful one that may. */
const PREFERRED: ActorName[] = [
  'platformAdmin',
  'investorAdmin',
  'ventureAdmin',
  'municipalityAdmin',
  'agencyAdmin',
  ...ACTORS,
]

/** One actor per distinct expected status. */
function representativeActors(c: MatrixCase): ActorName[] {
  const seen = new Map<number, ActorName>()
  for (const actor of new Set(PREFERRED)) {
    const status = c.expect(actor)
    if (!seen.has(status)) seen.set(status, actor)
  }
  return [...seen.entries()].sort(([a], [b]) => a - b).map(([, actor]) => actor)
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Keys in what the server sent that the schema dropped: zod objects strip unknown keys, so a
 * field the document does not describe shows up as missing from the parsed value.
 */
function undeclaredKeys(sent: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed))
    return sent.flatMap((item, i) => undeclaredKeys(item, parsed[i], `${at}[${i}]`))
  if (!isPlainObject(sent) || !isPlainObject(parsed)) return []
  return Object.keys(sent).flatMap((key) =>
    key in parsed
      ? undeclaredKeys(sent[key], parsed[key], at ? `${at}.${key}` : key)
      : [at ? `${at}.${key}` : key],
  )
}

const mediaType = (header: string | null) => (header ?? '').split(';')[0]!.trim().toLowerCase()

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

/** The same request with its first path id replaced by something that is not an id. */
function malformedId(r: MatrixRequest): MatrixRequest {
  const [path, query] = r.path.split('?') as [string, string | undefined]
  if (!UUID.test(path)) return r
  return { ...r, path: `${path.replace(UUID, 'not-an-id')}${query ? `?${query}` : ''}` }
}

interface ObservedResponse {
  status: number
  headers: Headers
  body: unknown
  text: string
}

/** What is wrong with one response against the route's declared responses (nothing: []). */
function checkResponse(route: RouteDefinition, res: ObservedResponse): string[] {
  const declared = route.responses[String(res.status)]
  if (!declared) return [`status not declared (declared: ${Object.keys(route.responses).join(', ')})`]
  const content = declared.content ?? {}
  const type = mediaType(res.headers.get('content-type'))
  if (Object.keys(content).length === 0)
    return res.text === '' ? [] : [`declared without a body but sent ${type || 'a body'}`]
  const schema = content[type]?.schema
  if (!schema) return [`media type ${type || '(none)'} not declared (${Object.keys(content).join(', ')})`]
  const body = /json/.test(type) ? res.body : res.text
  const parsed = schema.safeParse(body)
  if (!parsed.success)
    return parsed.error.issues.slice(0, 3).map((i) => `body.${i.path.join('.')}: ${i.message}`)
  const extra = undeclaredKeys(body, parsed.data)
  return extra.length ? [`undeclared fields ${extra.slice(0, 5).join(', ')}`] : []
}

let t: TestContext
let world: World
const operations: DocOperation[] = []
const routes = new Map<string, RouteDefinition>()

beforeAll(async () => {
  t = await createTestApp()
  world = await buildWorld(t.app, t.database.db)
  const doc = openApiDocument(t.app) as unknown as {
    paths: Record<string, Record<string, { operationId?: string }>>
  }
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      operations.push({ operationId: op.operationId ?? `${method} ${path}`, method, path })
    }
  }
  for (const def of t.app.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue
    const route = def.route as unknown as RouteDefinition
    routes.set(`${route.method} ${route.path}`, route)
  }
})
afterAll(() => t.close())

describe('contract: every operation against its declared responses', () => {
  it('has a way to build a request for every operation in the document', () => {
    const covered = new Set(cases.map((c) => c.operationId))
    const missing = operations.filter((o) => !covered.has(o.operationId)).map((o) => o.operationId)
    expect(missing, 'operations without a case in test/api/permission-cases/').toEqual([])
    expect(operations.length).toBeGreaterThan(10)
  })

  // Hundreds of requests, each response also checked against openapi.json: slow on a busy machine.
  it('answers every operation with a declared status, media type and schema', async () => {
    const failures: string[] = []
    let checked = 0
    let covered = 0
    for (const op of operations) {
      const c = cases.find((x) => x.operationId === op.operationId)
      const route = routes.get(`${op.method} ${op.path}`)
      if (!route) failures.push(`${op.operationId}: not in the app's OpenAPI registry`)
      if (!c || !route) continue
      covered++
      const actors = representativeActors(c)
      const allowed = actors.find((a) => c.expect(a) < 300)
      if (!allowed) failures.push(`${op.operationId}: no actor may call it`)
      const probes: { label: string; actor: ActorName; alter?: (r: MatrixRequest) => MatrixRequest }[] =
        actors.map((actor) => ({ label: actor, actor }))
      if (allowed) {
        // Bad input must get a declared problem too: a body of the wrong shape, a malformed id.
        probes.push({ label: `${allowed} with a malformed id`, actor: allowed, alter: malformedId })
        if (route.request?.body)
          probes.push({
            label: `${allowed} with an array body`,
            actor: allowed,
            alter: (r) => ({ ...r, body: [] }),
          })
      }
      for (const probe of probes) {
        const built = await c.request(world, probe.actor)
        const req = probe.alter ? probe.alter(built) : built
        if (req === built && probe.alter) continue // nothing to alter (no id in the path)
        const res = await call(t.app, op.method.toUpperCase(), req.path, {
          cookie: req.cookie ?? world.cookies[probe.actor],
          body: req.body,
          headers: req.headers,
        })
        checked++
        const found = checkResponse(route, res)
        failures.push(...found.map((f) => `${op.operationId} as ${probe.label} → ${res.status}: ${f}`))
      }
    }
    expect(failures).toEqual([])
    expect(checked).toBeGreaterThanOrEqual(covered * 2)
  }, 120_000)
})

describe('contract helpers', () => {
  it('finds fields the schema does not declare, at any depth', () => {
    const sent = { id: 'a', secret: 'x', items: [{ n: 1, extra: true }], nested: { ok: 1, leak: 2 } }
    const parsed = { id: 'a', items: [{ n: 1 }], nested: { ok: 1 } }
    expect(undeclaredKeys(sent, parsed)).toEqual(['secret', 'items[0].extra', 'nested.leak'])
    expect(undeclaredKeys({ a: 1 }, { a: 1 })).toEqual([])
  })

  it('picks one actor per expected status, allowed ones first', () => {
    const c: MatrixCase = {
      operationId: 'x',
      request: () => ({ path: '/x' }),
      expect: (a) => (a === 'anonymous' ? 401 : a === 'investorAdmin' ? 200 : 404),
    }
    expect(representativeActors(c)).toEqual(['investorAdmin', 'anonymous', 'platformAdmin'])
  })

  it('flags undeclared statuses, media types, schema mismatches and undeclared fields', () => {
    const route: RouteDefinition = {
      method: 'get',
      path: '/x',
      responses: {
        200: { content: { 'application/json': { schema: z.object({ id: z.string() }) } } },
        204: {},
      },
    }
    const res = (status: number, type: string, body: unknown): ObservedResponse => ({
      status,
      headers: new Headers(type ? { 'content-type': type } : {}),
      body,
      text: body === undefined ? '' : JSON.stringify(body),
    })
    expect(checkResponse(route, res(200, 'application/json; charset=UTF-8', { id: 'a' }))).toEqual([])
    expect(checkResponse(route, res(204, '', undefined))).toEqual([])
    expect(checkResponse(route, res(404, 'application/problem+json', {}))).toEqual([
      'status not declared (declared: 200, 204)',
    ])
    expect(checkResponse(route, res(200, 'text/csv', { id: 'a' }))).toEqual([
      'media type text/csv not declared (application/json)',
    ])
    expect(checkResponse(route, res(200, 'application/json', { id: 1 }))).toEqual([
      'body.id: Invalid input: expected string, received number',
    ])
    expect(checkResponse(route, res(200, 'application/json', { id: 'a', hash: 'x' }))).toEqual([
      'undeclared fields hash',
    ])
    expect(checkResponse(route, res(204, 'application/json', { id: 'a' }))).toEqual([
      'declared without a body but sent application/json',
    ])
  })
})
