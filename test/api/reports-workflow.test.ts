import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import { assign, type OutcomesWorld, outcomesWorld, report } from './outcomes-setup.ts'

let t: TestContext
let w: OutcomesWorld
beforeAll(async () => {
  t = await createTestApp()
  w = await outcomesWorld(t)
  await assign(t, w, { indicatorCode: 'NO-WORK-01', startDate: '2025-01-01' })
  await assign(t, w, { indicatorCode: 'NO-YOUTH-02', frequency: 'yearly', startDate: '2025-01-01' })
})
afterAll(() => t.close())

const value = (total: string) => [{ indicatorCode: 'NO-WORK-01', total }]
const get = (id: string) => call(t.app, 'GET', `/v1/reports/${id}`, { token: w.ventureViewer })

describe('due reports', () => {
  it('follow from the assignments and their frequencies, with due dates and overdue flags', async () => {
    const res = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/reports?limit=100`, {
      token: w.ventureViewer,
    })
    expect(res.status).toBe(200)
    // Quarterly 2025-Q1 … 2026-Q3 (Q4 has not ended on 27 November 2026) and the year 2025.
    expect(res.body.items.map((r: { period: string }) => r.period)).toEqual([
      '2026-Q3',
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
      '2025',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
    ])
    const q3 = res.body.items[0]
    expect(q3).toMatchObject({
      status: 'not_started',
      reportId: null,
      dueDate: '2026-10-30',
      overdue: true,
      expectedCount: 1,
    })
    const year = res.body.items.find((r: { period: string }) => r.period === '2025')
    expect(year).toMatchObject({ frequency: 'yearly', dueDate: '2026-01-30', expectedCount: 1 })
  })

  it('pages by cursor and filters by status and overdue', async () => {
    const pages: string[] = []
    let cursor: string | null = null
    do {
      const res: { body: { items: { period: string }[]; nextCursor: string | null } } = await call(
        t.app,
        'GET',
        `/v1/ventures/${w.ventureId}/reports?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { token: w.ventureViewer },
      )
      pages.push(...res.body.items.map((r) => r.period))
      cursor = res.body.nextCursor
    } while (cursor)
    expect(pages).toHaveLength(8)
    const notOverdue = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/reports?overdue=false`, {
      token: w.ventureViewer,
    })
    expect(notOverdue.body.items).toEqual([])
  })

  it('a report is due REPORT_DUE_DAYS after the period ends, and overdue only after that day', async () => {
    const t2 = await createTestApp({ REPORT_DUE_DAYS: 10 })
    try {
      const w2 = await outcomesWorld(t2)
      await assign(t2, w2, { indicatorCode: 'NO-WORK-01', startDate: '2026-07-01' })
      t2.clock.now = new Date('2026-10-10T12:00:00Z')
      const onTime = await call(t2.app, 'GET', `/v1/ventures/${w2.ventureId}/reports`, {
        token: w2.ventureViewer,
      })
      expect(onTime.body.items[0]).toMatchObject({ period: '2026-Q3', dueDate: '2026-10-10', overdue: false })
      t2.clock.now = new Date('2026-10-11T12:00:00Z')
      const late = await call(t2.app, 'GET', `/v1/ventures/${w2.ventureId}/reports`, {
        token: w2.ventureViewer,
      })
      expect(late.body.items[0]).toMatchObject({ period: '2026-Q3', overdue: true })
    } finally {
      await t2.close()
    }
  })
})

describe('report workflow', () => {
  it('draft → submitted → returned (with a reason) → submitted → verified, then locked', async () => {
    const id = await report(t, w, '2025-Q1', value('4'), 'draft')
    const draft = await get(id)
    const etag = draft.headers.get('etag')!
    expect(draft.body).toMatchObject({
      status: 'draft',
      revision: 1,
      values: [{ indicatorCode: 'NO-WORK-01', total: '4' }],
    })

    // A stale ETag is refused and changes nothing.
    const saved = await call(t.app, 'PUT', `/v1/reports/${id}/values`, {
      token: w.ventureEditor,
      headers: { 'if-match': etag },
      body: { values: value('5'), highlights: 'New partner' },
    })
    expect(saved.status).toBe(200)
    expect(saved.headers.get('etag')).not.toBe(etag)
    const stale = await call(t.app, 'PUT', `/v1/reports/${id}/values`, {
      token: w.ventureEditor,
      headers: { 'if-match': etag },
      body: { values: value('6') },
    })
    expect(stale.status).toBe(412)
    expect((await get(id)).body).toMatchObject({ values: [{ total: '5' }], highlights: 'New partner' })

    // Only the venture submits; only investors with standing review.
    expect((await call(t.app, 'POST', `/v1/reports/${id}/submit`, { token: w.investorEditor })).status).toBe(
      403,
    )
    expect((await call(t.app, 'POST', `/v1/reports/${id}/submit`, { token: w.ventureViewer })).status).toBe(
      403,
    )
    const submitted = await call(t.app, 'POST', `/v1/reports/${id}/submit`, { token: w.ventureEditor })
    expect(submitted.body.status).toBe('submitted')
    expect(
      (
        await call(t.app, 'PUT', `/v1/reports/${id}/values`, {
          token: w.ventureEditor,
          body: { values: value('7') },
        })
      ).status,
    ).toBe(409)
    expect((await call(t.app, 'POST', `/v1/reports/${id}/verify`, { token: w.ventureEditor })).status).toBe(
      403,
    )
    expect((await call(t.app, 'POST', `/v1/reports/${id}/verify`, { token: w.investorViewer })).status).toBe(
      403,
    )

    // Return requires a reason: the report stays submitted.
    for (const body of [{}, { reason: '   ' }]) {
      const refused = await call(t.app, 'POST', `/v1/reports/${id}/return`, { token: w.investorEditor, body })
      expect(refused.status).toBe(422)
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'reason' })])
    }
    expect((await get(id)).body.status).toBe('submitted')
    const returned = await call(t.app, 'POST', `/v1/reports/${id}/return`, {
      token: w.investorEditor,
      body: { reason: 'Two people counted twice' },
    })
    expect(returned.body.status).toBe('returned')

    // The venture corrects and resubmits; the investor verifies.
    expect(
      (
        await call(t.app, 'PUT', `/v1/reports/${id}/values`, {
          token: w.ventureEditor,
          body: { values: value('3') },
        })
      ).status,
    ).toBe(200)
    expect(
      (await call(t.app, 'POST', `/v1/reports/${id}/submit`, { token: w.ventureEditor })).body.status,
    ).toBe('submitted')
    const verified = await call(t.app, 'POST', `/v1/reports/${id}/verify`, {
      token: w.investorEditor,
      body: { comment: 'Checked against the NAV list' },
    })
    expect(verified.body.status).toBe('verified')

    // Verified is locked.
    expect(
      (
        await call(t.app, 'PUT', `/v1/reports/${id}/values`, {
          token: w.ventureEditor,
          body: { values: value('9') },
        })
      ).status,
    ).toBe(409)
    for (const action of ['submit', 'verify']) {
      expect(
        (await call(t.app, 'POST', `/v1/reports/${id}/${action}`, { token: w.platformAdmin })).status,
      ).toBe(409)
    }
    expect(
      (
        await call(t.app, 'POST', `/v1/reports/${id}/return`, {
          token: w.investorEditor,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(409)

    const history = (await get(id)).body
    expect(
      history.transitions.map((x: { action: string; toStatus: string }) => `${x.action}:${x.toStatus}`),
    ).toEqual(['create:draft', 'submit:submitted', 'return:returned', 'submit:submitted', 'verify:verified'])
    expect(history.transitions[2]).toMatchObject({
      reason: 'Two people counted twice',
      actorOrgId: w.investorId,
    })
    expect(history.transitions[4].reason).toBe('Checked against the NAV list')
    // What was submitted each time is kept, though the returned revision was corrected in place.
    expect(history.transitions[1].submittedValues).toEqual([expect.objectContaining({ total: '5' })])
    expect(history.transitions[3].submittedValues).toEqual([expect.objectContaining({ total: '3' })])
  })

  it('amend requires a reason and opens a new revision; the verified one keeps its values', async () => {
    const id = await report(t, w, '2025-Q2', value('8'))
    const noReason = await call(t.app, 'POST', `/v1/reports/${id}/amend`, {
      token: w.ventureEditor,
      body: {},
    })
    expect(noReason.status).toBe(422)
    expect(noReason.body.errors[0].path).toBe('reason')
    expect(
      (
        await call(t.app, 'POST', `/v1/reports/${id}/amend`, {
          token: w.investorEditor,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(403)
    const amended = await call(t.app, 'POST', `/v1/reports/${id}/amend`, {
      token: w.ventureEditor,
      body: { reason: 'A late placement in June' },
    })
    expect(amended.body).toMatchObject({ status: 'draft', revision: 2, values: [{ total: '8' }] })
    expect(
      (
        await call(t.app, 'PUT', `/v1/reports/${id}/values`, {
          token: w.ventureEditor,
          body: { values: value('9') },
        })
      ).status,
    ).toBe(200)
    expect((await call(t.app, 'POST', `/v1/reports/${id}/submit`, { token: w.ventureEditor })).status).toBe(
      200,
    )
    expect((await call(t.app, 'POST', `/v1/reports/${id}/verify`, { token: w.investorEditor })).status).toBe(
      200,
    )
    const body = (await get(id)).body
    expect(
      body.revisions.map(
        (r: { revision: number; status: string; reason: string | null; values: { total: string }[] }) => [
          r.revision,
          r.status,
          r.reason,
          r.values[0]!.total,
        ],
      ),
    ).toEqual([
      [1, 'verified', null, '8'],
      [2, 'verified', 'A late placement in June', '9'],
    ])
    expect(body.transitions.filter((x: { action: string }) => x.action === 'amend')).toEqual([
      expect.objectContaining({
        revision: 2,
        fromStatus: 'verified',
        toStatus: 'draft',
        reason: 'A late placement in June',
      }),
    ])
  })

  it('the database itself refuses to change a frozen revision’s values or a transition', async () => {
    const id = await report(t, w, '2025-Q3', value('2'))
    const db = t.database.db
    await expect(
      db.updateTable('reportValues').set({ total: '99' }).where('reportId', '=', id).execute(),
    ).rejects.toMatchObject({ code: '55000' })
    await expect(db.deleteFrom('reportValues').where('reportId', '=', id).execute()).rejects.toMatchObject({
      code: '55000',
    })
    await expect(
      sql`update report_transitions set reason = 'rewritten' where report_id = ${id}`.execute(db),
    ).rejects.toMatchObject({ code: '55000' })
    expect((await get(id)).body.values[0].total).toBe('2')
  })

  it('submit needs every expected value and a period that has ended', async () => {
    const created = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports`, {
      token: w.ventureEditor,
      body: { period: '2025' },
    })
    expect(created.status).toBe(201)
    expect(created.body.expected.map((e: { indicatorCode: string }) => e.indicatorCode)).toEqual([
      'NO-YOUTH-02',
    ])
    const missing = await call(t.app, 'POST', `/v1/reports/${created.body.id}/submit`, {
      token: w.ventureEditor,
    })
    expect(missing.status).toBe(422)
    expect(missing.body.errors[0]).toMatchObject({
      path: 'values',
      message: expect.stringContaining('NO-YOUTH-02'),
    })
    expect((await get(created.body.id)).body.status).toBe('draft')
    const current = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports`, {
      token: w.ventureEditor,
      body: { period: '2026-Q4' },
    })
    expect(current.status).toBe(201)
    await call(t.app, 'PUT', `/v1/reports/${current.body.id}/values`, {
      token: w.ventureEditor,
      body: { values: value('1') },
    })
    const early = await call(t.app, 'POST', `/v1/reports/${current.body.id}/submit`, {
      token: w.ventureEditor,
    })
    expect(early.status).toBe(409)
    expect(early.body.detail).toContain('2026-12-31')
  })

  it('starts reports only for periods an assignment covers, that have begun, once', async () => {
    for (const [period, message] of <[string, string][]>[
      ['2024-Q4', 'No indicator'],
      ['2027-Q1', 'has not begun'],
      ['2025-07', 'No indicator'],
      ['2025-Q5', 'Must be a period'],
    ]) {
      const res = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports`, {
        token: w.ventureEditor,
        body: { period },
      })
      expect(res.status, period).toBe(422)
      expect(res.body.errors[0]).toMatchObject({ path: 'period', message: expect.stringContaining(message) })
    }
    const again = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports`, {
      token: w.ventureEditor,
      body: { period: '2025-Q1' },
    })
    expect(again.status).toBe(409)
    expect(
      (
        await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports`, {
          token: w.investorEditor,
          body: { period: '2025-Q4' },
        })
      ).status,
    ).toBe(403)
    const reports = await t.database.db
      .selectFrom('reports')
      .select('period')
      .where('ventureOrgId', '=', w.ventureId)
      .execute()
    expect(reports.map((r) => r.period)).not.toContain('2024-Q4')
  })

  it('hides reports from callers without detailed access', async () => {
    const id = (
      await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/reports?status=verified`, {
        token: w.ventureViewer,
      })
    ).body.items[0].reportId
    for (const token of [w.otherInvestor, w.municipality]) {
      expect((await call(t.app, 'GET', `/v1/reports/${id}`, { token })).status).toBe(404)
      expect(
        (await call(t.app, 'POST', `/v1/reports/${id}/amend`, { token, body: { reason: 'x' } })).status,
      ).toBe(404)
      expect((await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/reports`, { token })).status).toBe(404)
    }
  })
})
