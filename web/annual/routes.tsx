import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { invalid } from '../../src/http/problem.ts'
import {
  mayWriteCommentary,
  portfolioAnnualReport,
  putPortfolioCommentary,
  putVentureCommentary,
  ventureAnnualReport,
} from '../../src/modules/annual-report/index.ts'
import { uuidParam } from '../ui/forms.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { setFlash } from '../ui/view.ts'
import { AnnualReportPage } from './annual-report.tsx'

/** Years offered in the picker: the last ten up to this one (the service refuses years without data). */
const recentYears = (now: Date) => Array.from({ length: 10 }, (_, i) => now.getUTCFullYear() - i)

/** `?year=`, else last year: an annual report is read after the year has ended. */
function yearOf(c: Context<AppEnv>, now: Date): number {
  const asked = c.req.query('year')
  if (asked === undefined || asked === '') return now.getUTCFullYear() - 1
  if (!/^\d{4}$/.test(asked)) throw invalid('year', 'annual_report.unknown_year', undefined, 'query')
  return Number(asked)
}

async function commentaryForm(c: Context<AppEnv>) {
  const body = await c.req.parseBody()
  const year = String(body.year ?? '')
  const text = String(body.text ?? '')
  if (!/^\d{4}$/.test(year)) throw invalid('year', 'annual_report.unknown_year')
  if (text.length > 8000) throw invalid('text', 'validation.too_big')
  return { year: Number(year), text: text.replace(/\r\n/g, '\n').trim() }
}

/**
 * GET /ventures/{id}/annual-report and /portfolio/annual-report: the print-ready annual impact
 * report, from the same service as the API and the PDF; the investor's editors write the
 * commentary in place (POST …/commentary, the API's rules).
 */
export function registerAnnualReportPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/ventures/:id/annual-report',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const id = uuidParam(c, 'id', 'venture')
      const year = yearOf(c, ctx.now)
      const report = await ventureAnnualReport(ctx, id, { year, lang: v.lang })
      const writer = await mayWriteCommentary(ctx, report)
      return respond(
        c,
        <AnnualReportPage
          v={v}
          report={report}
          action={`/ventures/${id}/annual-report`}
          pdfHref={`/v1/ventures/${id}/annual-report.pdf?year=${year}&lang=${v.lang}`}
          years={recentYears(ctx.now)}
          commentaryAction={writer ? `/ventures/${id}/annual-report/commentary` : null}
          commentaryText={report.commentary?.text ?? ''}
        />,
      )
    }),
  )
  app.post(
    '/ventures/:id/annual-report/commentary',
    page(deps, 'user', async (c) => {
      const ctx = ctxOf(c)
      const id = uuidParam(c, 'id', 'venture')
      const input = await commentaryForm(c)
      const report = await ventureAnnualReport(ctx, id, { year: input.year, lang: 'en' })
      await putVentureCommentary(ctx, id, { ...input, investor: report.investor?.id })
      setFlash(c, { tone: 'success', key: 'annual.commentarySaved' })
      return c.redirect(`/ventures/${id}/annual-report?year=${input.year}`, 303)
    }),
  )
  app.get(
    '/portfolio/annual-report',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const year = yearOf(c, ctx.now)
      const organization = c.req.query('organization') || undefined
      const report = await portfolioAnnualReport(ctx, { year, lang: v.lang, organization })
      const writer = await mayWriteCommentary(ctx, report)
      const org = `organization=${report.subject.id}`
      return respond(
        c,
        <AnnualReportPage
          v={v}
          report={report}
          action="/portfolio/annual-report"
          pdfHref={`/v1/portfolio/annual-report.pdf?year=${year}&lang=${v.lang}&${org}`}
          years={recentYears(ctx.now)}
          commentaryAction={writer ? `/portfolio/annual-report/commentary?${org}` : null}
          commentaryText={report.commentary?.text ?? ''}
        />,
      )
    }),
  )
  app.post(
    '/portfolio/annual-report/commentary',
    page(deps, 'user', async (c) => {
      const ctx = ctxOf(c)
      const organization = c.req.query('organization') || undefined
      const input = await commentaryForm(c)
      await putPortfolioCommentary(ctx, organization, input)
      setFlash(c, { tone: 'success', key: 'annual.commentarySaved' })
      return c.redirect(
        `/portfolio/annual-report?year=${input.year}${organization ? `&organization=${organization}` : ''}`,
        303,
      )
    }),
  )
}
