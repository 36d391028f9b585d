import { withTx } from '../../db/tx.ts'
import { forbidden, notFound } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import * as repo from './repo.ts'
import { newApiToken, sha256Hex, TOKEN_PREFIX } from './secrets.ts'

/**
 * Creates an API token for the caller. The secret is returned once and stored only as a hash.
 * A token carries its owner's roles (narrowed to reading when read-only); it cannot mint tokens.
 */
export async function createToken(
  ctx: Ctx,
  input: { name: string; readOnly: boolean; expiresInDays: number },
) {
  const principal = requirePrincipal(ctx.principal)
  if (principal.via === 'token') throw forbidden('token.created_with_token')
  const token = newApiToken()
  const row = await withTx(ctx.db, async (trx) => {
    const created = await repo.insertToken(trx, {
      id: crypto.randomUUID(),
      userId: principal.userId,
      name: input.name,
      tokenHash: await sha256Hex(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      readOnly: input.readOnly,
      expiresAt: new Date(ctx.now.getTime() + input.expiresInDays * 86_400_000),
    })
    await recordAudit(trx, ctx, {
      action: 'token.create',
      entity: 'api_token',
      entityId: created.id,
      organizationId: null,
      after: created,
    })
    return created
  })
  return { ...row, token }
}

export async function listTokens(ctx: Ctx) {
  const principal = requirePrincipal(ctx.principal)
  return repo.listTokensOfUser(ctx.db, principal.userId)
}

/** Revokes at once. Only the owner (or a platform admin) may; others get 404. */
export async function revokeToken(ctx: Ctx, id: string) {
  const principal = requirePrincipal(ctx.principal)
  await withTx(ctx.db, async (trx) => {
    const token = await repo.findToken(trx, id)
    if (!token || (token.userId !== principal.userId && !principal.isPlatformAdmin)) throw notFound('token')
    if (token.revokedAt) return
    await repo.revokeToken(trx, id, ctx.now)
    await recordAudit(trx, ctx, {
      action: 'token.revoke',
      entity: 'api_token',
      entityId: id,
      organizationId: null,
      before: { revokedAt: null },
      after: { revokedAt: ctx.now },
    })
  })
}
