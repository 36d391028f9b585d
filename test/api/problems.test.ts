import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALL_PROBLEM_CODES, PROBLEM_CODES, type ProblemCode } from '../../src/http/problem-codes.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import { makeReport } from '../helpers/outcome-data.ts'
import { type OutcomesWorld, outcomesWorld } from './outcomes-setup.ts'

let t: TestContext
let w: OutcomesWorld
const NO_ID = '00000000-0000-4000-8000-000000000000'
const NB = { 'accept-language': 'nb-NO,nb;q=0.9,en;q=0.5' }

beforeAll(async () => {
  t = await createTestApp()
  w = await outcomesWorld(t)
})
afterAll(() => t.close())

/** The problem in Bokmål: its code, type, the catalogue's nb title and a Norwegian detail. */
function expectNorwegian(res: Awaited<ReturnType<typeof call>>, code: ProblemCode) {
  expect(res.status, JSON.stringify(res.body)).toBe(PROBLEM_CODES[code].status)
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(res.headers.get('content-language')).toBe('nb')
  expect(res.body).toMatchObject({
    type: `/problems/${code}`,
    code,
    status: PROBLEM_CODES[code].status,
    title: PROBLEM_CODES[code].title.nb,
    detail: PROBLEM_CODES[code].detail.nb,
  })
  expect(res.body.requestId).toEqual(expect.any(String))
}

describe('problems speak nb when asked, and carry their code', () => {
  it('http: unknown route, wrong method, wrong media type, bad query, bad body', async () => {
    expectNorwegian(await call(t.app, 'GET', '/v1/nothing-here', { headers: NB }), 'route.not_found')
    const wrong = await call(t.app, 'DELETE', '/health', { headers: NB })
    expectNorwegian(wrong, 'request.method_not_allowed')
    expect(wrong.headers.get('allow')).toContain('GET')
    expectNorwegian(
      await call(t.app, 'POST', '/v1/ventures', {
        token: w.investorEditor,
        body: 'name=x',
        headers: { ...NB, 'content-type': 'text/plain' },
      }),
      'request.unsupported_media_type',
    )
    const query = await call(t.app, 'GET', '/v1/ventures?limit=abc', { token: w.investorEditor, headers: NB })
    expectNorwegian(query, 'request.invalid')
    expect(query.body.errors).toEqual([expect.objectContaining({ in: 'query', path: 'limit' })])
    const body = await call(t.app, 'POST', '/v1/ventures', { token: w.investorEditor, body: {}, headers: NB })
    expectNorwegian(body, 'validation.failed')
    expect(body.body.errors).toContainEqual(
      expect.objectContaining({ in: 'body', path: 'name', code: 'validation.required' }),
    )
  })

  it('identity: no credentials, a bad token, a read-only token, a missing organization', async () => {
    expectNorwegian(await call(t.app, 'GET', '/v1/ventures', { headers: NB }), 'auth.required')
    expectNorwegian(
      await call(t.app, 'GET', '/v1/ventures', { token: 'eff_nope', headers: NB }),
      'auth.token_invalid',
    )
    const readOnly = (await makeToken(t.database.db, (await makeUser(t.database.db)).id, { readOnly: true }))
      .token
    expectNorwegian(
      await call(t.app, 'POST', '/v1/ventures', { token: readOnly, body: { name: 'X' }, headers: NB }),
      'auth.token_read_only',
    )
    expectNorwegian(
      await call(t.app, 'GET', `/v1/organizations/${NO_ID}`, { token: w.platformAdmin, headers: NB }),
      'organization.not_found',
    )
  })

  it('ventures, capital, economics: missing things are 404 with their own code', async () => {
    expectNorwegian(
      await call(t.app, 'GET', `/v1/ventures/${NO_ID}`, { token: w.investorEditor, headers: NB }),
      'venture.not_found',
    )
    expectNorwegian(
      await call(t.app, 'GET', `/v1/investments/${NO_ID}`, { token: w.investorEditor, headers: NB }),
      'investment.not_found',
    )
    expectNorwegian(
      await call(t.app, 'GET', `/v1/contracts/${NO_ID}`, { token: w.investorEditor, headers: NB }),
      'contract.not_found',
    )
  })

  it('outcomes: a submitted report is locked; the English detail stays specific', async () => {
    const id = await makeReport(t.database.db, {
      ventureId: w.ventureId,
      period: '2025-Q3',
      status: 'submitted',
      values: [],
    })
    const nb = await call(t.app, 'PUT', `/v1/reports/${id}/values`, {
      token: w.ventureEditor,
      body: { values: [] },
      headers: NB,
    })
    expectNorwegian(nb, 'report.locked')
    const en = await call(t.app, 'PUT', `/v1/reports/${id}/values`, {
      token: w.ventureEditor,
      body: { values: [] },
    })
    expect(en.headers.get('content-language')).toBe('en')
    expect(en.body).toMatchObject({
      code: 'report.locked',
      title: 'Report locked',
      detail: 'The report is submitted: it can change again if the reviewer returns it.',
    })
    expectNorwegian(
      await call(t.app, 'GET', `/v1/reports/${NO_ID}`, { token: w.ventureEditor, headers: NB }),
      'report.not_found',
    )
  })

  it('impact and portfolio: a bad municipality number, a portfolio for a non-investor', async () => {
    const bad = await call(t.app, 'GET', '/v1/open/impact/9999.json', { headers: NB })
    expectNorwegian(bad, 'municipality.number_invalid')
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: 'municipality', code: 'municipality.number_invalid' }),
    ])
    expectNorwegian(
      await call(t.app, 'GET', '/v1/portfolio', { token: w.ventureEditor, headers: NB }),
      'portfolio.not_investor_member',
    )
  })

  it('answers English by default and when English ranks higher', async () => {
    const asks: Record<string, string>[] = [
      {},
      { 'accept-language': 'nb;q=0.3, en;q=0.8' },
      { 'accept-language': 'de' },
    ]
    for (const headers of asks) {
      const res = await call(t.app, 'GET', `/v1/ventures/${NO_ID}`, { token: w.investorEditor, headers })
      expect(res.body).toMatchObject({
        code: 'venture.not_found',
        title: 'Venture not found',
        detail: 'No venture with that identifier.',
      })
      expect(res.headers.get('vary')).toMatch(/accept-language/i)
    }
  })
})

