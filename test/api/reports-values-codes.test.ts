import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import { assign, type OutcomesWorld, outcomesWorld } from './outcomes-setup.ts'

/**
 * A client words value problems from `errors[].code` and `params` (the dashboard does): each
 * refused value says what failed and the figures involved, and the English message stays.
 */
let t: TestContext
let w: OutcomesWorld
let q1: string
beforeAll(async () => {
  t = await createTestApp()
  w = await outcomesWorld(t)
  await assign(t, w, { indicatorCode: 'NO-WORK-01', startDate: '2019-01-01' })
  await assign(t, w, { indicatorCode: 'PI3527', startDate: '2025-01-01' })
  await assign(t, w, { indicatorCode: 'NO-WORK-07', startDate: '2025-04-01' })
  q1 = (
    await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports`, {
      token: w.ventureEditor,
      body: { period: '2025-Q1' },
    })
  ).body.id
})
afterAll(() => t.close())

const put = (body: unknown) =>
  call(t.app, 'PUT', `/v1/reports/${q1}/values`, { token: w.ventureEditor, body })
type Coded = { path: string; message: string; code: string; params?: Record<string, string> }
const byPath = (errors: Coded[]) => Object.fromEntries(errors.map((e) => [e.path, e]))

describe('value problems with codes and params', () => {
  it('answers 422 report.values_invalid with a code and the named values per field', async () => {
    const res = await put({
      values: [
        {
          indicatorCode: 'NO-WORK-01',
          total: '12',
          breakdowns: [
            { dimension: 'gender', category: 'female', value: '5' },
            { dimension: 'gender', category: 'male', value: '5' },
            { dimension: 'gender', category: 'other', value: '1' },
            { dimension: 'gender', category: 'unknown', value: '0' },
            { dimension: 'municipality', category: '9999', value: '1' },
          ],
        },
        { indicatorCode: 'PI3527', total: '40', numerator: '19', denominator: '110' },
        { indicatorCode: 'NO-ECON-01', total: '1000' },
        { indicatorCode: 'NO-WORK-07', total: '3' },
        { indicatorCode: 'NO-WORK-01', total: '1' },
      ],
    })
    expect(res.status, JSON.stringify(res.body)).toBe(422)
    expect(res.body.code).toBe('report.values_invalid')
    const errors = byPath(res.body.errors)
    expect(errors['values.0.breakdowns']).toMatchObject({
      code: 'value.breakdown_sum_mismatch',
      params: { dimension: 'gender', part: 'values', sum: '11', total: '12' },
      message: 'The gender values add up to 11, but the total is 12',
    })
    expect(errors['values.0.breakdowns.4.category']).toMatchObject({
      code: 'value.municipality_unknown',
      params: { code: '9999' },
      message: '9999 is not a Norwegian municipality number',
    })
    expect(errors['values.1.total']).toMatchObject({
      code: 'value.ratio_mismatch',
      params: { numerator: '19', denominator: '110', rate: '17.2727' },
    })
    expect(errors['values.2.indicatorCode']).toMatchObject({
      code: 'value.not_assigned',
      params: { code: 'NO-ECON-01' },
    })
    expect(errors['values.3.indicatorCode']).toMatchObject({
      code: 'value.outside_assignment',
      params: { code: 'NO-WORK-07', period: '2025-Q1', startDate: '2025-04-01' },
    })
    expect(errors['values.4.indicatorCode']).toMatchObject({
      code: 'value.duplicate',
      params: { what: 'NO-WORK-01' },
    })
    for (const e of res.body.errors as Coded[]) {
      for (const v of Object.values(e.params ?? {})) expect(typeof v, e.path).toBe('string')
    }
  })

  it('names the limit and format of a shape the schema refuses', async () => {
    const links = (evidence: string[]) =>
      put({ values: [{ indicatorCode: 'NO-WORK-01', total: '1', evidence }] })
    const tooMany = await links(Array.from({ length: 21 }, (_, i) => `https://e.org/${i}`))
    expect(tooMany.status).toBe(422)
    expect(byPath(tooMany.body.errors)['values.0.evidence']).toMatchObject({
      code: 'validation.too_big',
      params: { maximum: '20', origin: 'array' },
    })
    const notHttp = await links(['ftp://example.org/x'])
    expect(notHttp.status).toBe(422)
    expect(byPath(notHttp.body.errors)['values.0.evidence.0']).toMatchObject({
      code: 'validation.format',
      params: { format: 'url' },
      message: 'Must be an http(s) URL.',
    })
  })

  it('says which indicator a submission lacks', async () => {
    const saved = await put({ values: [{ indicatorCode: 'NO-WORK-01', total: '3' }] })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    const res = await call(t.app, 'POST', `/v1/reports/${q1}/submit`, { token: w.ventureEditor })
    expect(res.status, JSON.stringify(res.body)).toBe(422)
    expect(res.body.code).toBe('report.values_missing')
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: 'values',
        code: 'value.missing',
        params: { code: 'PI3527', name: expect.any(String) },
      }),
    ])
  })
})
