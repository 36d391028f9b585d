import { type OpenAPIHono, z } from '@hono/zod-openapi'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { problems, route } from '../../http/openapi.ts'
import { OrganizationQuery } from '../portfolio/index.ts'
import { iatiXml } from './iati-service.ts'

const iati = route({
  method: 'get',
  path: '/v1/exports/iati.xml',
  operationId: 'exportIatiXml',
  tags: ['exports'],
  access: 'user',
  summary: 'Portfolio as IATI 2.03 XML',
  description:
    'The investor’s portfolio as an IATI 2.03 activity file, valid against the official schema: one activity per investment (identifier `NO-BRC-<investor orgnr>-<investment id>`), the investor as reporting and funding organisation, the venture as implementing organisation, activity status and dates, every ledger entry as a transaction with its IATI transaction type code (reversals negative; write-offs disclosed in a description, as IATI has no code for them), and the venture’s verified outcomes as results (on the investor’s earliest investment in the venture): indicators with measure, ascending, baseline, and periods with targets and actuals, broken down by gender and age band. Breakdowns of personal indicators with a cell below SUPPRESSION_THRESHOLD people are left out. For the caller’s investor organization, named with `organization` as for GET /v1/portfolio (any role). 409 when the investor has no investments (IATI needs at least one activity) or no valid organisation number.',
  request: { query: OrganizationQuery },
  responses: {
    200: {
      content: {
        'application/xml': {
          schema: z.string().openapi({
            example:
              '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2026-11-27T10:00:00Z">…</iati-activities>',
          }),
        },
      },
      description: 'The IATI activity file',
      headers: {
        'Content-Disposition': {
          schema: { type: 'string' as const },
          description: 'attachment; filename="iati-….xml"',
        },
      },
    },
    ...problems(400, 401, 403, 404, 409, 422),
  },
})

export function registerIatiExportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(iati, async (c) => {
    const file = await iatiXml(ctxOf(c), c.req.valid('query'))
    return c.body(file.body, 200, {
      'Content-Type': 'application/xml; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
    })
  })
}
