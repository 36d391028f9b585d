import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../../http/env.ts'
import { assetLoader } from './assets.ts'
import { notFoundPage } from './not-found.tsx'
import { registerAuthPages } from './routes/auth.tsx'
import { registerImpactPages } from './routes/impact.tsx'
import { registerIndicatorPages } from './routes/indicators.tsx'
import { registerOrganizationPages } from './routes/organizations.tsx'
import { registerReportingPages } from './routes/reporting.tsx'
import { registerReportPages } from './routes/reports.tsx'
import { registerTokenPages } from './routes/tokens.tsx'
import { registerVenturePages } from './routes/ventures.tsx'

/**
 * The dashboard (PRODUCT.md §9): server-rendered pages on the same app and origin as the API,
 * calling the same services with the same session. Pages for capital, reporting, impact and the
 * indicator catalogue register here as their services land (see nav.ts and sections.ts).
 */
export function registerDashboardRoutes(app: OpenAPIHono<AppEnv>): void {
  const deps = { assets: assetLoader((path) => app.request(path)) }
  registerAuthPages(app, deps)
  registerVenturePages(app, deps)
  registerOrganizationPages(app, deps)
  registerTokenPages(app, deps)
  registerIndicatorPages(app, deps)
  registerReportPages(app, deps)
  registerReportingPages(app, deps)
  registerImpactPages(app, deps)
  // Browsers asking for a page that does not exist get the designed 404 page, not JSON.
  app.use('*', notFoundPage(deps))
}
