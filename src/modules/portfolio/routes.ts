import type { OpenAPIHono } from '@hono/zod-openapi'
import type { InvestmentFigures } from '../../domain/ledger.ts'
import { formatMoney } from '../../domain/money.ts'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { json, problems, route } from '../../http/openapi.ts'
import type { SupportSummary } from '../capital/index.ts'
import { figuresOut, supportOut } from '../capital/index.ts'
import { ventureEconomicsOut } from '../economics/index.ts'
import type { THEMES } from '../ventures/index.ts'
import { OrganizationQuery, Portfolio } from './schemas.ts'
import { getPortfolio, type Portfolio as PortfolioData } from './service.ts'

/** Capital figures with support hours and value (PRODUCT.md §2 support value = disbursed + valued support). */
export const portfolioFiguresOut = (f: InvestmentFigures, s: SupportSummary) => ({
  ...figuresOut(f),
  supportHours: s.hours.toFixed(2),
  supportValue: formatMoney(s.value),
  totalSupportValue: formatMoney(f.disbursed.plus(s.value)),
})

export const portfolioOut = (p: PortfolioData) => ({
  organization: p.organization,
  currency: 'NOK' as const,
  asOf: p.asOf,
  ventures: p.ventures.map((v) => ({
    id: v.venture.id,
    name: v.venture.name,
    status: v.venture.status,
    themes: v.venture.themes as (typeof THEMES)[number][],
    municipalities: v.venture.municipalities,
    instruments: v.instruments,
    figures: portfolioFiguresOut(v.figures, v.support),
    investments: v.investments.map(({ investment: i, figures }) => ({
      id: i.id,
      name: i.name,
      instrument: i.instrument,
      currency: i.currency,
      startDate: i.startDate,
      figures: figuresOut(figures),
    })),
    outcomes: v.outcomes.indicators.map((i) => ({
      indicatorCode: i.indicatorCode,
      nameNb: i.nameNb,
      nameEn: i.nameEn,
      unit: i.unit,
      aggregation: i.aggregation,
      direction: i.direction,
      frequency: i.frequency,
      period: i.period,
      value: i.value,
      baseline: i.baseline,
      target: i.target,
      progress: i.progress,
      status: i.status,
    })),
    reportsAwaitingVerification: v.outcomes.awaitingVerification.map(reportOut),
    overdueReports: v.outcomes.overdue.map(reportOut),
    economics: ventureEconomicsOut(v.economics),
  })),
  totals: {
    ventureCount: p.totals.ventureCount,
    investmentCount: p.totals.investmentCount,
    figures: portfolioFiguresOut(p.totals.figures, p.support),
    peopleReached: p.totals.peopleReached,
    sroi: p.totals.sroi,
  },
  byInstrument: p.byInstrument.map((b) => ({ ...b, figures: figuresOut(b.figures) })),
  disbursementsByYear: p.byYear.map((y) => ({
    year: y.year,
    committed: formatMoney(y.committed),
    disbursed: formatMoney(y.disbursed),
    repaid: formatMoney(y.repaid),
    outcomePayments: formatMoney(y.outcomePayments),
  })),
  support: supportOut(p.support),
  reports: {
    awaitingVerification: p.ventures.reduce((n, v) => n + v.outcomes.awaitingVerification.length, 0),
    overdue: p.ventures.reduce((n, v) => n + v.outcomes.overdue.length, 0),
  },
})

/** Query strings carry booleans as text. */
const portfolioQuery = (q: {
  organization?: string | undefined
  from?: string | undefined
  to?: string | undefined
  includeSupport?: 'true' | 'false' | undefined
}) => ({
  ...q,
  includeSupport: q.includeSupport === undefined ? undefined : q.includeSupport === 'true',
})

const reportOut = (r: PortfolioData['ventures'][number]['outcomes']['overdue'][number]) => ({
  reportId: r.reportId,
  period: r.period,
  dueDate: r.dueDate,
  status: r.status,
})

const get = route({
  method: 'get',
  path: '/v1/portfolio',
  operationId: 'getPortfolio',
  tags: ['portfolio'],
  access: 'user',
  summary: 'The investor’s portfolio',
  description:
    'For the caller’s investor organization (any role): every venture it has standing with (invested in, onboarded, or sharing detailed data with it) with its figures in NOK, totals (with people reached and the portfolio SROI over the window), totals by instrument, flows by year and non-financial support. Name the organization with `organization` when you belong to several investors, and as a platform administrator. Callers who belong to no investor organization get 403; naming an organization you are not an investor member of gives 404.',
  request: { query: OrganizationQuery },
  responses: { 200: json(Portfolio, 'The portfolio'), ...problems(400, 401, 403, 404) },
})

export function registerPortfolioRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(get, async (c) =>
    c.json(portfolioOut(await getPortfolio(ctxOf(c), portfolioQuery(c.req.valid('query')))), 200),
  )
}
