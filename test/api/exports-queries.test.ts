import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { registerInteropExportRoutes } from '../../src/modules/exports/interop-register.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import { QueryCounter } from '../helpers/query-counter.ts'

let t: TestContext
let base: Database
let token: string
const counter = new QueryCounter()
beforeAll(async () => {
  base = await createTestDatabase()
  await loadDemo({ db: base.db, principal: null, requestId: null, now: new Date(), config: defaultConfig() })
  const investor = await base.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'investor@demo.effekt.no')
    .executeTakeFirstOrThrow()
  token = (await makeToken(base.db, investor.id)).token
  t = await createTestApp({}, { ...base, db: base.db.withPlugin(counter) })
  registerInteropExportRoutes(t.app)
})
afterAll(() => t.close())

describe('the outcomes export', () => {
  it('reads every report of the demo portfolio in a constant number of statements', async () => {
    const reports = await base.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(reports.n)).toBeGreaterThan(100)
    counter.count = 0
    const res = await call(t.app, 'GET', '/v1/exports/outcomes.csv', { token })
    expect(res.status, res.text).toBe(200)
    // Two statements per report before (764 on the demo); now the same few for any number of
    // reports, most of them authenticating the token and resolving the caller's standing.
    expect(counter.count).toBeLessThanOrEqual(12)
    const lines = res.text.trim().split('\r\n')
    expect(lines.length).toBeGreaterThan(Number(reports.n))
  })
})
