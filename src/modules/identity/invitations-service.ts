import type { Role } from '../../db/schema.ts'
import type { MailLanguage } from '../../db/schema-mail.ts'
import { withTx } from '../../db/tx.ts'
import { conflict, invalid, notFound, Problem } from '../../http/problem.ts'
import { assertCanAdministerOrganization, hasRole, requirePrincipal } from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { enqueueMail } from '../mail/index.ts'
import * as links from './links-repo.ts'
import { invitationMail } from './mails.ts'
import { assertAcceptablePassword } from './password-policy.ts'
import * as repo from './repo.ts'
import { hashPassword, newSessionId, sha256Hex } from './secrets.ts'

/**
 * Invitations by email (issue 19): an organization admin invites an address to a role; the mail
 * carries a single-use link (256 random bits, stored as SHA-256, valid INVITATION_DAYS).
 * - a new address: the link leads to POST /v1/invitations/accept, which creates the user with
 *   the name and password they choose and an active membership (opening the link is consent);
 * - an address with an account: the invitation is also a pending membership, accepted by the
 *   user while signed in through the existing POST /v1/me/invitations/{organizationId}/accept.
 * The answer to the inviter is the same either way: the invitation shows the email only.
 * A new invitation of the same address replaces the open ones (only the newest link works).
 */
export const INVITATION_DAYS = 7
/** Invitations one organization may send per hour (a mail flood is the harm; 429 past it). */
export const INVITATIONS_PER_HOUR = 50

export async function inviteByEmail(
  ctx: Ctx,
  organizationId: string,
  input: { email: string; role: Role; language?: MailLanguage | undefined },
) {
  const principal = requirePrincipal(ctx.principal)
  const email = input.email.trim().toLowerCase()
  const token = newSessionId()
  const tokenHash = await sha256Hex(token)
  return withTx(ctx.db, async (trx) => {
    // A venture's own admins invite; so may the admins of the investor that onboarded it, until
    // the venture has an admin of its own (somebody must invite the first one, and the onboarding
    // investor entered the venture). The invitee's acceptance is still what grants membership.
    const investorAdminOf = principal.memberships
      .filter((m) => m.kind === 'investor' && m.role === 'admin')
      .map((m) => m.organizationId)
    const onboarder =
      !principal.isPlatformAdmin &&
      !hasRole(principal, organizationId, 'admin') &&
      (await links.isUnstaffedVentureOnboardedBy(trx, organizationId, investorAdminOf))
    if (!onboarder) assertCanAdministerOrganization(principal, organizationId)
    const org = await repo.findOrganization(trx, organizationId)
    if (!org) throw notFound('organization')
    const hourAgo = new Date(ctx.now.getTime() - 3600_000)
    const recent = await links.countInvitationsSince(trx, organizationId, hourAgo)
    if (recent.count >= INVITATIONS_PER_HOUR) {
      const retry = recent.oldest
        ? Math.ceil((recent.oldest.getTime() + 3600_000 - ctx.now.getTime()) / 1000)
        : 3600
      throw new Problem('invitation.rate_limited', undefined, {
        headers: { 'Retry-After': String(Math.max(1, retry)) },
      })
    }
    const user = await repo.findUserByEmail(trx, email)
    const membership = user ? await repo.findMembership(trx, user.id, organizationId) : undefined
    if (membership?.status === 'active') throw conflict('invitation.already_member')
    // An existing user's own language wins over the default; the inviter's choice over both.
    const language: MailLanguage = input.language ?? user?.language ?? 'nb'
    const replaced = await links.revokeOpenInvitations(trx, organizationId, email, ctx.now, principal.userId)
    const id = crypto.randomUUID()
    const expiresAt = new Date(ctx.now.getTime() + INVITATION_DAYS * 86_400_000)
    await links.insertEmailInvitation(trx, {
      id,
      organizationId,
      email,
      role: input.role,
      language,
      tokenHash,
      invitedBy: principal.userId,
      createdAt: ctx.now,
      expiresAt,
    })
    if (user) {
      if (membership) await repo.upsertMembership(trx, { userId: user.id, organizationId, role: input.role })
      else
        await repo.insertInvitation(trx, {
          userId: user.id,
          organizationId,
          role: input.role,
          invitedBy: principal.userId,
        })
    }
    await recordAudit(trx, ctx, {
      action: 'invitation.create',
      entity: 'invitation',
      entityId: id,
      organizationId,
      after: {
        email,
        role: input.role,
        language,
        expiresAt: expiresAt.toISOString(),
        replaced: replaced.length,
      },
    })
    await enqueueMail(
      trx,
      {
        to: email,
        language,
        kind: 'invitation',
        userId: user?.id ?? null,
        ...invitationMail({
          language,
          publicUrl: ctx.config.PUBLIC_URL,
          token,
          organizationName: org.name,
          inviterName: principal.name,
          role: input.role,
          hasAccount: !!user,
          validDays: INVITATION_DAYS,
        }),
      },
      ctx.now,
    )
    const [row] = (await links.openInvitationsOf(trx, organizationId, ctx.now)).filter((r) => r.id === id)
    return row!
  })
}

