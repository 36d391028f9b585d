import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../../http/env.ts'
import { registerLedgerRoutes } from './ledger-routes.ts'
import { registerSupportRoutes } from './support-routes.ts'

/**
 * The capital area: investments and their ledgers, support and other funding. The portfolio and
 * the capital exports read capital but are their own modules, mounted by app.ts.
 */
export function registerCapitalRoutes(app: OpenAPIHono<AppEnv>): void {
  registerLedgerRoutes(app)
  registerSupportRoutes(app)
}
