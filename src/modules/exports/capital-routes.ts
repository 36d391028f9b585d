import { type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { XLSX_CONTENT_TYPE } from '../../domain/sheets.ts'
import { ctxOf } from '../../http/context.ts'
import {
  csvDialect,
  DecimalQuery,
  requestDecimal,
  requestSheetLanguage,
  SepQuery,
} from '../../http/csv-dialect.ts'
import type { AppEnv } from '../../http/env.ts'
import { problems, route } from '../../http/openapi.ts'
import { sendWorkbook } from '../../http/sheets.ts'
import { IsoDate } from '../capital/index.ts'
import { OrganizationQuery } from '../portfolio/index.ts'
import {
  type CsvFile,
  portfolioCsv,
  portfolioXlsx,
  transactionsCsv,
  transactionsXlsx,
  type XlsxFile,
} from './capital-service.ts'

export const CsvQuery = OrganizationQuery.extend({
  decimal: DecimalQuery,
  sep: SepQuery,
  excel: z
    .enum(['0', '1', 'false', 'true'])
    .default('0')
    .transform((v) => v === '1' || v === 'true')
    .openapi({ description: '`1` adds Excel’s `sep=` hint as the first line', example: '1' }),
})

const headers = {
  'Content-Disposition': {
    schema: { type: 'string' as const },
    description: 'attachment; filename="…"',
  },
}

export const csvAnswer = (description: string, example: string) => ({
  content: { 'text/csv': { schema: z.string().openapi({ example }) } },
  description,
  headers,
})

export const xlsxAnswer = (description: string) => ({
  content: {
    [XLSX_CONTENT_TYPE]: {
      schema: z.string().openapi({ format: 'binary', description: 'An Office Open XML workbook' }),
    },
  },
  description,
  headers,
})

const COMMON =
  'UTF-8 with a byte order mark, CRLF line ends, a header row; decimals by `decimal` (default: the request’s language). For the caller’s investor organization, named with `organization` as for GET /v1/portfolio (any role).'

export const XLSX_COMMON =
  'The same rows and figures as the CSV, as typed cells: numbers as numbers (with a number format each spreadsheet shows in its own language), dates as dates, ids and municipality numbers as text; a second sheet defines every column (unit, meaning) in the request’s language (Accept-Language: nb, else English). 501 `sheets.unavailable` on a runtime without an XLSX writer (Cloudflare Workers).'

const Period = {
  from: IsoDate('Only entries dated on or after', '2024-01-01').optional(),
  to: IsoDate('Only entries dated on or before', '2024-12-31').optional(),
}

const TRANSACTIONS =
  'Every ledger entry of the investor’s investments, by venture, investment and date, with its NOK amount at its own rate and a signed column in which reversals count negatively.'

const transactions = route({
  method: 'get',
  path: '/v1/exports/transactions.csv',
  operationId: 'exportTransactionsCsv',
  tags: ['exports'],
  access: 'user',
  summary: 'Transactions as CSV',
  description: `${TRANSACTIONS} ${COMMON}`,
  request: { query: CsvQuery.extend(Period) },
  responses: {
    200: csvAnswer(
      'The transactions',
      'transaction_id;date;venture_id;venture;investment_id;investment;instrument;type;amount;currency;rate_to_nok;amount_nok;signed_amount_nok;reverses_id;over_commitment;note',
    ),
    ...problems(400, 401, 403, 404),
  },
})

const transactionsSheet = route({
  method: 'get',
  path: '/v1/exports/transactions.xlsx',
  operationId: 'exportTransactionsXlsx',
  tags: ['exports'],
  access: 'user',
  summary: 'Transactions as XLSX',
  description: `${TRANSACTIONS} ${XLSX_COMMON} Who may ask: as for the CSV.`,
  request: { query: OrganizationQuery.extend(Period) },
  responses: { 200: xlsxAnswer('The transactions'), ...problems(400, 401, 403, 404, 501) },
})

const portfolio = route({
  method: 'get',
  path: '/v1/exports/portfolio.csv',
  operationId: 'exportPortfolioCsv',
  tags: ['exports'],
  access: 'user',
  summary: 'Portfolio as CSV',
  description: `One row per venture with the figures of GET /v1/portfolio (NOK). ${COMMON}`,
  request: { query: CsvQuery },
  responses: {
    200: csvAnswer(
      'The portfolio',
      'venture_id;venture;status;investments;instruments;committed_nok;disbursed_nok;undisbursed_nok;…',
    ),
    ...problems(400, 401, 403, 404),
  },
})

const portfolioSheet = route({
  method: 'get',
  path: '/v1/exports/portfolio.xlsx',
  operationId: 'exportPortfolioXlsx',
  tags: ['exports'],
  access: 'user',
  summary: 'Portfolio as XLSX',
  description: `One row per venture with the figures of GET /v1/portfolio (NOK). ${XLSX_COMMON} Who may ask: as for the CSV.`,
  request: { query: OrganizationQuery },
  responses: { 200: xlsxAnswer('The portfolio'), ...problems(400, 401, 403, 404, 501) },
})

export const sendCsv = (c: Context<AppEnv>, file: CsvFile) =>
  c.body(file.body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'Cache-Control': 'no-store',
    Vary: 'Accept-Language',
  })

export const sendXlsx = (c: Context<AppEnv>, file: XlsxFile) => sendWorkbook(c, file.filename, file.book)

export function registerCapitalExportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(transactions, async (c) => {
    const q = c.req.valid('query')
    return sendCsv(c, await transactionsCsv(ctxOf(c), { ...q, dialect: csvDialect(q, requestDecimal(c)) }))
  })
  app.openapi(portfolio, async (c) => {
    const q = c.req.valid('query')
    return sendCsv(c, await portfolioCsv(ctxOf(c), { ...q, dialect: csvDialect(q, requestDecimal(c)) }))
  })
  app.openapi(transactionsSheet, async (c) =>
    sendXlsx(
      c,
      await transactionsXlsx(ctxOf(c), { ...c.req.valid('query'), language: requestSheetLanguage(c) }),
    ),
  )
  app.openapi(portfolioSheet, async (c) =>
    sendXlsx(
      c,
      await portfolioXlsx(ctxOf(c), { ...c.req.valid('query'), language: requestSheetLanguage(c) }),
    ),
  )
}
