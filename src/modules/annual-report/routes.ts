import { type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AnnualReportDocument, ReportLanguage } from '../../domain/annual-report.ts'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { negotiateLanguage } from '../../http/language.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import { Problem } from '../../http/problem.ts'
import { VentureIdParam } from '../outcomes/index.ts'
import {
  AnnualCommentary,
  AnnualReport,
  PortfolioAnnualReportQuery,
  PortfolioCommentaryQuery,
  PutCommentary,
  VentureAnnualReportQuery,
} from './schemas.ts'
import {
  portfolioAnnualReport,
  putPortfolioCommentary,
  putVentureCommentary,
  ventureAnnualReport,
} from './service.ts'

const PDF = {
  description: 'The report as a PDF file (A4, vector charts, embedded font)',
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
}

const VENTURE_TEXT =
  'Detailed access to the venture (others get 404). The year’s narrative from verified reports, key figures against targets and baseline, capital and support, cost per outcome and the newest SROI model with its assumptions: the same figures as GET /v1/ventures/{id}/economics, /outcomes and /sroi for the year. The commentary is the investor’s (whose share is shown) and shown to its members only.'
const PORTFOLIO_TEXT =
  'The investor organization’s portfolio for the year (members of the investor, platform admins naming it): the same figures as GET /v1/portfolio?from&to for the year, one line per venture, the newest verified narrative of each, the investor’s commentary.'

const ventureReport = route({
  method: 'get',
  path: '/v1/ventures/{id}/annual-report',
  operationId: 'getVentureAnnualReport',
  tags: ['annual-report'],
  access: 'user',
  summary: 'A venture’s annual impact report',
  description: VENTURE_TEXT,
  request: { params: VentureIdParam, query: VentureAnnualReportQuery },
  responses: { 200: json(AnnualReport, 'The report'), ...problems(400, 401, 404, 422) },
})

const ventureReportPdf = route({
  method: 'get',
  path: '/v1/ventures/{id}/annual-report.pdf',
  operationId: 'getVentureAnnualReportPdf',
  tags: ['annual-report'],
  access: 'user',
  summary: 'A venture’s annual impact report as PDF',
  description: `${VENTURE_TEXT} Rendered on the server without a browser; 501 on runtimes without the renderer (Workers).`,
  request: { params: VentureIdParam, query: VentureAnnualReportQuery },
  responses: { 200: PDF, ...problems(400, 401, 404, 422, 501) },
})

const portfolioReport = route({
  method: 'get',
  path: '/v1/portfolio/annual-report',
  operationId: 'getPortfolioAnnualReport',
  tags: ['annual-report'],
  access: 'user',
  summary: 'An investor portfolio’s annual impact report',
  description: PORTFOLIO_TEXT,
  request: { query: PortfolioAnnualReportQuery },
  responses: { 200: json(AnnualReport, 'The report'), ...problems(400, 401, 403, 404, 422) },
})

const portfolioReportPdf = route({
  method: 'get',
  path: '/v1/portfolio/annual-report.pdf',
  operationId: 'getPortfolioAnnualReportPdf',
  tags: ['annual-report'],
  access: 'user',
  summary: 'An investor portfolio’s annual impact report as PDF',
  description: `${PORTFOLIO_TEXT} Rendered on the server without a browser; 501 on runtimes without the renderer (Workers).`,
  request: { query: PortfolioAnnualReportQuery },
  responses: { 200: PDF, ...problems(400, 401, 403, 404, 422, 501) },
})

const putVenture = route({
  method: 'put',
  path: '/v1/ventures/{id}/annual-report/commentary',
  operationId: 'putVentureAnnualCommentary',
  tags: ['annual-report'],
  access: 'user',
  summary: 'Write the investor’s commentary on a venture’s year',
  description:
    'Editors and administrators of an investor with standing in the venture. Replaces the text for that investor, venture and year; audited as `annual_commentary.write` (before and after). Only the investor’s members read it.',
  request: { params: VentureIdParam, ...jsonBody(PutCommentary, 'The year and the text') },
  responses: { 200: json(AnnualCommentary, 'The commentary as stored'), ...problems(401, 403, 404, 422) },
})

const putPortfolio = route({
  method: 'put',
  path: '/v1/portfolio/annual-report/commentary',
  operationId: 'putPortfolioAnnualCommentary',
  tags: ['annual-report'],
  access: 'user',
  summary: 'Write the investor’s commentary on its portfolio’s year',
  description:
    'Editors and administrators of the investor organization. Replaces the text for the year; audited as `annual_commentary.write`.',
  request: { query: PortfolioCommentaryQuery, ...jsonBody(PutCommentary, 'The year and the text') },
  responses: {
    200: json(AnnualCommentary, 'The commentary as stored'),
    ...problems(400, 401, 403, 404, 422),
  },
})

const languageOf = (c: Context<AppEnv>, asked: ReportLanguage | undefined): ReportLanguage =>
  asked ?? negotiateLanguage(c.req.header('accept-language'))

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()

async function pdfResponse(c: Context<AppEnv>, report: AnnualReportDocument) {
  const render = c.get('deps').renderAnnualReportPdf
  if (!render) throw new Problem('annual_report.pdf_unavailable')
  const bytes = await render(report)
  const name = `effekt-annual-report-${slug(report.subject.name)}-${report.year}-${report.language}.pdf`
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'private, no-store',
  })
}

export function registerAnnualReportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(ventureReport, async (c) => {
    const q = c.req.valid('query')
    const report = await ventureAnnualReport(ctxOf(c), c.req.valid('param').id, {
      ...q,
      lang: languageOf(c, q.lang),
    })
    return c.json(report, 200)
  })
  app.openapi(ventureReportPdf, async (c) => {
    const q = c.req.valid('query')
    const report = await ventureAnnualReport(ctxOf(c), c.req.valid('param').id, {
      ...q,
      lang: languageOf(c, q.lang),
    })
    return pdfResponse(c, report)
  })
  app.openapi(portfolioReport, async (c) => {
    const q = c.req.valid('query')
    return c.json(await portfolioAnnualReport(ctxOf(c), { ...q, lang: languageOf(c, q.lang) }), 200)
  })
  app.openapi(portfolioReportPdf, async (c) => {
    const q = c.req.valid('query')
    return pdfResponse(c, await portfolioAnnualReport(ctxOf(c), { ...q, lang: languageOf(c, q.lang) }))
  })
  app.openapi(putVenture, async (c) =>
    c.json(await putVentureCommentary(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  app.openapi(putPortfolio, async (c) =>
    c.json(
      await putPortfolioCommentary(ctxOf(c), c.req.valid('query').organization, c.req.valid('json')),
      200,
    ),
  )
}
