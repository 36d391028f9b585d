import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { readWorkbook, sheetRows } from '../helpers/sheets.ts'
import { DEMO, DEMO_PASSWORD, startServer, type TestServer } from './harness.ts'

/**
 * The dashboard over plain HTTP (no browser needed): redirects, sessions and CSRF, language,
 * error states, the CSP-safe markup and the cached assets.
 */
let server: TestServer
beforeAll(async () => {
  server = await startServer(inject('e2eDemoDump'))
})
afterAll(() => server?.close())

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const FORM = 'application/x-www-form-urlencoded'

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': FORM, origin: server.url },
    body: form({ email, password: DEMO_PASSWORD }),
  })
  expect(res.status).toBe(303)
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('effekt_session='))
  if (!cookie) throw new Error('no session cookie')
  return cookie.split(';')[0]!
}

const page = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    redirect: 'manual',
    headers: {
      accept: 'text/html',
      'accept-language': 'nb-NO,nb;q=0.9',
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
  })

describe('dashboard over HTTP', () => {
  it('sends visitors without a session to the login page, keeping where they were going', async () => {
    expect((await page('/')).headers.get('location')).toBe('/login')
    const res = await page('/ventures?theme=youth')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fventures%3Ftheme%3Dyouth')
  })

  it('signs in with the same session cookie as the API, and refuses cross-site sign-in', async () => {
    const res = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': FORM, origin: server.url },
      body: form({ email: DEMO.investor, password: DEMO_PASSWORD, next: '//evil.example/steal' }),
    })
    expect(res.status).toBe(303)
    // An off-site `next` is ignored: no open redirect.
    expect(res.headers.get('location')).toBe('/portfolio')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('effekt_session='))!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).toMatch(/Path=\//)
    const me = await fetch(`${server.url}/v1/me`, { headers: { cookie: cookie.split(';')[0]! } })
    expect(((await me.json()) as { email: string }).email).toBe(DEMO.investor)

    const cross = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': FORM, origin: 'https://evil.example', accept: 'text/html' },
      body: form({ email: DEMO.investor, password: DEMO_PASSWORD }),
    })
    expect(cross.status).toBe(403)
    expect(cross.headers.getSetCookie().some((c) => c.startsWith('effekt_session='))).toBe(false)
    expect(await cross.text()).toContain('Skjemaet ble avvist fordi det ikke kom fra dette nettstedet.')
  })

  it('applies the API’s CSRF rule to every form post made with the session cookie', async () => {
    const cookie = await signIn(DEMO.venture)
    const tokensBefore = (await (
      await fetch(`${server.url}/v1/tokens`, { headers: { cookie } })
    ).json()) as unknown[]
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      {},
    ]
    for (const headers of attempts) {
      const res = await fetch(`${server.url}/settings/tokens`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': FORM, cookie, ...headers },
        body: form({ name: 'planted', expiresInDays: '30' }),
      })
      expect(res.status).toBe(403)
    }
    const tokensAfter = (await (
      await fetch(`${server.url}/v1/tokens`, { headers: { cookie } })
    ).json()) as unknown[]
    expect(tokensAfter).toHaveLength(tokensBefore.length)
    const sameSite = await fetch(`${server.url}/settings/tokens`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': FORM, cookie, 'sec-fetch-site': 'same-origin' },
      body: form({ name: 'from the page', expiresInDays: '30' }),
    })
    expect(sameSite.status).toBe(201)
    expect(sameSite.headers.get('cache-control')).toBe('no-store')
  })

  it('renders CSP-safe pages: no inline scripts or styles, private caching, hashed assets cached for a year', async () => {
    const cookie = await signIn(DEMO.investor)
    const res = await page('/portfolio', cookie)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    expect(html.startsWith('<!doctype html><html lang="nb">')).toBe(true)
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    expect(html).not.toMatch(/<style|\sstyle=/)
    const assets = [...html.matchAll(/(?:src|href|data-charts-src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)
    expect(assets.some((a) => /^\/assets\/app-[A-Z0-9]+\.js$/.test(a))).toBe(true)
    expect(assets.some((a) => /^\/assets\/charts-[A-Z0-9]+\.js$/.test(a))).toBe(true)
    let scriptBytes = 0
    for (const asset of new Set(assets)) {
      const a = await fetch(`${server.url}${asset}`)
      expect(a.status, asset).toBe(200)
      expect(a.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      const body = Buffer.from(await a.arrayBuffer())
      if (asset.endsWith('.js')) scriptBytes += gzipSync(body).length
    }
    // JavaScript shipped to the portfolio page, gzipped: within the 150 kB budget.
    expect(scriptBytes).toBeGreaterThan(0)
    expect(scriptBytes).toBeLessThanOrEqual(150 * 1024)
  })

  it('offers the portfolio’s exports as XLSX next to CSV, and the links download with the session', async () => {
    const cookie = await signIn(DEMO.investor)
    const html = await (await page('/portfolio', cookie)).text()
    const links = [...html.matchAll(/href="(\/v1\/exports\/[^"]+)" download/g)].map((m) =>
      m[1]!.replaceAll('&amp;', '&'),
    )
    expect(links.map((l) => l.replace(/\?.*/, ''))).toEqual([
      '/v1/exports/portfolio.xlsx',
      '/v1/exports/portfolio.csv',
      '/v1/exports/transactions.xlsx',
      '/v1/exports/transactions.csv',
      '/v1/exports/outcomes.xlsx',
      '/v1/exports/outcomes.csv',
    ])
    expect(html).toContain('Porteføljen som Excel (XLSX)')
    const xlsx = await fetch(`${server.url}${links[0]}`, { headers: { cookie } })
    expect(xlsx.status).toBe(200)
    const book = await readWorkbook(new Uint8Array(await xlsx.arrayBuffer()))
    const rows = sheetRows(book.getWorksheet('portfolio')!)
    expect(rows.length).toBeGreaterThan(1)
    const committed = rows[0]!.indexOf('committed_nok')
    expect(rows.slice(1).every((r) => typeof r[committed] === 'number')).toBe(true)
    // The CSV link asks for the page's decimal mark: Norwegian, so `;` and decimal commas.
    const csv = await (await fetch(`${server.url}${links[1]}`, { headers: { cookie } })).text()
    expect(csv.replace(/^\uFEFF/, '').startsWith('venture_id;venture;status;')).toBe(true)
  })

  it('switches language with ?lang= and remembers it in a cookie', async () => {
    const res = await page('/login?lang=en&next=%2Fventures')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fventures')
    const lang = res.headers.getSetCookie().find((c) => c.startsWith('effekt_lang='))!
    expect(lang).toMatch(/^effekt_lang=en;/)
    const english = await (await page('/login', lang.split(';')[0])).text()
    expect(english).toContain('<html lang="en">')
    expect(english).toContain('<title>Sign in – Effekt</title>')
    const norwegian = await (await page('/login')).text()
    expect(norwegian).toContain('<title>Logg inn – Effekt</title>')
    const fromBrowser = await (
      await page('/login', undefined, { 'accept-language': 'en-US,en;q=0.9' })
    ).text()
    expect(fromBrowser).toContain('<html lang="en">')
  })

  it('answers browsers with error pages and programs with problem+json', async () => {
    const html = await page('/nowhere')
    expect(html.status).toBe(404)
    expect(html.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await html.text()).toContain('<h1>Fant ikke siden</h1>')
    const json = await page('/nowhere', undefined, { accept: 'application/json' })
    expect(json.headers.get('content-type')).toBe('application/problem+json')
    const api = await page('/v1/nowhere')
    expect(api.headers.get('content-type')).toBe('application/problem+json')

    const cookie = await signIn(DEMO.kommune)
    const notAllowed = await page('/portfolio', cookie)
    expect(notAllowed.status).toBe(403)
    expect(await notAllowed.text()).toContain('<h1>Ikke tillatt</h1>')
    const hidden = await page('/ventures/not-a-uuid', cookie)
    expect(hidden.status).toBe(404)
    const badCursor = await page('/ventures?cursor=%%%', cookie)
    expect(badCursor.status).toBe(400)
    expect(await badCursor.text()).toContain('Forespørselen ble ikke forstått')
  })

  it('shows the 500 page with the request id when something breaks (last: it stops the database)', async () => {
    const cookie = await signIn(DEMO.investor)
    await server.database.close()
    const res = await page('/portfolio', cookie)
    expect(res.status).toBe(500)
    const requestId = res.headers.get('x-request-id')
    expect(requestId).toBeTruthy()
    const html = await res.text()
    expect(html).toContain('<h1>Noe gikk galt</h1>')
    expect(html).toContain(`<code>${requestId}</code>`)
    expect(server.logs.some((l) => l.msg === 'unhandled error' && l.requestId === requestId)).toBe(true)
  })
})