export async function listOpenInvitations(ctx: Ctx, organizationId: string) {
  assertCanAdministerOrganization(requirePrincipal(ctx.principal), organizationId)
  if (!(await repo.findOrganization(ctx.db, organizationId))) throw notFound('organization')
  return links.openInvitationsOf(ctx.db, organizationId, ctx.now)
}

/** Revokes an open invitation; a pending membership it made for an existing user goes with it. */
export async function revokeEmailInvitation(ctx: Ctx, organizationId: string, invitationId: string) {
  const principal = requirePrincipal(ctx.principal)
  assertCanAdministerOrganization(principal, organizationId)
  await withTx(ctx.db, async (trx) => {
    const inv = await links.findInvitation(trx, organizationId, invitationId)
    if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= ctx.now) throw notFound('invitation')
    await links.revokeInvitation(trx, inv.id, ctx.now, principal.userId)
    const user = await repo.findUserByEmail(trx, inv.email)
    const membership = user ? await repo.findMembership(trx, user.id, organizationId) : undefined
    if (user && membership?.status === 'pending') await repo.deleteMembership(trx, user.id, organizationId)
    await recordAudit(trx, ctx, {
      action: 'invitation.revoke',
      entity: 'invitation',
      entityId: inv.id,
      organizationId,
      before: { email: inv.email, role: inv.role },
    })
  })
}

const tokenInvalid = () => invalid('token', 'invitation.token_invalid')

/** An open invitation by its link's token, or a 422 `invitation.token_invalid`. */
async function openByToken(ctx: Ctx, token: string) {
  const inv = await links.findInvitationByToken(ctx.db, await sha256Hex(token))
  if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= ctx.now) {
    throw tokenInvalid()
  }
  return inv
}

/**
 * What the accept page shows for a link: the organization, the address, the role and whether the
 * address already has an account (then the invitee signs in and accepts). Only the link's holder
 * learns this.
 */
export async function describeInvitation(ctx: Ctx, token: string) {
  const inv = await openByToken(ctx, token)
  const user = await repo.findUserByEmail(ctx.db, inv.email)
  return {
    organizationId: inv.organizationId,
    organizationName: inv.organizationName,
    email: inv.email,
    role: inv.role,
    language: inv.language,
    expiresAt: inv.expiresAt,
    hasAccount: !!user,
  }
}

/**
 * POST /v1/invitations/accept: a new address takes the invitation with a name and a password. The
 * user and the active membership are created together; other open invitations of the address
 * become pending memberships the user accepts or declines after signing in.
 */
export async function acceptByToken(ctx: Ctx, input: { token: string; name: string; password: string }) {
  const inv = await openByToken(ctx, input.token)
  if (await repo.findUserByEmail(ctx.db, inv.email)) throw conflict('invitation.account_exists')
  assertAcceptablePassword(input.password, [inv.email, input.name])
  const passwordHash = await hashPassword(input.password)
  return withTx(ctx.db, async (trx) => {
    // Checked again inside the transaction: two tabs accepting the same link at once.
    const again = await links.findInvitationByToken(trx, inv.tokenHash)
    if (!again || again.acceptedAt || again.revokedAt) throw tokenInvalid()
    if (await repo.findUserByEmail(trx, inv.email)) throw conflict('invitation.account_exists')
    const user = await repo.insertUser(trx, {
      id: crypto.randomUUID(),
      email: inv.email,
      name: input.name,
      passwordHash,
      isPlatformAdmin: false,
    })
    await links.setLanguage(trx, user.id, inv.language)
    const actor = { ...ctx, principal: null }
    await recordAudit(trx, actor, {
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      organizationId: null,
      after: { id: user.id, email: user.email, name: user.name, via: 'invitation' },
    })
    await trx
      .insertInto('memberships')
      .values({
        userId: user.id,
        organizationId: inv.organizationId,
        role: inv.role,
        status: 'active',
        invitedBy: inv.invitedBy,
      })
      .execute()
    await links.acceptOpenInvitations(trx, inv.organizationId, inv.email, user.id, ctx.now)
    await recordAudit(trx, actor, {
      action: 'invitation.accept',
      entity: 'invitation',
      entityId: inv.id,
      organizationId: inv.organizationId,
      after: { userId: user.id, email: inv.email, role: inv.role },
    })
    for (const other of await links.openInvitationsOfEmail(trx, inv.email, ctx.now)) {
      if (other.organizationId === inv.organizationId) continue
      await repo.insertInvitation(trx, {
        userId: user.id,
        organizationId: other.organizationId,
        role: other.role,
        invitedBy: other.invitedBy,
      })
    }
    return {
      userId: user.id,
      email: user.email,
      organizationId: inv.organizationId,
      organizationName: inv.organizationName,
    }
  })
}

/**
 * Keeps the email invitations in step with the pending-membership flow: when the invited user
 * accepts or declines in GET /v1/me, the organization's open invitation of that address closes.
 */
export async function settleEmailInvitations(
  trx: Ctx['db'],
  organizationId: string,
  user: { id: string; email: string },
  accepted: boolean,
  now: Date,
) {
  const email = user.email.toLowerCase()
  if (accepted) await links.acceptOpenInvitations(trx, organizationId, email, user.id, now)
  else await links.revokeOpenInvitations(trx, organizationId, email, now, user.id)
}
