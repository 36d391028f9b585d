import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { parsePeriod } from '../../src/domain/periods.ts'
import { XLSX_CONTENT_TYPE } from '../../src/domain/sheets.ts'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { zodFieldError } from '../../src/http/errors.ts'
import { etagOf } from '../../src/http/etag.ts'
import { isProblem, notFound } from '../../src/http/problem.ts'
import { sheetsOf } from '../../src/http/sheets.ts'
import type { Ctx } from '../../src/modules/context.ts'
import {
  createReport,
  getReport,
  importCsv,
  importXlsx,
  listReports,
  Reason,
  type ReportSummaryView,
  SaveValues,
  saveValues,
  transition,
} from '../../src/modules/outcomes/index.ts'
import * as ventures from '../../src/modules/ventures/index.ts'
import { allPages } from '../ui/capital-data.ts'
import type { FieldErrors } from '../ui/fields.tsx'
import { readForm, serviceIssues, uuidParam } from '../ui/forms.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { setFlash, type View } from '../ui/view.ts'
import { ReportPage, type ReportPageProps } from './report.tsx'
import {
  type FormIndicator,
  fieldOfProblem,
  formIndicators,
  formValuesFrom,
  formValuesOfStored,
  type ParsedReport,
  parseReportForm,
} from './report-form.ts'
import { type FieldIssue, fieldProblemText, problemMessage } from './report-messages.ts'
import { type ImportProblem, ReportingPage } from './reporting.tsx'
import { periodLabel } from './reporting-common.tsx'
import { reportingAccess, sharedWithOf } from './reporting-data.ts'

async function reportingPage(
  c: Context<AppEnv>,
  v: View,
  extra: Partial<Parameters<typeof ReportingPage>[0]> = {},
  status = 200,
) {
  const ctx = ctxOf(c)
  const { venture } = await ventures.getVenture(ctx, uuidParam(c, 'id', 'venture'))
  const access = await reportingAccess(ctx, venture.id)
  // Every report row, through the same list service as GET /v1/ventures/{id}/reports.
  const reports = await allPages((cursor) => listReports(ctx, venture.id, { limit: 200, cursor }))
  const sharedWith = access.seesSharing ? await sharedWithOf(ctx, venture.id) : null
  return respond(
    c,
    <ReportingPage
      v={v}
      venture={venture}
      reports={reports}
      access={access}
      sharedWith={sharedWith}
      {...extra}
    />,
    status,
  )
}

/** Everything the report page shows, loaded through the outcomes services (which check access). */
async function loadReportPage(ctx: Ctx, ventureId: string, reportId: string) {
  const view = await getReport(ctx, reportId)
  if (view.report.ventureOrgId !== ventureId) throw notFound('report')
  const { venture } = await ventures.getVenture(ctx, ventureId)
  const access = await reportingAccess(ctx, ventureId)
  return {
    venture,
    view,
    mayWrite: access.mayWrite,
    mayReview: access.mayReview,
    seesSharing: access.seesSharing,
    indicators: formIndicators(
      view.expected,
      venture.municipalities,
      { start: view.report.periodStart, end: view.report.periodEnd },
      view.values,
    ),
  }
}

type Loaded = Awaited<ReturnType<typeof loadReportPage>>

function storedValues(v: View, loaded: Loaded) {
  const revision = loaded.view.revisions.find((r) => r.revision === loaded.view.report.revision)
  return formValuesOfStored(loaded.view.values, revision ?? {}, v.lang === 'nb')
}

/** The page as loaded; whom the data reaches is read only now, when a page is sent (not on a save that redirects). */
const pageProps = async (ctx: Ctx, v: View, loaded: Loaded): Promise<ReportPageProps> => ({
  v,
  ...loaded,
  sharedWith: loaded.seesSharing ? await sharedWithOf(ctx, loaded.venture.id) : null,
  values: storedValues(v, loaded),
  version: loaded.view.report.version,
})

