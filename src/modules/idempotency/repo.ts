import { sql } from 'kysely'
import type { Db } from '../../db/tx.ts'

export const RETENTION_HOURS = 48

export interface KeyRow {
  fingerprint: string
  status: number | null
  contentType: string | null
  body: string | null
}

/**
 * Inserts the key inside the caller's transaction. On PostgreSQL a concurrent transaction
 * holding the same key makes this wait (bounded by lock_timeout) until that one commits (the
 * key then exists: replay) or rolls back (this insert wins: run). Returns whether it won.
 */
export async function insertKey(
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

export const findKey = (db: Db, userId: string, key: string): Promise<KeyRow | undefined> =>
  db
    .selectFrom('idempotencyKeys')
    .select(['fingerprint', 'status', 'contentType', 'body'])
    .where('userId', '=', userId)
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirst()

/** Rebinds a key left without an answer (by the release-less design before this one) to this request. */
export async function rebindKey(db: Db, userId: string, key: string, fingerprint: string, now: Date) {
  await db
    .updateTable('idempotencyKeys')
    .set({ fingerprint, createdAt: now })
    .where('userId', '=', userId)
    .where('key', '=', key)
    .execute()
}

export async function storeAnswer(
  db: Db,
  userId: string,
  key: string,
  r: { status: number; contentType: string | null; body: string },
) {
  // Only the three columns: callers may pass a wider object, and Kysely would write every field.
  const { status, contentType, body } = r
  await db
    .updateTable('idempotencyKeys')
    .set({ status, contentType, body })
    .where('userId', '=', userId)
    .where('key', '=', key)
    .execute()
}

/** How long a duplicate waits for the first request's transaction before it is told 409. */
export async function boundLockWait(db: Db, ms: number) {
  // lock_timeout 0 would mean "wait forever".
  await sql`select set_config('lock_timeout', ${`${Math.max(1, ms)}ms`}, true)`.execute(db)
}
