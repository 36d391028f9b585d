import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { notFound } from '../../src/http/problem.ts'
import { listOutbox, retryOutboxMail } from '../../src/modules/mail/index.ts'
import { isUuid, pathParam } from '../ui/forms.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { setFlash } from '../ui/view.ts'
import { OutboxPage, STATUSES, type StatusFilter } from './outbox.tsx'

/** The SMTP server's scheme, host and port for the page, never its credentials. */
const smtpHost = (url: string | undefined) => {
  if (!url) return null
  const u = new URL(url)
  return `${u.protocol}//${u.host}`
}

/** Admin → Outbox (platform admins; the mail service refuses everyone else with 403). */
export function registerAdminPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/admin/outbox',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const asked = c.req.query('status') ?? ''
      const status: StatusFilter = (STATUSES as readonly string[]).includes(asked)
        ? (asked as StatusFilter)
        : ''
      const result = await listOutbox(ctx, {
        limit: 50,
        cursor: c.req.query('cursor') || undefined,
        ...(status ? { status } : {}),
      })
      return respond(
        c,
        <OutboxPage
          v={v}
          mails={result.items}
          nextCursor={result.nextCursor}
          status={status}
          smtpHost={smtpHost(ctx.config.SMTP_URL)}
        />,
      )
    }),
  )

  app.post(
    '/admin/outbox/:id/retry',
    page(deps, 'user', async (c) => {
      const id = pathParam(c, 'id')
      if (!isUuid(id)) throw notFound('mail')
      await retryOutboxMail(ctxOf(c), id)
      setFlash(c, { tone: 'success', key: 'outbox.retried' })
      return c.redirect('/admin/outbox', 303)
    }),
  )
}
