import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { parseCsv } from '../../src/domain/csv.ts'
import { readWorkbook, sheetRows } from '../helpers/sheets.ts'
import { DEMO, DEMO_PASSWORD, startServer, type TestServer } from './harness.ts'

/**
 * The impact page over plain HTTP: who may open it, what a bad query answers, and the CSV that
 * carries exactly the figures of the page (the browser test reads the same page in Chromium).
 */
let server: TestServer
beforeAll(async () => {
  server = await startServer(inject('e2eDemoDump'))
})
afterAll(() => server?.close())

async function signIn(email: string): Promise<{ cookie: string; home: string | null }> {
  const res = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }).toString(),
  })
  expect(res.status).toBe(303)
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('effekt_session='))
  if (!cookie) throw new Error('no session cookie')
  return { cookie: cookie.split(';')[0] as string, home: res.headers.get('location') }
}

const get = (path: string, cookie?: string) =>
  fetch(`${server.url}${path}`, {
    redirect: 'manual',
    headers: { accept: 'text/html', 'accept-language': 'nb-NO', ...(cookie ? { cookie } : {}) },
  })

describe('the impact page over HTTP', () => {
  it('is the municipality user’s home, and asks visitors to sign in first', async () => {
    const { home } = await signIn(DEMO.kommune)
    expect(home).toBe('/impact')
    const anonymous = await get('/impact?theme=youth')
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fimpact%3Ftheme%3Dyouth')
  })

  it('shows Nordre Follo’s figures with suppressed cells marked and the threshold explained', async () => {
    const { cookie } = await signIn(DEMO.kommune)
    const res = await get('/impact', cookie)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    expect(html).toContain('<h1>Resultater i Nordre Follo</h1>')
    expect(html).toContain('<span class="suppressed suppressed-disclosure-control">Skjermet</span>')
    expect(html).toContain('Et antall personer mellom 1 og 3 (under terskelen på 4)')
    expect(html).toContain(
      'Ski (0213), Oppegård (0217), Nordre Follo (3020) er regnet inn i Nordre Follo (3207)',
    )
    // A rate's change is in percentage points.
    expect(html).toContain('ned 9,1 prosentpoeng fra 4. kvartal 2024 (90,9\u00a0%)')
    expect(html).toContain('href="/v1/open/impact/3207.csv"')
    expect(html).toContain(
      'href="/impact.csv?municipality=3207&amp;from=2023-Q1&amp;to=2025-Q4&amp;granularity=quarter"',
    )
  })

  it('downloads the page’s figures as CSV, with the same suppression as the API', async () => {
    const { cookie } = await signIn(DEMO.kommune)
    const query = 'municipality=3207&from=2023-Q1&to=2025-Q4&granularity=quarter'
    const res = await get(`/impact.csv?${query}`, cookie)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="effekt-impact_3207_2023-Q1_2025-Q4.csv"',
    )
    expect(res.headers.get('cache-control')).toBe('no-store')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csv = parseCsv(new TextDecoder().decode(bytes))
    expect(csv.header.slice(0, 9)).toEqual([
      'indicator_code',
      'indicator_nb',
      'indicator_en',
      'unit',
      'aggregation',
      'period',
      'dimension',
      'category',
      'value',
    ])
    expect(csv.header.at(-1)).toBe('unverified')
    // Every cell of the API's view is a line of the file, suppressed ones without a value.
    const api = await fetch(`${server.url}/v1/impact?${query}`, { headers: { cookie } })
    const view = (await api.json()) as {
      indicators: {
        indicator: { code: string }
        periods: { period: string; value: { value: string | null; suppressed: boolean } }[]
      }[]
    }
    const col = (name: string) => csv.header.indexOf(name)
    const totals = csv.rows.filter((r) => r.cells[col('dimension')] === 'total')
    const expected = view.indicators.flatMap((i) =>
      // The page is Norwegian: its CSV writes decimal commas (the one CSV rule).
      i.periods.map((p) => [
        i.indicator.code,
        p.period,
        (p.value.value ?? '').replace('.', ','),
        String(p.value.suppressed),
      ]),
    )
    expect(
      totals.map((r) => [
        r.cells[col('indicator_code')],
        r.cells[col('period')],
        r.cells[col('value')],
        r.cells[col('suppressed')],
      ]),
    ).toEqual(expected)
    expect(totals.some((r) => r.cells[col('suppressed')] === 'true')).toBe(true)
    expect(totals.some((r) => r.cells[col('value')]?.includes(','))).toBe(true)

    // The XLSX next to it holds the same cells as numbers, and the page's caveats as notes.
    const xlsx = await get(`/impact.xlsx?${query}`, cookie)
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get('content-disposition')).toBe(
      'attachment; filename="effekt-impact_3207_2023-Q1_2025-Q4.xlsx"',
    )
    const book = await readWorkbook(new Uint8Array(await xlsx.arrayBuffer()))
    const rows = sheetRows(book.getWorksheet('impact')!)
    expect(rows[0]).toEqual(csv.header)
    expect(
      rows
        .slice(1)
        .filter((r) => r[col('dimension')] === 'total')
        .map((r) => [r[col('indicator_code')], r[col('period')], r[col('value')], r[col('suppressed')]]),
    ).toEqual(
      expected.map(([code, period, value, suppressed]) => [
        code,
        period,
        value === '' ? null : Number(value!.replace(',', '.')),
        suppressed === 'true',
      ]),
    )
    const notes = sheetRows(book.getWorksheet('definisjoner')!).map((r) => r[4])
    expect(notes.some((n) => String(n).includes('er regnet inn i Nordre Follo (3207)'))).toBe(true)
  })

  it('answers a bad query with the form and the problem next to the field (422), never a 500', async () => {
    const { cookie } = await signIn(DEMO.kommune)
    const order = await get('/impact?from=2025&to=2023&granularity=year', cookie)
    expect(order.status).toBe(422)
    const html = await order.text()
    expect(html).toContain('<p class="field-error" id="f-to-error">')
    expect(html).toContain('«Til» kan ikke være før «Fra».')
    expect(html).toContain('value="2025"')
    const shape = await get('/impact?from=2025-Q5&theme=space', cookie)
    expect(shape.status).toBe(422)
    const text = await shape.text()
    expect(text).toContain('Skriv et år som 2023, et kvartal som 2023-Q1 eller en dato som ÅÅÅÅ-MM-DD.')
    expect(text).toContain('Velg et av temaene i listen.')
    const unknown = await get('/impact?municipality=9999', cookie)
    expect(unknown.status).toBe(422)
    expect(await unknown.text()).toContain('9999 er ikke et norsk kommunenummer.')
    // The CSV of a bad query is the same page: there is no file to give.
    expect((await get('/impact.csv?from=2025&to=2023', cookie)).status).toBe(422)
  })

  it('shows nothing of other municipalities to a member, and nothing to ventures or investors', async () => {
    const kommune = await signIn(DEMO.kommune)
    expect((await get('/impact?municipality=3301', kommune.cookie)).status).toBe(404)
    expect((await get('/impact.csv?municipality=all', kommune.cookie)).status).toBe(404)
    for (const email of [DEMO.venture, DEMO.investor]) {
      const { cookie } = await signIn(email)
      const res = await get('/impact', cookie)
      expect(res.status, email).toBe(404)
      expect(await res.text()).toContain('<h1>Fant ikke siden</h1>')
      expect((await get('/impact.csv', cookie)).status, email).toBe(404)
    }
  })

  it('says so when there is nothing to show: no figures in the window, no ventures sharing', async () => {
    const kommune = await signIn(DEMO.kommune)
    const before = await get('/impact?from=2010&to=2012&granularity=year', kommune.cookie)
    expect(before.status).toBe(200)
    const html = await before.text()
    expect(html).toContain('<p class="empty-title">Ingen tall i denne perioden</p>')
    expect(html).not.toContain('Last ned CSV')
    const admin = await signIn(DEMO.admin)
    const nobody = await (await get('/impact?municipality=1101', admin.cookie)).text()
    expect(nobody).toContain('<p class="empty-title">Ingen virksomheter deler data med Eigersund ennå</p>')
  })

  it('includes submitted figures only when asked, and marks the periods they enter', async () => {
    const { cookie } = await signIn(DEMO.kommune)
    const verified = await (await get('/impact?from=2025&to=2026', cookie)).text()
    expect(verified).not.toContain('Ikke kontrollert')
    const all = await (await get('/impact?from=2025&to=2026&includeUnverified=true', cookie)).text()
    expect(all).toContain(
      '<div class="notice notice-info" role="status">Innsendte tall som ikke er kontrollert',
    )
    expect(all).toContain('<span class="badge badge-info">Ikke kontrollert</span>')
    expect(all).toContain(
      '<input type="checkbox" id="f-includeUnverified" name="includeUnverified" value="true" checked=""/>',
    )
  })

  it('speaks English when asked', async () => {
    const { cookie } = await signIn(DEMO.kommune)
    const res = await fetch(`${server.url}/impact`, { headers: { cookie, 'accept-language': 'en-GB' } })
    const html = await res.text()
    expect(html).toContain('<h1>Impact in Nordre Follo</h1>')
    expect(html).toContain('<span class="suppressed suppressed-disclosure-control">Suppressed</span>')
    expect(html).toContain('A count of people between 1 and 3 (below the threshold of 4)')
    expect(html).toContain('People may be counted more than once')
  })

  it('lets a platform administrator see the whole country or any municipality', async () => {
    const { cookie, home } = await signIn(DEMO.admin)
    expect(home).toBe('/ventures')
    const national = await get('/impact', cookie)
    expect(national.status).toBe(200)
    const html = await national.text()
    expect(html).toContain('<h1>Resultater i hele landet</h1>')
    expect(html).toContain('<option value="3301">Drammen (3301)</option>')
    const drammen = await (
      await get('/impact?municipality=3301&from=2023&to=2025&granularity=year', cookie)
    ).text()
    expect(drammen).toContain('<h1>Resultater i Drammen</h1>')
    expect(drammen).toContain('Drammen kommune publiserer ikke disse tallene som åpne data.')
    const csv = await get(
      '/impact.csv?municipality=all&from=2023&to=2025&granularity=year&theme=youth',
      cookie,
    )
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="effekt-impact_national_2023_2025_youth.csv"',
    )
  })
})
