import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { DEMO_PASSWORD } from '../../src/demo/ids.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg } from '../helpers/factories.ts'
import { call, login, ORIGIN } from '../helpers/http.ts'

/**
 * The annual impact report on the demo portfolio: the same figures as the venture and portfolio
 * pages' API for the year, the PDF carries them (read back with pdftotext), the investor's
 * commentary is written with audit and read by the investor's members only, bad input is a problem.
 */
let t: TestContext
let investor: string
let venture: string
let kommune: string
let admin: string
let arbeidsglede: string
const YEAR = 2025
const WINDOW = `from=${YEAR}-01-01&to=${YEAR}-12-31`

beforeAll(async () => {
  t = await createTestApp()
  await loadDemo({
    db: t.database.db,
    principal: null,
    requestId: null,
    now: new Date(),
    config: defaultConfig(),
  })
  investor = await login(t.app, 'investor@demo.effekt.no', DEMO_PASSWORD)
  venture = await login(t.app, 'venture@demo.effekt.no', DEMO_PASSWORD)
  kommune = await login(t.app, 'kommune@demo.effekt.no', DEMO_PASSWORD)
  admin = await login(t.app, 'admin@demo.effekt.no', DEMO_PASSWORD)
  const org = await t.database.db
    .selectFrom('organizations')
    .select('id')
    .where('name', '=', 'Arbeidsglede AS')
    .executeTakeFirstOrThrow()
  arbeidsglede = org.id
}, 120_000)
afterAll(() => t.close())

const pdftotext = spawnSync('pdftotext', ['-v']).error ? null : 'pdftotext'
if (!pdftotext)
  console.warn('annual-report.test.ts: pdftotext (poppler-utils) is not installed; PDF text checks skipped.')

async function pdfText(path: string, cookie: string): Promise<string> {
  const res = await t.app.request(`${ORIGIN}${path}`, { headers: { cookie } })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/pdf')
  expect(res.headers.get('content-disposition')).toMatch(
    /^attachment; filename="effekt-annual-report-.+\.pdf"$/,
  )
  const bytes = new Uint8Array(await res.arrayBuffer())
  expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
  const out = spawnSync('pdftotext', ['-layout', '-', '-'], { input: bytes })
  expect(out.status).toBe(0)
  // nb groups thousands with a no-break space; compare with plain spaces.
  return out.stdout.toString('utf8').replace(/\u00a0/g, ' ')
}

