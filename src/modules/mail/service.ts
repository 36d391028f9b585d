import { decodeCursor, toPage } from '../../http/pagination.ts'
import { badRequest, conflict, notFound } from '../../http/problem.ts'
import { assertPlatformAdmin, requirePrincipal } from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import * as repo from './repo.ts'

export type { OutboxStatus } from './repo.ts'

/**
 * The outbox as the platform admin reads it (dashboard Admin → Outbox): every mail, sent or not,
 * with its body — on the embedded default without SMTP this is where invitation and reset links
 * are. Platform admins only: mails carry other people's single-use links.
 */
export async function listOutbox(
  ctx: Ctx,
  q: { limit: number; cursor?: string | undefined; status?: repo.OutboxStatus | undefined },
) {
  assertPlatformAdmin(requirePrincipal(ctx.principal))
  const after = decodeCursor(q.cursor)
  const createdAt = after ? new Date(after[0]) : null
  if (after && (Number.isNaN(createdAt!.getTime()) || !/^[0-9a-f-]{36}$/.test(after[1])))
    throw badRequest('request.cursor_invalid')
  const rows = await repo.listOutbox(ctx.db, {
    limit: q.limit + 1,
    ...(after ? { before: { createdAt: createdAt!, id: after[1] } } : {}),
    ...(q.status ? { status: q.status } : {}),
  })
  return toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id])
}

export async function getOutboxMail(ctx: Ctx, id: string) {
  assertPlatformAdmin(requirePrincipal(ctx.principal))
  const row = await repo.findOutbox(ctx.db, id)
  if (!row) throw notFound('mail')
  return row
}

/** A failed (or still pending) mail gets a fresh series of attempts; a sent one cannot be resent. */
export async function retryOutboxMail(ctx: Ctx, id: string) {
  assertPlatformAdmin(requirePrincipal(ctx.principal))
  const row = await repo.findOutbox(ctx.db, id)
  if (!row) throw notFound('mail')
  if (row.sentAt) throw conflict('mail.already_sent')
  await repo.retryOutbox(ctx.db, id, ctx.now)
  await recordAudit(ctx.db, ctx, {
    action: 'mail.retry',
    entity: 'mail',
    entityId: id,
    organizationId: null,
    after: { kind: row.kind },
  })
}
