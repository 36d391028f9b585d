import { type Kysely, sql } from 'kysely'

/**
 * A number that changes whenever what an impact view can show changes (PRODUCT.md §4): the
 * disclosure control protects every anonymous view of a municipality together, and loading all of
 * them on every request would be slow, so a server keeps them per version (municipal-data.ts).
 *
 * What must stay true: a transaction that changes impact facts or rollups, data shares, ventures,
 * organizations, open-data settings or indicators bumps the version, in the same commit. The bump
 * runs at commit time (a deferred constraint trigger), once per transaction: the version row is
 * locked last, after every other lock the transaction takes, so it cannot close a deadlock, and a
 * reader that sees the new number sees the new data with it.
 */
const TABLES = [
  'impact_facts',
  'impact_org_rollup',
  'data_shares',
  'ventures',
  'organizations',
  'municipality_open_data',
  'indicators',
]

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table impact_data_version (
    only_row boolean primary key default true check (only_row),
    version bigint not null default 0
  )`.execute(db)
  await sql`insert into impact_data_version default values`.execute(db)
  await sql`
    create function impact_data_touched() returns trigger language plpgsql as $$
    begin
      if coalesce(current_setting('effekt.impact_version_tx', true), '') <> txid_current()::text then
        perform set_config('effekt.impact_version_tx', txid_current()::text, true);
        update impact_data_version set version = version + 1;
      end if;
      return null;
    end $$`.execute(db)
  for (const table of TABLES)
    await sql`create constraint trigger ${sql.raw(`${table}_impact_version`)}
      after insert or update or delete on ${sql.table(table)}
      deferrable initially deferred for each row execute function impact_data_touched()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES)
    await sql`drop trigger ${sql.raw(`${table}_impact_version`)} on ${sql.table(table)}`.execute(db)
  await sql`drop function impact_data_touched()`.execute(db)
  await sql`drop table impact_data_version`.execute(db)
}
