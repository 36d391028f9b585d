import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { DEMO_PASSWORD } from '../../src/demo/ids.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call, login } from '../helpers/http.ts'

/** The portfolio carries each venture's outcomes against targets and its report workload. */
let t: TestContext
beforeAll(async () => {
  t = await createTestApp()
  t.clock.now = new Date('2026-11-27T09:00:00Z')
  await loadDemo({
    db: t.database.db,
    principal: null,
    requestId: null,
    now: t.clock.now,
    config: defaultConfig(),
  })
})
afterAll(() => t.close())

describe('portfolio outcomes', () => {
  it('lists each venture’s indicators with progress and status, and the reports to act on', async () => {
    const cookie = await login(t.app, 'investor@demo.effekt.no', DEMO_PASSWORD)
    const res = await call(t.app, 'GET', '/v1/portfolio', { cookie })
    expect(res.status).toBe(200)
    const ventures = res.body.ventures as {
      name: string
      outcomes: {
        indicatorCode: string
        status: string | null
        period: string | null
        progress: string | null
      }[]
      reportsAwaitingVerification: { period: string; status: string }[]
      overdueReports: { period: string; status: string }[]
    }[]
    for (const v of ventures) expect(v.outcomes.length, v.name).toBeGreaterThanOrEqual(4)
    const withStatus = ventures.flatMap((v) => v.outcomes).filter((o) => o.status !== null)
    expect(withStatus.length).toBeGreaterThan(0)
    for (const o of withStatus) expect(['green', 'amber', 'red']).toContain(o.status)
    const awaiting = ventures.flatMap((v) => v.reportsAwaitingVerification)
    const overdue = ventures.flatMap((v) => v.overdueReports)
    expect(awaiting.every((r) => r.status === 'submitted')).toBe(true)
    expect(res.body.reports).toEqual({ awaitingVerification: awaiting.length, overdue: overdue.length })
    expect(awaiting.length).toBeGreaterThanOrEqual(1)
    expect(overdue.length).toBeGreaterThanOrEqual(1)
  })
})
