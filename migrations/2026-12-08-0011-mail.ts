import { type Kysely, sql } from 'kysely'

/**
 * Mail (issue 19): a transactional outbox, a lease per scheduled job, invitations by email and
 * single-use links for password reset and email change.
 * - outbox: a row is written in the same transaction as the event that causes the mail and is
 *   delivered later by the worker; it is never deleted by delivery (sent rows keep `sent_at`),
 *   so the platform admin can read every mail when no SMTP server is configured. `dedupe_key`
 *   makes "send this once" safe for callers that may run twice (scheduled reminders).
 * - scheduler_leases: one row per tick name; an instance runs the tick only while it holds an
 *   unexpired lease, so two app instances on one PostgreSQL run each tick once.
 * - invitations: an organization admin invites an email to a role; the link's token is stored
 *   only as its SHA-256 (like API tokens), is single-use and expires.
 * - user_tokens: single-use links sent to a user (password reset; email change to `new_email`).
 * - users.language: the language mails to the user are written in (nb default).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('nb').check(sql`language in ('nb', 'en')`))
    .execute()

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('nb', 'en')`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    /** Who is sending it and until when; another instance may take it over after that. */
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    /** Set when the worker gave up after its last attempt; the row stays readable and can be retried. */
    .addColumn('failed_at', 'timestamptz')
    /** When the mail was written to the log because no transport is configured (once). */
    .addColumn('logged_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('outbox_due_idx')
    .on('outbox')
    .column('next_attempt_at')
    .where(sql<boolean>`sent_at is null and failed_at is null`)
    .execute()
  await db.schema.createIndex('outbox_created_idx').on('outbox').columns(['created_at', 'id']).execute()

  await db.schema
    .createTable('scheduler_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organization_id', 'uuid', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'editor', 'viewer')`))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('nb', 'en')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('accepted_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint('invitations_email_lower_check', sql`email = lower(email)`)
    .execute()
  await db.schema
    .createIndex('invitations_org_idx')
    .on('invitations')
    .columns(['organization_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('user_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('password_reset', 'email_change')`),
    )
    .addColumn('new_email', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addCheckConstraint(
      'user_tokens_new_email_check',
      sql`(purpose = 'email_change') = (new_email is not null)`,
    )
    .execute()
  await db.schema
    .createIndex('user_tokens_user_idx')
    .on('user_tokens')
    .columns(['user_id', 'purpose'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('user_tokens').execute()
  await db.schema.dropTable('invitations').execute()
  await db.schema.dropTable('scheduler_leases').execute()
  await db.schema.dropTable('outbox').execute()
  await db.schema.alterTable('users').dropColumn('language').execute()
}
