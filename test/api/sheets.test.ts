import Decimal from 'decimal.js'
import type ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../src/domain/csv.ts'
import { XLSX_CONTENT_TYPE } from '../../src/domain/sheets.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import { libreOfficeConvert, readWorkbook, sheetRows, soffice } from '../helpers/sheets.ts'
import { assign, type OutcomesWorld, outcomesWorld, report } from './outcomes-setup.ts'

/**
 * XLSX exports and the XLSX import template (issue #20): the same cells as the CSV, typed; the
 * template's drop-downs; a template imported back as it is, partly filled, and after LibreOffice
 * saved it; a CSV that LibreOffice rewrote (0301 → 301) imports with a notice.
 */
let t: TestContext
let w: OutcomesWorld
beforeAll(async () => {
  t = await createTestApp()
  w = await outcomesWorld(t)
  await assign(t, w, { indicatorCode: 'NO-WORK-01', startDate: '2026-01-01' })
  await assign(t, w, { indicatorCode: 'PI3527', startDate: '2026-01-01' })
  await report(t, w, '2026-Q1', [
    {
      indicatorCode: 'NO-WORK-01',
      total: '12',
      breakdowns: [{ dimension: 'municipality', category: '0301', value: '9' }],
    },
    { indicatorCode: 'PI3527', numerator: '15', denominator: '40' },
  ])
  const investment = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/investments`, {
    token: w.investorEditor,
    body: { name: 'Lån', instrument: 'loan', currency: 'NOK', startDate: '2025-01-01' },
  })
  expect(investment.status, investment.text).toBe(201)
  for (const body of [
    { type: 'commitment', date: '2025-01-10', amount: '250000.00' },
    { type: 'disbursement', date: '2025-02-01', amount: '100000.50' },
  ]) {
    const res = await call(t.app, 'POST', `/v1/investments/${investment.body.id}/transactions`, {
      token: w.investorEditor,
      body,
    })
    expect(res.status, res.text).toBe(201)
  }
})
afterAll(() => t.close())

const bytesOf = async (path: string, token: string, language = 'nb') => {
  const res = await t.app.request(`http://localhost${path}`, {
    headers: { authorization: `Bearer ${token}`, 'accept-language': language },
  })
  expect(res.status, path).toBe(200)
  expect(res.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE)
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.xlsx"$/)
  return new Uint8Array(await res.arrayBuffer())
}

const csvOf = async (path: string, token: string) => {
  const res = await call(t.app, 'GET', path, { token, headers: { 'accept-language': 'en' } })
  expect(res.status, path).toBe(200)
  return parseCsv(res.text)
}

const NUMBER = /_nok$|^(amount|rate_to_nok|value|numerator|denominator|support_hours)$/
const INTEGER = /^(investments|revision|ventures)$/
const DATE = /^(date|latest_valuation_date|period_start|period_end)$/

/** Every cell of the sheet equals the (English, decimal point) CSV's, with the column's type. */
function expectSameCells(sheet: ExcelJS.Worksheet, csv: ReturnType<typeof parseCsv>) {
  const rows = sheetRows(sheet)
  expect(rows[0]).toEqual(csv.header)
  expect(rows.length - 1).toBe(csv.rows.length)
  csv.rows.forEach((r, i) => {
    r.cells.forEach((cell, c) => {
      const header = csv.header[c]!
      const value = rows[i + 1]![c]
      const at = `row ${i + 2} ${header}`
      if (cell === '') expect(value, at).toBeNull()
      else if (NUMBER.test(header) || INTEGER.test(header)) {
        expect(typeof value, at).toBe('number')
        expect(new Decimal(value as number).eq(cell), `${at}: ${value} ≠ ${cell}`).toBe(true)
      } else if (DATE.test(header)) {
        expect(value, at).toBeInstanceOf(Date)
        expect((value as Date).toISOString().slice(0, 10), at).toBe(cell)
      } else if (header === 'over_commitment' || header === 'suppressed')
        expect(value, at).toBe(cell === 'true')
      else expect(value, at).toBe(cell)
    })
  })
}

