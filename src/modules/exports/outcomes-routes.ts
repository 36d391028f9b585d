import { type OpenAPIHono, z } from '@hono/zod-openapi'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { problems, route } from '../../http/openapi.ts'
import { OrganizationQuery } from '../portfolio/index.ts'
import { outcomesCsv } from './outcomes-service.ts'

const OutcomesQuery = OrganizationQuery.extend({
  venture: z.uuid().optional().openapi({
    description:
      'One venture (detailed access needed); without it, every venture the investor has standing in',
  }),
  layout: z.enum(['full', 'import']).default('full').openapi({
    description:
      '`full` (default): the import columns, then venture_id, venture, period_start, period_end, revision, status. `import`: the import columns only, ready for POST /v1/ventures/{id}/reports/import',
  }),
  sep: z.enum(['semicolon', 'comma']).default('semicolon').openapi({
    description: 'Separator: `semicolon` (default; Excel with Norwegian settings, decimal comma) or `comma`',
  }),
  excel: z
    .enum(['0', '1', 'false', 'true'])
    .default('0')
    .transform((v) => v === '1' || v === 'true')
    .openapi({ description: '`1` adds Excel’s `sep=` hint as the first line', example: '1' }),
})

const outcomes = route({
  method: 'get',
  path: '/v1/exports/outcomes.csv',
  operationId: 'exportOutcomesCsv',
  tags: ['exports'],
  access: 'user',
  summary: 'Outcomes as CSV',
  description:
    'One row per reported value (the total, with an empty dimension) and one per breakdown cell, of the current revision of every report, with its revision and status. The columns start with those of the import template (GET /v1/ventures/{id}/reports/template.csv), in its order and number format, so an export can be imported again. UTF-8 with a byte order mark, CRLF line ends, a header row. With `venture`: that venture (detailed access). Without: every venture the caller’s investor organization has standing in, named with `organization` as for GET /v1/portfolio.',
  request: { query: OutcomesQuery },
  responses: {
    200: {
      content: {
        'text/csv': {
          schema: z.string().openapi({
            example:
              'period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level;venture_id;venture;period_start;period_end;revision;status',
          }),
        },
      },
      description: 'The outcomes',
      headers: {
        'Content-Disposition': {
          schema: { type: 'string' as const },
          description: 'attachment; filename="…csv"',
        },
      },
    },
    ...problems(400, 401, 403, 404),
  },
})

export function registerOutcomesExportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(outcomes, async (c) => {
    const file = await outcomesCsv(ctxOf(c), c.req.valid('query'))
    return c.body(file.body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
    })
  })
}
