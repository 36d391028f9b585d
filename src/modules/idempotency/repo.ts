import type { Db } from '../../db/tx.ts'

export const RETENTION_HOURS = 48

/** Claims a key; returns false when it is already taken (by this or an earlier request). */
export async function claimKey(
  db: Db,
  k: { userId: string; key: string; fingerprint: string; method: string; path: string },
  now: Date,
) {
  // An expired key may be reused: drop it first.
  await db
    .deleteFrom('idempotencyKeys')
    .where('userId', '=', k.userId)
    .where('key', '=', k.key)
    .where('createdAt', '<', new Date(now.getTime() - RETENTION_HOURS * 3_600_000))
    .execute()
  const row = await db
    .insertInto('idempotencyKeys')
    .values({ ...k, createdAt: now })
    .onConflict((oc) => oc.columns(['userId', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst()
  return !!row
}

export const findKey = (db: Db, userId: string, key: string) =>
  db
    .selectFrom('idempotencyKeys')
    .selectAll()
    .where('userId', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst()

export async function completeKey(
  db: Db,
  userId: string,
  key: string,
  r: { status: number; contentType: string | null; body: string },
) {
  await db.updateTable('idempotencyKeys').set(r).where('userId', '=', userId).where('key', '=', key).execute()
}

export async function releaseKey(db: Db, userId: string, key: string) {
  await db.deleteFrom('idempotencyKeys').where('userId', '=', userId).where('key', '=', key).execute()
}
