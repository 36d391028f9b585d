import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../../http/env.ts'
import { registerIatiExportRoutes } from './iati-routes.ts'
import { registerIatiSectorRoutes } from './iati-sectors-routes.ts'
import { registerOutcomesExportRoutes } from './outcomes-routes.ts'

/** GET /v1/exports/iati.xml, GET|PUT /v1/organizations/{id}/iati-sectors and GET /v1/exports/outcomes.csv. */
export function registerInteropExportRoutes(app: OpenAPIHono<AppEnv>): void {
  registerIatiExportRoutes(app)
  registerIatiSectorRoutes(app)
  registerOutcomesExportRoutes(app)
}
