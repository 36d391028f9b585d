import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../../http/env.ts'
import { registerContractRoutes } from './contracts-routes.ts'
import { registerEconomicsVentureRoutes } from './economics-routes.ts'

/**
 * Impact economics (PRODUCT.md §5): cost per outcome and attribution per venture, SROI models,
 * and outcome contracts with their statements.
 */
export function registerEconomicsRoutes(app: OpenAPIHono<AppEnv>): void {
  registerEconomicsVentureRoutes(app)
  registerContractRoutes(app)
}
