/**
 * Front door of the annual-report module: what other modules, app.ts and web/ may import (STYLE.md).
 * The annual impact report per venture and per portfolio, and the investor's commentary in it.
 */
export { registerAnnualReportRoutes } from './routes.ts'
export {
  type AnnualReportQuery,
  mayWriteCommentary,
  portfolioAnnualReport,
  putPortfolioCommentary,
  putVentureCommentary,
  ventureAnnualReport,
} from './service.ts'
