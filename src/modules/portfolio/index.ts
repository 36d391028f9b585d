/**
 * Front door of the portfolio module: what other modules, app.ts and web/ may import (STYLE.md).
 * The investor portfolio: capital, support and economics of the ventures an investor holds.
 */
export { resolveInvestorOrg } from './investor-org.ts'
export { registerPortfolioRoutes } from './routes.ts'
export { OrganizationQuery } from './schemas.ts'
export { figuresByYear, getPortfolio, loadPortfolio, type Portfolio, type YearFigures } from './service.ts'
