import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../../http/env.ts'
import { registerOpenDataRoutes } from './open-data-routes.ts'
import { registerImpactViewRoutes } from './routes.ts'

/**
 * The impact area (PRODUCT.md §4): the municipality view with disclosure control, the national
 * view for operators, and the open-data view with its opt-in.
 */
export function registerImpactRoutes(app: OpenAPIHono<AppEnv>): void {
  registerImpactViewRoutes(app)
  registerOpenDataRoutes(app)
}
