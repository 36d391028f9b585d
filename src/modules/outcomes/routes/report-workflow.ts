import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../../http/context.ts'
import type { AppEnv } from '../../../http/env.ts'
import { json, jsonBody, problems, route } from '../../../http/openapi.ts'
import { transition } from '../report-workflow.ts'
import { IfMatchHeader } from '../schemas/common.ts'
import { OptionalComment, Reason, Report, ReportIdParam } from '../schemas/reports.ts'
import { withEtag } from './reports.ts'

const optionalBody = {
  body: {
    content: { 'application/json': { schema: OptionalComment } },
    required: false,
    description: 'An optional comment, kept with the transition',
  },
}

const submit = route({
  method: 'post',
  path: '/v1/reports/{id}/submit',
  operationId: 'submitReport',
  tags: ['reports'],
  access: 'user',
  summary: 'Submit a report for review',
  description:
    'The venture’s editors submit a draft or returned report once its period has ended and every expected indicator has a value (422 lists the missing ones). The values as submitted are kept in the transition.',
  request: { params: ReportIdParam, headers: IfMatchHeader, ...optionalBody },
  responses: { 200: json(Report, 'Submitted'), ...problems(400, 401, 403, 404, 409, 412, 415, 422) },
})

const verify = route({
  method: 'post',
  path: '/v1/reports/{id}/verify',
  operationId: 'verifyReport',
  tags: ['reports'],
  access: 'user',
  summary: 'Verify a submitted report',
  description:
    'Editors and admins of an investor with standing verify a submitted report. A verified report is locked: only verified values count in aggregates by default.',
  request: { params: ReportIdParam, headers: IfMatchHeader, ...optionalBody },
  responses: { 200: json(Report, 'Verified'), ...problems(400, 401, 403, 404, 409, 412, 415, 422) },
})

const giveBack = route({
  method: 'post',
  path: '/v1/reports/{id}/return',
  operationId: 'returnReport',
  tags: ['reports'],
  access: 'user',
  summary: 'Return a submitted report for correction',
  description:
    'Editors and admins of an investor with standing return a submitted report to the venture, with a reason (required).',
  request: { params: ReportIdParam, headers: IfMatchHeader, ...jsonBody(Reason, 'Why it is returned') },
  responses: { 200: json(Report, 'Returned'), ...problems(400, 401, 403, 404, 409, 412, 415, 422) },
})

const amend = route({
  method: 'post',
  path: '/v1/reports/{id}/amend',
  operationId: 'amendReport',
  tags: ['reports'],
  access: 'user',
  summary: 'Amend a verified report',
  description:
    'The venture’s editors open a new revision of a verified report, with a reason (required). The new revision starts as a copy of the verified one, which stays as it was; it must be submitted and verified again.',
  request: { params: ReportIdParam, headers: IfMatchHeader, ...jsonBody(Reason, 'Why it is amended') },
  responses: {
    200: json(Report, 'A new draft revision'),
    ...problems(400, 401, 403, 404, 409, 412, 415, 422),
  },
})

export function registerReportWorkflowRoutes(app: OpenAPIHono<AppEnv>): void {
  const comment = (body: unknown) => (body as { comment?: string } | undefined)?.comment || null
  app.openapi(submit, async (c) => {
    const view = await transition(
      ctxOf(c),
      c.req.valid('param').id,
      'submit',
      comment(c.req.valid('json')),
      c.req.header('if-match'),
    )
    return c.json(withEtag(c, view), 200)
  })
  app.openapi(verify, async (c) => {
    const view = await transition(
      ctxOf(c),
      c.req.valid('param').id,
      'verify',
      comment(c.req.valid('json')),
      c.req.header('if-match'),
    )
    return c.json(withEtag(c, view), 200)
  })
  app.openapi(giveBack, async (c) => {
    const view = await transition(
      ctxOf(c),
      c.req.valid('param').id,
      'return',
      c.req.valid('json').reason,
      c.req.header('if-match'),
    )
    return c.json(withEtag(c, view), 200)
  })
  app.openapi(amend, async (c) => {
    const view = await transition(
      ctxOf(c),
      c.req.valid('param').id,
      'amend',
      c.req.valid('json').reason,
      c.req.header('if-match'),
    )
    return c.json(withEtag(c, view), 200)
  })
}
