import { sql } from 'kysely'
import type { Role } from '../../db/schema.ts'
import type { MailLanguage } from '../../db/schema-mail.ts'
import type { Db } from '../../db/tx.ts'

/** Invitations by email and single-use user links (migration 2026-12-08-0011-mail). */

// ── invitations ──────────────────────────────────────────────────────────────────────────────
export async function insertEmailInvitation(
  db: Db,
  i: {
    id: string
    organizationId: string
    email: string
    role: Role
    language: MailLanguage
    tokenHash: string
    invitedBy: string | null
    createdAt: Date
    expiresAt: Date
  },
) {
  await db.insertInto('invitations').values(i).execute()
}

const open =
  (now: Date) => (eb: import('kysely').ExpressionBuilder<import('../../db/schema.ts').DB, 'invitations'>) =>
    eb.and([eb('acceptedAt', 'is', null), eb('revokedAt', 'is', null), eb('expiresAt', '>', now)])

/** The open invitations of an organization, newest first, with the inviter's name. */
export const openInvitationsOf = (db: Db, organizationId: string, now: Date) =>
  db
    .selectFrom('invitations as i')
    .leftJoin('users as u', 'u.id', 'i.invitedBy')
    .select([
      'i.id',
      'i.organizationId',
      'i.email',
      'i.role',
      'i.language',
      'i.createdAt',
      'i.expiresAt',
      'u.name as invitedByName',
    ])
    .where('i.organizationId', '=', organizationId)
    .where('i.acceptedAt', 'is', null)
    .where('i.revokedAt', 'is', null)
    .where('i.expiresAt', '>', now)
    .orderBy('i.createdAt', 'desc')
    .orderBy('i.id', 'desc')
    .execute()

