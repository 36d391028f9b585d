import type { Kysely } from 'kysely'

/**
 * Client addresses each user has signed in from. While an account is under a guessing attack
 * (many failures from many addresses) its known addresses keep their normal limits, so the
 * attacker can slow the account down but not lock its owner out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_clients')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_clients_pk', ['user_id', 'client'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_clients').execute()
}
