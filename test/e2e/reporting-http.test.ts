import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DEMO, DEMO_PASSWORD, startServer, type TestServer } from './harness.ts'

/**
 * Every write of the reporting pages over plain HTTP: bad input answers a 4xx page with the
 * problem next to its field and writes nothing; callers who may not write are refused; a caller
 * who may not see the report gets 404.
 */
let server: TestServer
let venture: string
let draft: string
let verified: string
let submitted: string

const FORM = 'application/x-www-form-urlencoded'

async function signIn(email: string): Promise<string> {
  const res = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': FORM, origin: server.url },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  })
  expect(res.status).toBe(303)
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith('effekt_session='))!
    .split(';')[0]!
}

const post = (path: string, cookie: string, body: Record<string, string> | FormData, headers = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      accept: 'text/html',
      'accept-language': 'nb-NO',
      origin: server.url,
      cookie,
      ...(body instanceof FormData ? {} : { 'content-type': FORM }),
      ...headers,
    },
    body: body instanceof FormData ? body : new URLSearchParams(body),
  })

/** What the API says of a report: its version and values, to prove nothing was written. */
async function apiReport(id: string, cookie: string) {
  const res = await fetch(`${server.url}/v1/reports/${id}`, { headers: { cookie } })
  expect(res.status).toBe(200)
  const body = (await res.json()) as { status: string; values: unknown[] }
  // The version the page's form carries, as the ETag names it ("report-<id>-v<n>").
  const version = Number(/-v(\d+)"$/.exec(res.headers.get('etag') ?? '')?.[1])
  expect(version).toBeGreaterThan(0)
  return { ...body, version }
}

const auditCount = async () =>
  Number(
    (
      await server.database.db
        .selectFrom('auditEvents')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

beforeAll(async () => {
  server = await startServer(inject('e2eDemoDump'))
  const db = server.database.db
  venture = (
    await db
      .selectFrom('organizations')
      .select('id')
      .where('name', '=', 'Arbeidsglede AS')
      .executeTakeFirstOrThrow()
  ).id
  const report = async (period: string) =>
    (
      await db
        .selectFrom('reports')
        .select('id')
        .where('ventureOrgId', '=', venture)
        .where('period', '=', period)
        .executeTakeFirstOrThrow()
    ).id
  draft = await report('2026-Q3')
  verified = await report('2026-Q1')
  // A submitted report to review: the venture submits its returned Q2 through the API.
  submitted = await report('2026-Q2')
  const cookie = await signIn(DEMO.venture)
  const res = await fetch(`${server.url}/v1/reports/${submitted}/submit`, {
    method: 'POST',
    headers: { cookie, origin: server.url, 'content-type': 'application/json' },
    body: '{}',
  })
  expect(res.status).toBe(200)
})
afterAll(() => server?.close())

describe('reporting pages over HTTP', () => {
  it('answers bad values with 422, the problem next to its field, and writes nothing', async () => {
    const cookie = await signIn(DEMO.venture)
    const before = await apiReport(draft, cookie)
    const audits = await auditCount()
    const attempts: [Record<string, string>, string][] = [
      [{ 'NO-WORK-01.total': 'tolv' }, 'Skriv et tall, for eksempel 12 eller 12,5.'],
      [{ 'NO-WORK-01.total': '2,5' }, 'Et antall personer må være et helt tall, 0 eller mer.'],
      [
        {
          'NO-WORK-01.total': '10',
          'NO-WORK-01.gender.female.value': '4',
          'NO-WORK-01.gender.male.value': '4',
          'NO-WORK-01.gender.other.value': '1',
          'NO-WORK-01.gender.unknown.value': '0',
        },
        'Tallene for kjønn summerer seg til 9, men totalen er 10.',
      ],
      [
        { 'NO-WORK-01.total': '3', 'NO-WORK-01.evidence': 'ftp://x.example/a' },
        'Lenker må begynne med https://',
      ],
    ]
    for (const [fields, message] of attempts) {
      const res = await post(`/ventures/${venture}/reports/${draft}`, cookie, {
        version: String(before.version),
        intent: 'save',
        ...fields,
      })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(html).toContain('field-error')
      expect(html).toContain(message)
    }
    expect(await apiReport(draft, cookie)).toEqual(before)
    expect(await auditCount()).toBe(audits)
  })

  it('answers a stale form with 412 and the conflict explained, and keeps the other save', async () => {
    const cookie = await signIn(DEMO.venture)
    const before = await apiReport(draft, cookie)
    const res = await post(`/ventures/${venture}/reports/${draft}`, cookie, {
      version: String(before.version - 1),
      intent: 'save',
      'NO-WORK-01.total': '11',
    })
    expect(res.status).toBe(412)
    expect(await res.text()).toContain('Noen andre lagret rapporten mens du redigerte.')
    expect(await apiReport(draft, cookie)).toEqual(before)
  })

  it('refuses writes by those who may only read, and hides the report from those who may not see it', async () => {
    const investor = await signIn(DEMO.investor)
    const kommune = await signIn(DEMO.kommune)
    const before = await apiReport(draft, investor)
    const body = { version: String(before.version), intent: 'save', 'NO-WORK-01.total': '1' }
    expect((await post(`/ventures/${venture}/reports/${draft}`, investor, body)).status).toBe(403)
    expect((await post(`/ventures/${venture}/reports/${draft}`, kommune, body)).status).toBe(404)
    const get = await fetch(`${server.url}/ventures/${venture}/reports/${draft}`, {
      headers: { cookie: kommune, accept: 'text/html' },
    })
    expect(get.status).toBe(404)
    expect((await post(`/ventures/${venture}/reports/not-a-uuid`, investor, body)).status).toBe(404)
    // The report of one venture is not reachable under another's address.
    const other = await server.database.db
      .selectFrom('organizations')
      .select('id')
      .where('kind', '=', 'venture')
      .where('id', '!=', venture)
      .executeTakeFirstOrThrow()
    expect(
      (await fetch(`${server.url}/ventures/${other.id}/reports/${draft}`, { headers: { cookie: investor } }))
        .status,
    ).toBe(404)
    expect(await apiReport(draft, investor)).toEqual(before)
  })

  it('refuses a cross-site post of the report form', async () => {
    const cookie = await signIn(DEMO.venture)
    const before = await apiReport(draft, cookie)
    const res = await post(
      `/ventures/${venture}/reports/${draft}`,
      cookie,
      { version: String(before.version), intent: 'submit', 'NO-WORK-01.total': '1' },
      { origin: 'https://evil.example' },
    )
    expect(res.status).toBe(403)
    expect(await apiReport(draft, cookie)).toEqual(before)
  })

  it('asks for a reason before amending or returning, and changes nothing without one', async () => {
    const venture_ = await signIn(DEMO.venture)
    const investor = await signIn(DEMO.investor)
    const amend = await post(`/ventures/${venture}/reports/${verified}/amend`, venture_, { reason: '  ' })
    expect(amend.status).toBe(422)
    expect(await amend.text()).toContain('Skriv hva som må rettes')
    expect((await apiReport(verified, venture_)).status).toBe('verified')
    const back = await post(`/ventures/${venture}/reports/${submitted}/return`, investor, {
      reason: '',
      back: 'report',
    })
    expect(back.status).toBe(422)
    expect(await back.text()).toContain('Skriv hvorfor rapporten sendes tilbake')
    expect((await apiReport(submitted, investor)).status).toBe('submitted')
    // The venture cannot review its own report.
    expect(
      (await post(`/ventures/${venture}/reports/${submitted}/verify`, venture_, { back: 'report' })).status,
    ).toBe(403)
  })

  it('refuses to start a report for a period the venture does not owe, and starts nothing', async () => {
    const cookie = await signIn(DEMO.venture)
    const count = async () =>
      (
        await server.database.db
          .selectFrom('reports')
          .select('id')
          .where('ventureOrgId', '=', venture)
          .execute()
      ).length
    const before = await count()
    for (const period of ['garbage', '2099-Q1', '2026-Q3']) {
      const res = await post(`/ventures/${venture}/reports`, cookie, { period })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe(`/ventures/${venture}/reports`)
    }
    expect(await count()).toBe(before)
  })

  it('answers a missing or bad CSV file with 422 and imports nothing', async () => {
    const cookie = await signIn(DEMO.venture)
    const before = await apiReport(draft, cookie)
    const audits = await auditCount()
    const empty = new FormData()
    const none = await post(`/ventures/${venture}/reports/import`, cookie, empty)
    expect(none.status).toBe(422)
    expect(await none.text()).toContain('Velg filen som skal lastes opp (XLSX eller CSV).')
    const bad = new FormData()
    bad.set(
      'file',
      new File(
        [
          'period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level\r\n' +
            '2026-Q3;NO-WORK-01;;;4;;;;;\r\n2026-Q3;NO-WORK-01;gender;female;9;;;;;\r\n2026-Q3;NOPE;;;1;;;;;\r\n',
        ],
        'q3.csv',
        { type: 'text/csv' },
      ),
    )
    const res = await post(`/ventures/${venture}/reports/import`, cookie, bad)
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Ingenting ble lagret')
    expect(html).toContain('Linje 4')
    // The file's own format errors are in Norwegian too (their codes are catalogued).
    const format = new FormData()
    format.set(
      'file',
      new File(['period;indicator;value\r\n26-Q3;NO-WORK-01;x\r\n'], 'q3.csv', { type: 'text/csv' }),
    )
    const formatHtml = await (await post(`/ventures/${venture}/reports/import`, cookie, format)).text()
    expect(formatHtml).toContain('Skriv perioden som ÅÅÅÅ, ÅÅÅÅ-Kn (for eksempel 2026-Q3) eller ÅÅÅÅ-MM.')
    expect(formatHtml).toContain('Skriv et tall: 12, 12,5, 12.5 eller 1 250.')
    expect(formatHtml).not.toContain('is not a period')
    // An XLSX that is not a workbook is refused the same way, by its name.
    const notBook = new FormData()
    notBook.set('file', new File(['period;indicator;value\r\n'], 'q3.xlsx'))
    const notBookRes = await post(`/ventures/${venture}/reports/import`, cookie, notBook)
    expect(notBookRes.status).toBe(422)
    expect(await notBookRes.text()).toContain('Filen er ikke en CSV- eller XLSX-fil som kan leses')
    expect(await apiReport(draft, cookie)).toEqual(before)
    expect(await auditCount()).toBe(audits)
  })
})
