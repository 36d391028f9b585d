import { type OpenAPIHono, z } from '@hono/zod-openapi'
import { XLSX_CONTENT_TYPE } from '../../../domain/sheets.ts'
import { ctxOf } from '../../../http/context.ts'
import {
  csvDialect,
  DecimalQuery,
  requestDecimal,
  requestSheetLanguage,
  SepQuery,
} from '../../../http/csv-dialect.ts'
import type { AppEnv } from '../../../http/env.ts'
import { json, problems, route } from '../../../http/openapi.ts'
import { sendWorkbook, sheetsOf } from '../../../http/sheets.ts'
import { importCsv, importXlsx } from '../import-service.ts'
import { VentureIdParam } from '../schemas/common.ts'
import { csvTemplate, xlsxTemplate } from '../template-service.ts'

const TemplatePeriod = z
  .string()
  .max(10)
  .optional()
  .openapi({ example: '2026-Q3', description: 'Only this period' })

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
    values: z.number().int().openapi({ example: 6, description: 'Values saved in all' }),
    notices: z
      .array(
        z.object({
          line: z.number().int().openapi({ description: 'The file’s line (CSV) or row (XLSX)' }),
          column: z.string().openapi({ example: 'category', description: 'The column read' }),
          kind: z.enum(['municipality_zero_restored']).openapi({
            description:
              'What was done (a notice, not a problem): `municipality_zero_restored`, a municipality number that lost its leading zero (301) was read as the one municipality it can be (0301)',
          }),
          message: z.string().openapi({ description: 'What was done, in English' }),
          params: z.record(z.string(), z.string()).openapi({ description: 'The values: `from` and `to`' }),
        }),
      )
      .openapi({ description: 'What the import read differently from the file’s text; nothing to fix' }),
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
  summary: 'Import report values from CSV or XLSX',
  description:
    'The venture’s editors upload values as CSV (UTF-8, with or without BOM; `;` or `,` separated; decimal comma or point; quoted cells) or as XLSX (the Content-Type says which; the sheet `values`, else the first). One row per total and per breakdown cell: `period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level` — download the template for the reports you owe. Rows without a value, ratio part, note, evidence or level are skipped, so a partly filled template imports. A municipality number that lost its leading zero in a spreadsheet (301) is read as the one municipality it can be (0301) and listed in `notices`; when it cannot be one, the file is refused. All rows or none: a bad file answers 422 listing every problem with its line, column and code, and nothing is stored. Reports are started where needed; the file’s values replace those indicators’ values in each draft. XLSX answers 501 `sheets.unavailable` on a runtime without an XLSX reader (Cloudflare Workers).',
  request: {
    params: VentureIdParam,
    body: {
      content: {
        'text/csv': { schema: z.string().openapi({ example: CSV_EXAMPLE }) },
        [XLSX_CONTENT_TYPE]: {
          schema: z.string().openapi({ format: 'binary', description: 'An XLSX workbook (the template)' }),
        },
      },
      required: true,
      description: 'The CSV or XLSX file',
    },
  },
  responses: { 200: json(ImportResult, 'Imported'), ...problems(400, 401, 403, 404, 413, 415, 422, 501) },
})

const template = route({
  method: 'get',
  path: '/v1/ventures/{id}/reports/template.csv',
  operationId: 'getReportTemplate',
  tags: ['reports'],
  access: 'user',
  summary: 'Download the CSV import template',
  description:
    'One total row per indicator for every period the venture still owes (or for `period`), with the draft’s values where there are any. Decimals and separator by `decimal` (default: the request’s language: nb → `12,5` and `;`, otherwise `12.5` and `,`); `separator` is kept for older links.',
  request: {
    params: VentureIdParam,
    query: z.object({
      period: TemplatePeriod,
      decimal: DecimalQuery,
      separator: SepQuery,
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

const templateSheet = route({
  method: 'get',
  path: '/v1/ventures/{id}/reports/template.xlsx',
  operationId: 'getReportTemplateXlsx',
  tags: ['reports'],
  access: 'user',
  summary: 'Download the XLSX import template',
  description:
    'The rows of the CSV template on the sheet `values`, typed (numbers as numbers, the category as text so municipality 0301 keeps its zero), with drop-down lists of the venture’s indicators, the periods, the dimensions and categories (municipality numbers) and the verification levels, on 200 more rows for values the template did not foresee; a definitions sheet in the request’s language. Upload it back, filled in fully or partly, to POST /v1/ventures/{id}/reports/import. 501 `sheets.unavailable` on Cloudflare Workers.',
  request: { params: VentureIdParam, query: z.object({ period: TemplatePeriod }) },
  responses: {
    200: {
      content: {
        [XLSX_CONTENT_TYPE]: {
          schema: z.string().openapi({ format: 'binary', description: 'An Office Open XML workbook' }),
        },
      },
      description: 'The template',
    },
    ...problems(400, 401, 404, 422, 501),
  },
})

export function registerImportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(importRoute, async (c) => {
    const id = c.req.valid('param').id
    const media = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
    const result =
      media === XLSX_CONTENT_TYPE
        ? await importXlsx(ctxOf(c), id, new Uint8Array(await c.req.arrayBuffer()), (bytes) =>
            sheetsOf(c).read(bytes),
          )
        : await importCsv(ctxOf(c), id, await c.req.text())
    return c.json(result, 200)
  })
  app.openapi(template, async (c) => {
    const { period, decimal, separator } = c.req.valid('query')
    const csv = await csvTemplate(ctxOf(c), c.req.valid('param').id, {
      period,
      dialect: csvDialect({ decimal, sep: separator }, requestDecimal(c)),
    })
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="effekt-report-template${period ? `-${period}` : ''}.csv"`,
      Vary: 'Accept-Language',
    })
  })
  app.openapi(templateSheet, async (c) => {
    const { period } = c.req.valid('query')
    const book = await xlsxTemplate(ctxOf(c), c.req.valid('param').id, {
      period,
      language: requestSheetLanguage(c),
    })
    return sendWorkbook(c, `effekt-report-template${period ? `-${period}` : ''}.xlsx`, book, {})
  })
}