/** Problems as the service words them, translated and placed next to their inputs. */
function placeProblems(
  v: View,
  parsed: ParsedReport,
  indicators: readonly FormIndicator[],
  issues: FieldIssue[],
) {
  const errors: Record<string, string[]> = {}
  const formErrors: string[] = []
  for (const issue of issues) {
    const name = fieldOfProblem(issue, parsed.refs, indicators)
    const text = fieldProblemText(v, issue)
    if (name === 'form') {
      if (!formErrors.includes(text)) formErrors.push(text)
      continue
    }
    const list = errors[name] ?? []
    if (!list.includes(text)) list.push(text)
    errors[name] = list
  }
  const fieldErrors: FieldErrors = Object.fromEntries(
    Object.entries(errors).map(([k, l]) => [k, l.join(' ')]),
  )
  return { errors: fieldErrors, formErrors }
}

/** An upload is XLSX by its type or, when the browser sends none, its name. */
const isXlsx = (file: File) => file.type === XLSX_CONTENT_TYPE || /\.xlsx$/i.test(file.name)

/**
 * The reporting pages of the dashboard. Every write calls the outcomes service the API calls
 * (createReport, saveValues, transition, importCsv) and shows its problems next to the fields.
 */
export function registerReportingPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/ventures/:id/reports',
    page(deps, 'user', (c, v) => reportingPage(c, v)),
  )

  // Start the report of a period, then fill it in.
  app.post(
    '/ventures/:id/reports',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const ventureId = uuidParam(c, 'id', 'venture')
      const period = (await readForm(c)).text('period')
      try {
        const view = await createReport(ctx, ventureId, period)
        return c.redirect(`/ventures/${ventureId}/reports/${view.report.id}`, 303)
      } catch (err) {
        if (isProblem(err) && (err.code === 'report.exists' || err.code === 'period.invalid')) {
          // Only a real period is named back (the posted text could be anything, of any length).
          const named = parsePeriod(period) ? periodLabel(v, period) : v.t('reporting.thisPeriod')
          setFlash(c, { tone: 'error', key: 'reporting.startFailed', params: { period: named } })
          return c.redirect(`/ventures/${ventureId}/reports`, 303)
        }
        throw err
      }
    }),
  )

  app.post(
    '/ventures/:id/reports/import',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const ventureId = uuidParam(c, 'id', 'venture')
      const body = await c.req.parseBody()
      const file = body.file
      if (!(file instanceof File) || file.size === 0) {
        return reportingPage(c, v, { fileError: v.t('reporting.fileMissing') }, 422)
      }
      let result: Awaited<ReturnType<typeof importCsv>>
      try {
        result = isXlsx(file)
          ? await importXlsx(ctx, ventureId, new Uint8Array(await file.arrayBuffer()), (bytes) =>
              sheetsOf(c).read(bytes),
            )
          : await importCsv(ctx, ventureId, await file.text())
      } catch (err) {
        if (!isProblem(err) || err.status !== 422) throw err
        const problems: ImportProblem[] = (err.extra.errors ?? []).map((e) => {
          const where = e as { line?: number; column?: string | number }
          return {
            line: typeof where.line === 'number' ? where.line : null,
            column: where.column === undefined ? null : String(where.column),
            message: fieldProblemText(v, e),
          }
        })
        const summary = v.t('reporting.importFailed', { count: v.fmt.number(problems.length) })
        return reportingPage(c, v, { importProblems: { summary, problems } }, 422)
      }
      setFlash(c, {
        tone: 'success',
        key: 'reporting.imported',
        params: {
          values: v.fmt.number(result.values),
          periods: result.reports.map((r) => periodLabel(v, r.period)).join(', '),
        },
      })
      return c.redirect(`/ventures/${ventureId}/reports`, 303)
    }),
  )

  app.get(
    '/ventures/:id/reports/:reportId',
    page(deps, 'user', async (c, v) => {
      const loaded = await loadReportPage(
        ctxOf(c),
        uuidParam(c, 'id', 'venture'),
        uuidParam(c, 'reportId', 'report'),
      )
      return respond(c, <ReportPage {...(await pageProps(ctxOf(c), v, loaded))} />)
    }),
  )

  // Save the draft, or save and submit it (the button pressed says which).
  app.post(
    '/ventures/:id/reports/:reportId',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const ventureId = uuidParam(c, 'id', 'venture')
      const reportId = uuidParam(c, 'reportId', 'report')
      const loaded = await loadReportPage(ctx, ventureId, reportId)
      const form = await readForm(c)
      // Submitted or verified since the form was opened (every status change moves the version,
      // so the save would only say "stale"): say what happened instead.
      const status = loaded.view.report.status
      if (loaded.mayWrite && status !== 'draft' && status !== 'returned') {
        setFlash(c, { tone: 'error', key: 'reporting.locked' })
        return c.redirect(`/ventures/${ventureId}/reports/${reportId}`, 303)
      }
      const submit = form.text('intent') === 'submit'
      const values = formValuesFrom(form, loaded.indicators)
      const version = Number(form.text('version'))
      const parsed = parseReportForm(values, loaded.indicators)
      const show = async (status: number, extra: Partial<ReportPageProps>) =>
        respond(
          c,
          <ReportPage {...(await pageProps(ctx, v, loaded))} values={values} version={version} {...extra} />,
          status,
        )

      if (parsed.notNumbers.length) {
        const errors = Object.fromEntries(parsed.notNumbers.map((n) => [n, v.t('reporting.err.notNumber')]))
        return show(422, { errors })
      }
      // The API's own schema first (lengths, links), then the service's rules.
      const schema = SaveValues.safeParse(parsed.input)
      if (!schema.success) {
        const issues = schema.error.issues.map((i) => zodFieldError(i, parsed.input))
        return show(422, placeProblems(v, parsed, loaded.indicators, issues))
      }
      try {
        await saveValues(ctx, reportId, parsed.input, etagOf('report', reportId, version))
      } catch (err) {
        if (isProblem(err) && err.code === 'request.etag_mismatch') {
          return show(412, { conflict: true, version: loaded.view.report.version })
        }
        if (isProblem(err) && err.code === 'report.locked') {
          setFlash(c, { tone: 'error', key: 'reporting.locked' })
          return c.redirect(`/ventures/${ventureId}/reports/${reportId}`, 303)
        }
        const issues = serviceIssues(err)
        if (!issues) throw err
        return show(422, placeProblems(v, parsed, loaded.indicators, issues))
      }
      const period = periodLabel(v, loaded.view.report.period)
      if (!submit) {
        setFlash(c, { tone: 'success', key: 'reporting.saved', params: { period } })
        return c.redirect(`/ventures/${ventureId}/reports/${reportId}`, 303)
      }
      try {
        await transition(ctx, reportId, 'submit', null, undefined)
      } catch (err) {
        const issues = serviceIssues(err)
        const refused =
          issues ??
          (isProblem(err) && err.status === 409 ? [{ path: 'form', message: problemMessage(v, err) }] : null)
        if (!refused) throw err
        // Saved, not submitted: show what stops the submission, on the saved draft.
        const fresh = await loadReportPage(ctx, ventureId, reportId)
        return respond(
          c,
          <ReportPage
            {...(await pageProps(ctx, v, fresh))}
            values={values}
            savedNotSubmitted
            {...placeProblems(v, parsed, loaded.indicators, refused)}
          />,
          422,
        )
      }
      setFlash(c, { tone: 'success', key: 'reporting.submitted', params: { period } })
      return c.redirect(`/ventures/${ventureId}/reports`, 303)
    }),
  )

  // Open a new revision of a verified report, with a reason.
  app.post(
    '/ventures/:id/reports/:reportId/amend',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const ventureId = uuidParam(c, 'id', 'venture')
      const reportId = uuidParam(c, 'reportId', 'report')
      const loaded = await loadReportPage(ctx, ventureId, reportId)
      const reason = Reason.safeParse({ reason: (await readForm(c)).text('reason') })
      if (!reason.success) {
        return respond(
          c,
          <ReportPage
            {...(await pageProps(ctx, v, loaded))}
            reasonError={{
              action: 'amend',
              message: v.t(
                reason.error.issues[0]?.code === 'too_big'
                  ? 'reporting.err.tooLong'
                  : 'reporting.amend.reasonRequired',
              ),
            }}
          />,
          422,
        )
      }
      try {
        await transition(ctx, reportId, 'amend', reason.data.reason, undefined)
      } catch (err) {
        if (isProblem(err) && err.code === 'report.wrong_state') {
          setFlash(c, { tone: 'error', key: 'reports.conflict' })
          return c.redirect(`/ventures/${ventureId}/reports/${reportId}`, 303)
        }
        throw err
      }
      setFlash(c, {
        tone: 'success',
        key: 'reporting.amended',
        params: { period: periodLabel(v, loaded.view.report.period) },
      })
      return c.redirect(`/ventures/${ventureId}/reports/${reportId}`, 303)
    }),
  )
}

export { loadReportPage, pageProps }
