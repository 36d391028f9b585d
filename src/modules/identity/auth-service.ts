import { withTx } from '../../db/tx.ts'
import { Problem } from '../../http/problem.ts'
import type { ProblemCode } from '../../http/problem-codes.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import type { Principal } from '../principal.ts'
import * as repo from './repo.ts'
import { newSessionId, sha256Hex, TOKEN_PREFIX, verifyPassword } from './secrets.ts'

/**
 * Login limits, counted in the database so several instances act as one (README "Login limits"):
 * - per account and client: `perAccountClient` failures in the window block that pair (429);
 * - per client: `perClient` failures over any accounts block the client (429);
 * - per account, over all clients: past `accountSoft` failures the account is under attack and
 *   takes one attempt per growing interval (1 s, 2 s, 4 s … at most `maxDelaySeconds`) from
 *   clients it does not know. Addresses the user signed in from within `knownClientDays` skip
 *   this, so an attacker can slow the account down but never lock its owner out, and gets a
 *   bounded number of guesses however many addresses it rotates through.
 */
export const LOGIN_LIMITS = {
  perAccountClient: 5,
  perClient: 20,
  accountSoft: 10,
  maxDelaySeconds: 60,
  windowMinutes: 15,
  knownClientDays: 90,
} as const

const wrongCredentials = () =>
  new Problem('login.invalid_credentials', undefined, {
    headers: { 'WWW-Authenticate': 'Bearer realm="effekt"' },
  })

const throttled = (code: ProblemCode, retryAfter: number, detail: string) =>
  new Problem(code, detail, {
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfter))) },
  })

/** Seconds until the oldest counted failure leaves the window, when `limit` or more are in it. */
function blockedFor(failures: { failedAt: Date }[], limit: number, since: Date): number | null {
  if (failures.length < limit) return null
  const oldest = failures[failures.length - limit]!.failedAt
  return (oldest.getTime() - since.getTime()) / 1000
}

/** The pause the account asks of an unknown client after `count` failures (null: none). */
export function accountDelaySeconds(count: number): number | null {
  if (count < LOGIN_LIMITS.accountSoft) return null
  return Math.min(LOGIN_LIMITS.maxDelaySeconds, 2 ** (count - LOGIN_LIMITS.accountSoft))
}

interface LoginKeys {
  account: string
  pair: string
  client: string | null
}

