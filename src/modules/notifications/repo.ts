import { sql } from 'kysely'
import type { Role } from '../../db/schema.ts'
import type { Delivery, NotificationKind, PreferenceKind } from '../../db/schema-notifications.ts'
import type { Db } from '../../db/tx.ts'

export interface NewNotification {
  id: string
  userId: string
  kind: NotificationKind
  ventureOrgId: string | null
  reportId: string | null
  params: Record<string, string>
  delivery: Delivery
  dedupeKey: string | null
  createdAt: Date
}

/** Writes one notification; false when its dedupe key was used before. */
export async function insertNotification(db: Db, n: NewNotification): Promise<boolean> {
  const row = await db
    .insertInto('notifications')
    .values({ ...n, params: JSON.stringify(n.params) })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

export const markMailed = (db: Db, ids: string[], now: Date) =>
  ids.length === 0
    ? Promise.resolve()
    : db.updateTable('notifications').set({ mailedAt: now }).where('id', 'in', ids).execute()

export const recipientsById = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('users')
        .select(['id', 'email', 'language'])
        .where('id', 'in', ids)
        .where('disabledAt', 'is', null)
        .orderBy('id')
        .execute()

export const preferencesOf = (db: Db, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('notificationPreferences')
        .select(['userId', 'kind', 'delivery'])
        .where('userId', 'in', userIds)
        .execute()

export async function replacePreferences(
  db: Db,
  userId: string,
  items: { kind: PreferenceKind; delivery: Delivery }[],
  now: Date,
) {
  for (const item of items) {
    await db
      .insertInto('notificationPreferences')
      .values({ userId, ...item, updatedAt: now })
      .onConflict((oc) =>
        oc.columns(['userId', 'kind']).doUpdateSet({ delivery: item.delivery, updatedAt: now }),
      )
      .execute()
  }
}

/** Active members of organizations with one of the roles (users not disabled). */
export async function membersOf(db: Db, orgIds: string[], roles: Role[]): Promise<string[]> {
  if (!orgIds.length) return []
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select('m.userId')
    .distinct()
    .where('m.organizationId', 'in', orgIds)
    .where('m.status', '=', 'active')
    .where('m.role', 'in', roles)
    .where('u.disabledAt', 'is', null)
    .orderBy('m.userId')
    .execute()
  return rows.map((r) => r.userId)
}

/** The organizations that assigned an indicator covering the report's period. */
export async function assigningOrgsOf(db: Db, reportId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('assignments as a', (j) =>
      j
        .onRef('a.ventureOrgId', '=', 'r.ventureOrgId')
        .onRef('a.frequency', '=', 'r.frequency')
        .onRef('a.startDate', '<=', 'r.periodEnd'),
    )
    .select('a.createdByOrgId')
    .distinct()
    .where('r.id', '=', reportId)
    .where((eb) => eb.or([eb('a.endDate', 'is', null), eb('a.endDate', '>=', eb.ref('r.periodStart'))]))
    .where('a.createdByOrgId', 'is not', null)
    .execute()
  return rows.map((r) => r.createdByOrgId!).sort()
}

export const organizationName = async (db: Db, id: string) =>
  (await db.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirst())?.name ?? ''

export async function organizationNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

export const organizationKind = async (db: Db, id: string) =>
  (await db.selectFrom('organizations').select('kind').where('id', '=', id).executeTakeFirst())?.kind

/** A page of one user's notifications, newest first, after the cursor (created_at, id). */
export function listPage(
  db: Db,
  userId: string,
  after: [string, string] | null,
  limit: number,
  unread: boolean | undefined,
) {
  let q = db.selectFrom('notifications').selectAll().where('userId', '=', userId)
  if (unread === true) q = q.where('readAt', 'is', null)
  if (unread === false) q = q.where('readAt', 'is not', null)
  if (after) {
    const [at, id] = after
    q = q.where((eb) =>
      eb.or([
        eb('createdAt', '<', new Date(at)),
        eb.and([eb('createdAt', '=', new Date(at)), eb('id', '<', id)]),
      ]),
    )
  }
  return q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute()
}

export type NotificationRow = Awaited<ReturnType<typeof listPage>>[number]

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export const findOwn = (db: Db, userId: string, id: string) =>
  db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst()

export const markRead = (db: Db, userId: string, id: string, now: Date) =>
  db
    .updateTable('notifications')
    .set({ readAt: now })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .execute()

export const markAllRead = (db: Db, userId: string, now: Date) =>
  db
    .updateTable('notifications')
    .set({ readAt: now })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .execute()

/** The users with notifications waiting for a digest of that delivery, created by `until`. */
export async function pendingDigests(db: Db, delivery: 'daily' | 'weekly', until: Date) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('delivery', '=', delivery)
    .where('mailedAt', 'is', null)
    .where('createdAt', '<=', until)
    .orderBy('userId')
    .orderBy('createdAt')
    .orderBy('id')
    .execute()
}

export const reminderSettings = (db: Db) =>
  db.selectFrom('reminderSettings').select(['organizationId', 'daysBefore']).execute()

export const reminderSettingOf = async (db: Db, orgId: string) =>
  (
    await db
      .selectFrom('reminderSettings')
      .select('daysBefore')
      .where('organizationId', '=', orgId)
      .executeTakeFirst()
  )?.daysBefore

export const upsertReminderSetting = (db: Db, orgId: string, daysBefore: number, now: Date) =>
  db
    .insertInto('reminderSettings')
    .values({ organizationId: orgId, daysBefore, updatedAt: now })
    .onConflict((oc) => oc.column('organizationId').doUpdateSet({ daysBefore, updatedAt: now }))
    .execute()

export const lastRun = async (db: Db, name: string) =>
  (await db.selectFrom('notificationStepRuns').select('lastDate').where('name', '=', name).executeTakeFirst())
    ?.lastDate

export const setLastRun = (db: Db, name: string, date: string) =>
  db
    .insertInto('notificationStepRuns')
    .values({ name, lastDate: date })
    .onConflict((oc) => oc.column('name').doUpdateSet({ lastDate: date }))
    .execute()

export async function investorIds(db: Db, ids: string[]): Promise<string[]> {
  if (!ids.length) return []
  const rows = await db
    .selectFrom('organizations')
    .select('id')
    .where('id', 'in', ids)
    .where('kind', '=', 'investor')
    .orderBy('id')
    .execute()
  return rows.map((r) => r.id)
}
