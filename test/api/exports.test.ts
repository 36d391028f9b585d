import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../src/domain/csv.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

let t: TestContext
let investorId: string
let editor: string
let ventureId: string
let investmentId: string
const ids: Record<string, string> = {}
beforeAll(async () => {
  t = await createTestApp()
  t.clock.now = new Date('2026-11-27T10:00:00Z')
  const db = t.database.db
  investorId = (await makeOrg(db, { kind: 'investor', name: 'Eksport Kapital' })).id
  editor = (await makeToken(db, (await makeMember(db, investorId, 'editor')).id)).token
  ventureId = (
    await call(t.app, 'POST', '/v1/ventures', { token: editor, body: { name: 'Kafé Ærlig; Øst' } })
  ).body.id
  investmentId = (
    await call(t.app, 'POST', `/v1/ventures/${ventureId}/investments`, {
      token: editor,
      body: { name: 'Tilskudd', instrument: 'grant', currency: 'EUR', startDate: '2024-01-01' },
    })
  ).body.id
  for (const [key, body] of [
    ['commit', { type: 'commitment', date: '2024-01-15', amount: '10000.00', rateToNok: '11.5' }],
    ['first', { type: 'disbursement', date: '2024-02-01', amount: '2500.50', rateToNok: '11.71' }],
    [
      'second',
      { type: 'disbursement', date: '2025-02-01', amount: '100.00', rateToNok: '11.8', note: '=SUM(A1)' },
    ],
  ] as const) {
    const res = await call(t.app, 'POST', `/v1/investments/${investmentId}/transactions`, {
      token: editor,
      body,
    })
    expect(res.status, res.text).toBe(201)
    ids[key] = res.body.id
  }
  const rev = await call(t.app, 'POST', `/v1/investments/${investmentId}/transactions`, {
    token: editor,
    body: { reversesId: ids.second, date: '2025-02-03' },
  })
  ids.reversal = rev.body.id
})
afterAll(() => t.close())

const get = (path: string, token = editor, language?: string) =>
  t.app.request(`http://localhost${path}`, {
    headers: { authorization: `Bearer ${token}`, ...(language ? { 'accept-language': language } : {}) },
  })

