import type { MiddlewareHandler } from 'hono'
import { claim, complete, release } from '../modules/idempotency/service.ts'
import { ctxOf } from './context.ts'
import type { AppEnv } from './env.ts'

export const IDEMPOTENCY_HEADER = 'idempotency-key'

/**
 * Creating requests (POST) with an `Idempotency-Key` header run once per caller and key: a
 * repeat with the same body gets the first response (marked `Idempotent-Replayed: true`), a
 * repeat with another body a 422. Server errors release the key so the client can retry.
 */
export const idempotency = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const key = c.req.header(IDEMPOTENCY_HEADER)
  const principal = c.get('principal')
  if (c.req.method !== 'POST' || key === undefined || !principal) return next()
  const ctx = ctxOf(c)
  const body = await c.req.text()
  const outcome = await claim(ctx, principal.userId, key, c.req.method, c.req.path, body)
  if (outcome.kind === 'replay') {
    const { status, contentType, body: stored } = outcome.response
    return new Response(status === 204 ? null : stored, {
      status,
      headers: { ...(contentType ? { 'Content-Type': contentType } : {}), 'Idempotent-Replayed': 'true' },
    })
  }
  await next()
  if (c.res.status >= 500) {
    await release(ctx, principal.userId, key)
    return
  }
  const text = await c.res.clone().text()
  await complete(ctx, principal.userId, key, {
    status: c.res.status,
    contentType: c.res.headers.get('content-type'),
    body: text,
  })
}
