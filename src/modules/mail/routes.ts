import { type OpenAPIHono, z } from '@hono/zod-openapi'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { json, problems, route } from '../../http/openapi.ts'
import { PageQuery, pageOf } from '../../http/pagination.ts'
import { iso, isoOrNull } from '../../http/serialize.ts'
import { getOutboxMail, listOutbox, retryOutboxMail } from './service.ts'

const OutboxStatus = z.enum(['pending', 'sent', 'failed']).openapi('OutboxStatus', {
  description: 'pending: not sent yet (kept while no SMTP is configured); sent; failed: no more attempts',
})

const OutboxMail = z
  .object({
    id: z.uuid().openapi({ description: 'The mail' }),
    kind: z.string().openapi({ description: 'What it is about', example: 'invitation' }),
    to: z.string().openapi({ description: 'The recipient’s address' }),
    language: z.enum(['nb', 'en']).openapi({ description: 'The language it is written in' }),
    subject: z.string().openapi({ description: 'The subject line' }),
    text: z.string().openapi({ description: 'The plain-text body, links included' }),
    status: OutboxStatus,
    createdAt: z.iso.datetime().openapi({ description: 'When it was written to the outbox' }),
    attempts: z.number().int().openapi({ description: 'Delivery attempts so far' }),
    nextAttemptAt: z.iso.datetime().openapi({ description: 'When the next attempt is due (while pending)' }),
    lastError: z.string().nullable().openapi({ description: 'The last attempt’s error, if it failed' }),
    sentAt: z.iso.datetime().nullable().openapi({ description: 'When the SMTP server accepted it' }),
  })
  .openapi('OutboxMail')

const MailIdParam = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'The mail' }),
})

const list = route({
  method: 'get',
  path: '/v1/admin/outbox',
  operationId: 'listOutbox',
  tags: ['admin'],
  access: 'user',
  summary: 'The mail outbox',
  description:
    'Platform admins: every mail Effekt wrote, newest first, with its text. Without SMTP_URL mail stays here (never dropped): this is where an operator finds invitation and reset links.',
  request: {
    query: PageQuery.extend({
      status: OutboxStatus.optional().openapi({ description: 'Only mails in this state' }),
    }),
  },
  responses: { 200: json(pageOf(OutboxMail, 'OutboxPage'), 'A page of mails'), ...problems(400, 401, 403) },
})

const get = route({
  method: 'get',
  path: '/v1/admin/outbox/{id}',
  operationId: 'getOutboxMail',
  tags: ['admin'],
  access: 'user',
  summary: 'One mail in the outbox',
  description: 'Platform admins.',
  request: { params: MailIdParam },
  responses: { 200: json(OutboxMail, 'The mail'), ...problems(400, 401, 403, 404) },
})

const retry = route({
  method: 'post',
  path: '/v1/admin/outbox/{id}/retry',
  operationId: 'retryOutboxMail',
  tags: ['admin'],
  access: 'user',
  summary: 'Send a mail again',
  description:
    'Platform admins: a failed or pending mail gets a fresh series of attempts, due now. 409 `mail.already_sent` for a sent one.',
  request: { params: MailIdParam },
  responses: { 204: { description: 'Due again' }, ...problems(400, 401, 403, 404, 409) },
})

type Row = Awaited<ReturnType<typeof getOutboxMail>>

export const outboxStatus = (r: {
  sentAt: Date | null
  failedAt: Date | null
}): 'pending' | 'sent' | 'failed' => (r.sentAt ? 'sent' : r.failedAt ? 'failed' : 'pending')

const mailOut = (
  r: Pick<
    Row,
    | 'id'
    | 'kind'
    | 'toAddress'
    | 'language'
    | 'subject'
    | 'textBody'
    | 'createdAt'
    | 'attempts'
    | 'nextAttemptAt'
    | 'lastError'
    | 'sentAt'
    | 'failedAt'
  >,
) => ({
  id: r.id,
  kind: r.kind,
  to: r.toAddress,
  language: r.language,
  subject: r.subject,
  text: r.textBody,
  status: outboxStatus(r),
  createdAt: iso(r.createdAt),
  attempts: r.attempts,
  nextAttemptAt: iso(r.nextAttemptAt),
  lastError: r.lastError,
  sentAt: isoOrNull(r.sentAt),
})

export function registerMailRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const page = await listOutbox(ctxOf(c), c.req.valid('query'))
    return c.json({ items: page.items.map(mailOut), nextCursor: page.nextCursor }, 200)
  })
  app.openapi(get, async (c) => c.json(mailOut(await getOutboxMail(ctxOf(c), c.req.valid('param').id)), 200))
  app.openapi(retry, async (c) => {
    await retryOutboxMail(ctxOf(c), c.req.valid('param').id)
    return c.body(null, 204)
  })
}