describe('GET /v1/exports/transactions.csv', () => {
  it('writes UTF-8 with BOM, a header row, and for Norwegian callers semicolons and decimal commas', async () => {
    const res = await get('/v1/exports/transactions.csv', editor, 'nb-NO,nb;q=0.9,en;q=0.5')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="transactions-eksport-kapital-2026-11-27.csv"',
    )
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    // A decimal comma is quoted (either separator is, whichever is in use); Excel and
    // LibreOffice still read "10000,00" as a number.
    const lines = text.split('\r\n')
    expect(lines[0]).toBe(
      '\uFEFFtransaction_id;date;venture_id;venture;investment_id;investment;instrument;type;amount;currency;rate_to_nok;amount_nok;signed_amount_nok;reverses_id;over_commitment;note',
    )
    expect(lines[1]).toBe(
      `${ids.commit};2024-01-15;${ventureId};"Kafé Ærlig; Øst";${investmentId};Tilskudd;grant;commitment;"10000,00";EUR;"11,50000000";"115000,00";"115000,00";;false;`,
    )
    expect(lines[2]).toBe(
      `${ids.first};2024-02-01;${ventureId};"Kafé Ærlig; Øst";${investmentId};Tilskudd;grant;disbursement;"2500,50";EUR;"11,71000000";"29280,86";"29280,86";;false;`,
    )
    expect(lines[3]).toBe(
      `${ids.second};2025-02-01;${ventureId};"Kafé Ærlig; Øst";${investmentId};Tilskudd;grant;disbursement;"100,00";EUR;"11,80000000";"1180,00";"1180,00";;false;'=SUM(A1)`,
    )
    expect(lines[4]).toBe(
      `${ids.reversal};2025-02-03;${ventureId};"Kafé Ærlig; Øst";${investmentId};Tilskudd;grant;disbursement;"100,00";EUR;"11,80000000";"1180,00";"-1180,00";${ids.second};false;`,
    )
    expect(lines[5]).toBe('')
    expect(lines).toHaveLength(6)
  })

  it('follows one decimal rule: point and commas in English or without a language, `decimal` overrides', async () => {
    const rowOf = async (query: string, language?: string) => {
      const text = await (await get(`/v1/exports/transactions.csv${query}`, editor, language)).text()
      return parseCsv(text)
    }
    for (const [query, language, sep, amount] of [
      ['', undefined, ',', '10000.00'],
      ['', 'en-GB', ',', '10000.00'],
      ['', 'nn', ';', '10000,00'],
      ['?decimal=point', 'nb', ',', '10000.00'],
      ['?decimal=comma', 'en', ';', '10000,00'],
      ['?sep=semicolon', undefined, ';', '10000,00'],
    ] as const) {
      const parsed = await rowOf(query, language)
      expect(parsed.separator, `${query} ${language}`).toBe(sep)
      expect(parsed.rows[0]!.cells[8], `${query} ${language}`).toBe(amount)
      expect(parsed.rows[0]!.cells[11]).toBe(amount === '10000.00' ? '115000.00' : '115000,00')
    }
    const bad = await call(t.app, 'GET', '/v1/exports/transactions.csv?decimal=dot', { token: editor })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toMatchObject({ in: 'query', path: 'decimal' })
  })

  it('takes comma as separator, adds Excel’s sep line on request and filters by date', async () => {
    const res = await get('/v1/exports/transactions.csv?sep=comma&excel=1&from=2025-01-01&to=2025-12-31')
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
    expect(text.startsWith('\uFEFFsep=,\r\ntransaction_id,date,')).toBe(true)
    const parsed = parseCsv(text)
    expect(parsed.separator).toBe(',')
    expect(parsed.rows.map((r) => r.cells[1])).toEqual(['2025-02-01', '2025-02-03'])
    expect(parsed.rows[0]!.cells[3]).toBe('Kafé Ærlig; Øst')
    const bad = await call(t.app, 'GET', '/v1/exports/transactions.csv?sep=tab', { token: editor })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toMatchObject({ in: 'query', path: 'sep' })
    const backwards = await call(t.app, 'GET', '/v1/exports/transactions.csv?from=2025-01-01&to=2024-01-01', {
      token: editor,
    })
    expect(backwards.status).toBe(400)
  })
})

describe('GET /v1/exports/portfolio.csv', () => {
  it('writes one row per venture with the portfolio’s figures', async () => {
    const res = await get('/v1/exports/portfolio.csv')
    expect(res.status).toBe(200)
    const parsed = parseCsv(await res.text())
    expect(parsed.header.slice(0, 8)).toEqual([
      'venture_id',
      'venture',
      'status',
      'investments',
      'instruments',
      'committed_nok',
      'disbursed_nok',
      'undisbursed_nok',
    ])
    expect(parsed.rows).toHaveLength(1)
    const row = Object.fromEntries(parsed.header.map((h, i) => [h, parsed.rows[0]!.cells[i]]))
    expect(row).toMatchObject({
      venture_id: ventureId,
      venture: 'Kafé Ærlig; Øst',
      status: 'active',
      investments: '1',
      instruments: 'grant',
      committed_nok: '115000.00',
      disbursed_nok: '29280.86',
      undisbursed_nok: '85719.14',
      outstanding_nok: '0.00',
      latest_valuation_nok: '',
      support_hours: '0.00',
      total_support_value_nok: '29280.86',
    })
  })

  it('is for members of an investor organization only', async () => {
    const member = (await makeToken(t.database.db, (await makeMember(t.database.db, ventureId, 'admin')).id))
      .token
    const res = await call(t.app, 'GET', '/v1/exports/portfolio.csv', { token: member })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/problem\+json/)
    expect((await call(t.app, 'GET', '/v1/exports/transactions.csv')).status).toBe(401)
  })
})
