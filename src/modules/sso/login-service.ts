import { withTx } from '../../db/tx.ts'
import { notFound, Problem } from '../../http/problem.ts'
import type { ProblemCode } from '../../http/problem-codes.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import {
  activatePendingMembership,
  findMembership,
  findUserByEmail,
  insertUser,
  openSsoSession,
  sha256Hex,
  upsertMembership,
} from '../identity/index.ts'
import { authorizationUrl, completeAuthorization, discover, type IdClaims } from './oidc.ts'
import * as repo from './repo.ts'
import { isLocalIssuer } from './schemas.ts'

/** How long a started sign-in may take at the provider before its state is forgotten. */
export const ATTEMPT_MINUTES = 10
/** The role a person gets who joins through a verified domain: the least; admins raise it. */
export const JOIN_ROLE = 'viewer' as const

async function enabledSettings(ctx: Ctx, organizationId: string) {
  const settings = await repo.findSettings(ctx.db, organizationId)
  if (!settings?.enabled) throw notFound('sso')
  // Set while http was allowed, and the server no longer allows it: not usable.
  if (isLocalIssuer(settings.issuer) && !ctx.config.SSO_ALLOW_HTTP_ISSUERS) throw notFound('sso')
  return settings
}

/**
 * Starts a sign-in through the organization's provider: discovery (an unreachable provider is a
 * 502 problem here, before the user leaves), a fresh state, nonce and PKCE verifier kept in the
 * database under the state's hash, and the provider's authorization URL. The caller binds the
 * state to the browser with a cookie, so a callback from another browser is refused.
 */
export async function startSignIn(
  ctx: Ctx,
  organizationId: string,
  opts: { redirectUri: string; next: string | null; loginHint?: string | undefined },
) {
  const settings = await enabledSettings(ctx, organizationId)
  const config = await discover(settings)
  const start = await authorizationUrl(config, opts.redirectUri, opts.loginHint)
  await repo.insertAttempt(
    ctx.db,
    {
      stateHash: await sha256Hex(start.state),
      organizationId,
      codeVerifier: start.codeVerifier,
      nonce: start.nonce,
      next: opts.next,
      expiresAt: new Date(ctx.now.getTime() + ATTEMPT_MINUTES * 60_000),
    },
    ctx.now,
  )
  return { url: start.url.href, state: start.state }
}

/** A refusal is audited for the organization (its own commit), then answered. */
async function refuse(
  ctx: Ctx,
  organizationId: string,
  code: ProblemCode,
  detail: Record<string, unknown>,
): Promise<never> {
  await withTx(ctx.db, (trx) =>
    recordAudit(trx, ctx, {
      action: 'sso.login_refused',
      entity: 'organization',
      entityId: organizationId,
      organizationId,
      after: { reason: code, ...detail },
    }),
  )
  throw new Problem(code)
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1)

/**
 * Completes a sign-in: takes the attempt once (unknown, used, expired, or a state that is not
 * this browser's: `sso.state_invalid`), lets openid-client exchange the code and check the ID
 * token, then maps the person (README "Single sign-on (OpenID Connect)"):
 * - the provider must vouch for the email (`email_verified: true`) and its domain must be one
 *   the organization listed;
 * - in a domain the organization verified, the person may join: a new user (no password) or an
 *   existing one gets an active viewer membership, a pending invitation is accepted. Signing in
 *   through the organization is the person's own act, so this is their consent;
 * - in a domain not verified, only an existing active member is signed in, and only one whose
 *   access lies within this organization alone (not a platform admin, no other memberships): an
 *   issuer that does not own the domain must not be able to speak for a person elsewhere.
 */
export async function completeSignIn(
  ctx: Ctx,
  input: { state: string | undefined; browserState: string | undefined; callbackUrl: URL },
) {
  const { state, browserState } = input
  if (!state || !browserState || state !== browserState) throw new Problem('sso.state_invalid')
  const attempt = await repo.takeAttempt(ctx.db, await sha256Hex(state), ctx.now)
  if (!attempt) throw new Problem('sso.state_invalid')
  const organizationId = attempt.organizationId
  const settings = await enabledSettings(ctx, organizationId)
  const config = await discover(settings)
  let claims: IdClaims
  try {
    claims = await completeAuthorization(config, input.callbackUrl, {
      state,
      nonce: attempt.nonce,
      codeVerifier: attempt.codeVerifier,
    })
  } catch (err) {
    if (err instanceof Problem && err.code !== 'sso.issuer_unreachable')
      await refuse(ctx, organizationId, err.code, { issuer: settings.issuer })
    throw err
  }
  const seen = { issuer: settings.issuer, subject: claims.subject, email: claims.email }
  if (!claims.email || !claims.emailVerified) return refuse(ctx, organizationId, 'sso.email_unverified', seen)
  const email = claims.email
  const domain = await repo.findDomain(ctx.db, organizationId, domainOf(email))
  if (!domain) return refuse(ctx, organizationId, 'sso.email_domain_not_allowed', seen)
  const user = await findUserByEmail(ctx.db, email)
  if (user?.disabledAt) return refuse(ctx, organizationId, 'sso.account_disabled', seen)
  const membership = user ? await findMembership(ctx.db, user.id, organizationId) : undefined
  if (!domain.verifiedAt) {
    if (!user || membership?.status !== 'active')
      return refuse(ctx, organizationId, 'sso.no_membership', seen)
    if (user.isPlatformAdmin || (await repo.activeMembershipsElsewhere(ctx.db, user.id, organizationId)) > 0)
      return refuse(ctx, organizationId, 'sso.domain_unproven', seen)
  }
  const opened = await withTx(ctx.db, async (trx) => {
    let userId = user?.id
    if (!userId) {
      const created = await insertUser(trx, {
        id: crypto.randomUUID(),
        email,
        name: claims.name ?? email.slice(0, email.lastIndexOf('@')),
        passwordHash: null,
        isPlatformAdmin: false,
      })
      userId = created.id
      await recordAudit(trx, ctx, {
        action: 'user.create',
        entity: 'user',
        entityId: userId,
        organizationId: null,
        after: { email, via: 'oidc', organizationId },
      })
    }
    if (membership?.status !== 'active') {
      const accepted = membership ? await activatePendingMembership(trx, userId, organizationId) : false
      if (!accepted) await upsertMembership(trx, { userId, organizationId, role: JOIN_ROLE })
      await recordAudit(trx, ctx, {
        action: accepted ? 'membership.accept' : 'membership.sso_join',
        entity: 'membership',
        entityId: `${organizationId}:${userId}`,
        organizationId,
        before: membership,
        after: { userId, organizationId, role: membership?.role ?? JOIN_ROLE, status: 'active', via: 'oidc' },
      })
    }
    return openSsoSession(trx, ctx, userId, { organizationId, issuer: settings.issuer })
  })
  return { ...opened, next: attempt.next }
}
