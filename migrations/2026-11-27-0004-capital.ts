import { type Kysely, sql } from 'kysely'

/**
 * The capital area: each investment's append-only ledger of transactions, valuations of equity
 * and convertibles, non-financial contributions (network, competence) and the venture's other
 * funding (co-investors and funders that do not record their capital in Effekt).
 *
 * What must stay true in the database itself, whatever the application does:
 * - transactions and valuations are never changed or deleted (refuse_change() from 0001);
 * - an entry is reversed at most once, by an entry of the same investment, and a reversal is
 *   never reversed;
 * - amounts are positive with at most 2 decimals; a foreign amount carries its rate to NOK.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('transactions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // Recording order: many entries share a date, and pages must stay stable.
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity().unique())
    .addColumn('investment_id', 'uuid', (c) => c.notNull().references('investments.id'))
    .addColumn('type', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`type in ('commitment', 'disbursement', 'repayment', 'interest', 'equity_purchase', 'equity_sale', 'write_off', 'outcome_payment')`,
        ),
    )
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('amount', 'numeric(17, 2)', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('rate_to_nok', 'numeric(17, 8)', (c) => c.check(sql`rate_to_nok > 0`))
    .addColumn('reverses_id', 'uuid')
    .addColumn('over_commitment', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addCheckConstraint(
      'transactions_rate_check',
      sql`(currency = 'NOK' and (rate_to_nok is null or rate_to_nok = 1)) or (currency <> 'NOK' and rate_to_nok is not null)`,
    )
    // With the foreign key below, a reversal can only reference an entry of its own investment.
    .addUniqueConstraint('transactions_investment_id_key', ['investment_id', 'id'])
    .addForeignKeyConstraint('transactions_reverses_fk', ['investment_id', 'reverses_id'], 'transactions', [
      'investment_id',
      'id',
    ])
    .execute()
  // A second reversal of the same entry is refused even when two requests race.
  await sql`create unique index transactions_reversed_once_idx on transactions (reverses_id) where reverses_id is not null`.execute(
    db,
  )
  await db.schema
    .createIndex('transactions_investment_idx')
    .on('transactions')
    .columns(['investment_id', 'date', 'seq'])
    .execute()
  await sql`
    create function refuse_reversal_of_reversal() returns trigger language plpgsql as $$
    begin
      if new.reverses_id is not null and exists (
        select 1 from transactions where id = new.reverses_id and reverses_id is not null
      ) then
        raise exception 'transaction % is itself a reversal and cannot be reversed', new.reverses_id
          using errcode = '23514';
      end if;
      return new;
    end $$`.execute(db)
  await sql`create trigger transactions_no_double_reversal before insert on transactions
    for each row execute function refuse_reversal_of_reversal()`.execute(db)
  await sql`create trigger transactions_append_only before update or delete on transactions
    for each row execute function refuse_change()`.execute(db)

  await db.schema
    .createTable('valuations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity().unique())
    .addColumn('investment_id', 'uuid', (c) => c.notNull().references('investments.id'))
    .addColumn('date', 'date', (c) => c.notNull())
    // Fair value in NOK; 0 is a real valuation (a stake written down to nothing).
    .addColumn('value', 'numeric(17, 2)', (c) => c.notNull().check(sql`value >= 0`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .execute()
  await db.schema
    .createIndex('valuations_investment_idx')
    .on('valuations')
    .columns(['investment_id', 'date', 'seq'])
    .execute()
  await sql`create trigger valuations_append_only before update or delete on valuations
    for each row execute function refuse_change()`.execute(db)

  await db.schema
    .createTable('contributions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity().unique())
    .addColumn('investor_org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('venture_org_id', 'uuid', (c) => c.notNull().references('ventures.org_id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('network', 'competence')`))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('introduced_party', 'text')
    .addColumn('purpose', 'text')
    .addColumn('result', 'text')
    .addColumn('value', 'numeric(17, 2)', (c) => c.check(sql`value > 0`))
    .addColumn('hours', 'numeric(9, 2)', (c) => c.check(sql`hours > 0`))
    .addColumn('hourly_value', 'numeric(17, 2)', (c) => c.check(sql`hourly_value > 0`))
    .addColumn('topic', 'text')
    .addColumn('given_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addCheckConstraint(
      'contributions_kind_fields_check',
      sql`(kind = 'network' and introduced_party is not null and hours is null and hourly_value is null)
        or (kind = 'competence' and hours is not null and introduced_party is null and value is null)`,
    )
    .execute()
  await db.schema
    .createIndex('contributions_venture_idx')
    .on('contributions')
    .columns(['venture_org_id', 'date', 'seq'])
    .execute()
  await db.schema
    .createIndex('contributions_investor_idx')
    .on('contributions')
    .columns(['investor_org_id', 'venture_org_id'])
    .execute()

  await db.schema
    .createTable('other_funding')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity().unique())
    .addColumn('venture_org_id', 'uuid', (c) => c.notNull().references('ventures.org_id'))
    .addColumn('funder_name', 'text', (c) => c.notNull())
    .addColumn('funder_org_id', 'uuid', (c) => c.references('organizations.id'))
    .addColumn('instrument', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`instrument in ('grant', 'loan', 'equity', 'convertible', 'outcome_contract', 'public_grant', 'donation', 'other')`,
        ),
    )
    .addColumn('amount_nok', 'numeric(17, 2)', (c) => c.notNull().check(sql`amount_nok > 0`))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .execute()
  await db.schema
    .createIndex('other_funding_venture_idx')
    .on('other_funding')
    .columns(['venture_org_id', 'date', 'seq'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('other_funding').execute()
  await db.schema.dropTable('contributions').execute()
  await db.schema.dropTable('valuations').execute()
  await db.schema.dropTable('transactions').execute()
  await sql`drop function refuse_reversal_of_reversal()`.execute(db)
}
