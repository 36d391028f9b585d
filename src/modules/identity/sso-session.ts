import type { Db } from '../../db/tx.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { loadPrincipal } from './auth-service.ts'
import * as repo from './repo.ts'
import { newSessionId, sha256Hex } from './secrets.ts'

/**
 * A session for a user whom their organisation's OpenID provider signed in (modules/sso): the
 * same kind of session as a password login opens (a new id, the same lifetime and cookie), in
 * the caller's transaction so the membership it may create and the audit event commit with it.
 */
export async function openSsoSession(
  trx: Db,
  ctx: Ctx,
  userId: string,
  via: { organizationId: string; issuer: string },
): Promise<{ sessionId: string; expiresAt: Date }> {
  const user = await repo.findUserById(trx, userId)
  if (!user) throw new Error(`openSsoSession: no user ${userId}`)
  const sessionId = newSessionId()
  const expiresAt = new Date(ctx.now.getTime() + ctx.config.SESSION_ABSOLUTE_HOURS * 3_600_000)
  await repo.insertSession(trx, {
    idHash: await sha256Hex(sessionId),
    userId,
    createdAt: ctx.now,
    lastSeenAt: ctx.now,
    expiresAt,
  })
  await recordAudit(
    trx,
    { ...ctx, principal: await loadPrincipal(trx, user, 'session') },
    {
      action: 'session.create',
      entity: 'user',
      entityId: userId,
      organizationId: via.organizationId,
      after: { method: 'oidc', issuer: via.issuer },
    },
  )
  return { sessionId, expiresAt }
}

/** Activates a pending membership (an invitation) the user consents to by signing in; false when none. */
export const activatePendingMembership = async (trx: Db, userId: string, organizationId: string) =>
  (await repo.activateMembership(trx, userId, organizationId)) !== null
