import { withTx } from '../../db/tx.ts'
import { Problem, tooManyRequests } from '../../http/problem.ts'
import type { Principal } from '../../policy/principal.ts'
import { recordAudit } from '../audit/service.ts'
import type { Ctx } from '../context.ts'
import * as repo from './repo.ts'
import { newSessionId, sha256Hex, TOKEN_PREFIX, verifyPassword } from './secrets.ts'

/** Failed logins allowed per account and per client address within the window. */
export const LOGIN_LIMITS = { perAccount: 5, perClient: 20, windowMinutes: 15 } as const

const wrongCredentials = () =>
  new Problem(401, 'invalid-credentials', 'The email or password is wrong.', {
    headers: { 'WWW-Authenticate': 'Bearer realm="effekt"' },
  })

async function assertNotThrottled(ctx: Ctx, keys: { key: string; limit: number }[]) {
  const since = new Date(ctx.now.getTime() - LOGIN_LIMITS.windowMinutes * 60_000)
  for (const { key, limit } of keys) {
    const failures = await repo.recentFailures(ctx.db, key, since)
    if (failures.length >= limit) {
      const oldest = failures[failures.length - limit]!.failedAt
      const retryAfter = Math.max(1, Math.ceil((oldest.getTime() - since.getTime()) / 1000))
      throw tooManyRequests(retryAfter, 'Too many failed logins. Wait before trying again.')
    }
  }
}

export interface LoginResult {
  sessionId: string
  expiresAt: Date
  principal: Principal
}

/**
 * Checks the password and opens a new session (a new id at every login: no fixation). Unknown
 * emails take the same path through the KDF and get the same answer as wrong passwords.
 */
export async function login(
  ctx: Ctx,
  input: { email: string; password: string },
  clientAddress: string | undefined,
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase()
  const accountKey = `account:${email}`
  // Without a known address (a runtime that cannot tell) only the per-account limit applies.
  const clientKey = clientAddress ? `client:${clientAddress}` : null
  await assertNotThrottled(ctx, [
    { key: accountKey, limit: LOGIN_LIMITS.perAccount },
    ...(clientKey ? [{ key: clientKey, limit: LOGIN_LIMITS.perClient }] : []),
  ])
  const user = await repo.findUserByEmail(ctx.db, email)
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null)
  if (!user || !ok || user.disabledAt) {
    await repo.recordFailure(ctx.db, clientKey ? [accountKey, clientKey] : [accountKey], ctx.now)
    throw wrongCredentials()
  }
  const sessionId = newSessionId()
  const expiresAt = new Date(ctx.now.getTime() + ctx.config.SESSION_ABSOLUTE_HOURS * 3_600_000)
  await withTx(ctx.db, async (trx) => {
    await repo.clearFailures(trx, accountKey)
    await repo.insertSession(trx, {
      idHash: await sha256Hex(sessionId),
      userId: user.id,
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
        entityId: user.id,
        organizationId: null,
      },
    )
  })
  return { sessionId, expiresAt, principal: await loadPrincipal(ctx.db, user, 'session') }
}

export async function logout(ctx: Ctx, sessionId: string): Promise<void> {
  const idHash = await sha256Hex(sessionId)
  const session = await repo.findSession(ctx.db, idHash)
  if (!session || session.endedAt) return
  await withTx(ctx.db, async (trx) => {
    await repo.endSession(trx, idHash, ctx.now)
    await recordAudit(trx, ctx, {
      action: 'session.end',
      entity: 'user',
      entityId: session.userId,
      organizationId: null,
    })
  })
}

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>

export async function loadPrincipal(
  db: Ctx['db'],
  user: UserRow,
  via: Principal['via'],
  token?: { id: string; readOnly: boolean },
): Promise<Principal> {
  const memberships = await repo.membershipsOfUser(db, user.id)
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isPlatformAdmin: user.isPlatformAdmin,
    memberships,
    via,
    readOnly: token?.readOnly ?? false,
    ...(token ? { tokenId: token.id } : {}),
  }
}

/** The caller again, after a change of their own memberships within this request. */
export async function reloadPrincipal(ctx: Ctx): Promise<Principal> {
  const p = ctx.principal!
  const user = (await repo.findUserById(ctx.db, p.userId))!
  return loadPrincipal(ctx.db, user, p.via, p.tokenId ? { id: p.tokenId, readOnly: p.readOnly } : undefined)
}

/** The session's principal, or null when it is unknown, ended, idle too long or past its end. */
export async function principalFromSession(
  ctx: Omit<Ctx, 'principal'>,
  sessionId: string,
): Promise<Principal | null> {
  const idHash = await sha256Hex(sessionId)
  const session = await repo.findSession(ctx.db, idHash)
  if (!session || session.endedAt) return null
  const idleLimit = session.lastSeenAt.getTime() + ctx.config.SESSION_IDLE_MINUTES * 60_000
  if (ctx.now.getTime() >= session.expiresAt.getTime() || ctx.now.getTime() >= idleLimit) return null
  const user = await repo.findUserById(ctx.db, session.userId)
  if (!user || user.disabledAt) return null
  // Sliding idle expiry; written at most once a minute to spare the database.
  if (ctx.now.getTime() - session.lastSeenAt.getTime() > 60_000)
    await repo.touchSession(ctx.db, idHash, ctx.now)
  return loadPrincipal(ctx.db, user, 'session')
}

export async function principalFromToken(
  ctx: Omit<Ctx, 'principal'>,
  token: string,
): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null
  const row = await repo.findTokenByHash(ctx.db, await sha256Hex(token))
  if (!row || row.revokedAt || row.expiresAt.getTime() <= ctx.now.getTime()) return null
  const user = await repo.findUserById(ctx.db, row.userId)
  if (!user || user.disabledAt) return null
  if (!row.lastUsedAt || ctx.now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await repo.markTokenUsed(ctx.db, row.id, ctx.now)
  }
  return loadPrincipal(ctx.db, user, 'token', { id: row.id, readOnly: row.readOnly })
}
