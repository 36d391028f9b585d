import { type OpenAPIHono, z } from '@hono/zod-openapi'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { problems, route } from '../../http/openapi.ts'
import { takeBackup } from './service.ts'

const backup = route({
  method: 'get',
  path: '/v1/admin/backup',
  operationId: 'getBackup',
  tags: ['operations'],
  access: 'user',
  summary: 'Download a backup of the database',
  description:
    'Platform administrators only. The embedded database answers with PGlite’s dump of its data directory (`application/gzip`, a consistent snapshot taken between queries while the server keeps serving); PostgreSQL with a `pg_dump` custom-format archive (`application/octet-stream`, needs pg_dump on the server). Restore either with `npm run admin -- restore FILE`. Audited as `database.backup`.',
  responses: {
    200: {
      description: 'The backup file (see Content-Disposition for its name)',
      content: {
        'application/gzip': { schema: z.string().openapi({ format: 'binary' }) },
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...problems(401, 403, 501),
  },
})

export function registerOperationsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(backup, async (c) => {
    const deps = c.get('deps')
    const taken = await takeBackup(ctxOf(c), deps.backup, deps.database.kind)
    return c.body(taken.body, 200, {
      'Content-Type': taken.contentType,
      'Content-Disposition': `attachment; filename="${taken.filename}"`,
      'Cache-Control': 'no-store',
    })
  })
}
