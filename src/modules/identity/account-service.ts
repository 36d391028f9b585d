import type { MailLanguage } from '../../db/schema-mail.ts'
import { withTx } from '../../db/tx.ts'
import { conflict, invalid, Problem } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { enqueueMail } from '../mail/index.ts'
import * as links from './links-repo.ts'
import { emailChangeNoticeMail, emailVerifyMail, passwordChangedMail, passwordResetMail } from './mails.ts'
import { assertAcceptablePassword } from './password-policy.ts'
import * as repo from './repo.ts'
import { hashPassword, newSessionId, sha256Hex, verifyPassword } from './secrets.ts'

/**
 * Password reset, password change and email change (issue 19). Links are single-use, 256 random
 * bits stored as SHA-256: a reset link lasts RESET_MINUTES, an email confirmation EMAIL_HOURS.
 * These are security mails: they cannot be turned off.
 */
export const RESET_MINUTES = 60
export const EMAIL_HOURS = 24

/**
 * Reset requests are counted like login failures (README "Password reset"): past `perClient` in
 * the window the client gets 429; past `perAccount` for one address nothing more is sent to it,
 * with the same 202 (the answer never tells whether the address has an account).
 */
export const RESET_LIMITS = { perAccount: 3, perClient: 10, windowMinutes: 60 } as const
/** Wrong current passwords before a password or email change is refused for the window. */
export const CHANGE_LIMITS = { perUser: 5, windowMinutes: 15 } as const

const retryAfter = (oldest: Date, windowMinutes: number, now: Date) =>
  String(Math.max(1, Math.ceil((oldest.getTime() + windowMinutes * 60_000 - now.getTime()) / 1000)))

/** POST /v1/auth/password-reset: always 202 to the caller; a mail only for a known, active account. */
export async function requestPasswordReset(
  ctx: Ctx,
  input: { email: string },
  clientAddress: string | undefined,
) {
  const email = input.email.trim().toLowerCase()
  const since = new Date(ctx.now.getTime() - RESET_LIMITS.windowMinutes * 60_000)
  // Without a known address (a runtime that cannot tell) only the per-address limit applies, as for logins.
  const clientKey = clientAddress ? `reset-client:${clientAddress}` : null
  const accountKey = `reset-account:${email}`
  const byClient = clientKey ? await repo.recentFailures(ctx.db, clientKey, since) : []
  if (byClient.length >= RESET_LIMITS.perClient) {
    throw new Problem('password_reset.rate_limited', undefined, {
      headers: {
        'Retry-After': retryAfter(
          byClient[byClient.length - RESET_LIMITS.perClient]!.failedAt,
          RESET_LIMITS.windowMinutes,
          ctx.now,
        ),
      },
    })
  }
  const byAccount = await repo.recentFailures(ctx.db, accountKey, since)
  const token = newSessionId()
  const tokenHash = await sha256Hex(token)
  await withTx(ctx.db, async (trx) => {
    await repo.recordFailure(trx, clientKey ? [clientKey, accountKey] : [accountKey], ctx.now, since)
    if (byAccount.length >= RESET_LIMITS.perAccount) return
    const user = await repo.findUserByEmail(trx, email)
    if (!user || user.disabledAt) return
    await links.insertUserToken(trx, {
      tokenHash,
      userId: user.id,
      purpose: 'password_reset',
      newEmail: null,
      createdAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + RESET_MINUTES * 60_000),
    })
    await recordAudit(
      trx,
      { ...ctx, principal: null },
      { action: 'password_reset.request', entity: 'user', entityId: user.id, organizationId: null },
    )
    await enqueueMail(
      trx,
      {
        to: user.email,
        language: user.language,
        kind: 'password_reset',
        userId: user.id,
        ...passwordResetMail({ language: user.language, publicUrl: ctx.config.PUBLIC_URL, token }),
      },
      ctx.now,
    )
  })
}

/**
 * POST /v1/auth/password-reset/complete: the link's holder sets a new password; every session
 * and API token of the user is revoked at once (whoever else held them is out).
 */
export async function completePasswordReset(ctx: Ctx, input: { token: string; password: string }) {
  const tokenHash = await sha256Hex(input.token)
  const row = await links.findUsableUserToken(ctx.db, tokenHash, 'password_reset', ctx.now)
  const user = row ? await repo.findUserById(ctx.db, row.userId) : undefined
  if (!user || user.disabledAt) throw invalid('token', 'password_reset.token_invalid')
  assertAcceptablePassword(input.password, [user.email, user.name])
  const passwordHash = await hashPassword(input.password)
  await withTx(ctx.db, async (trx) => {
    if (!(await links.consumeUserToken(trx, tokenHash, 'password_reset', ctx.now)))
      throw invalid('token', 'password_reset.token_invalid')
    await links.spendUserTokens(trx, user.id, 'password_reset', ctx.now)
    await repo.setPassword(trx, user.id, passwordHash)
    const sessions = await links.endSessionsOfUser(trx, user.id, ctx.now)
    const tokens = await links.revokeTokensOfUser(trx, user.id, ctx.now)
    await recordAudit(
      trx,
      { ...ctx, principal: null },
      {
        action: 'password_reset.complete',
        entity: 'user',
        entityId: user.id,
        organizationId: null,
        after: { sessionsEnded: sessions, tokensRevoked: tokens },
      },
    )
    await enqueueMail(
      trx,
      {
        to: user.email,
        language: user.language,
        kind: 'password_changed',
        userId: user.id,
        ...passwordChangedMail({ language: user.language, publicUrl: ctx.config.PUBLIC_URL }),
      },
      ctx.now,
    )
  })
}

