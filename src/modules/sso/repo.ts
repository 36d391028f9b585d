import type { Db } from '../../db/tx.ts'

export const findSettings = (db: Db, organizationId: string) =>
  db.selectFrom('organizationSso').selectAll().where('organizationId', '=', organizationId).executeTakeFirst()

export async function upsertSettings(
  db: Db,
  s: { organizationId: string; issuer: string; clientId: string; clientSecret: string; enabled: boolean },
  now: Date,
) {
  await db
    .insertInto('organizationSso')
    .values({ ...s, createdAt: now, updatedAt: now })
    .onConflict((oc) =>
      oc.column('organizationId').doUpdateSet({
        issuer: s.issuer,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
        enabled: s.enabled,
        updatedAt: now,
      }),
    )
    .execute()
}

export async function deleteSettings(db: Db, organizationId: string) {
  await db.deleteFrom('organizationSso').where('organizationId', '=', organizationId).execute()
}

export const listDomains = (db: Db, organizationId: string) =>
  db
    .selectFrom('organizationSsoDomains')
    .selectAll()
    .where('organizationId', '=', organizationId)
    .orderBy('domain')
    .execute()

export const findDomain = (db: Db, organizationId: string, domain: string) =>
  db
    .selectFrom('organizationSsoDomains')
    .selectAll()
    .where('organizationId', '=', organizationId)
    .where('domain', '=', domain)
    .executeTakeFirst()

/** The organization that verified `domain` (at most one: a partial unique index). */
export const findVerifiedDomain = (db: Db, domain: string) =>
  db
    .selectFrom('organizationSsoDomains')
    .selectAll()
    .where('domain', '=', domain)
    .where('verifiedAt', 'is not', null)
    .executeTakeFirst()

export async function insertDomain(
  db: Db,
  d: { organizationId: string; domain: string; verificationToken: string },
  now: Date,
) {
  return db
    .insertInto('organizationSsoDomains')
    .values({ ...d, createdAt: now })
    .onConflict((oc) => oc.columns(['organizationId', 'domain']).doNothing())
    .execute()
}

export async function markVerified(db: Db, organizationId: string, domain: string, by: string, now: Date) {
  return db
    .updateTable('organizationSsoDomains')
    .set({ verifiedAt: now, verifiedBy: by })
    .where('organizationId', '=', organizationId)
    .where('domain', '=', domain)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function deleteDomain(db: Db, organizationId: string, domain: string) {
  await db
    .deleteFrom('organizationSsoDomains')
    .where('organizationId', '=', organizationId)
    .where('domain', '=', domain)
    .execute()
}

export async function insertAttempt(
  db: Db,
  a: {
    stateHash: string
    organizationId: string
    codeVerifier: string
    nonce: string
    next: string | null
    expiresAt: Date
  },
  now: Date,
) {
  // Abandoned attempts go as new ones come: the table holds minutes of sign-ins at most.
  await db.deleteFrom('ssoLoginAttempts').where('expiresAt', '<', now).execute()
  await db.insertInto('ssoLoginAttempts').values(a).execute()
}

/** Takes the attempt once: a second callback with the same state finds nothing. */
export const takeAttempt = (db: Db, stateHash: string, now: Date) =>
  db
    .deleteFrom('ssoLoginAttempts')
    .where('stateHash', '=', stateHash)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst()

/** Other organizations the user is an active member of (an unproven domain's limit). */
export const activeMembershipsElsewhere = async (db: Db, userId: string, organizationId: string) =>
  Number(
    (
      await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('userId', '=', userId)
        .where('organizationId', '<>', organizationId)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow()
    ).n,
  )
