import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { isProblem, notFound } from '../../src/http/problem.ts'
import { getReport, Reason, transition } from '../../src/modules/outcomes/index.ts'
import * as ventures from '../../src/modules/ventures/index.ts'
import { ReportPage } from '../reporting/report.tsx'
import { periodLabel } from '../reporting/reporting-common.tsx'
import { loadReportPage, pageProps } from '../reporting/routes.tsx'
import { readForm, uuidParam } from '../ui/forms.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { renderSections } from '../ui/sections.ts'
import { mayEditVentureProfile } from '../ui/ventures-data.ts'
import { setFlash } from '../ui/view.ts'
import { VENTURE_SECTIONS, VenturePage } from './venture.tsx'

/**
 * The review actions of the venture page: Verify and Return (with a reason) post here and call the
 * report workflow, which holds every rule (who may review, which states allow what).
 */
export function registerReportPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  for (const action of ['verify', 'return'] as const) {
    app.post(
      `/ventures/:id/reports/:reportId/${action}`,
      page(deps, 'user', async (c, v) => {
        const ctx = ctxOf(c)
        const ventureId = uuidParam(c, 'id', 'venture')
        const reportId = uuidParam(c, 'reportId', 'report')
        const { report } = await getReport(ctx, reportId)
        if (report.ventureOrgId !== ventureId) throw notFound('report')
        const form = await readForm(c)
        const reason = form.text('reason')
        // The report page's own review form comes back to the report; the venture page's to its row.
        const fromReport = form.text('back') === 'report'
        const back = fromReport
          ? `/ventures/${ventureId}/reports/${reportId}`
          : `/ventures/${ventureId}#report-${reportId}`
        const checked = Reason.safeParse({ reason })
        const reasonError =
          action === 'return' && !checked.success
            ? v.t(
                checked.error.issues[0]?.code === 'too_big'
                  ? 'reporting.err.tooLong'
                  : 'reports.reasonRequired',
              )
            : null
        if (reasonError && fromReport) {
          const loaded = await loadReportPage(ctx, ventureId, reportId)
          return respond(
            c,
            <ReportPage
              {...(await pageProps(ctx, v, loaded))}
              reasonError={{ action: 'return', message: reasonError }}
            />,
            422,
          )
        }
        if (reasonError) {
          const input = await ventures.getVenture(ctx, ventureId)
          const withError = {
            ...input,
            returnError: { reportId, message: reasonError },
          }
          const sections = await renderSections(VENTURE_SECTIONS, ctx, v, withError)
          const mayEdit = await mayEditVentureProfile(ctx, ventureId)
          return respond(
            c,
            <VenturePage v={v} input={withError} mayEdit={mayEdit} sections={sections} />,
            422,
          )
        }
        try {
          await transition(ctx, reportId, action, action === 'return' ? reason : null, undefined)
        } catch (err) {
          if (isProblem(err) && err.code === 'report.wrong_state') {
            setFlash(c, { tone: 'error', key: 'reports.conflict' })
            return c.redirect(back, 303)
          }
          throw err
        }
        setFlash(c, {
          tone: 'success',
          key: action === 'verify' ? 'reports.verified' : 'reports.returned',
          params: { period: periodLabel(v, report.period) },
        })
        return c.redirect(back, 303)
      }),
    )
  }
}
