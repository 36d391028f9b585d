import { type Kysely, sql } from 'kysely'

/**
 * impact_fact_rows (migration 0007) with many reports at once — a CSV import, the demo loader,
 * any statement that moves hundreds of reports — took a second where it needs 30 ms (issue 17:
 * a third of a fresh start). Its CTEs hide their row counts from the planner, which then chose a
 * nested loop that repeated a hash join of the value grid once per municipality cell
 * (1,402 × 1,802 rows on the demo). The function joins sets of similar size and never profits
 * from a nested loop, so it runs with them off; the query and its results are unchanged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter function impact_fact_rows(uuid[]) set enable_nestloop = off`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter function impact_fact_rows(uuid[]) reset enable_nestloop`.execute(db)
}