/** The current password, checked with a per-user limit on wrong guesses (a stolen session's guesses). */
async function assertCurrentPassword(ctx: Ctx, userId: string, password: string, path = 'currentPassword') {
  const key = `change:${userId}`
  const since = new Date(ctx.now.getTime() - CHANGE_LIMITS.windowMinutes * 60_000)
  const failures = await repo.recentFailures(ctx.db, key, since)
  if (failures.length >= CHANGE_LIMITS.perUser) {
    throw new Problem('password.change_throttled', undefined, {
      headers: {
        'Retry-After': retryAfter(
          failures[failures.length - CHANGE_LIMITS.perUser]!.failedAt,
          CHANGE_LIMITS.windowMinutes,
          ctx.now,
        ),
      },
    })
  }
  const user = await repo.findUserById(ctx.db, userId)
  if (!user || !(await verifyPassword(password, user.passwordHash))) {
    await repo.recordFailure(ctx.db, [key], ctx.now, since)
    throw invalid(path, 'password.current_wrong')
  }
  return user
}

/**
 * POST /v1/me/password: a signed-in user changes their password; every other session ends (the
 * one making the change stays signed in). API tokens stay: they are managed on their own page,
 * and a reset revokes them.
 */
export async function changePassword(
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string },
  currentSessionId: string | undefined,
) {
  const principal = requirePrincipal(ctx.principal)
  const user = await assertCurrentPassword(ctx, principal.userId, input.currentPassword)
  assertAcceptablePassword(input.newPassword, [user.email, user.name], 'newPassword')
  const passwordHash = await hashPassword(input.newPassword)
  const keep = currentSessionId && principal.via === 'session' ? await sha256Hex(currentSessionId) : undefined
  await withTx(ctx.db, async (trx) => {
    await repo.setPassword(trx, user.id, passwordHash)
    await links.spendUserTokens(trx, user.id, 'password_reset', ctx.now)
    const ended = await links.endSessionsOfUser(trx, user.id, ctx.now, keep)
    await recordAudit(trx, ctx, {
      action: 'user.password_change',
      entity: 'user',
      entityId: user.id,
      organizationId: null,
      after: { sessionsEnded: ended },
    })
    await enqueueMail(
      trx,
      {
        to: user.email,
        language: user.language,
        kind: 'password_changed',
        userId: user.id,
        ...passwordChangedMail({ language: user.language, publicUrl: ctx.config.PUBLIC_URL }),
      },
      ctx.now,
    )
  })
}

/**
 * POST /v1/me/email: asks to move the account to a new address. A confirmation link goes to the
 * new address and a notice to the old one; nothing changes until the link is used. The answer
 * is the same whether or not the new address is taken (that is checked when the link is used).
 */
export async function requestEmailChange(ctx: Ctx, input: { newEmail: string; currentPassword: string }) {
  const principal = requirePrincipal(ctx.principal)
  const newEmail = input.newEmail.trim().toLowerCase()
  if (newEmail === principal.email.toLowerCase()) throw invalid('newEmail', 'email.unchanged')
  const user = await assertCurrentPassword(ctx, principal.userId, input.currentPassword)
  const token = newSessionId()
  const tokenHash = await sha256Hex(token)
  await withTx(ctx.db, async (trx) => {
    // Only the newest confirmation link works.
    await links.spendUserTokens(trx, user.id, 'email_change', ctx.now)
    await links.insertUserToken(trx, {
      tokenHash,
      userId: user.id,
      purpose: 'email_change',
      newEmail,
      createdAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + EMAIL_HOURS * 3600_000),
    })
    await recordAudit(trx, ctx, {
      action: 'user.email_change_request',
      entity: 'user',
      entityId: user.id,
      organizationId: null,
      after: { newEmail },
    })
    const language: MailLanguage = user.language
    await enqueueMail(
      trx,
      {
        to: newEmail,
        language,
        kind: 'email_verify',
        userId: user.id,
        ...emailVerifyMail({ language, publicUrl: ctx.config.PUBLIC_URL, token, newEmail }),
      },
      ctx.now,
    )
    await enqueueMail(
      trx,
      {
        to: user.email,
        language,
        kind: 'email_change_notice',
        userId: user.id,
        ...emailChangeNoticeMail({ language, newEmail }),
      },
      ctx.now,
    )
  })
}

/** POST /v1/auth/email-change/confirm: the new address's link holder moves the account to it. */
export async function confirmEmailChange(ctx: Ctx, input: { token: string }) {
  const tokenHash = await sha256Hex(input.token)
  return withTx(ctx.db, async (trx) => {
    const used = await links.consumeUserToken(trx, tokenHash, 'email_change', ctx.now)
    const user = used ? await repo.findUserById(trx, used.userId) : undefined
    if (!used?.newEmail || !user || user.disabledAt) throw invalid('token', 'email_change.token_invalid')
    const holder = await repo.findUserByEmail(trx, used.newEmail)
    if (holder && holder.id !== user.id) throw conflict('email.taken')
    await links.setEmail(trx, user.id, used.newEmail)
    await recordAudit(
      trx,
      { ...ctx, principal: null },
      {
        action: 'user.email_change',
        entity: 'user',
        entityId: user.id,
        organizationId: null,
        before: { email: user.email },
        after: { email: used.newEmail },
      },
    )
    return { email: used.newEmail }
  })
}

/** PUT /v1/me/language: the language of the caller's mails. */
export async function setMailLanguage(ctx: Ctx, language: MailLanguage) {
  const principal = requirePrincipal(ctx.principal)
  await links.setLanguage(ctx.db, principal.userId, language)
}

/** The account page: the caller's address and mail language. */
export async function accountOf(ctx: Ctx) {
  const principal = requirePrincipal(ctx.principal)
  const user = await repo.findUserById(ctx.db, principal.userId)
  return { email: principal.email, language: user?.language ?? 'nb' }
}