export const findInvitation = (db: Db, organizationId: string, id: string) =>
  db
    .selectFrom('invitations')
    .selectAll()
    .where('organizationId', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst()

/** The invitation a link's token names, with its organization, whether or not it is still open. */
export const findInvitationByToken = (db: Db, tokenHash: string) =>
  db
    .selectFrom('invitations as i')
    .innerJoin('organizations as o', 'o.id', 'i.organizationId')
    .selectAll('i')
    .select(['o.name as organizationName'])
    .where('i.tokenHash', '=', tokenHash)
    .executeTakeFirst()

/** Revokes every open invitation of `email` to the organization (a new one replaces them). */
export async function revokeOpenInvitations(
  db: Db,
  organizationId: string,
  email: string,
  now: Date,
  by: string | null,
) {
  return db
    .updateTable('invitations')
    .set({ revokedAt: now, revokedBy: by })
    .where('organizationId', '=', organizationId)
    .where('email', '=', email)
    .where(open(now))
    .returning('id')
    .execute()
}

export async function revokeInvitation(db: Db, id: string, now: Date, by: string | null) {
  await db.updateTable('invitations').set({ revokedAt: now, revokedBy: by }).where('id', '=', id).execute()
}

/** Marks the open invitations of `email` to the organization as accepted by `userId`. */
export async function acceptOpenInvitations(
  db: Db,
  organizationId: string,
  email: string,
  userId: string,
  now: Date,
) {
  await db
    .updateTable('invitations')
    .set({ acceptedAt: now, acceptedBy: userId })
    .where('organizationId', '=', organizationId)
    .where('email', '=', email)
    .where(open(now))
    .execute()
}

/** Open invitations of an email to other organizations (they become pending memberships). */
export const openInvitationsOfEmail = (db: Db, email: string, now: Date) =>
  db
    .selectFrom('invitations')
    .select(['id', 'organizationId', 'role', 'invitedBy'])
    .where('email', '=', email)
    .where(open(now))
    .orderBy('createdAt')
    .orderBy('id')
    .execute()

/** Invitations the organization sent since `since` (its rate limit). */
export async function countInvitationsSince(db: Db, organizationId: string, since: Date) {
  const row = await db
    .selectFrom('invitations')
    .select([sql<number>`count(*)::int`.as('n'), sql<Date | null>`min(created_at)`.as('oldest')])
    .where('organizationId', '=', organizationId)
    .where('createdAt', '>', since)
    .executeTakeFirstOrThrow()
  return { count: Number(row.n), oldest: row.oldest }
}

// ── single-use user links ────────────────────────────────────────────────────────────────────
export async function insertUserToken(
  db: Db,
  t: {
    tokenHash: string
    userId: string
    purpose: 'password_reset' | 'email_change'
    newEmail: string | null
    createdAt: Date
    expiresAt: Date
  },
) {
  await db.insertInto('userTokens').values(t).execute()
}

/** A link's token while it may still be used (unused, unexpired), without using it. */
export const findUsableUserToken = (
  db: Db,
  tokenHash: string,
  purpose: 'password_reset' | 'email_change',
  now: Date,
) =>
  db
    .selectFrom('userTokens')
    .select(['userId', 'newEmail', 'expiresAt'])
    .where('tokenHash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst()

/**
 * Uses a link's token once: marks it used and returns it, or undefined when it is unknown, of
 * another purpose, used or expired. The update is the check, so two concurrent uses cannot both
 * succeed.
 */
export async function consumeUserToken(
  db: Db,
  tokenHash: string,
  purpose: 'password_reset' | 'email_change',
  now: Date,
) {
  return db
    .updateTable('userTokens')
    .set({ usedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returning(['userId', 'newEmail'])
    .executeTakeFirst()
}

/** Every other unused link of the user for `purpose` is spent too (one reset ends them all). */
export async function spendUserTokens(
  db: Db,
  userId: string,
  purpose: 'password_reset' | 'email_change',
  now: Date,
) {
  await db
    .updateTable('userTokens')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .execute()
}

// ── sign-outs ────────────────────────────────────────────────────────────────────────────────
/** Ends every open session of the user but `exceptIdHash`; returns how many ended. */
export async function endSessionsOfUser(db: Db, userId: string, now: Date, exceptIdHash?: string) {
  let q = db
    .updateTable('sessions')
    .set({ endedAt: now })
    .where('userId', '=', userId)
    .where('endedAt', 'is', null)
  if (exceptIdHash) q = q.where('idHash', '!=', exceptIdHash)
  return (await q.returning('idHash').execute()).length
}

/** Revokes every API token of the user; returns how many. */
export async function revokeTokensOfUser(db: Db, userId: string, now: Date) {
  return (
    await db
      .updateTable('apiTokens')
      .set({ revokedAt: now })
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .returning('id')
      .execute()
  ).length
}

export async function setEmail(db: Db, userId: string, email: string) {
  await db.updateTable('users').set({ email }).where('id', '=', userId).execute()
}

export async function setLanguage(db: Db, userId: string, language: MailLanguage) {
  await db.updateTable('users').set({ language }).where('id', '=', userId).execute()
}

// ── the onboarding investor's first invitation ─────────────────────────────────────────────
/**
 * True when the organization is a venture that one of `investorOrgIds` onboarded
 * (ventures.created_by_org_id) and that has no active admin yet: nobody of its own could invite.
 */
export async function isUnstaffedVentureOnboardedBy(
  db: Db,
  organizationId: string,
  investorOrgIds: string[],
): Promise<boolean> {
  if (investorOrgIds.length === 0) return false
  const row = await db
    .selectFrom('ventures as v')
    .select('v.orgId')
    .where('v.orgId', '=', organizationId)
    .where('v.createdByOrgId', 'in', investorOrgIds)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('memberships as m')
            .select('m.userId')
            .whereRef('m.organizationId', '=', 'v.orgId')
            .where('m.role', '=', 'admin')
            .where('m.status', '=', 'active'),
        ),
      ),
    )
    .executeTakeFirst()
  return !!row
}