describe('venture annual report', () => {
  it('has the venture page’s figures for the year: economics, outcomes, SROI', async () => {
    const res = await call(t.app, 'GET', `/v1/ventures/${arbeidsglede}/annual-report?year=${YEAR}&lang=nb`, {
      cookie: investor,
    })
    expect(res.status, res.text).toBe(200)
    const r = res.body
    expect(r).toMatchObject({
      kind: 'venture',
      year: YEAR,
      language: 'nb',
      subject: { name: 'Arbeidsglede AS' },
    })
    expect(r.title).toBe('Årsrapport for samfunnseffekt 2025: Arbeidsglede AS')

    const econ = await call(t.app, 'GET', `/v1/ventures/${arbeidsglede}/economics?${WINDOW}`, {
      cookie: investor,
    })
    expect(econ.status).toBe(200)
    expect(r.cost).toEqual(econ.body.cost)
    expect(r.attributionShare).toBe(econ.body.attribution.share)
    expect(
      r.outcomeCosts.map((o: { indicatorCode: string; units: string; costPerUnit: string | null }) => [
        o.indicatorCode,
        o.units,
        o.costPerUnit,
      ]),
    ).toEqual(
      econ.body.outcomes.map((o: { indicatorCode: string; units: string; costPerUnit: string | null }) => [
        o.indicatorCode,
        o.units,
        o.costPerUnit,
      ]),
    )
    expect(r.sroi).toHaveLength(1)
    expect(r.sroi[0]).toMatchObject({
      ratio: econ.body.sroi.ratio,
      presentValue: econ.body.sroi.presentValue,
      inputs: econ.body.sroi.inputs,
    })
    const sroi = await call(t.app, 'GET', `/v1/ventures/${arbeidsglede}/sroi`, { cookie: investor })
    expect(
      r.sroi[0].assumptions.map((a: { indicatorCode: string; proxy: string; deadweight: string }) => [
        a.indicatorCode,
        a.proxy,
        a.deadweight,
      ]),
    ).toEqual(
      sroi.body.outcomes.map((o: { indicatorCode: string; proxy: string; deadweight: string }) => [
        o.indicatorCode,
        o.proxy,
        o.deadweight,
      ]),
    )

    const outcomes = await call(
      t.app,
      'GET',
      `/v1/ventures/${arbeidsglede}/outcomes?from=${YEAR}&to=${YEAR}&granularity=year`,
      { cookie: investor },
    )
    expect(outcomes.status, outcomes.text).toBe(200)
    const work = r.keyFigures.find((k: { indicatorCode: string }) => k.indicatorCode === 'NO-WORK-01')
    const series = outcomes.body.series.find(
      (s: { indicator: { code: string } }) => s.indicator.code === 'NO-WORK-01',
    )
    const point = series.points.at(-1)
    expect(work).toMatchObject({ value: point.value, target: point.target, status: point.status })
    expect(work.points.map((p: { period: string }) => p.period)).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
    ])
    // Narrative from verified reports of the year, and the notes.
    expect(r.narrative.length).toBeGreaterThan(0)
    expect(r.narrative.every((n: { period: string }) => n.period.startsWith('2025'))).toBe(true)
    expect(r.notes.map((n: { code: string }) => n.code)).toContain('disclosure-control')
  })

  it.skipIf(!pdftotext)('prints committed, disbursed, outcomes and SROI in the PDF, in bokmål', async () => {
    const r = (
      await call(t.app, 'GET', `/v1/ventures/${arbeidsglede}/annual-report?year=${YEAR}&lang=nb`, {
        cookie: investor,
      })
    ).body
    const text = await pdfText(
      `/v1/ventures/${arbeidsglede}/annual-report.pdf?year=${YEAR}&lang=nb`,
      investor,
    )
    const nok = (v: string) =>
      `${Math.round(Number(v))
        .toLocaleString('nb-NO')
        .replace(/\u00a0/g, ' ')} kr`
    for (const word of [
      'Årsrapport for samfunnseffekt 2025',
      'Kapital og støtte',
      'Nøkkeltall mot mål',
      'Forutsetninger',
      'Høydepunkter',
    ])
      expect(text).toContain(word)
    expect(text).toContain(nok(r.capital.committedToDate))
    expect(text).toContain(nok(r.capital.disbursedToDate))
    expect(text).toContain(nok(r.sroi[0].presentValue))
    expect(text).toContain(r.sroi[0].ratio.replace('.', ','))
    const work = r.keyFigures.find((k: { indicatorCode: string }) => k.indicatorCode === 'NO-WORK-01')
    expect(text).toMatch(new RegExp(`NO-WORK-01\\)\\s+${work.value}\\s`))
    expect(text).toContain(r.narrative[0].highlights.slice(0, 30))
  })

  it.skipIf(!pdftotext)('speaks English when asked', async () => {
    const text = await pdfText(
      `/v1/ventures/${arbeidsglede}/annual-report.pdf?year=${YEAR}&lang=en`,
      investor,
    )
    expect(text).toContain('Annual impact report 2025: Arbeidsglede AS')
    expect(text).toContain('Capital and support')
  })

  it('takes the language from Accept-Language without lang', async () => {
    const res = await call(t.app, 'GET', `/v1/ventures/${arbeidsglede}/annual-report?year=${YEAR}`, {
      cookie: investor,
      headers: { 'accept-language': 'nb-NO,nb;q=0.9' },
    })
    expect(res.body.language).toBe('nb')
  })

  it('answers unknown years and bad languages with problems', async () => {
    const path = `/v1/ventures/${arbeidsglede}/annual-report`
    for (const year of ['1999', String(new Date().getUTCFullYear() + 2)]) {
      const res = await call(t.app, 'GET', `${path}?year=${year}`, { cookie: investor })
      expect(res.status, year).toBe(422)
      expect(res.body.code).toBe('annual_report.unknown_year')
      expect(res.body.errors[0]).toMatchObject({ in: 'query', path: 'year' })
    }
    for (const q of ['year=abc', 'year=2025&lang=de', '']) {
      const res = await call(t.app, 'GET', `${path}?${q}`, { cookie: investor })
      expect(res.status, q).toBe(400)
      expect(res.body.code, q).toBe('request.invalid')
    }
    const pdf = await call(t.app, 'GET', `${path}.pdf?year=1999`, { cookie: investor })
    expect(pdf.body.code).toBe('annual_report.unknown_year')
  })

  it('is 404 for those who may not see the venture in detail', async () => {
    for (const path of ['annual-report', 'annual-report.pdf']) {
      const res = await call(t.app, 'GET', `/v1/ventures/${arbeidsglede}/${path}?year=${YEAR}`, {
        cookie: kommune,
      })
      expect(res.status, path).toBe(404)
    }
    const missing = await call(
      t.app,
      'GET',
      `/v1/ventures/${crypto.randomUUID()}/annual-report?year=${YEAR}`,
      {
        cookie: investor,
      },
    )
    expect(missing.status).toBe(404)
  })
})

