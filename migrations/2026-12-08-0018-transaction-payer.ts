import { type Kysely, sql } from 'kysely'

/**
 * Who paid an outcome payment recorded in the ledger (issue 20: provider-org on every IATI
 * transaction). An entry made by an approved outcome-contract statement knows its payer through
 * the contract; one recorded by hand had no way to say. Only outcome payments name a payer, and
 * a reversal names none (the export follows it to the entry it reverses). The ledger stays
 * append-only: the column is set on insert and never changed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table transactions
    add column payer_org_id uuid references organizations (id),
    add constraint transactions_payer_check
      check (payer_org_id is null or (type = 'outcome_payment' and reverses_id is null))`.execute(db)
  await sql`create index transactions_payer_idx on transactions (payer_org_id) where payer_org_id is not null`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index transactions_payer_idx`.execute(db)
  await sql`alter table transactions drop constraint transactions_payer_check, drop column payer_org_id`.execute(
    db,
  )
}
