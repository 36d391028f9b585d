import { withTx } from '../../db/tx.ts'
import { decodeCursor, toPage } from '../../http/pagination.ts'
import { conflict, forbidden, invalid, notFound } from '../../http/problem.ts'
import { hasRole, requirePrincipal } from '../../policy/policy.ts'
import { requireVentureAccess, type VentureAccess } from '../../policy/venture-access.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { findOrganization } from '../identity/index.ts'
import * as repo from './shares-repo.ts'

/**
 * Data shares (PRODUCT.md §1 Data share): the venture decides who sees its data — "report once,
 * share with every funder and municipality it chooses". Its members read the list; its admins
 * grant and revoke. Investors with an investment need no share (the policy gives them detailed
 * access); the venture policy reads active shares on every request, so a revoke takes effect at once.
 */
function assertMember(access: VentureAccess) {
  if (access.platformAdmin || access.member) return
  throw forbidden('share.members_only')
}

function assertAdmin(ctx: Ctx, access: VentureAccess) {
  if (access.platformAdmin || hasRole(ctx.principal!, access.ventureId, 'admin')) return
  throw forbidden('share.admins_only')
}

export async function listShares(
  ctx: Ctx,
  ventureId: string,
  q: { limit: number; cursor?: string | undefined; includeRevoked: boolean },
) {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'profile')
  assertMember(access)
  const rows = await repo.listShares(ctx.db, ventureId, {
    includeRevoked: q.includeRevoked,
    after: decodeCursor(q.cursor),
    limit: q.limit,
  })
  return toPage(rows, q.limit, (s) => [s.createdAt.toISOString(), s.id])
}

export async function createShare(
  ctx: Ctx,
  ventureId: string,
  input: { organizationId: string; level: 'aggregate' | 'detailed' },
) {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'profile')
  assertAdmin(ctx, access)
  if (input.organizationId === ventureId) throw invalid('organizationId', 'share.with_self')
  const grantee = await findOrganization(ctx.db, input.organizationId)
  if (!grantee) throw invalid('organizationId', 'share.grantee_unknown')
  return withTx(ctx.db, async (trx) => {
    const existing = await repo.activeShareWith(trx, ventureId, grantee.id)
    if (existing) {
      throw conflict(
        'share.exists',
        `${grantee.name} already has ${existing.level} access; revoke that share first to change the level.`,
      )
    }
    const id = crypto.randomUUID()
    await repo.insertShare(
      trx,
      {
        id,
        ventureOrgId: ventureId,
        granteeOrgId: grantee.id,
        level: input.level,
        createdBy: ctx.principal!.userId,
      },
      ctx.now,
    )
    const share = (await repo.findShare(trx, ventureId, id))!
    await recordAudit(trx, ctx, {
      action: 'share.create',
      entity: 'data_share',
      entityId: id,
      organizationId: ventureId,
      after: share,
    })
    return share
  })
}

/** Revokes a share; revoking one already revoked changes nothing and answers the same. */
export async function revokeShare(ctx: Ctx, ventureId: string, shareId: string) {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'profile')
  assertAdmin(ctx, access)
  return withTx(ctx.db, async (trx) => {
    const before = await repo.findShare(trx, ventureId, shareId)
    if (!before) throw notFound('share')
    if (before.revokedAt) return before
    await repo.revokeShare(trx, shareId, ctx.principal!.userId, ctx.now)
    const after = (await repo.findShare(trx, ventureId, shareId))!
    await recordAudit(trx, ctx, {
      action: 'share.revoke',
      entity: 'data_share',
      entityId: shareId,
      organizationId: ventureId,
      before,
      after,
    })
    return after
  })
}
