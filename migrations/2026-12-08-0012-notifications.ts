import { type Kysely, sql } from 'kysely'

/**
 * Notifications (issue 19, reminders and notices): what a user is told in the app and by mail.
 * - notifications: one row per user and event (a report submitted, returned, verified; a
 *   reminder before, on and after a due date). `delivery` is the user's choice for the kind when
 *   the row was written; `mailed_at` is set once the row went out by mail, alone or in a digest.
 *   `dedupe_key` makes a reminder that a rerun step writes again a no-op.
 * - notification_preferences: a user's choice per kind (no row: immediately). Security mails
 *   (invitations, resets, email change) have no kind here: they cannot be turned off.
 * - reminder_settings: how many days before a due date an investor's ventures are reminded.
 * - notification_step_runs: the last day a daily step ran (reminders run once a day).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('report_due_soon', 'report_due', 'report_overdue', 'report_submitted', 'report_returned', 'report_verified')`,
        ),
    )
    .addColumn('venture_org_id', 'uuid', (c) => c.references('organizations.id').onDelete('cascade'))
    .addColumn('report_id', 'uuid', (c) => c.references('reports.id'))
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('delivery', 'text', (c) =>
      c.notNull().check(sql`delivery in ('immediately', 'daily', 'weekly', 'off')`),
    )
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('mailed_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at', 'id'])
    .execute()
  await db.schema
    .createIndex('notifications_digest_idx')
    .on('notifications')
    .columns(['delivery', 'user_id'])
    .where(sql<boolean>`mailed_at is null and delivery in ('daily', 'weekly')`)
    .execute()

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('reminder', 'report_submitted', 'report_returned', 'report_verified')`),
    )
    .addColumn('delivery', 'text', (c) =>
      c.notNull().check(sql`delivery in ('immediately', 'daily', 'weekly', 'off')`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute()

  await db.schema
    .createTable('reminder_settings')
    .addColumn('organization_id', 'uuid', (c) =>
      c.primaryKey().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('days_before', 'integer', (c) => c.notNull().check(sql`days_before between 1 and 60`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('notification_step_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_date', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_step_runs').execute()
  await db.schema.dropTable('reminder_settings').execute()
  await db.schema.dropTable('notification_preferences').execute()
  await db.schema.dropTable('notifications').execute()
}