describe('portfolio annual report', () => {
  it('has GET /v1/portfolio’s figures for the year', async () => {
    const res = await call(t.app, 'GET', `/v1/portfolio/annual-report?year=${YEAR}&lang=en`, {
      cookie: investor,
    })
    expect(res.status, res.text).toBe(200)
    const r = res.body
    const p = (await call(t.app, 'GET', `/v1/portfolio?${WINDOW}`, { cookie: investor })).body
    expect(r).toMatchObject({ kind: 'portfolio', subject: p.organization, investor: p.organization })
    expect(r.peopleReached).toBe(p.totals.peopleReached.total)
    expect(r.portfolioSroi).toEqual(p.totals.sroi)
    expect(r.capital.committedToDate).toBe(p.totals.figures.committed)
    expect(r.capital.disbursedToDate).toBe(p.totals.figures.disbursed)
    const year = p.disbursementsByYear.find((y: { year: number }) => y.year === YEAR)
    expect(r.capital.committedInYear).toBe(year.committed)
    expect(r.capital.disbursedInYear).toBe(year.disbursed)
    expect(r.ventures.map((v: { ventureId: string }) => v.ventureId)).toEqual(
      p.ventures.map((v: { id: string }) => v.id),
    )
    for (const v of p.ventures) {
      const line = r.ventures.find((l: { ventureId: string }) => l.ventureId === v.id)
      expect(line.disbursedToDate, v.name).toBe(v.figures.disbursed)
      expect(line.sroiRatio, v.name).toBe(v.economics.sroi?.ratio ?? null)
    }
    expect(r.notes.map((n: { code: string }) => n.code)).toContain('double-counting')
  })

  it.skipIf(!pdftotext)('prints the portfolio’s figures in the PDF', async () => {
    const r = (
      await call(t.app, 'GET', `/v1/portfolio/annual-report?year=${YEAR}&lang=nb`, { cookie: investor })
    ).body
    const text = await pdfText(`/v1/portfolio/annual-report.pdf?year=${YEAR}&lang=nb`, investor)
    const nok = (v: string) =>
      `${Math.round(Number(v))
        .toLocaleString('nb-NO')
        .replace(/\u00a0/g, ' ')} kr`
    expect(text).toContain('porteføljen til Nordlys Sosial Kapital')
    expect(text).toContain(nok(r.capital.committedToDate))
    expect(text).toContain(nok(r.capital.disbursedInYear))
    expect(text).toContain(r.portfolioSroi.ratio.replace('.', ','))
    expect(text).toContain('Virksomhetene')
    expect(text).toContain('Sirkulær Snekkerverksted')
  })

  it('is for members of an investor: others 403, unknown organizations 404', async () => {
    expect(
      (await call(t.app, 'GET', `/v1/portfolio/annual-report?year=${YEAR}`, { cookie: venture })).status,
    ).toBe(403)
    const other = await call(
      t.app,
      'GET',
      `/v1/portfolio/annual-report?year=${YEAR}&organization=${arbeidsglede}`,
      {
        cookie: investor,
      },
    )
    expect(other.status).toBe(404)
  })
})

