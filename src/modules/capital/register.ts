import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../../http/env.ts'
import { registerCapitalExportRoutes } from '../exports/capital-routes.ts'
import { registerPortfolioRoutes } from '../portfolio/routes.ts'
import { registerLedgerRoutes } from './ledger-routes.ts'
import { registerSupportRoutes } from './support-routes.ts'

/** The capital area: investments and their ledgers, support, other funding, portfolio and exports. */
export function registerCapitalRoutes(app: OpenAPIHono<AppEnv>): void {
  registerLedgerRoutes(app)
  registerSupportRoutes(app)
  registerPortfolioRoutes(app)
  registerCapitalExportRoutes(app)
}
