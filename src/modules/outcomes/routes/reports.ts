import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { ctxOf } from '../../../http/context.ts'
import type { AppEnv } from '../../../http/env.ts'
import { etagOf } from '../../../http/etag.ts'
import { json, jsonBody, problems, route } from '../../../http/openapi.ts'
import { PageQuery, pageOf } from '../../../http/pagination.ts'
import type { ReportView } from '../report-view.ts'
import * as reports from '../reports-service.ts'
import { IfMatchHeader, VentureIdParam } from '../schemas/common.ts'
import {
  CreateReport,
  Report,
  ReportIdParam,
  ReportListQuery,
  ReportSummary,
  SaveValues,
} from '../schemas/reports.ts'
import { reportOut, reportSummaryOut } from '../serialize.ts'
import * as values from '../values-service.ts'

const list = route({
  method: 'get',
  path: '/v1/ventures/{id}/reports',
  operationId: 'listReports',
  tags: ['reports'],
  access: 'user',
  summary: 'List due and existing reports',
  description:
    'Every period the venture’s assignments have completed (whether a report is started or not) and every report it has, newest first, with the due date (period end + REPORT_DUE_DAYS) and an overdue flag. Filter by status (`not_started` for due reports nobody has begun) or `overdue`.',
  request: { params: VentureIdParam, query: PageQuery.extend(ReportListQuery.shape) },
  responses: {
    200: json(pageOf(ReportSummary, 'ReportSummaryPage'), 'A page of reports, newest period first'),
    ...problems(400, 401, 404),
  },
})

const create = route({
  method: 'post',
  path: '/v1/ventures/{id}/reports',
  operationId: 'createReport',
  tags: ['reports'],
  access: 'user',
  summary: 'Start a report for a period',
  description:
    'The venture’s editors start the draft report for a period one of its assignments covers (the period must have begun). Then save values with PUT /v1/reports/{id}/values.',
  request: { params: VentureIdParam, ...jsonBody(CreateReport, 'The period') },
  responses: { 201: json(Report, 'Created'), ...problems(400, 401, 403, 404, 409, 415, 422) },
})

const get = route({
  method: 'get',
  path: '/v1/reports/{id}',
  operationId: 'getReport',
  tags: ['reports'],
  access: 'user',
  summary: 'Get a report with its history',
  description:
    'Values and narrative of the current revision, the indicators it must carry, every revision with its values and every transition (who, when, why). Sends an ETag: pass it as If-Match when saving values or moving the report on.',
  request: { params: ReportIdParam },
  responses: { 200: json(Report, 'The report'), ...problems(400, 401, 404) },
})

const save = route({
  method: 'put',
  path: '/v1/reports/{id}/values',
  operationId: 'saveReportValues',
  tags: ['reports'],
  access: 'user',
  summary: 'Save the draft values and narrative',
  description:
    'The venture’s editors save the current revision while it is a draft or returned: the values given replace the revision’s values. Breakdowns by gender and age band that give every category must add up to the total; people counts are whole numbers; percentages lie within 0–100; municipality numbers must be in use during the period. Each problem is listed at `values.<i>.<field>`; nothing is saved unless all are valid. A submitted or verified report answers 409; a stale If-Match 412.',
  request: { params: ReportIdParam, headers: IfMatchHeader, ...jsonBody(SaveValues, 'The values') },
  responses: { 200: json(Report, 'Saved'), ...problems(400, 401, 403, 404, 409, 412, 415, 422) },
})

export const withEtag = (c: Context<AppEnv>, view: ReportView) => {
  c.header('ETag', etagOf('report', view.report.id, view.report.version))
  return reportOut(view)
}

export function registerReportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const page = await reports.listReports(ctxOf(c), c.req.valid('param').id, c.req.valid('query'))
    return c.json({ items: page.items.map(reportSummaryOut), nextCursor: page.nextCursor }, 200)
  })
  app.openapi(create, async (c) => {
    const view = await reports.createReport(ctxOf(c), c.req.valid('param').id, c.req.valid('json').period)
    return c.json(withEtag(c, view), 201)
  })
  app.openapi(get, async (c) =>
    c.json(withEtag(c, await reports.getReport(ctxOf(c), c.req.valid('param').id)), 200),
  )
  app.openapi(save, async (c) => {
    const view = await values.saveValues(
      ctxOf(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.req.header('if-match'),
    )
    return c.json(withEtag(c, view), 200)
  })
}
