import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { forbidden } from '../../src/http/problem.ts'
import { getPortfolio } from '../../src/modules/portfolio/index.ts'
import { economicsWindowFrom, portfolioWindow } from '../ui/economics-window.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { renderSections } from '../ui/sections.ts'
import { allVisibleVentures } from '../ui/ventures-data.ts'
import { PORTFOLIO_SECTIONS, PortfolioPage } from './portfolio.tsx'
import { investorChoices, portfolioVentures } from './portfolio-investors.ts'

/** GET /portfolio: an investor's ventures, capital, outcomes and economics (PRODUCT.md §9). */
export function registerPortfolioPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/portfolio',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const investors = await investorChoices(ctx)
      // `organization` as the API names it; `org` from the page's own selector.
      const chosen = c.req.query('organization') ?? c.req.query('org')
      const investor = investors.find((m) => m.organizationId === chosen) ?? investors[0]
      if (!investor) throw forbidden('portfolio.not_investor_member')
      const window = economicsWindowFrom(c.req.query())
      // Named, so a member of several investors gets the one chosen (the service checks membership).
      const portfolio = await getPortfolio(ctx, {
        organization: investor.organizationId,
        ...portfolioWindow(window),
      })
      const input = {
        investor,
        ventures: portfolioVentures(investor, await allVisibleVentures(ctx), portfolio),
        portfolio,
        window,
      }
      const sections = await renderSections(PORTFOLIO_SECTIONS, ctx, v, input)
      return respond(c, <PortfolioPage v={v} investor={investor} investors={investors} sections={sections} />)
    }),
  )
}
