import type { Context } from 'hono'
import type { Ctx } from '../modules/context.ts'
import type { AppEnv } from './env.ts'

/** The service context of a request. */
export const ctxOf = (c: Context<AppEnv>): Ctx => ({
  db: c.get('db'),
  principal: c.get('principal') ?? null,
  requestId: c.get('requestId') ?? null,
  now: c.get('deps').now?.() ?? new Date(),
  config: c.get('deps').config,
})
