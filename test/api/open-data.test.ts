import Decimal from 'decimal.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../src/domain/csv.ts'
import { XLSX_CONTENT_TYPE } from '../../src/domain/sheets.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import {
  assign,
  makeMunicipalityOrg,
  makeReport,
  makeVentureOrg,
  shareData,
} from '../helpers/outcome-data.ts'
import { readWorkbook } from '../helpers/sheets.ts'

let t: TestContext
let kommune: string
const db = () => t.database.db

/**
 * Nordre Follo has opted in. `open` publishes open data and shares with it; `closed` shares but
 * does not publish; `elsewhere` publishes but shares only with a Nordre Follo organization that
 * has not opted in. Only `open`'s verified values may appear.
 */
beforeAll(async () => {
  t = await createTestApp()
  kommune = await makeMunicipalityOrg(db(), ['3207'], { name: 'Nordre Follo kommune', openData: true })
  // Another municipality (a number belongs to one organization): what is shared with it stays out.
  const quiet = await makeMunicipalityOrg(db(), ['3203'], { name: 'Asker kommune' })
  const open = await makeVentureOrg(db(), { municipalities: ['3207'], publishOpenData: true })
  const closed = await makeVentureOrg(db(), { municipalities: ['3207'], publishOpenData: false })
  const elsewhere = await makeVentureOrg(db(), { municipalities: ['3207'], publishOpenData: true })
  await shareData(db(), open, kommune)
  await shareData(db(), closed, kommune, 'detailed')
  await shareData(db(), elsewhere, quiet)
  const a = await assign(db(), open, 'NO-WORK-01')
  const r = await assign(db(), open, 'PI3527')
  for (const [period, total, female, n, d] of [
    ['2024-Q1', 12, 10, 2, 10],
    ['2024-Q2', 2, 1, 6, 12],
    ['2024-Q3', 9, 5, 8, 16],
    ['2024-Q4', 15, 7, 9, 18],
  ] as const)
    await makeReport(db(), {
      ventureId: open,
      period,
      values: [
        { assignmentId: a, total, gender: { female, male: total - female } },
        { assignmentId: r, total: ((n * 100) / d).toFixed(2), numerator: n, denominator: d },
      ],
    })
  await makeReport(db(), {
    ventureId: open,
    period: '2025-Q1',
    status: 'submitted',
    values: [{ assignmentId: a, total: 40 }],
  })
  for (const v of [closed, elsewhere]) {
    const b = await assign(db(), v, 'NO-WORK-01')
    await makeReport(db(), { ventureId: v, period: '2024-Q1', values: [{ assignmentId: b, total: 100 }] })
  }
})
afterAll(() => t.close())

// biome-ignore lint/suspicious/noExplicitAny: test reads JSON
type Json = any

/** Every cell of the dataset, with where it is. */
function cellsOf(body: Json): [string, { value: string | null; suppressed: boolean; reason?: string }][] {
  const out: [string, Json][] = []
  for (const ind of body.indicators)
    for (const p of [...ind.quarters, ...ind.years]) {
      const at = `${ind.indicator.code} ${p.period}`
      out.push([at, p.value])
      if (p.numerator) out.push([`${at} numerator`, p.numerator])
      if (p.denominator) out.push([`${at} denominator`, p.denominator])
      for (const [dim, cats] of Object.entries(p.breakdowns as Record<string, Record<string, Json>>))
        for (const [cat, c] of Object.entries(cats)) out.push([`${at} ${dim} ${cat}`, c])
    }
  return out
}

