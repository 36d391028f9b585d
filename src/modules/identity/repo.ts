import { type ExpressionBuilder, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { prepared } from '../../db/prepared.ts'
import type { DB, OrganizationKind, Role } from '../../db/schema.ts'
import type { Db } from '../../db/tx.ts'
import type { CursorKey } from '../../http/pagination.ts'

// ── users ────────────────────────────────────────────────────────────────────────────────────
export const findUserByEmail = (db: Db, email: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()

export const findUserById = (db: Db, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()

export async function insertUser(
  db: Db,
  u: { id: string; email: string; name: string; passwordHash: string | null; isPlatformAdmin: boolean },
) {
  return db.insertInto('users').values(u).returningAll().executeTakeFirstOrThrow()
}

export async function setPassword(db: Db, userId: string, passwordHash: string) {
  await db.updateTable('users').set({ passwordHash }).where('id', '=', userId).execute()
}

export const membershipsOfUser = (db: Db, userId: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.organizationId')
    .select(['m.organizationId', 'o.name as organizationName', 'o.kind', 'm.role', 'o.municipalityNumbers'])
    .where('m.userId', '=', userId)
    .where('m.status', '=', 'active')
    .orderBy('o.name')
    .orderBy('o.id')
    .execute()

/**
 * The user's active memberships as one JSON column, in the order of membershipsOfUser: lets the
 * caller's credential, user and memberships arrive in one statement (authentication, issue 17).
 */
const activeMembershipsOf = (eb: ExpressionBuilder<DB & { u: DB['users'] }, 'u'>) =>
  jsonArrayFrom(
    eb
      .selectFrom('memberships as m')
      .innerJoin('organizations as o', 'o.id', 'm.organizationId')
      .select(['m.organizationId', 'o.name as organizationName', 'o.kind', 'm.role', 'o.municipalityNumbers'])
      .whereRef('m.userId', '=', 'u.id')
      .where('m.status', '=', 'active')
      .orderBy('o.name')
      .orderBy('o.id'),
  )

const principalUserColumns = ['u.id', 'u.email', 'u.name', 'u.isPlatformAdmin', 'u.disabledAt'] as const

/** A session with its user and the user's active memberships, in one prepared statement. */
const sessionPrincipal = prepared((db: Db, idHash: string) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select(['s.lastSeenAt', 's.expiresAt', 's.endedAt', ...principalUserColumns])
    .select((eb) => activeMembershipsOf(eb).as('memberships'))
    .where('s.idHash', '=', idHash),
)
export const findSessionPrincipal = async (db: Db, idHash: string) => (await sessionPrincipal(db, idHash))[0]

/** An API token with its user and the user's active memberships, in one prepared statement. */
const tokenPrincipal = prepared((db: Db, tokenHash: string) =>
  db
    .selectFrom('apiTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select([
      't.id as tokenId',
      't.readOnly',
      't.revokedAt',
      't.expiresAt',
      't.lastUsedAt',
      ...principalUserColumns,
    ])
    .select((eb) => activeMembershipsOf(eb).as('memberships'))
    .where('t.tokenHash', '=', tokenHash),
)
export const findTokenPrincipal = async (db: Db, tokenHash: string) =>
  (await tokenPrincipal(db, tokenHash))[0]

/** Memberships the user was invited to and has not accepted: they grant nothing yet. */
export const invitationsOfUser = (db: Db, userId: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.organizationId')
    .select(['m.organizationId', 'o.name as organizationName', 'o.kind', 'm.role', 'm.createdAt'])
    .where('m.userId', '=', userId)
    .where('m.status', '=', 'pending')
    .orderBy('o.name')
    .orderBy('o.id')
    .execute()

export async function activateMembership(db: Db, userId: string, organizationId: string) {
  const row = await db
    .updateTable('memberships')
    .set({ status: 'active' })
    .where('userId', '=', userId)
    .where('organizationId', '=', organizationId)
    .where('status', '=', 'pending')
    .returning('role')
    .executeTakeFirst()
  return row ?? null
}

// ── organizations ────────────────────────────────────────────────────────────────────────────
export interface NewOrganization {
  id: string
  kind: OrganizationKind
  name: string
  orgNumber: string | null
  municipalityNumbers: string[]
}

export const insertOrganization = (db: Db, o: NewOrganization) =>
  db.insertInto('organizations').values(o).returningAll().executeTakeFirstOrThrow()

export const findOrganization = (db: Db, id: string) =>
  db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst()

/** Who holds each of the municipality numbers (at most one organization each). */
export const municipalityHolders = (db: Db, numbers: string[]) =>
  db
    .selectFrom('organizationMunicipalities as m')
    .innerJoin('organizations as o', 'o.id', 'm.organizationId')
    .select(['m.number', 'm.organizationId', 'o.name'])
    .where('m.number', 'in', numbers)
    .orderBy('m.number')
    .execute()

export const findOrganizationByNumber = (db: Db, orgNumber: string) =>
  db.selectFrom('organizations').selectAll().where('orgNumber', '=', orgNumber).executeTakeFirst()

export async function listOrganizations(
  db: Db,
  f: { ids?: string[]; kind?: OrganizationKind; after: CursorKey | null; limit: number },
) {
  let q = db.selectFrom('organizations').selectAll()
  if (f.ids) {
    if (f.ids.length === 0) return []
    q = q.where('id', 'in', f.ids)
  }
  if (f.kind) q = q.where('kind', '=', f.kind)
  if (f.after) {
    const [name, id] = f.after
    q = q.where((eb) => eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]))
  }
  return q
    .orderBy('name')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute()
}

/** Updates when the version still matches; returns undefined on a stale version. */
export async function updateOrganization(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: { name?: string; orgNumber?: string | null; municipalityNumbers?: string[] },
  now: Date,
) {
  return db
    .updateTable('organizations')
    .set({ ...patch, version: sql`version + 1`, updatedAt: now })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst()
}

// ── memberships ──────────────────────────────────────────────────────────────────────────────
export const listMembers = (db: Db, organizationId: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['u.id as userId', 'u.email', 'u.name', 'm.role', 'm.status', 'm.createdAt'])
    .where('m.organizationId', '=', organizationId)
    .orderBy('u.email')
    .execute()

export const findMembership = (db: Db, userId: string, organizationId: string) =>
  db
    .selectFrom('memberships')
    .selectAll()
    .where('userId', '=', userId)
    .where('organizationId', '=', organizationId)
    .executeTakeFirst()

/** An active membership (operators, the demo, role changes); an existing row keeps its status. */
export async function upsertMembership(db: Db, m: { userId: string; organizationId: string; role: Role }) {
  await db
    .insertInto('memberships')
    .values(m)
    .onConflict((oc) => oc.columns(['userId', 'organizationId']).doUpdateSet({ role: m.role }))
    .execute()
}

/** An invitation: pending until the user accepts it. */
export async function insertInvitation(
  db: Db,
  m: { userId: string; organizationId: string; role: Role; invitedBy: string | null },
) {
  await db
    .insertInto('memberships')
    .values({ ...m, status: 'pending' })
    .execute()
}

export async function deleteMembership(db: Db, userId: string, organizationId: string) {
  await db
    .deleteFrom('memberships')
    .where('userId', '=', userId)
    .where('organizationId', '=', organizationId)
    .execute()
}

export async function countAdmins(db: Db, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('organizationId', '=', organizationId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow()
  return row.n
}

// ── sessions ─────────────────────────────────────────────────────────────────────────────────
export async function insertSession(
  db: Db,
  s: { idHash: string; userId: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date },
) {
  await db.insertInto('sessions').values(s).execute()
}

export const findSession = (db: Db, idHash: string) =>
  db.selectFrom('sessions').selectAll().where('idHash', '=', idHash).executeTakeFirst()

export async function touchSession(db: Db, idHash: string, now: Date) {
  await db.updateTable('sessions').set({ lastSeenAt: now }).where('idHash', '=', idHash).execute()
}

export async function endSession(db: Db, idHash: string, now: Date) {
  await db
    .updateTable('sessions')
    .set({ endedAt: now })
    .where('idHash', '=', idHash)
    .where('endedAt', 'is', null)
    .execute()
}

// ── API tokens ───────────────────────────────────────────────────────────────────────────────
export async function insertToken(
  db: Db,
  t: {
    id: string
    userId: string
    name: string
    tokenHash: string
    prefix: string
    readOnly: boolean
    expiresAt: Date
  },
) {
  return db
    .insertInto('apiTokens')
    .values(t)
    .returning(['id', 'name', 'prefix', 'readOnly', 'expiresAt', 'createdAt', 'lastUsedAt', 'revokedAt'])
    .executeTakeFirstOrThrow()
}

export const findTokenByHash = (db: Db, tokenHash: string) =>
  db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst()

export const findToken = (db: Db, id: string) =>
  db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst()

export const listTokensOfUser = (db: Db, userId: string) =>
  db
    .selectFrom('apiTokens')
    .select(['id', 'name', 'prefix', 'readOnly', 'expiresAt', 'createdAt', 'lastUsedAt', 'revokedAt'])
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute()

export async function revokeToken(db: Db, id: string, now: Date) {
  await db
    .updateTable('apiTokens')
    .set({ revokedAt: now })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute()
}

export async function markTokenUsed(db: Db, id: string, now: Date) {
  await db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', id).execute()
}

// ── login throttling ─────────────────────────────────────────────────────────────────────────
export async function recentFailures(db: Db, key: string, since: Date) {
  return db
    .selectFrom('authFailures')
    .select('failedAt')
    .where('key', '=', key)
    .where('failedAt', '>', since)
    .orderBy('failedAt')
    .execute()
}

/** Records a failure under each key, dropping that key's failures older than `keepSince`. */
export async function recordFailure(db: Db, keys: string[], at: Date, keepSince?: Date) {
  if (keepSince)
    await db.deleteFrom('authFailures').where('key', 'in', keys).where('failedAt', '<=', keepSince).execute()
  await db
    .insertInto('authFailures')
    .values(keys.map((key) => ({ key, failedAt: at })))
    .execute()
}

export async function isKnownLoginClient(db: Db, userId: string, client: string, since: Date) {
  const row = await db
    .selectFrom('loginClients')
    .select('userId')
    .where('userId', '=', userId)
    .where('client', '=', client)
    .where('lastLoginAt', '>', since)
    .executeTakeFirst()
  return !!row
}

export async function rememberLoginClient(db: Db, userId: string, client: string, at: Date) {
  await db
    .insertInto('loginClients')
    .values({ userId, client, lastLoginAt: at })
    .onConflict((oc) => oc.columns(['userId', 'client']).doUpdateSet({ lastLoginAt: at }))
    .execute()
}

export async function clearFailures(db: Db, key: string) {
  await db.deleteFrom('authFailures').where('key', '=', key).execute()
}
