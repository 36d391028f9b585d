import { type OpenAPIHono, z } from '@hono/zod-openapi'
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
import { OrganizationQuery } from '../portfolio/index.ts'
import { csvAnswer, sendCsv, sendXlsx, XLSX_COMMON, xlsxAnswer } from './capital-routes.ts'
import { outcomesCsv, outcomesXlsx } from './outcomes-service.ts'

const OutcomesQuery = OrganizationQuery.extend({
  venture: z.uuid().optional().openapi({
    description:
      'One venture (detailed access needed); without it, every venture the investor has standing in',
  }),
  layout: z.enum(['full', 'import']).default('full').openapi({
    description:
      '`full` (default): the import columns, then venture_id, venture, period_start, period_end, revision, status. `import`: the import columns only, ready for POST /v1/ventures/{id}/reports/import',
  }),
})

const OutcomesCsvQuery = OutcomesQuery.extend({
  decimal: DecimalQuery,
  sep: SepQuery,
  excel: z
    .enum(['0', '1', 'false', 'true'])
    .default('0')
    .transform((v) => v === '1' || v === 'true')
    .openapi({ description: '`1` adds Excel’s `sep=` hint as the first line', example: '1' }),
})

const WHAT =
  'One row per reported value (the total, with an empty dimension) and one per breakdown cell, of the current revision of every report, with its revision and status. The columns start with those of the import template (GET /v1/ventures/{id}/reports/template.csv), in its order, so an export can be imported again. With `venture`: that venture (detailed access). Without: every venture the caller’s investor organization has standing in, named with `organization` as for GET /v1/portfolio.'

const outcomes = route({
  method: 'get',
  path: '/v1/exports/outcomes.csv',
  operationId: 'exportOutcomesCsv',
  tags: ['exports'],
  access: 'user',
  summary: 'Outcomes as CSV',
  description: `${WHAT} UTF-8 with a byte order mark, CRLF line ends, a header row; decimals by \`decimal\` (default: the request’s language).`,
  request: { query: OutcomesCsvQuery },
  responses: {
    200: csvAnswer(
      'The outcomes',
      'period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level;venture_id;venture;period_start;period_end;revision;status',
    ),
    ...problems(400, 401, 403, 404),
  },
})

const outcomesSheet = route({
  method: 'get',
  path: '/v1/exports/outcomes.xlsx',
  operationId: 'exportOutcomesXlsx',
  tags: ['exports'],
  access: 'user',
  summary: 'Outcomes as XLSX',
  description: `${WHAT} ${XLSX_COMMON} The rows are on the sheet \`values\`, which the import reads.`,
  request: { query: OutcomesQuery },
  responses: { 200: xlsxAnswer('The outcomes'), ...problems(400, 401, 403, 404, 501) },
})

export function registerOutcomesExportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(outcomes, async (c) => {
    const q = c.req.valid('query')
    return sendCsv(c, await outcomesCsv(ctxOf(c), { ...q, dialect: csvDialect(q, requestDecimal(c)) }))
  })
  app.openapi(outcomesSheet, async (c) =>
    sendXlsx(c, await outcomesXlsx(ctxOf(c), { ...c.req.valid('query'), language: requestSheetLanguage(c) })),
  )
}
