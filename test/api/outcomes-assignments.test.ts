import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import { assign, type OutcomesWorld, outcomesWorld, report } from './outcomes-setup.ts'

let t: TestContext
let w: OutcomesWorld
let id: string
beforeAll(async () => {
  t = await createTestApp()
  w = await outcomesWorld(t)
  const created = await assign(t, w, {
    indicatorCode: 'NO-WORK-01',
    baseline: { value: '2', date: '2024-12-31' },
    targets: [
      { period: '2025-Q1', value: '3' },
      { period: '2025-Q2', value: '4' },
      { period: '2025', value: '14' },
    ],
  })
  id = created.id
  await report(t, w, '2025-Q1', [{ indicatorCode: 'NO-WORK-01', total: '3' }])
})
afterAll(() => t.close())

const patch = (body: unknown, token = w.investorEditor) =>
  call(t.app, 'PATCH', `/v1/assignments/${id}`, { token, body })

describe('assignments', () => {
  it('lists what the venture reports on, with targets and which of them are locked', async () => {
    const res = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/assignments`, {
      token: w.ventureViewer,
    })
    expect(res.status).toBe(200)
    expect(res.body.nextCursor).toBeNull()
    expect(res.body.items[0]).toMatchObject({
      indicatorCode: 'NO-WORK-01',
      indicator: { code: 'NO-WORK-01', aggregation: 'sum' },
      frequency: 'quarterly',
      startDate: '2025-01-01',
      endDate: null,
      baseline: { value: '2', date: '2024-12-31' },
      createdByOrgId: w.investorId,
      targets: [
        { period: '2025', value: '14', locked: false },
        { period: '2025-Q1', value: '3', locked: true },
        { period: '2025-Q2', value: '4', locked: false },
      ],
    })
  })

  it('keeps a target once its period’s report is verified, and the baseline once any value is', async () => {
    const locked = await patch({
      targets: [
        { period: '2025-Q2', value: '5' },
        { period: '2025-Q1', value: '9' },
      ],
    })
    expect(locked.status).toBe(409)
    expect(locked.body.errors).toEqual([
      expect.objectContaining({
        path: 'targets.1.period',
        message: expect.stringContaining('2025-Q1 is verified'),
      }),
    ])
    const open = await patch({
      targets: [
        { period: '2025-Q2', value: '5' },
        { period: '2025', value: null },
      ],
    })
    expect(open.status, JSON.stringify(open.body)).toBe(200)
    expect(open.body.targets.map((x: { period: string; value: string }) => [x.period, x.value])).toEqual([
      ['2025-Q1', '3'],
      ['2025-Q2', '5'],
    ])
    const baseline = await patch({ baseline: { value: '1', date: '2024-12-31' } })
    expect(baseline.status).toBe(409)
    const ended = await patch({ endDate: '2024-12-31' })
    expect(ended.status).toBe(422)
    const early = await patch({ endDate: '2025-01-15' })
    expect(early.status).toBe(200)
    expect(early.body.endDate).toBe('2025-01-15')
  })

  it('refuses targets of the wrong period, outside the dates or on the wrong side of the baseline', async () => {
    const res = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/assignments`, {
      token: w.ventureEditor,
      body: {
        indicatorCode: 'OI1479',
        frequency: 'quarterly',
        startDate: '2025-01-01',
        endDate: '2025-12-31',
        baseline: { value: '10', date: '2024-12-31' },
        targets: [
          { period: '2025-03', value: '9' },
          { period: '2026', value: '8' },
          { period: '2025-Q2', value: '12' },
          { period: '2025', value: '38' },
          { period: '2025-Q3', value: '-1' },
        ],
      },
    })
    expect(res.status).toBe(422)
    expect(
      Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message])),
    ).toEqual({
      'targets.0.period': 'A quarterly assignment takes targets per quarter or per year, not for 2025-03',
      'targets.1.period': '2026 is outside the assignment’s dates',
      // Emissions should decrease: at most the baseline, 10 a quarter or 40 a year.
      'targets.2.value':
        'The indicator should decrease, so the target must be at most the baseline (10 for 2025-Q2)',
      'targets.4.value': 'Must be 0 or more',
    })
    const list = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/assignments`, {
      token: w.ventureViewer,
    })
    expect(list.body.items.map((a: { indicatorCode: string }) => a.indicatorCode)).toEqual(['NO-WORK-01'])
  })

  it('refuses an unknown indicator, a second assignment of one, and people who may not set them', async () => {
    const post = (body: Record<string, unknown>, token = w.investorEditor) =>
      call(t.app, 'POST', `/v1/ventures/${w.ventureId}/assignments`, {
        token,
        body: { frequency: 'yearly', startDate: '2025-01-01', ...body },
      })
    const unknown = await post({ indicatorCode: 'NO-SUCH-1' })
    expect(unknown.status).toBe(422)
    expect(unknown.body.errors[0].path).toBe('indicatorCode')
    expect((await post({ indicatorCode: 'NO-WORK-01' })).status).toBe(409)
    expect((await post({ indicatorCode: 'PI4060', frequency: 'weekly' })).status).toBe(422)
    expect((await post({ indicatorCode: 'PI4060' }, w.investorViewer)).status).toBe(403)
    expect((await post({ indicatorCode: 'PI4060' }, w.ventureViewer)).status).toBe(403)
    expect((await post({ indicatorCode: 'PI4060' }, w.otherInvestor)).status).toBe(404)
    expect((await patch({ endDate: null }, w.municipality)).status).toBe(404)
    expect(
      (
        await call(t.app, 'PATCH', `/v1/assignments/${crypto.randomUUID()}`, {
          token: w.platformAdmin,
          body: {},
        })
      ).status,
    ).toBe(404)
    const byVenture = await post({ indicatorCode: 'PI4060' }, w.ventureEditor)
    expect(byVenture.status).toBe(201)
    expect(byVenture.body.createdByOrgId).toBe(w.ventureId)
  })
})
