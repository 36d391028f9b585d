import { type Kysely, sql } from 'kysely'

/**
 * Consent grants access (PRODUCT.md §10): a relationship that lets one organization see another's
 * data takes effect only when the party whose data it exposes has accepted it.
 * - outcome contracts: one acceptance row per named party (payer, provider, investors, partners);
 *   a contract is active only when every row is accepted, declined when any is declined;
 * - investments: `consent` pending | accepted | declined, decided by the venture's admins; only
 *   accepted investments give the investor standing;
 * - memberships: `status` pending | active; a pending membership (an invitation) grants nothing
 *   until the user accepts it;
 * - municipality numbers: unique across organizations, kept in a side table whose primary key is
 *   the number, filled by a trigger from organizations.municipality_numbers.
 * Everything that existed before this migration was already in force, so it is backfilled as
 * accepted; duplicate municipality numbers stop the migration (an operator must decide who owns
 * the number: silently moving a municipality's data to another is what this prevents).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outcome_contract_acceptances')
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('outcome_contracts.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('payer', 'provider', 'investor', 'partner')`),
    )
    .addColumn('decision', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`decision in ('pending', 'accepted', 'declined')`),
    )
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('outcome_contract_acceptances_pk', ['contract_id', 'org_id'])
    .addCheckConstraint(
      'outcome_contract_acceptances_decided_check',
      sql`(decision = 'pending') = (decided_at is null)`,
    )
    .execute()
  await db.schema
    .createIndex('outcome_contract_acceptances_org_idx')
    .on('outcome_contract_acceptances')
    .column('org_id')
    .execute()
  await sql`
    insert into outcome_contract_acceptances (contract_id, org_id, role, decision, decided_at)
    select id, payer_org_id, 'payer', 'accepted', created_at from outcome_contracts
    union all
    select id, provider_org_id, 'provider', 'accepted', created_at from outcome_contracts
    union all
    select p.contract_id, p.org_id, p.role, 'accepted', c.created_at
      from outcome_contract_parties p join outcome_contracts c on c.id = p.contract_id
  `.execute(db)

  await db.schema
    .alterTable('investments')
    .addColumn('consent', 'text', (c) =>
      c.notNull().defaultTo('accepted').check(sql`consent in ('pending', 'accepted', 'declined')`),
    )
    .execute()
  await db.schema.alterTable('investments').addColumn('consent_decided_at', 'timestamptz').execute()
  await db.schema.alterTable('investments').addColumn('consent_decided_by', 'uuid').execute()

  await db.schema
    .alterTable('memberships')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('pending', 'active')`),
    )
    .execute()
  await db.schema.alterTable('memberships').addColumn('invited_by', 'uuid').execute()

  const duplicates = await sql<{ number: string }>`
    select n as number from organizations cross join unnest(municipality_numbers) as n
    group by n having count(distinct id) > 1 order by n
  `.execute(db)
  if (duplicates.rows.length > 0) {
    throw new Error(
      `Municipality numbers held by more than one organization: ${duplicates.rows.map((r) => r.number).join(', ')}. Remove each from all but its municipality's organization, then migrate again.`,
    )
  }
  await db.schema
    .createTable('organization_municipalities')
    .addColumn('number', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'uuid', (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .execute()
  await sql`
    create function organization_municipalities_sync() returns trigger language plpgsql as $$
    begin
      delete from organization_municipalities where organization_id = new.id;
      insert into organization_municipalities (number, organization_id)
        select distinct n, new.id from unnest(new.municipality_numbers) as n;
      return null;
    end $$
  `.execute(db)
  await sql`create trigger organizations_municipality_numbers
    after insert or update of municipality_numbers on organizations
    for each row execute function organization_municipalities_sync()`.execute(db)
  await sql`
    insert into organization_municipalities (number, organization_id)
    select distinct n, id from organizations cross join unnest(municipality_numbers) as n
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger organizations_municipality_numbers on organizations`.execute(db)
  await sql`drop function organization_municipalities_sync()`.execute(db)
  await db.schema.dropTable('organization_municipalities').execute()
  await db.schema.alterTable('memberships').dropColumn('invited_by').execute()
  await db.schema.alterTable('memberships').dropColumn('status').execute()
  for (const c of ['consent_decided_by', 'consent_decided_at', 'consent'])
    await db.schema.alterTable('investments').dropColumn(c).execute()
  await db.schema.dropTable('outcome_contract_acceptances').execute()
}