describe('the investor’s commentary', () => {
  it('is written by the investor with audit and read by its members only', async () => {
    const text = 'Et godt år: flere i jobb. Styret bør merke seg ventetiden hos NAV.'
    const put = await call(t.app, 'PUT', `/v1/ventures/${arbeidsglede}/annual-report/commentary`, {
      cookie: investor,
      body: { year: YEAR, text },
    })
    expect(put.status, put.text).toBe(200)
    expect(put.body).toMatchObject({ ventureId: arbeidsglede, year: YEAR, text })
    const again = await call(t.app, 'PUT', `/v1/ventures/${arbeidsglede}/annual-report/commentary`, {
      cookie: investor,
      body: { year: YEAR, text: `${text}\nOppdatert.` },
    })
    expect(again.status).toBe(200)
    const rows = await t.database.db.selectFrom('annualCommentaries').selectAll().execute()
    expect(rows).toHaveLength(1)
    const audit = await t.database.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'annual_commentary.write')
      .orderBy('occurredAt')
      .execute()
    expect(audit).toHaveLength(2)

    const own = await call(t.app, 'GET', `/v1/ventures/${arbeidsglede}/annual-report?year=${YEAR}`, {
      cookie: investor,
    })
    expect(own.body.commentary.text).toBe(`${text}\nOppdatert.`)
    const theirs = await call(t.app, 'GET', `/v1/ventures/${arbeidsglede}/annual-report?year=${YEAR}`, {
      cookie: venture,
    })
    expect(theirs.status).toBe(200)
    expect(theirs.body.commentary).toBeNull()
    expect(theirs.body.investor).toBeNull()
    if (pdftotext) {
      const pdf = await pdfText(
        `/v1/ventures/${arbeidsglede}/annual-report.pdf?year=${YEAR}&lang=nb`,
        investor,
      )
      expect(pdf).toContain('Et godt år: flere i jobb.')
    }
  })

  it('is not shown to another investor the venture shares its data with in detail', async () => {
    const other = await makeOrg(t.database.db, { kind: 'investor', name: 'Annen Investor' })
    const member = await makeMember(t.database.db, other.id, 'admin')
    const share = await call(t.app, 'POST', `/v1/ventures/${arbeidsglede}/shares`, {
      cookie: venture,
      body: { organizationId: other.id, level: 'detailed' },
    })
    expect(share.status, share.text).toBe(201)
    const cookie = await login(t.app, member.email)
    const res = await call(t.app, 'GET', `/v1/ventures/${arbeidsglede}/annual-report?year=${YEAR}`, {
      cookie,
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body.investor?.id).toBe(other.id)
    expect(res.body.commentary).toBeNull()
    // Its own commentary is its own: the first investor still reads only its text.
    const put = await call(t.app, 'PUT', `/v1/ventures/${arbeidsglede}/annual-report/commentary`, {
      cookie,
      body: { year: YEAR, text: 'Den andre investorens syn.' },
    })
    expect(put.status, put.text).toBe(200)
    const first = await call(t.app, 'GET', `/v1/ventures/${arbeidsglede}/annual-report?year=${YEAR}`, {
      cookie: investor,
    })
    expect(first.body.commentary.text).not.toContain('andre investorens')
    await t.database.db.deleteFrom('annualCommentaries').where('investorOrgId', '=', other.id).execute()
  })

  it('is refused to the venture, the municipality and bad bodies, writing nothing', async () => {
    const before = await t.database.db.selectFrom('annualCommentaries').selectAll().execute()
    const path = `/v1/ventures/${arbeidsglede}/annual-report/commentary`
    const venturePut = await call(t.app, 'PUT', path, {
      cookie: venture,
      body: { year: YEAR, text: 'Vi er best.' },
    })
    expect(venturePut.status).toBe(403)
    expect(venturePut.body.code).toBe('annual_report.commentary_not_permitted')
    expect(
      (await call(t.app, 'PUT', path, { cookie: kommune, body: { year: YEAR, text: 'x' } })).status,
    ).toBe(404)
    for (const body of [
      { text: 'no year' },
      { year: YEAR, text: 'x'.repeat(8001) },
      { year: YEAR, text: 'x', extra: 1 },
    ]) {
      const res = await call(t.app, 'PUT', path, { cookie: investor, body })
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(422)
    }
    const future = await call(t.app, 'PUT', path, { cookie: investor, body: { year: 2999, text: 'x' } })
    expect(future.status).toBe(422)
    expect(future.body.code).toBe('annual_report.unknown_year')
    expect(await t.database.db.selectFrom('annualCommentaries').selectAll().execute()).toEqual(before)
  })

  it('is written for the portfolio by the investor’s editors and shown in its report', async () => {
    const put = await call(t.app, 'PUT', '/v1/portfolio/annual-report/commentary', {
      cookie: investor,
      body: { year: YEAR, text: 'Porteføljen nådde flere enn året før.' },
    })
    expect(put.status, put.text).toBe(200)
    expect(put.body.ventureId).toBeNull()
    const r = await call(t.app, 'GET', `/v1/portfolio/annual-report?year=${YEAR}`, { cookie: investor })
    expect(r.body.commentary.text).toBe('Porteføljen nådde flere enn året før.')
    const adminPut = await call(t.app, 'PUT', '/v1/portfolio/annual-report/commentary', {
      cookie: admin,
      body: { year: YEAR, text: 'x' },
    })
    expect(adminPut.status).toBe(400)
  })
})

