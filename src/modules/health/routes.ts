import { type OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../http/env.ts'
import { json, problems, route } from '../../http/openapi.ts'
import { serviceUnavailable } from '../../http/unavailable.ts'

const Health = z.object({ status: z.literal('ok') }).openapi('Health')
const Ready = z
  .object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) })
  .openapi('Ready')

const getHealth = route({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tags: ['health'],
  access: 'public',
  summary: 'Liveness',
  description: 'Answers 200 while the process is alive. Does not touch the database.',
  responses: { 200: json(Health, 'The process is up') },
})

const getReady = route({
  method: 'get',
  path: '/ready',
  operationId: 'getReady',
  tags: ['health'],
  access: 'public',
  summary: 'Readiness',
  description: 'Answers 200 when the database answers a query within two seconds, 503 otherwise.',
  responses: { 200: json(Ready, 'Ready to serve'), ...problems(503) },
})

const READY_TIMEOUT_MS = 2000

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getHealth, (c) => c.json({ status: 'ok' as const }, 200))
  app.openapi(getReady, async (c) => {
    const { database } = c.get('deps')
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      await Promise.race([
        database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS)
        }),
      ])
    } catch {
      throw serviceUnavailable('The database is not reachable.')
    } finally {
      clearTimeout(timer)
    }
    return c.json({ status: 'ready' as const, database: database.kind }, 200)
  })
}