describe('XLSX exports', () => {
  it('writes the portfolio and the transactions with the CSV’s figures as typed cells, and definitions', async () => {
    for (const what of ['portfolio', 'transactions']) {
      const book = await readWorkbook(await bytesOf(`/v1/exports/${what}.xlsx`, w.investorEditor))
      expect(book.worksheets.map((s) => s.name)).toEqual([what, 'definisjoner'])
      const sheet = book.getWorksheet(what)!
      expectSameCells(sheet, await csvOf(`/v1/exports/${what}.csv`, w.investorEditor))
      // Money with two decimals and grouping; dates in Norwegian form; ids as text.
      const header = sheetRows(sheet)[0]!
      const col = (name: string) => header.indexOf(name) + 1
      const money = what === 'portfolio' ? 'disbursed_nok' : 'amount_nok'
      expect(sheet.getRow(2).getCell(col(money)).numFmt).toBe('#,##0.00')
      expect(sheet.getRow(2).getCell(col('venture_id')).numFmt).toBe('@')
      if (what === 'transactions') expect(sheet.getRow(2).getCell(col('date')).numFmt).toBe('dd.mm.yyyy')
      const defs = sheetRows(book.getWorksheet('definisjoner')!)
      expect(defs[0]).toEqual(['tabell', 'kolonne', 'type', 'enhet', 'betydning'])
      expect(defs.slice(1).map((d) => d[1])).toEqual(header)
      expect(defs.find((d) => d[1] === money)?.[3]).toBe('NOK')
    }
    const en = await readWorkbook(await bytesOf('/v1/exports/portfolio.xlsx', w.investorEditor, 'en'))
    expect(en.worksheets.map((s) => s.name)).toEqual(['portfolio', 'definitions'])
  })

  it('writes the outcomes with the CSV’s values, the municipality as text', async () => {
    const path = `/v1/exports/outcomes.xlsx?venture=${w.ventureId}`
    const book = await readWorkbook(await bytesOf(path, w.investorEditor))
    const sheet = book.getWorksheet('values')!
    expectSameCells(sheet, await csvOf(`/v1/exports/outcomes.csv?venture=${w.ventureId}`, w.investorEditor))
    expect(sheetRows(sheet).find((r) => r[2] === 'municipality')?.[3]).toBe('0301')
  })

  it('asks who may read as the CSV does, and says so plainly where there is no XLSX writer', async () => {
    for (const path of [
      '/v1/exports/portfolio.xlsx',
      '/v1/exports/transactions.xlsx',
      `/v1/exports/outcomes.xlsx?venture=${w.ventureId}`,
      `/v1/ventures/${w.ventureId}/reports/template.xlsx`,
    ]) {
      const csv = path.replace('.xlsx', '.csv')
      for (const token of [undefined, w.municipality, w.otherInvestor, w.ventureViewer, w.investorViewer]) {
        const status = (await call(t.app, 'GET', csv, token ? { token } : {})).status
        expect((await call(t.app, 'GET', path, token ? { token } : {})).status, `${path} ${status}`).toBe(
          status,
        )
      }
    }
    expect(
      (
        await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/reports/template.xlsx`, {
          token: w.municipality,
        })
      ).status,
    ).toBe(404)
    const bare = await createTestApp({}, t.database, { sheets: undefined })
    const res = await call(bare.app, 'GET', '/v1/exports/portfolio.xlsx', { token: w.investorEditor })
    expect(res.status).toBe(501)
    expect(res.body.code).toBe('sheets.unavailable')
    // The permission check still comes first.
    expect(
      (await call(bare.app, 'GET', '/v1/exports/portfolio.xlsx', { token: w.municipality })).status,
    ).toBe(403)
    const upload = await call(bare.app, 'POST', `/v1/ventures/${w.ventureId}/reports/import`, {
      token: w.ventureEditor,
      body: 'not a workbook',
      headers: { 'content-type': XLSX_CONTENT_TYPE },
    })
    expect(upload.status).toBe(501)
  })
})

const importXlsx = (bytes: Uint8Array<ArrayBuffer>, token = w.ventureEditor) =>
  t.app.request(`http://localhost/v1/ventures/${w.ventureId}/reports/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': XLSX_CONTENT_TYPE },
    body: bytes,
  })

const importCsv = (text: string) =>
  call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports/import`, {
    token: w.ventureEditor,
    body: text,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  })

const valuesOf = async (period: string) => {
  const list = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/reports`, { token: w.ventureViewer })
  const id = list.body.items.find((r: { period: string }) => r.period === period)?.reportId
  if (!id) return null
  const res = await call(t.app, 'GET', `/v1/reports/${id}`, { token: w.ventureViewer })
  return res.body.values.map((v: { indicatorCode: string; total: string | null }) => [
    v.indicatorCode,
    v.total,
  ])
}

describe('XLSX import template', () => {
  let template: Uint8Array<ArrayBuffer>
  it('has the CSV template’s rows, typed, with drop-downs for indicators, periods and municipalities', async () => {
    template = await bytesOf(`/v1/ventures/${w.ventureId}/reports/template.xlsx`, w.ventureEditor)
    const book = await readWorkbook(template)
    expect(book.worksheets.map((s) => s.name)).toEqual(['values', 'definisjoner', 'lists'])
    const sheet = book.getWorksheet('values')!
    const csv = await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/reports/template.csv`, {
      token: w.ventureEditor,
    })
    const parsed = parseCsv(csv.text)
    expect(sheetRows(sheet).map((r) => r.map((c) => (c === null ? '' : String(c))))).toEqual([
      parsed.header,
      ...parsed.rows.map((r) => r.cells),
    ])
    expect(parsed.rows.map((r) => r.cells[0])).toEqual(['2026-Q2', '2026-Q2', '2026-Q3', '2026-Q3'])
    const rule = (address: string) => sheet.getCell(address).dataValidation
    expect(rule('B2')).toMatchObject({ type: 'list', formulae: ['lists!$B$2:$B$3'], errorStyle: 'stop' })
    expect(rule('A200')).toMatchObject({ type: 'list', formulae: ['lists!$A$2:$A$3'] })
    expect(rule('C2')).toMatchObject({ type: 'list', formulae: ['lists!$C$2:$C$4'] })
    expect(rule('D100')?.formulae?.[0]).toMatch(/^lists!\$D\$2:\$D\$\d+$/)
    expect(rule('J2')?.formulae).toEqual(['lists!$E$2:$E$5'])
    expect(sheet.getCell('D2').numFmt).toBe('@')
    expect(sheet.getCell('D150').numFmt).toBe('@')
    const lists = sheetRows(book.getWorksheet('lists')!)
    expect(lists[0]).toEqual(['period', 'indicator', 'dimension', 'category', 'verification_level'])
    expect(lists.slice(1, 3).map((r) => r[0])).toEqual(['2026-Q2', '2026-Q3'])
    expect(lists.slice(1, 3).map((r) => r[1])).toEqual(['NO-WORK-01', 'PI3527'])
    const categories = lists.map((r) => r[3])
    expect(categories).toContain('0301')
    expect(categories).toContain('female')
  })

  it('refuses the template with nothing filled in, and imports it partly filled (empty rows skipped)', async () => {
    const empty = await importXlsx(template)
    expect(empty.status).toBe(422)
    expect(((await empty.json()) as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual([
      'import.no_rows',
    ])
    const book = await readWorkbook(template)
    const sheet = book.getWorksheet('values')!
    sheet.getCell('E2').value = 4 // 2026-Q2 NO-WORK-01; PI3527 and 2026-Q3 left empty
    sheet.getCell('A8').value = '2026-Q2' // a breakdown row added on the drop-down rows
    sheet.getCell('B8').value = 'NO-WORK-01'
    sheet.getCell('C8').value = 'municipality'
    sheet.getCell('D8').value = '0301'
    sheet.getCell('E8').value = 3
    const res = await importXlsx(new Uint8Array(await book.xlsx.writeBuffer()))
    const body = (await res.json()) as { values: number; reports: { period: string }[]; notices: unknown[] }
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body.values).toBe(1)
    expect(body.reports.map((r) => r.period)).toEqual(['2026-Q2'])
    expect(body.notices).toEqual([])
    expect(await valuesOf('2026-Q2')).toEqual([['NO-WORK-01', '4']])
    expect(await valuesOf('2026-Q3')).toBeNull()
  })

  it('runs an XLSX upload with an Idempotency-Key once, its bytes intact', async () => {
    const book = await readWorkbook(template)
    book.getWorksheet('values')!.getCell('E4').value = 2 // 2026-Q3 NO-WORK-01
    const bytes = new Uint8Array(await book.xlsx.writeBuffer())
    const send = (body: Uint8Array<ArrayBuffer>) =>
      t.app.request(`http://localhost/v1/ventures/${w.ventureId}/reports/import`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${w.ventureEditor}`,
          'content-type': XLSX_CONTENT_TYPE,
          'idempotency-key': 'xlsx-upload-1',
        },
        body,
      })
    const first = await send(bytes)
    expect(first.status, await first.clone().text()).toBe(200)
    const again = await send(bytes)
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    book.getWorksheet('values')!.getCell('E4').value = 3
    const other = await send(new Uint8Array(await book.xlsx.writeBuffer()))
    expect(other.status).toBe(422)
    expect(await valuesOf('2026-Q3')).toEqual([['NO-WORK-01', '2']])
  })

  it('answers a file that is not a workbook with a problem, and stores nothing', async () => {
    const res = await importXlsx(new TextEncoder().encode('period;indicator;value\n'))
    expect(res.status).toBe(422)
    expect(((await res.json()) as { code: string }).code).toBe('import.unreadable')
  })
})

