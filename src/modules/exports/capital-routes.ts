import { type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { problems, route } from '../../http/openapi.ts'
import { IsoDate } from '../capital/index.ts'
import { OrganizationQuery } from '../portfolio/index.ts'
import { type CsvFile, portfolioCsv, transactionsCsv } from './capital-service.ts'

const CsvQuery = OrganizationQuery.extend({
  sep: z.enum(['semicolon', 'comma']).default('semicolon').openapi({
    description: 'Separator: `semicolon` (default; Excel with Norwegian settings) or `comma`',
  }),
  excel: z
    .enum(['0', '1', 'false', 'true'])
    .default('0')
    .transform((v) => v === '1' || v === 'true')
    .openapi({ description: '`1` adds Excel’s `sep=` hint as the first line', example: '1' }),
})

const csv = (description: string, example: string) => ({
  content: { 'text/csv': { schema: z.string().openapi({ example }) } },
  description,
  headers: {
    'Content-Disposition': {
      schema: { type: 'string' as const },
      description: 'attachment; filename="…csv"',
    },
  },
})

const COMMON =
  'UTF-8 with a byte order mark, CRLF line ends, a header row; decimals with `.` as stored. For the caller’s investor organization, named with `organization` as for GET /v1/portfolio (any role).'

const transactions = route({
  method: 'get',
  path: '/v1/exports/transactions.csv',
  operationId: 'exportTransactionsCsv',
  tags: ['exports'],
  access: 'user',
  summary: 'Transactions as CSV',
  description: `Every ledger entry of the investor’s investments, by venture, investment and date, with its NOK amount at its own rate and a signed column in which reversals count negatively. ${COMMON}`,
  request: {
    query: CsvQuery.extend({
      from: IsoDate('Only entries dated on or after', '2024-01-01').optional(),
      to: IsoDate('Only entries dated on or before', '2024-12-31').optional(),
    }),
  },
  responses: {
    200: csv(
      'The transactions',
      'transaction_id;date;venture_id;venture;investment_id;investment;instrument;type;amount;currency;rate_to_nok;amount_nok;signed_amount_nok;reverses_id;over_commitment;note',
    ),
    ...problems(400, 401, 403, 404),
  },
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
    200: csv(
      'The portfolio',
      'venture_id;venture;status;investments;instruments;committed_nok;disbursed_nok;undisbursed_nok;…',
    ),
    ...problems(400, 401, 403, 404),
  },
})

const send = (c: Context<AppEnv>, file: CsvFile) =>
  c.body(file.body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'Cache-Control': 'no-store',
  })

export function registerCapitalExportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(transactions, async (c) => send(c, await transactionsCsv(ctxOf(c), c.req.valid('query'))))
  app.openapi(portfolio, async (c) => send(c, await portfolioCsv(ctxOf(c), c.req.valid('query'))))
}
