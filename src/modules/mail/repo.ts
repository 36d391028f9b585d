import { sql } from 'kysely'
import type { MailLanguage } from '../../db/schema-mail.ts'
import type { Db } from '../../db/tx.ts'

/** Outbox and scheduler-lease queries; first argument a Kysely handle (STYLE.md). */
export interface NewOutboxRow {
  id: string
  kind: string
  toAddress: string
  language: MailLanguage
  subject: string
  textBody: string
  htmlBody: string
  userId: string | null
  dedupeKey: string | null
  createdAt: Date
  nextAttemptAt: Date
}

/** Inserts one mail; with a dedupe key already used, nothing is written and false comes back. */
export async function insertOutbox(db: Db, row: NewOutboxRow): Promise<boolean> {
  const inserted = await db
    .insertInto('outbox')
    .values(row)
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}

export interface ClaimedMail {
  id: string
  kind: string
  toAddress: string
  language: MailLanguage
  subject: string
  textBody: string
  htmlBody: string
  attempts: number
  createdAt: Date
}

/**
 * Claims up to `limit` due mails for `holder` until `until`: a row locked by another instance's
 * claim is skipped (FOR UPDATE SKIP LOCKED), and a claimed row is not due for anyone else until
 * the claim runs out — so with two instances on one PostgreSQL each mail is sent by one of them.
 * The attempt is counted at the claim, so a crash mid-send still moves the backoff on.
 */
export async function claimDue(db: Db, holder: string, now: Date, until: Date, limit: number) {
  const { rows } = await sql<ClaimedMail>`
    update outbox set claimed_by = ${holder}, claimed_until = ${until}, attempts = attempts + 1
    where id in (
      select id from outbox
      where sent_at is null and failed_at is null and next_attempt_at <= ${now}
        and (claimed_until is null or claimed_until <= ${now})
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked
    )
    returning id, kind, to_address as "toAddress", language, subject, text_body as "textBody",
      html_body as "htmlBody", attempts::int as attempts, created_at as "createdAt"`.execute(db)
  // Oldest first, as they were written (RETURNING has no order of its own).
  return [...rows].sort(
    (a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || a.id.localeCompare(b.id),
  )
}

export async function markSent(db: Db, id: string, holder: string, now: Date) {
  await db
    .updateTable('outbox')
    .set({ sentAt: now, claimedBy: null, claimedUntil: null, lastError: null })
    .where('id', '=', id)
    .where('claimedBy', '=', holder)
    .execute()
}

/** A failed attempt: the next one at `next`, or none (`failed`) after the last attempt. */
export async function markAttemptFailed(
  db: Db,
  id: string,
  holder: string,
  error: string,
  next: Date | null,
  now: Date,
) {
  await db
    .updateTable('outbox')
    .set({
      claimedBy: null,
      claimedUntil: null,
      lastError: error,
      ...(next ? { nextAttemptAt: next } : { failedAt: now }),
    })
    .where('id', '=', id)
    .where('claimedBy', '=', holder)
    .execute()
}

/** Mails not yet written to the log (no transport configured), oldest first. */
export async function unlogged(db: Db, limit: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'kind', 'toAddress', 'language', 'subject', 'textBody', 'createdAt'])
    .where('sentAt', 'is', null)
    .where('loggedAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('id')
    .limit(limit)
    .execute()
}

export async function markLogged(db: Db, ids: string[], now: Date) {
  if (ids.length === 0) return
  await db
    .updateTable('outbox')
    .set({ loggedAt: now })
    .where('id', 'in', ids)
    .where('loggedAt', 'is', null)
    .execute()
}

export type OutboxStatus = 'pending' | 'sent' | 'failed'

/** The outbox newest first, for the platform admin; `before` is the cursor (created_at, id). */
export async function listOutbox(
  db: Db,
  opts: { limit: number; before?: { createdAt: Date; id: string }; status?: OutboxStatus },
) {
  let q = db
    .selectFrom('outbox')
    .select([
      'id',
      'kind',
      'toAddress',
      'language',
      'subject',
      'textBody',
      'createdAt',
      'attempts',
      'nextAttemptAt',
      'lastError',
      'sentAt',
      'failedAt',
      'loggedAt',
    ])
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit)
  if (opts.before) {
    const b = opts.before
    q = q.where((eb) =>
      eb.or([
        eb('createdAt', '<', b.createdAt),
        eb.and([eb('createdAt', '=', b.createdAt), eb('id', '<', b.id)]),
      ]),
    )
  }
  if (opts.status === 'sent') q = q.where('sentAt', 'is not', null)
  if (opts.status === 'failed') q = q.where('failedAt', 'is not', null)
  if (opts.status === 'pending') q = q.where('sentAt', 'is', null).where('failedAt', 'is', null)
  return q.execute()
}

export async function findOutbox(db: Db, id: string) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A failed mail gets a fresh series of attempts, due now. */
export async function retryOutbox(db: Db, id: string, now: Date) {
  const row = await db
    .updateTable('outbox')
    .set({ failedAt: null, attempts: 0, nextAttemptAt: now, lastError: null })
    .where('id', '=', id)
    .where('sentAt', 'is', null)
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Takes or renews the lease `name` for `holder` until `until`; true when this holder has it. A
 * lease held by another holder and not expired at `now` is left alone.
 */
export async function acquireLease(db: Db, name: string, holder: string, now: Date, until: Date) {
  const { rows } = await sql<{ name: string }>`
    insert into scheduler_leases (name, holder, expires_at) values (${name}, ${holder}, ${until})
    on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
    where scheduler_leases.expires_at <= ${now} or scheduler_leases.holder = excluded.holder
    returning name`.execute(db)
  return rows.length === 1
}

/** Gives the lease back early (the tick is done), if this holder still has it. */
export async function releaseLease(db: Db, name: string, holder: string, now: Date) {
  await db
    .updateTable('schedulerLeases')
    .set({ expiresAt: now })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute()
}
