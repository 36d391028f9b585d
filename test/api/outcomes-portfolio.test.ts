import type { KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { portfolioOutcomes } from '../../src/modules/outcomes/portfolio-section.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import { assign, NOW, type OutcomesWorld, outcomesWorld, report } from './outcomes-setup.ts'

let t: TestContext
let a: OutcomesWorld
let b: OutcomesWorld
beforeAll(async () => {
  t = await createTestApp()
  a = await outcomesWorld(t, 'Alfa')
  b = await outcomesWorld(t, 'Beta')
  await assign(t, a, {
    indicatorCode: 'NO-WORK-01',
    startDate: '2026-01-01',
    baseline: { value: '2', date: '2025-12-31' },
    targets: [
      { period: '2026-Q1', value: '6' },
      { period: '2026-Q2', value: '8' },
    ],
  })
  await assign(t, a, {
    indicatorCode: 'OI8869',
    startDate: '2026-01-01',
    baseline: { value: '10', date: '2025-12-31' },
    targets: [{ period: '2026-Q1', value: '20' }],
  })
  await report(t, a, '2026-Q1', [
    { indicatorCode: 'NO-WORK-01', total: '6' },
    { indicatorCode: 'OI8869', total: '13' },
  ])
  await report(
    t,
    a,
    '2026-Q2',
    [
      { indicatorCode: 'NO-WORK-01', total: '3' },
      { indicatorCode: 'OI8869', total: '14' },
    ],
    'submitted',
  )
  await assign(t, b, { indicatorCode: 'PI3527', startDate: '2026-01-01' })
})
afterAll(() => t.close())

/** Counts the queries a Kysely handle runs. */
function counting() {
  const counter = { queries: 0 }
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      counter.queries++
      return args.node
    },
    transformResult: async (args) => args.result,
  }
  return { db: t.database.db.withPlugin(plugin), counter }
}

describe('portfolio outcomes', () => {
  it('gives per venture the latest verified value, target, progress and status, and the reports to act on', async () => {
    const [alfa, beta] = await portfolioOutcomes(t.database.db, [a.ventureId, b.ventureId], NOW, 30)
    expect(alfa!.ventureId).toBe(a.ventureId)
    expect(
      alfa!.indicators.map((i) => [i.indicatorCode, i.period, i.value, i.target, i.progress, i.status]),
    ).toEqual([
      // The Q2 report is only submitted: Q1 is the latest verified value. (6 − 2) / (6 − 2) = 1.
      ['NO-WORK-01', '2026-Q1', '6', '6', '1', 'green'],
      // (13 − 10) / (20 − 10) = 0.3
      ['OI8869', '2026-Q1', '13', '20', '0.3', 'red'],
    ])
    expect(alfa!.awaitingVerification.map((r) => [r.period, r.status, r.revision])).toEqual([
      ['2026-Q2', 'submitted', 1],
    ])
    expect(alfa!.overdue.map((r) => [r.period, r.status, r.reportId, r.dueDate])).toEqual([
      ['2026-Q3', 'not_started', null, '2026-10-30'],
    ])
    expect(beta!.indicators).toEqual([
      expect.objectContaining({
        indicatorCode: 'PI3527',
        period: null,
        value: null,
        progress: null,
        status: null,
      }),
    ])
    expect(beta!.overdue.map((r) => r.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3'])
    expect(beta!.awaitingVerification).toEqual([])
  })

  it('runs the same number of queries for one venture as for many', async () => {
    const one = counting()
    await portfolioOutcomes(one.db, [a.ventureId], NOW, 30)
    const two = counting()
    await portfolioOutcomes(two.db, [a.ventureId, b.ventureId], NOW, 30)
    expect(one.counter.queries).toBe(5)
    expect(two.counter.queries).toBe(one.counter.queries)
  })

  it('agrees with the time series for the latest verified quarter', async () => {
    const series = await call(t.app, 'GET', `/v1/ventures/${a.ventureId}/outcomes?indicator=NO-WORK-01`, {
      token: a.investorViewer,
    })
    const last = series.body.series[0].points.filter((p: { value: string | null }) => p.value !== null).at(-1)
    expect(last).toMatchObject({ period: '2026-Q1', value: '6', target: '6', progress: '1', status: 'green' })
  })
})
