import { type OpenAPIHono, z } from '@hono/zod-openapi'
import { ctxOf } from '../../../http/context.ts'
import type { AppEnv } from '../../../http/env.ts'
import { json, problems, route } from '../../../http/openapi.ts'
import { importCsv } from '../import-service.ts'
import { VentureIdParam } from '../schemas/common.ts'
import { csvTemplate } from '../template-service.ts'

const ImportResult = z
  .object({
    reports: z.array(
      z.object({
        reportId: z.uuid(),
        period: z.string().openapi({ example: '2026-Q3' }),
        status: z.enum(['draft', 'submitted', 'returned', 'verified']),
        created: z.boolean().openapi({ description: 'The import started this report' }),
        values: z.number().int().openapi({ description: 'Values saved in it' }),
      }),
    ),
    values: z.number().int().openapi({ example: 6 }),
  })
  .openapi('ImportResult')

const CSV_EXAMPLE =
  'period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level\r\n' +
  '2026-Q3;NO-WORK-01;;;12;;;Two at Coop Ski;https://example.org/q3.pdf;document_checked\r\n' +
  '2026-Q3;NO-WORK-01;gender;female;5;;;;;\r\n' +
  '2026-Q3;NO-WORK-01;gender;male;7;;;;;\r\n' +
  '2026-Q3;PI3527;;;;12;40;;;\r\n'

const importRoute = route({
  method: 'post',
  path: '/v1/ventures/{id}/reports/import',
  operationId: 'importReports',
  tags: ['reports'],
  access: 'user',
  summary: 'Import report values from CSV',
  description:
    'The venture’s editors upload values as CSV (UTF-8, with or without BOM; `;` or `,` separated; decimal comma or point; quoted cells). One row per total and per breakdown cell: `period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level` — download the template for the reports you owe. All rows or none: a bad file answers 422 listing every problem with its line and column, and nothing is stored. Reports are started where needed; the file’s values replace those indicators’ values in each draft.',
  request: {
    params: VentureIdParam,
    body: {
      content: { 'text/csv': { schema: z.string().openapi({ example: CSV_EXAMPLE }) } },
      required: true,
      description: 'The CSV file',
    },
  },
  responses: { 200: json(ImportResult, 'Imported'), ...problems(400, 401, 403, 404, 413, 415, 422) },
})

const template = route({
  method: 'get',
  path: '/v1/ventures/{id}/reports/template.csv',
  operationId: 'getReportTemplate',
  tags: ['reports'],
  access: 'user',
  summary: 'Download the CSV import template',
  description:
    'One total row per indicator for every period the venture still owes (or for `period`), with the draft’s values where there are any. `;`-separated with decimal commas for Excel in Norway by default; `separator=comma` for other tools.',
  request: {
    params: VentureIdParam,
    query: z.object({
      period: z.string().max(10).optional().openapi({ example: '2026-Q3', description: 'Only this period' }),
      separator: z.enum(['semicolon', 'comma']).default('semicolon').openapi({
        description: 'Separator: `semicolon` (default; Excel with Norwegian settings) or `comma`',
      }),
    }),
  },
  responses: {
    200: {
      content: { 'text/csv': { schema: z.string().openapi({ example: CSV_EXAMPLE }) } },
      description: 'The template (UTF-8 with BOM)',
    },
    ...problems(400, 401, 404, 422),
  },
})

export function registerImportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(importRoute, async (c) => {
    const result = await importCsv(ctxOf(c), c.req.valid('param').id, await c.req.text())
    return c.json(result, 200)
  })
  app.openapi(template, async (c) => {
    const { period, separator } = c.req.valid('query')
    const csv = await csvTemplate(ctxOf(c), c.req.valid('param').id, {
      period,
      separator: separator === 'comma' ? ',' : ';',
    })
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="effekt-report-template${period ? `-${period}` : ''}.csv"`,
    })
  })
}
