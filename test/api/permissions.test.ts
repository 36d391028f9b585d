import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openApiDocument } from '../../src/openapi-document.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import { ACTORS, buildWorld, type MatrixCase, type World } from '../helpers/matrix.ts'
import { annualReportCases } from './permission-cases/annual-report.ts'
import { capitalCases } from './permission-cases/capital.ts'
import { economicsCases } from './permission-cases/economics.ts'
import { identityCases } from './permission-cases/identity.ts'
import { impactCases } from './permission-cases/impact.ts'
import { interopCases } from './permission-cases/interop.ts'
import { mailCases } from './permission-cases/mail.ts'
import { notificationCases } from './permission-cases/notifications.ts'
import { outcomesCases } from './permission-cases/outcomes.ts'
import { ssoCases } from './permission-cases/sso.ts'
import { ventureCases } from './permission-cases/ventures.ts'

/**
 * One table: every operation in the OpenAPI document × every actor → the status it must get.
 * An operation without a case fails the test, so a new route cannot skip its permissions.
 */
const cases: MatrixCase[] = [
  ...identityCases,
  ...ventureCases,
  ...capitalCases,
  ...outcomesCases,
  ...economicsCases,
  ...interopCases,
  ...impactCases,
  ...annualReportCases,
  ...ssoCases,
  ...notificationCases,
  ...mailCases,
]

let t: TestContext
let world: World
const operations: { operationId: string; method: string }[] = []

beforeAll(async () => {
  t = await createTestApp()
  world = await buildWorld(t.app, t.database.db)
  const doc = openApiDocument(t.app) as unknown as {
    paths: Record<string, Record<string, { operationId?: string }>>
  }
  for (const methods of Object.values(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (op.operationId) operations.push({ operationId: op.operationId, method: method.toUpperCase() })
    }
  }
})
afterAll(() => t.close())

describe('permission matrix', () => {
  it('has a case for every operation in the OpenAPI document', () => {
    const covered = new Set(cases.map((c) => c.operationId))
    expect(operations.map((o) => o.operationId).filter((id) => !covered.has(id))).toEqual([])
    expect(operations.length).toBeGreaterThan(10)
  })

  // Hundreds of requests, each response also checked against openapi.json: slow on a busy machine.
  it('answers every route × actor with the allowed status', async () => {
    const mismatches: string[] = []
    for (const op of operations) {
      const c = cases.find((x) => x.operationId === op.operationId)
      if (!c) continue
      for (const actor of ACTORS) {
        const req = await c.request(world, actor)
        const res = await call(t.app, op.method, req.path, {
          cookie: req.cookie ?? world.cookies[actor],
          body: req.body,
          headers: req.headers,
        })
        const want = c.expect(actor)
        if (res.status !== want)
          mismatches.push(
            `${op.operationId} as ${actor}: got ${res.status}, want ${want} (${res.text.slice(0, 120)})`,
          )
        if (res.status >= 400)
          expect(res.headers.get('content-type'), `${op.operationId} as ${actor}`).toMatch(/problem\+json/)
      }
    }
    expect(mismatches).toEqual([])
    // Some 2,800 requests: give a shared, busy machine room.
  }, 120_000)
})