describe('CSV as spreadsheets rewrite it', () => {
  it('puts back a municipality’s lost leading zero when that is a municipality, and says so', async () => {
    const csv =
      'period,indicator,dimension,category,value\r\n' +
      '2026-Q3,NO-WORK-01,,,10\r\n' +
      '2026-Q3,NO-WORK-01,municipality,301,6\r\n' +
      '2026-Q3,PI3527,,,\r\n'
    const res = await importCsv(csv)
    expect(res.status, res.text).toBe(200)
    expect(res.body.notices).toEqual([
      {
        line: 3,
        column: 'category',
        kind: 'municipality_zero_restored',
        message: 'Read 301 as municipality 0301 (a spreadsheet dropped the leading zero)',
        params: { from: '301', to: '0301' },
      },
    ])
    const id = res.body.reports[0].reportId
    const stored = await call(t.app, 'GET', `/v1/reports/${id}`, { token: w.ventureViewer })
    expect(stored.body.values[0].breakdowns).toMatchObject([{ dimension: 'municipality', category: '0301' }])

    const unknown = await importCsv(
      'period;indicator;dimension;category;value\r\n2026-Q3;NO-WORK-01;;;10\r\n2026-Q3;NO-WORK-01;municipality;999;6\r\n',
    )
    expect(unknown.status).toBe(422)
    expect(unknown.body.errors).toMatchObject([
      {
        line: 3,
        column: 4,
        code: 'import.municipality_ambiguous',
        params: { value: '999', restored: '0999' },
      },
    ])
  })

  it('gives the file-format errors their own codes', async () => {
    const res = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports/import`, {
      token: w.ventureEditor,
      body: 'period;indicator;value;colour\r\n26-Q3;;x;red\r\n',
      headers: { 'content-type': 'text/csv', 'accept-language': 'nb' },
    })
    expect(res.status).toBe(422)
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual(['import.column_unknown'])
  })
})

const LIBREOFFICE = soffice
  ? 'LibreOffice (soffice --headless)'
  : 'LibreOffice: skipped, soffice is not installed (Debian: libreoffice-calc)'
describe.skipIf(!soffice)(LIBREOFFICE, () => {
  it('imports the template after LibreOffice opened and saved it, filled in there', async () => {
    // 2026-Q3 is a draft (the CSV test above): its template carries the 0301 breakdown row.
    const template = await bytesOf(
      `/v1/ventures/${w.ventureId}/reports/template.xlsx?period=2026-Q3`,
      w.ventureEditor,
    )
    const saved = await libreOfficeConvert(template, 'xlsx', 'xlsx:Calc MS Excel 2007 XML')
    const book = await readWorkbook(new Uint8Array(saved))
    expect(book.worksheets.map((s) => s.name)).toEqual(['values', 'definisjoner', 'lists'])
    const sheet = book.getWorksheet('values')!
    // The drop-downs and the municipality as text survive LibreOffice's save.
    expect(sheet.getCell('B2').dataValidation).toMatchObject({ type: 'list' })
    expect(sheetRows(sheet)[2]?.slice(0, 5)).toEqual(['2026-Q3', 'NO-WORK-01', 'municipality', '0301', 6])
    sheet.getCell('E2').value = 7
    // …and the filled file saved by LibreOffice once more, as a person would.
    const filled = await libreOfficeConvert(
      new Uint8Array(await book.xlsx.writeBuffer()),
      'xlsx',
      'xlsx:Calc MS Excel 2007 XML',
    )
    const res = await importXlsx(new Uint8Array(filled))
    const body = (await res.json()) as { values: number; notices: unknown[] }
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body.values).toBe(1)
    expect(body.notices).toEqual([])
    expect(await valuesOf('2026-Q3')).toEqual([['NO-WORK-01', '7']])
  }, 180_000)

  it('imports an export LibreOffice opened as CSV and saved again (0301 became 301)', async () => {
    const exported = await call(
      t.app,
      'GET',
      `/v1/exports/outcomes.csv?venture=${w.ventureId}&layout=import&decimal=comma`,
      { token: w.ventureEditor },
    )
    expect(exported.text).toContain(';municipality;0301;')
    // Separator ; (59), text delimiter " (34), UTF-8 (76): as Calc opens and saves it by default,
    // reading 0301 as the number 301.
    const filter = 'Text - txt - csv (StarCalc):59,34,76'
    const saved = (await libreOfficeConvert(exported.text, 'csv', `csv:${filter}`, filter)).toString('utf8')
    expect(saved).toContain(';municipality;301;')
    // Into the open 2026-Q3 draft (2026-Q1 is verified and locked).
    const lines = saved.split(/\r?\n/)
    const q1 = [lines[0], ...lines.filter((l) => l.startsWith('2026-Q1;'))].join('\r\n')
    const res = await importCsv(q1.replaceAll('2026-Q1', '2026-Q3'))
    expect(res.status, res.text).toBe(200)
    expect(res.body.notices.map((n: { params: unknown }) => n.params)).toContainEqual({
      from: '301',
      to: '0301',
    })
  }, 180_000)
})
