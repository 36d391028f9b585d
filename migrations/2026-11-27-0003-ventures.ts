import { type Kysely, sql } from 'kysely'

/**
 * Venture profiles and investments. Investments live here rather than with the ledger because
 * they decide who may see a venture (an investor with an investment has detailed access).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ventures')
    .addColumn('org_id', 'uuid', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('founded', 'date')
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('sdg_goals', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('municipalities', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active', 'exited', 'closed')`),
    )
    .addColumn('theory_of_change', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('depth_of_change', 'text', (c) =>
      c.check(sql`depth_of_change in ('life-changing', 'life-improving')`),
    )
    .addColumn('website', 'text')
    .addColumn('publish_open_data', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by_org_id', 'uuid', (c) => c.references('organizations.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`create index ventures_themes_idx on ventures using gin (themes)`.execute(db)
  await sql`create index ventures_municipalities_idx on ventures using gin (municipalities)`.execute(db)

  await db.schema
    .createTable('investments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('investor_org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('venture_org_id', 'uuid', (c) => c.notNull().references('ventures.org_id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('instrument', 'text', (c) =>
      c.notNull().check(sql`instrument in ('grant', 'loan', 'equity', 'convertible', 'outcome_contract')`),
    )
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('interest_rate', 'numeric(9, 4)')
    .addColumn('maturity_date', 'date')
    .addColumn('ownership_pct', 'numeric(7, 4)')
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .execute()
  await db.schema
    .createIndex('investments_investor_idx')
    .on('investments')
    .columns(['investor_org_id', 'venture_org_id'])
    .execute()
  await db.schema.createIndex('investments_venture_idx').on('investments').column('venture_org_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('investments').execute()
  await db.schema.dropTable('ventures').execute()
}
