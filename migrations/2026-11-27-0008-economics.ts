import { type Kysely, sql } from 'kysely'

/**
 * Impact economics (PRODUCT.md §5): versioned SROI models per venture, and outcome contracts
 * with the statements a payer approved.
 *
 * What must stay true in the database itself, whatever the application does:
 * - an SROI model version, once written, never changes (a PUT writes the next version);
 * - a contract's priced metrics never change, and an approved statement and its lines are never
 *   changed or deleted: a later correction is an adjustment line in a later statement;
 * - one approved statement per contract and period, and never a negative one (a clawback is set
 *   off against the next statement instead, see the contracts service).
 */
const PERCENT = (column: string) => sql.raw(`${column} >= 0 and ${column} <= 100`)

async function appendOnly(db: Kysely<unknown>, table: string) {
  await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
    for each row execute function refuse_change()`.execute(db)
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sroi_models')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('venture_org_id', 'uuid', (c) => c.notNull().references('ventures.org_id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    // Percent (4 for 4 %), as the API takes it.
    .addColumn('discount_rate', 'numeric', (c) => c.notNull().check(PERCENT('discount_rate')))
    // NOK; null means "disbursed capital, other funding and valued support in the window".
    .addColumn('inputs_override', 'numeric(17, 2)', (c) => c.check(sql`inputs_override >= 0`))
    .addColumn('inputs_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('window_from', 'date')
    .addColumn('window_to', 'date')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addColumn('created_by_org_id', 'uuid', (c) => c.references('organizations.id'))
    .addUniqueConstraint('sroi_models_venture_version_key', ['venture_org_id', 'version'])
    .addCheckConstraint(
      'sroi_models_window_check',
      sql`window_from is null or window_to is null or window_from <= window_to`,
    )
    .execute()
  await appendOnly(db, 'sroi_models')

  await db.schema
    .createTable('sroi_model_outcomes')
    .addColumn('model_id', 'uuid', (c) => c.notNull().references('sroi_models.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('indicator_code', 'text', (c) => c.notNull().references('indicators.code'))
    .addColumn('proxy', 'numeric', (c) => c.notNull().check(sql`proxy >= 0`))
    .addColumn('proxy_source', 'text', (c) => c.notNull())
    .addColumn('deadweight', 'numeric', (c) => c.notNull().check(PERCENT('deadweight')))
    .addColumn('attribution', 'numeric', (c) => c.notNull().check(PERCENT('attribution')))
    .addColumn('displacement', 'numeric', (c) => c.notNull().check(PERCENT('displacement')))
    .addColumn('drop_off', 'numeric', (c) => c.notNull().check(PERCENT('drop_off')))
    .addColumn('duration_years', 'integer', (c) =>
      c.notNull().check(sql`duration_years >= 1 and duration_years <= 50`),
    )
    .addPrimaryKeyConstraint('sroi_model_outcomes_pk', ['model_id', 'position'])
    .addUniqueConstraint('sroi_model_outcomes_indicator_key', ['model_id', 'indicator_code'])
    .execute()
  await appendOnly(db, 'sroi_model_outcomes')

  await db.schema
    .createTable('outcome_contracts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('payer_org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('provider_org_id', 'uuid', (c) => c.notNull().references('ventures.org_id'))
    // The outcome_contract investment whose ledger receives the outcome payments.
    .addColumn('investment_id', 'uuid', (c) => c.notNull().references('investments.id'))
    .addColumn('frequency', 'text', (c) =>
      c.notNull().check(sql`frequency in ('monthly', 'quarterly', 'yearly')`),
    )
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date', (c) => c.notNull())
    .addColumn('total_cap', 'numeric(17, 2)', (c) => c.check(sql`total_cap >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('NOK').check(sql`currency = 'NOK'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'uuid')
    .addCheckConstraint('outcome_contracts_dates_check', sql`end_date >= start_date`)
    .execute()
  await db.schema
    .createIndex('outcome_contracts_payer_idx')
    .on('outcome_contracts')
    .column('payer_org_id')
    .execute()
  await db.schema
    .createIndex('outcome_contracts_provider_idx')
    .on('outcome_contracts')
    .column('provider_org_id')
    .execute()

  await db.schema
    .createTable('outcome_contract_parties')
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('outcome_contracts.id'))
    .addColumn('org_id', 'uuid', (c) => c.notNull().references('organizations.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('investor', 'partner')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_contract_parties_pk', ['contract_id', 'org_id'])
    .execute()
  await db.schema
    .createIndex('outcome_contract_parties_org_idx')
    .on('outcome_contract_parties')
    .column('org_id')
    .execute()
  await appendOnly(db, 'outcome_contract_parties')

  await db.schema
    .createTable('outcome_contract_metrics')
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('outcome_contracts.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('indicator_code', 'text', (c) => c.notNull().references('indicators.code'))
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('price_per_unit', 'numeric(17, 2)', (c) => c.notNull().check(sql`price_per_unit >= 0`))
    .addColumn('baseline_units', 'numeric', (c) => c.notNull().check(sql`baseline_units >= 0`))
    .addColumn('unit_cap', 'numeric', (c) => c.check(sql`unit_cap >= 0`))
    .addPrimaryKeyConstraint('outcome_contract_metrics_pk', ['contract_id', 'position'])
    .addUniqueConstraint('outcome_contract_metrics_indicator_key', ['contract_id', 'indicator_code'])
    .execute()
  await appendOnly(db, 'outcome_contract_metrics')

  await db.schema
    .createTable('outcome_statements')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('outcome_contracts.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('current_total', 'numeric(17, 2)', (c) => c.notNull())
    .addColumn('adjustment_total', 'numeric(17, 2)', (c) => c.notNull())
    .addColumn('total', 'numeric(17, 2)', (c) => c.notNull().check(sql`total >= 0`))
    // Null when the total is 0: the ledger holds positive amounts only.
    .addColumn('transaction_id', 'uuid', (c) => c.references('transactions.id'))
    // The statement as the API showed it when it was approved.
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('approved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('approved_by', 'uuid')
    .addColumn('approved_by_label', 'text', (c) => c.notNull())
    .addUniqueConstraint('outcome_statements_contract_period_key', ['contract_id', 'period'])
    .execute()
  await appendOnly(db, 'outcome_statements')

  await db.schema
    .createTable('outcome_statement_lines')
    .addColumn('statement_id', 'uuid', (c) => c.notNull().references('outcome_statements.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('current', 'adjustment')`))
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('for_period', 'text', (c) => c.notNull())
    // Signed: an adjustment line may reclaim units and money paid for an earlier period.
    .addColumn('units', 'numeric', (c) => c.notNull())
    .addColumn('amount', 'numeric(17, 2)', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_statement_lines_pk', ['statement_id', 'position'])
    .execute()
  await appendOnly(db, 'outcome_statement_lines')
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outcome_statement_lines',
    'outcome_statements',
    'outcome_contract_metrics',
    'outcome_contract_parties',
    'outcome_contracts',
    'sroi_model_outcomes',
    'sroi_models',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
