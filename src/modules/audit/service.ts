import type { Db } from '../../db/tx.ts'
import { decodeCursor, toPage } from '../../http/pagination.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import type { Ctx } from '../context.ts'
import { insertAuditEvents, listAuditEvents } from './repo.ts'

export interface AuditInput {
  action: string
  entity: string
  entityId: string
  organizationId: string | null
  before?: unknown
  after?: unknown
}

const SECRET_KEY = /(password|hash|secret|^token$)/i

/** Removes secrets from what goes into the audit trail, however deep they sit. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact)
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_KEY.test(k))
        .map(([k, v]) => [k, redact(v)]),
    )
  }
  return value
}

/**
 * Records one change. Call it with the transaction that makes the change, so the event and the
 * change commit or roll back together.
 */
export async function recordAudit(trx: Db, ctx: Ctx, input: AuditInput): Promise<void> {
  await recordAudits(trx, ctx, [input])
}

/** Records several changes in one statement, in the order given (a bulk import's events). */
export async function recordAudits(trx: Db, ctx: Ctx, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return
  const toJson = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(redact(v)))
  await insertAuditEvents(
    trx,
    inputs.map((input) => ({
      actorUserId: ctx.principal?.userId ?? null,
      actorLabel: ctx.principal ? ctx.principal.email : 'system',
      organizationId: input.organizationId,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId,
      before: toJson(input.before),
      after: toJson(input.after),
      requestId: ctx.requestId,
    })),
  )
}

/**
 * Audit events visible to the caller: everything for platform admins; for others, events of the
 * organizations they administer.
 */
export async function listAudit(
  ctx: Ctx,
  q: { entity?: string | undefined; id?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const principal = requirePrincipal(ctx.principal)
  const organizationIds = principal.isPlatformAdmin
    ? undefined
    : principal.memberships.filter((m) => m.role === 'admin').map((m) => m.organizationId)
  const rows = await listAuditEvents(ctx.db, {
    entity: q.entity,
    entityId: q.id,
    organizationIds,
    after: decodeCursor(q.cursor),
    limit: q.limit,
  })
  return toPage(rows, q.limit, (e) => [String(e.seq), e.id])
}
