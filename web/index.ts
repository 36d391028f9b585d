import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../src/http/env.ts'
import { registerAccountPages } from './account/routes.tsx'
import { registerAdminPages } from './admin/routes.tsx'
import { registerAnnualReportPages } from './annual/routes.tsx'
import { registerAuthPages } from './auth/routes.tsx'
import { registerSsoPages } from './auth/sso-routes.tsx'
import { registerTokenPages } from './auth/tokens-routes.tsx'
import { registerImpactPages } from './impact/routes.tsx'
import { registerNotificationPages } from './notifications/routes.tsx'
import { registerOrganizationPages } from './organizations/routes.tsx'
import { registerSsoSettingsPages } from './organizations/sso-routes.tsx'
import { registerPortfolioPages } from './portfolio/routes.tsx'
import { registerIndicatorPages } from './reporting/indicators-routes.tsx'
import { registerReportingPages } from './reporting/routes.tsx'
import { assetLoader } from './ui/assets.ts'
import { htmlErrorPages } from './ui/error-pages.tsx'
import type { DashboardDeps } from './ui/handler.tsx'
import { registerReportPages } from './ventures/report-review-routes.tsx'
import { registerVenturePages } from './ventures/routes.tsx'

/**
 * The dashboard (PRODUCT.md §9): server-rendered pages on the same app and origin as the API,
 * calling the same services with the same session. Each area's pages register here; the menu and
 * start pages are in nav.ts, the blocks of composite pages in sections.ts.
 */
const depsOf = (app: OpenAPIHono<AppEnv>): DashboardDeps => ({
  assets: assetLoader((path) => app.request(path)),
})

/**
 * The dashboard's designed pages for problems no page saw (unknown address, a body over the
 * limit): registered before the app's body limit, so that it wraps it.
 */
export function registerDashboardErrorPages(app: OpenAPIHono<AppEnv>): void {
  app.use('*', htmlErrorPages(depsOf(app)))
}

export function registerDashboardRoutes(app: OpenAPIHono<AppEnv>): void {
  const deps = depsOf(app)
  registerAuthPages(app, deps)
  registerAnnualReportPages(app, deps)
  registerSsoPages(app, deps)
  registerAccountPages(app, deps)
  registerAdminPages(app, deps)
  registerPortfolioPages(app, deps)
  registerVenturePages(app, deps)
  registerOrganizationPages(app, deps)
  registerSsoSettingsPages(app, deps)
  registerTokenPages(app, deps)
  registerIndicatorPages(app, deps)
  registerReportPages(app, deps)
  registerReportingPages(app, deps)
  registerImpactPages(app, deps)
  registerNotificationPages(app, deps)
}