describe('without a PDF renderer (Workers)', () => {
  it('answers annual_report.pdf_unavailable', async () => {
    const bare = await createTestApp({}, t.database, { renderAnnualReportPdf: undefined })
    const res = await call(bare.app, 'GET', `/v1/portfolio/annual-report.pdf?year=${YEAR}`, {
      cookie: investor,
    })
    expect(res.status).toBe(501)
    expect(res.body.code).toBe('annual_report.pdf_unavailable')
  })
})

describe('the print page', () => {
  it('shows the venture report with charts and their tables, a PDF link and the commentary form', async () => {
    const res = await call(t.app, 'GET', `/ventures/${arbeidsglede}/annual-report?year=${YEAR}`, {
      cookie: investor,
      headers: { 'accept-language': 'nb' },
    })
    expect(res.status).toBe(200)
    expect(res.text).toContain('Årsrapport for samfunnseffekt 2025: Arbeidsglede AS')
    expect(res.text).toContain(`/v1/ventures/${arbeidsglede}/annual-report.pdf?year=2025&amp;lang=nb`)
    expect(res.text).toContain('data-chart=')
    expect(res.text).toContain('class="chart-table"')
    expect(res.text).toContain('name="text"')
    // The venture's own members read the report without the investor's form.
    const own = await call(t.app, 'GET', `/ventures/${arbeidsglede}/annual-report?year=${YEAR}`, {
      cookie: venture,
    })
    expect(own.status).toBe(200)
    expect(own.text).not.toContain('name="text"')
  })

  it('saves the commentary from the form and refuses unknown years with a designed page', async () => {
    const form = new URLSearchParams({ year: String(YEAR), text: 'Fra skjemaet: æøå.' }).toString()
    const res = await call(t.app, 'POST', `/ventures/${arbeidsglede}/annual-report/commentary`, {
      cookie: investor,
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(303)
    const page = await call(t.app, 'GET', `/ventures/${arbeidsglede}/annual-report?year=${YEAR}`, {
      cookie: investor,
    })
    expect(page.text).toContain('Fra skjemaet: æøå.')
    const bad = await call(t.app, 'GET', `/ventures/${arbeidsglede}/annual-report?year=1999`, {
      cookie: investor,
    })
    expect(bad.status).toBe(422)
    expect(bad.headers.get('content-type')).toMatch(/text\/html/)
    const portfolio = await call(t.app, 'GET', `/portfolio/annual-report?year=${YEAR}`, { cookie: investor })
    expect(portfolio.status).toBe(200)
    expect(portfolio.text).toContain('Sirkulær Snekkerverksted')
  })
})
