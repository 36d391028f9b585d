import { type Kysely, sql } from 'kysely'

/**
 * The investor's commentary in the annual impact report: one text per investor organization, year
 * and venture (or, with no venture, for its whole portfolio). Rewriting it replaces the text; the
 * audit trail keeps every version (before/after).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annual_commentaries')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('investor_org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('venture_org_id', 'uuid', (c) => c.references('ventures.org_id'))
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 1900 and 2999`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'uuid')
    .execute()
  // One commentary per venture and year, and one for the portfolio (no venture) per year.
  await sql`create unique index annual_commentaries_venture_year
    on annual_commentaries (investor_org_id, venture_org_id, year) where venture_org_id is not null`.execute(
    db,
  )
  await sql`create unique index annual_commentaries_portfolio_year
    on annual_commentaries (investor_org_id, year) where venture_org_id is null`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('annual_commentaries').execute()
}
