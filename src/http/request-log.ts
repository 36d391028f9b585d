import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env.ts'

/** One structured line per request: method, path, status, duration, request id. */
export const requestLog = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now()
  await next()
  c.get('deps').logger.info({
    msg: 'request',
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    requestId: c.get('requestId'),
  })
}
