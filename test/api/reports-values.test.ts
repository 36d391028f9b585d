import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import { assign, type OutcomesWorld, outcomesWorld } from './outcomes-setup.ts'

let t: TestContext
let w: OutcomesWorld
let q1: string
let y2019: string
beforeAll(async () => {
  t = await createTestApp()
  w = await outcomesWorld(t)
  await assign(t, w, { indicatorCode: 'NO-WORK-01', startDate: '2019-01-01' })
  await assign(t, w, { indicatorCode: 'PI3527', startDate: '2025-01-01' })
  await assign(t, w, { indicatorCode: 'NO-WORK-07', startDate: '2025-04-01' })
  await assign(t, w, { indicatorCode: 'NO-YOUTH-02', frequency: 'yearly', startDate: '2019-01-01' })
  const start = (period: string) =>
    call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports`, { token: w.ventureEditor, body: { period } })
  q1 = (await start('2025-Q1')).body.id
  y2019 = (await start('2019')).body.id
})
afterAll(() => t.close())

const put = (id: string, body: unknown) =>
  call(t.app, 'PUT', `/v1/reports/${id}/values`, { token: w.ventureEditor, body })
const errorsOf = (res: { body: { errors: { path: string; message: string }[] } }) =>
  Object.fromEntries(res.body.errors.map((e) => [e.path, e.message]))

describe('values', () => {
  it('stores totals, ratio parts, breakdowns, notes, evidence and verification level', async () => {
    const res = await put(q1, {
      values: [
        {
          indicatorCode: 'NO-WORK-01',
          total: '12',
          breakdowns: [
            { dimension: 'gender', category: 'female', value: '5' },
            { dimension: 'gender', category: 'male', value: '6' },
            { dimension: 'gender', category: 'other', value: '1' },
            { dimension: 'gender', category: 'unknown', value: '0' },
            { dimension: 'age_band', category: '16-29', value: '7' },
            { dimension: 'municipality', category: '3207', value: '9' },
          ],
          note: 'Two at Coop Ski',
          evidence: ['https://example.org/q1.pdf'],
          verificationLevel: 'document_checked',
        },
        // The rate is computed from its parts when the total is left out: 12 / 40 = 30 %.
        { indicatorCode: 'PI3527', numerator: '12', denominator: '40' },
      ],
      highlights: 'Three new employers',
      challenges: 'Long waits at NAV',
      nextSteps: 'A new group in April',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ highlights: 'Three new employers', nextSteps: 'A new group in April' })
    const [work, rate] = res.body.values
    expect(work).toMatchObject({
      indicatorCode: 'NO-WORK-01',
      total: '12',
      note: 'Two at Coop Ski',
      evidence: ['https://example.org/q1.pdf'],
      verificationLevel: 'document_checked',
    })
    expect(work.breakdowns).toHaveLength(6)
    expect(rate).toMatchObject({
      total: '30',
      numerator: '12',
      denominator: '40',
      verificationLevel: 'self_reported',
    })
    expect(
      res.body.expected.map((e: { indicatorCode: string; reported: boolean }) => [
        e.indicatorCode,
        e.reported,
      ]),
    ).toEqual([
      ['NO-WORK-01', true],
      ['PI3527', true],
    ])
  })

  it('lists every problem next to its field and saves nothing', async () => {
    const res = await put(q1, {
      values: [
        {
          indicatorCode: 'NO-WORK-01',
          total: '12.5',
          breakdowns: [{ dimension: 'gender', category: 'woman', value: '3' }],
        },
        {
          indicatorCode: 'PI3527',
          total: '40',
          numerator: '12',
          denominator: '40',
          breakdowns: [
            { dimension: 'gender', category: 'female', numerator: '20', denominator: '10' },
            { dimension: 'shoe_size', category: '42', value: '1', numerator: '1', denominator: '1' },
          ],
        },
        { indicatorCode: 'NO-ECON-01', total: '1000' },
        { indicatorCode: 'NO-WORK-07', total: '1000' },
        { indicatorCode: 'NO-WORK-01', total: '1' },
        { indicatorCode: 'NO-WORK-01x', total: '-1', evidence: ['ftp://example.org/x'] },
      ],
    })
    expect(res.status).toBe(422)
    const errors = errorsOf(res)
    // zod checks shapes first: the evidence link is refused before any value is looked at.
    expect(errors).toEqual({ 'values.5.evidence.0': 'Must be an http(s) URL.' })
    const second = await put(q1, {
      values: [
        {
          indicatorCode: 'NO-WORK-01',
          total: '12.5',
          breakdowns: [{ dimension: 'gender', category: 'woman', value: '3' }],
        },
        {
          indicatorCode: 'PI3527',
          total: '40',
          numerator: '12',
          denominator: '40',
          breakdowns: [
            { dimension: 'gender', category: 'female', numerator: '20', denominator: '10' },
            { dimension: 'shoe_size', category: '42', value: '1', numerator: '1', denominator: '1' },
          ],
        },
        { indicatorCode: 'NO-ECON-01', total: '1000' },
        { indicatorCode: 'NO-WORK-07', total: '1000' },
        { indicatorCode: 'NO-WORK-01', total: '1' },
      ],
    })
    expect(second.status).toBe(422)
    expect(errorsOf(second)).toEqual({
      'values.0.total': 'A count of people must be a whole number, 0 or more',
      'values.0.breakdowns.0.category': 'Unknown gender; use female, male, other, unknown',
      'values.1.total': 'Does not match numerator / denominator: 12 / 40 gives 30',
      'values.1.breakdowns.0.numerator': 'A share must be between 0 and the denominator',
      'values.1.breakdowns.1.dimension': 'Unknown dimension; use gender, age_band, municipality',
      'values.2.indicatorCode': 'The venture does not report on NO-ECON-01',
      'values.3.indicatorCode':
        'NO-WORK-07 is reported quarterly from 2025-04-01: 2025-Q1 is outside the assignment',
      'values.4.indicatorCode': 'NO-WORK-01 is given more than once',
    })
    const stored = await call(t.app, 'GET', `/v1/reports/${q1}`, { token: w.ventureViewer })
    expect(stored.body.values.map((v: { total: string }) => v.total)).toEqual(['12', '30'])
  })

  it('complete breakdowns must add up to the total; partial ones may not exceed it', async () => {
    const complete = await put(q1, {
      values: [
        {
          indicatorCode: 'NO-WORK-01',
          total: '11',
          breakdowns: ['female', 'male', 'other', 'unknown'].map((category, i) => ({
            dimension: 'gender',
            category,
            value: String(i + 1),
          })),
        },
      ],
    })
    expect(complete.status).toBe(422)
    expect(errorsOf(complete)).toEqual({
      'values.0.breakdowns': 'The gender values add up to 10, but the total is 11',
    })
    const partial = await put(q1, {
      values: [
        {
          indicatorCode: 'NO-WORK-01',
          total: '4',
          breakdowns: [
            { dimension: 'age_band', category: '16-29', value: '3' },
            { dimension: 'age_band', category: '30-49', value: '2' },
          ],
        },
      ],
    })
    expect(errorsOf(partial)).toEqual({
      'values.0.breakdowns': 'The age band values add up to 5, more than the total 4',
    })
    const stored = await call(t.app, 'GET', `/v1/reports/${q1}`, { token: w.ventureViewer })
    expect(stored.body.values.map((v: { total: string }) => v.total)).toEqual(['12', '30'])
  })

  it('checks municipality numbers against the period: old numbers for old periods, stored as reported', async () => {
    const wrong = await put(q1, {
      values: [
        {
          indicatorCode: 'NO-WORK-01',
          total: '5',
          breakdowns: [
            { dimension: 'municipality', category: '0213', value: '1' },
            { dimension: 'municipality', category: '9998', value: '1' },
          ],
        },
      ],
    })
    expect(errorsOf(wrong)).toEqual({
      'values.0.breakdowns.0.category': '0213 was not a municipality number in use during 2025-Q1',
      'values.0.breakdowns.1.category': '9998 is not a Norwegian municipality number',
    })
    const old = await put(y2019, {
      values: [
        {
          indicatorCode: 'NO-YOUTH-02',
          total: '6',
          breakdowns: [
            { dimension: 'municipality', category: '0213', value: '2' },
            { dimension: 'municipality', category: '0217', value: '3' },
          ],
        },
      ],
    })
    expect(old.status, JSON.stringify(old.body)).toBe(200)
    expect(old.body.values[0].breakdowns.map((b: { category: string }) => b.category)).toEqual([
      '0213',
      '0217',
    ])
    const future = await put(y2019, {
      values: [
        {
          indicatorCode: 'NO-YOUTH-02',
          total: '6',
          breakdowns: [{ dimension: 'municipality', category: '3207', value: '2' }],
        },
      ],
    })
    expect(errorsOf(future)).toEqual({
      'values.0.breakdowns.0.category': '3207 was not a municipality number in use during 2019',
    })
  })

  it('refuses malformed bodies with 422 or 415, and callers who may not write', async () => {
    const bad = await put(q1, { values: [{ indicatorCode: 'NO-WORK-01', total: 12 }] })
    expect(bad.status).toBe(422)
    expect(bad.body.errors[0].path).toBe('values.0.total')
    const extra = await put(q1, { values: [], status: 'verified' })
    expect(extra.status).toBe(422)
    const text = await call(t.app, 'PUT', `/v1/reports/${q1}/values`, {
      token: w.ventureEditor,
      body: 'values',
      headers: { 'content-type': 'text/plain' },
    })
    expect(text.status).toBe(415)
    for (const token of [w.ventureViewer, w.investorEditor]) {
      expect(
        (await call(t.app, 'PUT', `/v1/reports/${q1}/values`, { token, body: { values: [] } })).status,
      ).toBe(403)
    }
    const stored = await call(t.app, 'GET', `/v1/reports/${q1}`, { token: w.ventureViewer })
    expect(stored.body.values).toHaveLength(2)
  })
})