describe('the problem types resolve', () => {
  it('GET /problems lists every code with its status, title and meaning, in en by default', async () => {
    const res = await t.app.request('/problems')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<h1>Error codes</h1>')
    for (const code of ALL_PROBLEM_CODES) {
      expect(html, code).toContain(
        `<tr id="${code}"><th scope="row"><code>${code}</code></th><td>${PROBLEM_CODES[code].status}</td>`,
      )
    }
    expect(html).toContain('The report is submitted or verified: its values cannot change now.')
  })

  it('speaks nb by Accept-Language, and ?lang= switches', async () => {
    const nb = await (await t.app.request('/problems', { headers: { 'accept-language': 'nn' } })).text()
    expect(nb).toContain('<html lang="nb">')
    expect(nb).toContain('<h1>Feilkoder</h1>')
    expect(nb).toContain(PROBLEM_CODES['report.locked'].title.nb)
    const en = await (
      await t.app.request('/problems?lang=en', { headers: { 'accept-language': 'nb' } })
    ).text()
    expect(en).toContain('<h1>Error codes</h1>')
  })

  it('GET /problems/{code} leads to the code’s row, for every code', async () => {
    for (const code of ALL_PROBLEM_CODES) {
      const res = await t.app.request(`/problems/${code}`)
      expect(res.status, code).toBe(302)
      expect(res.headers.get('location')).toBe(`/problems#${code}`)
    }
    const nb = await t.app.request('/problems/report.locked?lang=nb')
    expect(nb.headers.get('location')).toBe('/problems?lang=nb#report.locked')
  })

  it('an unknown code is a 404 problem with its own code', async () => {
    const res = await call(t.app, 'GET', '/problems/no.such_code', { headers: NB })
    expectNorwegian(res, 'problem_code.not_found')
  })

  it('every problem type the API answers is a page that exists', async () => {
    const res = await call(t.app, 'GET', `/v1/organizations/${NO_ID}`, { token: w.platformAdmin })
    const page = await t.app.request(res.body.type)
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe(`/problems#${res.body.code}`)
  })
})
