import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import { assign, type OutcomesWorld, outcomesWorld } from './outcomes-setup.ts'

let t: TestContext
let w: OutcomesWorld
beforeAll(async () => {
  t = await createTestApp()
  w = await outcomesWorld(t)
  await assign(t, w, { indicatorCode: 'NO-WORK-01', startDate: '2026-01-01' })
  await assign(t, w, { indicatorCode: 'PI3527', startDate: '2026-01-01' })
})
afterAll(() => t.close())

const upload = (csv: string, token = w.ventureEditor) =>
  call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports/import`, {
    token,
    body: csv,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  })
const reportsOf = () =>
  t.database.db
    .selectFrom('reports')
    .select(['id', 'period'])
    .where('ventureOrgId', '=', w.ventureId)
    .execute()

describe('CSV template and import', () => {
  it('offers a template of the reports the venture owes', async () => {
    const res = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/reports/template.csv`, {
      token: w.ventureEditor,
      headers: { 'accept-language': 'nb' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(res.headers.get('content-disposition')).toContain('effekt-report-template.csv')
    const raw = await t.app.request(`http://localhost/v1/ventures/${w.ventureId}/reports/template.csv`, {
      headers: { authorization: `Bearer ${w.ventureEditor}` },
    })
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(res.text.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level',
      '2026-Q1;NO-WORK-01;;;;;;;;',
      '2026-Q1;PI3527;;;;;;;;',
      '2026-Q2;NO-WORK-01;;;;;;;;',
      '2026-Q2;PI3527;;;;;;;;',
      '2026-Q3;NO-WORK-01;;;;;;;;',
      '2026-Q3;PI3527;;;;;;;;',
      '',
    ])
    const comma = await call(
      t.app,
      'GET',
      `/v1/ventures/${w.ventureId}/reports/template.csv?separator=comma&period=2026-Q2`,
      {
        token: w.ventureEditor,
      },
    )
    expect(comma.text.replace(/^\uFEFF/, '').split('\r\n')[1]).toBe('2026-Q2,NO-WORK-01,,,,,,,,')
  })

  it('imports a Norwegian Excel file: BOM, semicolons, decimal comma, quoted cells', async () => {
    const csv =
      '\uFEFFperiod;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level\r\n' +
      '2026-Q1;NO-WORK-01;;;12;;;"Two at Coop; one at Kiwi";https://example.org/a.pdf https://example.org/b.pdf;document_checked\r\n' +
      '2026-Q1;NO-WORK-01;gender;female;5;;;;;\r\n' +
      '2026-Q1;NO-WORK-01;gender;male;7;;;;;\r\n' +
      '2026-Q1;NO-WORK-01;municipality;3207;9;;;;;\r\n' +
      '2026-Q1;PI3527;;;37,5;15;40;;;\r\n' +
      '2026-Q2;no-work-01;total;;3;;;;;\r\n'
    const res = await upload(csv)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.values).toBe(3)
    expect(
      res.body.reports.map((r: { period: string; created: boolean; values: number }) => [
        r.period,
        r.created,
        r.values,
      ]),
    ).toEqual([
      ['2026-Q1', true, 2],
      ['2026-Q2', true, 1],
    ])
    const q1 = await call(t.app, 'GET', `/v1/reports/${res.body.reports[0].reportId}`, {
      token: w.ventureViewer,
    })
    expect(q1.body.values[0]).toMatchObject({
      indicatorCode: 'NO-WORK-01',
      total: '12',
      note: 'Two at Coop; one at Kiwi',
      evidence: ['https://example.org/a.pdf', 'https://example.org/b.pdf'],
      verificationLevel: 'document_checked',
    })
    expect(q1.body.values[0].breakdowns).toHaveLength(3)
    expect(q1.body.values[1]).toMatchObject({
      indicatorCode: 'PI3527',
      total: '37.5',
      numerator: '15',
      denominator: '40',
    })
  })

  it('reads comma-separated files, and replaces only the indicators in the file', async () => {
    const res = await upload('period,indicator,value,numerator,denominator\n2026-Q1,PI3527,,3,4\n')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const q1 = await call(t.app, 'GET', `/v1/reports/${res.body.reports[0].reportId}`, {
      token: w.ventureViewer,
    })
    expect(
      q1.body.values.map((v: { indicatorCode: string; total: string }) => [v.indicatorCode, v.total]),
    ).toEqual([
      ['NO-WORK-01', '12'],
      ['PI3527', '75'],
    ])
  })

  it('answers a bad file with every error by line and column, and stores nothing', async () => {
    const before = await reportsOf()
    const csv =
      'period;indicator;dimension;category;value;numerator;denominator;note\n' +
      '2026-Q1;NO-WORK-01;;;2,5;;;\n' + // line 2: not a whole number
      '2026-Q1;NO-WORK-01;gender;woman;1;;;\n' + // line 3: unknown gender
      '2026-Q3;NO-WORK-01;;;1 2;;;\n' + // line 4: not a number
      '2026-Q3;NO-ECON-01;;;5;;;\n' + // line 5: not assigned
      '26-Q3;NO-WORK-01;;;5;;;\n' + // line 6: not a period
      '2026-Q3;PI3527;;;;5;4;\n' + // line 7: more placed than clients
      '2026-Q3;PI3527;age_band;16-29;;1;1;a note\n' + // line 8: note on a breakdown row
      '2026-Q3;NO-WORK-01;gender;male;1;;;\n' // fine on its own; the total row is line 4
    const res = await upload(csv)
    expect(res.status).toBe(422)
    expect(res.body.detail).toBe('The file has 7 errors; nothing was imported.')
    expect(
      res.body.errors.map((e: { line: number; column: number; message: string }) => [
        e.line,
        e.column,
        e.message,
      ]),
    ).toEqual([
      [2, 5, 'A count of people must be a whole number, 0 or more'],
      [3, 4, 'Unknown gender; use female, male, other, unknown'],
      [4, 5, '"1 2" is not a number (write 12, 12,5 or 1 250)'],
      [5, 2, 'The venture does not report on NO-ECON-01'],
      [6, 1, '"26-Q3" is not a period: use YYYY, YYYY-Qn or YYYY-MM'],
      [7, 6, 'A share must be between 0 and the denominator'],
      [8, 8, 'Put the note on the total row of PI3527, not on a breakdown row'],
    ])
    expect(res.body.errors[0]).toMatchObject({ in: 'csv', path: 'line 2, column 5' })
    // A value's problems keep their field code and params on the line they came from.
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'value.people_whole',
      'value.unknown_category',
      'import.not_a_number',
      'value.not_assigned',
      'import.period_invalid',
      'value.share_range',
      'import.detail_on_breakdown',
    ])
    expect(res.body.errors[2].params).toEqual({ value: '1 2' })
    expect(res.body.errors[1].params).toEqual({ dimension: 'gender', category: 'woman' })
    expect(res.body.errors[3].params).toEqual({ code: 'NO-ECON-01' })
    expect(await reportsOf()).toEqual(before)
    const q1 = before.find((r) => r.period === '2026-Q1')!
    const stored = await call(t.app, 'GET', `/v1/reports/${q1.id}`, { token: w.ventureViewer })
    expect(stored.body.values.map((v: { total: string }) => v.total)).toEqual(['12', '75'])
  })

  it('reports broken CSV, unknown columns and locked reports', async () => {
    const broken = await upload('period;indicator;value\n2026-Q3;NO-WORK-01;"5\n')
    expect(broken.status).toBe(422)
    expect(broken.body.errors[0]).toMatchObject({
      line: 2,
      column: 3,
      message: expect.stringContaining('never closed'),
    })
    const columns = await upload('period;indicator;amount\n2026-Q3;NO-WORK-01;5\n')
    expect(
      columns.body.errors.map((e: { line: number; column: number; message: string }) => [
        e.line,
        e.column,
        e.message,
      ]),
    ).toEqual([
      [
        1,
        3,
        'Unknown column "amount"; use period, indicator, dimension, category, value, numerator, denominator, note, evidence, verification_level',
      ],
      [1, 4, 'The column value is missing'],
    ])
    // 2026-Q2 was started by the first import; complete and submit it, and it is locked for imports.
    const q2 = (await reportsOf()).find((r) => r.period === '2026-Q2')!.id
    await call(t.app, 'PUT', `/v1/reports/${q2}/values`, {
      token: w.ventureEditor,
      body: {
        values: [
          { indicatorCode: 'NO-WORK-01', total: '3' },
          { indicatorCode: 'PI3527', numerator: '1', denominator: '2' },
        ],
      },
    })
    const sub = await call(t.app, 'POST', `/v1/reports/${q2}/submit`, { token: w.ventureEditor })
    console.log(String(t.logs.filter((l) => l.msg === 'unhandled error')[0]?.stack))
    expect(sub.status).toBe(200)
    const locked = await upload('period;indicator;value\n2026-Q3;NO-WORK-01;1\n2026-Q2;NO-WORK-01;4\n')
    expect(locked.status).toBe(422)
    expect(locked.body.errors).toEqual([
      expect.objectContaining({
        line: 3,
        column: 1,
        message: expect.stringContaining('2026-Q2: The report is submitted'),
      }),
    ])
    expect((await reportsOf()).map((r) => r.period).sort()).toEqual(['2026-Q1', '2026-Q2'])
  })

  it('needs text/csv and a venture editor', async () => {
    const json = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports/import`, {
      token: w.ventureEditor,
      body: { period: '2026-Q3' },
    })
    expect(json.status).toBe(415)
    expect((await upload('period;indicator;value\n2026-Q3;NO-WORK-01;1\n', w.investorEditor)).status).toBe(
      403,
    )
    expect((await upload('period;indicator;value\n2026-Q3;NO-WORK-01;1\n', w.otherInvestor)).status).toBe(404)
  })
})