async function assertNotThrottled(ctx: Ctx, keys: LoginKeys, knownClient: boolean) {
  const since = new Date(ctx.now.getTime() - LOGIN_LIMITS.windowMinutes * 60_000)
  const pair = blockedFor(
    await repo.recentFailures(ctx.db, keys.pair, since),
    LOGIN_LIMITS.perAccountClient,
    since,
  )
  if (pair !== null)
    throw throttled(
      'login.too_many_failures',
      pair,
      'Too many failed logins for this account. Wait before trying again.',
    )
  if (keys.client) {
    const client = blockedFor(
      await repo.recentFailures(ctx.db, keys.client, since),
      LOGIN_LIMITS.perClient,
      since,
    )
    if (client !== null)
      throw throttled(
        'login.client_throttled',
        client,
        'Too many failed logins from your address. Wait before trying again.',
      )
  }
  if (knownClient) return
  const account = await repo.recentFailures(ctx.db, keys.account, since)
  const delay = accountDelaySeconds(account.length)
  const last = account[account.length - 1]
  if (delay === null || !last) return
  const wait = (last.failedAt.getTime() + delay * 1000 - ctx.now.getTime()) / 1000
  if (wait > 0)
    throw throttled(
      'login.account_throttled',
      wait,
      'This account has had many failed logins. Wait before trying again.',
    )
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
  // Without a known address (a runtime that cannot tell) all such callers count as one client.
  const client = clientAddress ?? 'unknown'
  const keys: LoginKeys = {
    account: `account:${email}`,
    pair: `pair:${email}|${client}`,
    client: clientAddress ? `client:${clientAddress}` : null,
  }
  const user = await repo.findUserByEmail(ctx.db, email)
  const knownSince = new Date(ctx.now.getTime() - LOGIN_LIMITS.knownClientDays * 86_400_000)
  const knownClient =
    !!user && !!clientAddress && (await repo.isKnownLoginClient(ctx.db, user.id, clientAddress, knownSince))
  await assertNotThrottled(ctx, keys, knownClient)
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null)
  if (!user || !ok || user.disabledAt) {
    const keep = new Date(ctx.now.getTime() - LOGIN_LIMITS.windowMinutes * 60_000)
    await repo.recordFailure(
      ctx.db,
      [keys.account, keys.pair, ...(keys.client ? [keys.client] : [])],
      ctx.now,
      keep,
    )
    throw wrongCredentials()
  }
  const sessionId = newSessionId()
  const expiresAt = new Date(ctx.now.getTime() + ctx.config.SESSION_ABSOLUTE_HOURS * 3_600_000)
  await withTx(ctx.db, async (trx) => {
    // The owner's own mistakes from this address are forgiven; the account's count stays, as it
    // measures an attack from elsewhere that one success here does not end.
    await repo.clearFailures(trx, keys.pair)
    if (clientAddress) await repo.rememberLoginClient(trx, user.id, clientAddress, ctx.now)
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

/**
 * Sessions' idle expiry slides with use, but the last-seen time is written at most once a
 * minute, not on every request (a write per read would double the statements of each page).
 * Idle expiry counts from the recorded use, so it is exact to within this interval: a session may
 * end up to a minute before it has been idle the full time since its very last use, never after.
 */
export const TOUCH_INTERVAL_MS = 60_000

/**
 * The stored form (SHA-256) of the secrets presented lately. Web Crypto's digest is a thread-pool
 * job on Node, about 8 % of the CPU of a single authenticated read (bench/README.md, issue 17).
 * The hash is a pure function of the secret, so remembering it decides nothing about access:
 * every request still reads the session or token row. Bounded; the oldest entry goes first.
 */
const recentHashes = new Map<string, string>()
const RECENT_HASHES_MAX = 1000

async function storedFormOf(secret: string): Promise<string> {
  const known = recentHashes.get(secret)
  if (known) return known
  const hash = await sha256Hex(secret)
  if (recentHashes.size >= RECENT_HASHES_MAX) recentHashes.delete(recentHashes.keys().next().value!)
  recentHashes.set(secret, hash)
  return hash
}

type PrincipalRow = NonNullable<Awaited<ReturnType<typeof repo.findSessionPrincipal>>>

const principalOf = (
  row: Pick<PrincipalRow, 'id' | 'email' | 'name' | 'isPlatformAdmin' | 'memberships'>,
  via: Principal['via'],
  token?: { id: string; readOnly: boolean },
): Principal => ({
  userId: row.id,
  email: row.email,
  name: row.name,
  isPlatformAdmin: row.isPlatformAdmin,
  memberships: row.memberships,
  via,
  readOnly: token?.readOnly ?? false,
  ...(token ? { tokenId: token.id } : {}),
})

/**
 * The session's principal, or null when it is unknown, ended, idle too long or past its end.
 * One statement reads the session, its user and the memberships, so a logout, a disabled user or
 * a removed membership counts from the very next request (nothing is cached).
 */
export async function principalFromSession(
  ctx: Omit<Ctx, 'principal'>,
  sessionId: string,
): Promise<Principal | null> {
  const idHash = await storedFormOf(sessionId)
  const row = await repo.findSessionPrincipal(ctx.db, idHash)
  if (!row || row.endedAt || row.disabledAt) return null
  const now = ctx.now.getTime()
  const idleLimit = row.lastSeenAt.getTime() + ctx.config.SESSION_IDLE_MINUTES * 60_000
  if (now >= row.expiresAt.getTime() || now >= idleLimit) return null
  if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await repo.touchSession(ctx.db, idHash, ctx.now)
  return principalOf(row, 'session')
}

/** The token's principal in one statement (token, user, memberships), as for sessions. */
export async function principalFromToken(
  ctx: Omit<Ctx, 'principal'>,
  token: string,
): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null
  const row = await repo.findTokenPrincipal(ctx.db, await storedFormOf(token))
  if (!row || row.revokedAt || row.disabledAt || row.expiresAt.getTime() <= ctx.now.getTime()) return null
  if (!row.lastUsedAt || ctx.now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await repo.markTokenUsed(ctx.db, row.tokenId, ctx.now)
  }
  return principalOf(row, 'token', { id: row.tokenId, readOnly: row.readOnly })
}