describe('GET /v1/open/impact/{municipality}.json', () => {
  it('serves the protected figures of opted-in ventures without login, with licence and definitions', async () => {
    const res = await call(t.app, 'GET', '/v1/open/impact/3207.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('cache-control')).toBe('public, max-age=900')
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{43}"$/)
    expect(res.headers.get('link')).toBe('<https://data.norge.no/nlod/no/2.0>; rel="license"')
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.body.licence).toMatchObject({
      identifier: 'NLOD-2.0',
      name: 'Norsk lisens for offentlige data (NLOD) 2.0',
    })
    expect(res.body.publishers).toEqual(['Nordre Follo kommune'])
    expect(res.body.ventureCount).toBe(1)
    expect(res.body.basis).toBe('verified')
    const work = res.body.indicators.find((i: Json) => i.indicator.code === 'NO-WORK-01')
    expect(work.indicator.definition).toMatch(/ordinary, unsubsidised paid work/)
    // Only `open`'s verified 2024: the worked example of suppression, and no 2025 (submitted).
    expect(work.quarters.map((p: Json) => [p.period, p.value.value])).toEqual([
      ['2024-Q1', '12'],
      ['2024-Q2', null],
      ['2024-Q3', null],
      ['2024-Q4', '15'],
    ])
    expect(work.years.map((p: Json) => [p.period, p.value.value])).toEqual([['2024', '38']])
    expect(res.body.indicators.find((i: Json) => i.indicator.code === 'PI3527').indicator.irisCitation).toBe(
      'IRIS+ Job placement rate (PI3527), v5.3',
    )
  })

  it('never contains a suppressed value', async () => {
    const res = await call(t.app, 'GET', '/v1/open/impact/3207.json')
    const cells = cellsOf(res.body)
    const suppressed = cells.filter(([, c]) => c.suppressed)
    expect(suppressed.length).toBeGreaterThan(5)
    for (const [at, c] of suppressed) {
      expect(c.value, at).toBeNull()
      expect(c.reason, at).toBe('disclosure-control')
    }
    // No shown count of people is 1–3 (rates are not counts; their parts are).
    for (const [at, c] of cells.filter(([at, c]) => !c.suppressed && !/PI3527 \S+$/.test(at)))
      expect(Number(c.value) >= 1 && Number(c.value) <= 3, `${at} = ${c.value}`).toBe(false)

    const csv = await call(t.app, 'GET', '/v1/open/impact/3207.csv')
    const parsed = parseCsv(csv.text)
    const col = (name: string) => parsed.header.indexOf(name)
    const hiddenRows = parsed.rows.filter((r) => r.cells[col('suppressed')] === 'true')
    expect(hiddenRows.length).toBe(suppressed.filter(([at]) => !/numerator|denominator/.test(at)).length)
    for (const r of hiddenRows) {
      expect(r.cells[col('value')]).toBe('')
      expect(r.cells[col('numerator')]).toBe('')
      expect(r.cells[col('denominator')]).toBe('')
    }
  })

  it('answers If-None-Match with 304, and changes its tag when the figures change', async () => {
    const first = await call(t.app, 'GET', '/v1/open/impact/3207.json')
    const etag = first.headers.get('etag') as string
    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await call(t.app, 'GET', '/v1/open/impact/3207.json', {
        headers: { 'if-none-match': tag },
      })
      expect(again.status, tag).toBe(304)
      expect(again.text).toBe('')
      expect(again.headers.get('etag')).toBe(etag)
      expect(again.headers.get('cache-control')).toBe('public, max-age=900')
    }
    expect(
      (await call(t.app, 'GET', '/v1/open/impact/3207.json', { headers: { 'if-none-match': '"x"' } })).status,
    ).toBe(200)
    // The same content gives the same tag; new verified figures a new one.
    expect((await call(t.app, 'GET', '/v1/open/impact/3207.json')).headers.get('etag')).toBe(etag)
    const v = await makeVentureOrg(db(), { municipalities: ['3207'], publishOpenData: true })
    await shareData(db(), v, kommune)
    const a = await assign(db(), v, 'NO-YOUTH-03')
    await makeReport(db(), { ventureId: v, period: '2022-Q2', values: [{ assignmentId: a, total: 30 }] })
    const changed = await call(t.app, 'GET', '/v1/open/impact/3207.json', {
      headers: { 'if-none-match': etag },
    })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
  })

  it('serves the same figures as CSV: decimal points and commas for everyone, decimal=comma for Excel in Norway', async () => {
    // Open data does not follow Accept-Language: one file per query, for caches and scripts.
    const res = await call(t.app, 'GET', '/v1/open/impact/3207.csv', { headers: { 'accept-language': 'nb' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('etag')).toMatch(/^"/)
    // (Response.text() drops the byte order mark; the bytes keep it.)
    expect(
      res.text.startsWith('indicator_code,indicator_nb,indicator_en,unit,aggregation,period,dimension,'),
    ).toBe(true)
    const bytes = new Uint8Array(await (await t.app.request('/v1/open/impact/3207.csv')).arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const parsed = parseCsv(res.text)
    const col = (name: string) => parsed.header.indexOf(name)
    const year = parsed.rows.find(
      (r) =>
        r.cells[col('indicator_code')] === 'NO-WORK-01' &&
        r.cells[col('period')] === '2024' &&
        r.cells[col('dimension')] === 'total',
    )
    expect(year?.cells[col('value')]).toBe('38')
    expect(year?.cells[col('licence')]).toBe('NLOD-2.0')
    expect(year?.cells[col('definition')]).toMatch(/ordinary, unsubsidised paid work/)
    const comma = await call(t.app, 'GET', '/v1/open/impact/3207.csv?decimal=comma')
    const nb = parseCsv(comma.text)
    expect(nb.separator).toBe(';')
    // Every figure is the same, written with a decimal comma.
    const figures = (p: typeof parsed) =>
      p.rows.map((r) => ['value', 'numerator', 'denominator'].map((c) => r.cells[p.header.indexOf(c)]))
    expect(figures(nb)).toEqual(figures(parsed).map((r) => r.map((v) => v?.replace('.', ','))))
    expect(
      figures(parsed)
        .flat()
        .some((v) => v?.includes('.')),
    ).toBe(true)
    expect(
      parseCsv((await call(t.app, 'GET', '/v1/open/impact/3207.csv?sep=semicolon')).text).separator,
    ).toBe(';')
    expect((await call(t.app, 'GET', '/v1/open/impact/3207.csv?sep=tab')).status).toBe(400)
    expect((await call(t.app, 'GET', '/v1/open/impact/3207.csv?decimal=dot')).status).toBe(400)

    // The XLSX has the same cells, typed: numbers as numbers, the suppressed ones empty.
    const xlsx = await t.app.request('/v1/open/impact/3207.xlsx', { headers: { 'accept-language': 'nb' } })
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE)
    const etag = xlsx.headers.get('etag') as string
    const book = await readWorkbook(new Uint8Array(await xlsx.arrayBuffer()))
    const sheet = book.getWorksheet('impact')!
    expect(sheet.getRow(1).values).toEqual([undefined, ...parsed.header])
    parsed.rows.forEach((r, i) => {
      const row = sheet.getRow(i + 2)
      r.cells.forEach((cell, c) => {
        const value = row.getCell(c + 1).value
        const header = parsed.header[c]!
        if (cell === '') expect(value ?? null, `${i} ${header}`).toBeNull()
        else if (['value', 'numerator', 'denominator', 'ventures'].includes(header)) {
          expect(typeof value, `${i} ${header}`).toBe('number')
          expect(new Decimal(value as number).eq(cell), `${i} ${header}`).toBe(true)
        } else if (header === 'suppressed') expect(value).toBe(cell === 'true')
        else expect(value, `${i} ${header}`).toBe(cell)
      })
    })
    const definitions = book.getWorksheet('definisjoner')!
    const notes = definitions.getColumn(5).values.map(String)
    expect(notes.some((n) => n.startsWith('Antall personer fra 1 til'))).toBe(true)
    expect(notes.some((n) => n.includes('NLOD-2.0'))).toBe(true)
    const again = await t.app.request('/v1/open/impact/3207.xlsx', {
      headers: { 'accept-language': 'nb', 'if-none-match': etag },
    })
    expect(again.status).toBe(304)
  })

  it('refuses municipalities that did not opt in, unknown numbers and other forms', async () => {
    expect((await call(t.app, 'GET', '/v1/open/impact/0301.json')).status).toBe(404)
    expect((await call(t.app, 'GET', '/v1/open/impact/0301.csv')).status).toBe(404)
    const unknown = await call(t.app, 'GET', '/v1/open/impact/9999.json')
    expect(unknown.status).toBe(422)
    expect(unknown.body.errors).toEqual([
      {
        in: 'path',
        path: 'municipality',
        message: expect.stringContaining('9999'),
        code: 'municipality.number_invalid',
      },
    ])
    const malformed = await call(t.app, 'GET', '/v1/open/impact/32a7.json')
    expect(malformed.status).toBe(400)
    expect(malformed.body.errors[0].path).toBe('municipality')
    expect((await call(t.app, 'GET', '/v1/open/impact/3207.xml')).status).toBe(404)
    expect((await call(t.app, 'GET', '/v1/open/impact/3207')).status).toBe(404)
  })
})

describe('/v1/organizations/{id}/open-data', () => {
  it('lets the municipality’s admins publish and withdraw, with an audit event', async () => {
    const org = await makeMunicipalityOrg(db(), ['0301'], { name: 'Oslo kommune' })
    const admin = (await makeToken(db(), (await makeMember(db(), org, 'admin')).id)).token
    const viewer = (await makeToken(db(), (await makeMember(db(), org, 'viewer')).id)).token
    const stranger = (await makeToken(db(), (await makeMember(db(), kommune, 'admin')).id)).token
    const path = `/v1/organizations/${org}/open-data`

    const before = await call(t.app, 'GET', path, { token: viewer })
    expect(before.status).toBe(200)
    expect(before.body).toEqual({
      organizationId: org,
      published: false,
      publishedAt: null,
      links: [
        {
          municipality: '0301',
          json: '/v1/open/impact/0301.json',
          csv: '/v1/open/impact/0301.csv',
          xlsx: '/v1/open/impact/0301.xlsx',
        },
      ],
    })
    expect((await call(t.app, 'GET', path, { token: stranger })).status).toBe(404)
    expect((await call(t.app, 'PUT', path, { token: viewer, body: { publish: true } })).status).toBe(403)
    expect((await call(t.app, 'PUT', path, { token: stranger, body: { publish: true } })).status).toBe(404)

    for (const body of [{ publish: 'yes' }, {}, { publish: null }]) {
      const bad = await call(t.app, 'PUT', path, { token: admin, body })
      expect(bad.status).toBe(422)
      expect(bad.body.errors[0].path).toBe('publish')
    }
    expect((await call(t.app, 'GET', path, { token: admin })).body.published).toBe(false)

    const published = await call(t.app, 'PUT', path, { token: admin, body: { publish: true } })
    expect(published.status).toBe(200)
    expect(published.body.published).toBe(true)
    expect((await call(t.app, 'GET', '/v1/open/impact/0301.json')).status).toBe(200)
    const events = await db().selectFrom('auditEvents').selectAll().where('entityId', '=', org).execute()
    expect(events.map((e) => e.action)).toEqual(['open_data.publish'])

    const withdrawn = await call(t.app, 'PUT', path, { token: admin, body: { publish: false } })
    expect(withdrawn.body.published).toBe(false)
    expect((await call(t.app, 'GET', '/v1/open/impact/0301.json')).status).toBe(404)
    // Withdrawing again changes nothing and records nothing.
    await call(t.app, 'PUT', path, { token: admin, body: { publish: false } })
    const after = await db().selectFrom('auditEvents').select('action').where('entityId', '=', org).execute()
    expect(after.map((e) => e.action).sort()).toEqual(['open_data.publish', 'open_data.withdraw'])
  })

  it('has no open-data setting for organizations that are not municipalities', async () => {
    const venture = await makeVentureOrg(db())
    const admin = (await makeToken(db(), (await makeMember(db(), venture, 'admin')).id)).token
    expect(
      (await call(t.app, 'GET', `/v1/organizations/${venture}/open-data`, { token: admin })).status,
    ).toBe(404)
    expect(
      (
        await call(t.app, 'PUT', `/v1/organizations/${venture}/open-data`, {
          token: admin,
          body: { publish: true },
        })
      ).status,
    ).toBe(404)
  })
})
