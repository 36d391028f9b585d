import { type Kysely, sql } from 'kysely'
import { INDICATORS_2026_11_27 } from './seed/2026-11-27-0005-indicators.ts'

/**
 * Outcomes: the indicator catalogue (seeded here, so every database has it), assignments with
 * targets, reports with revisions and an append-only transition log, and the values of each
 * revision. Two rules live in the database as well as in the services, because they are what
 * makes reported numbers trustworthy:
 * - an indicator's semantics (unit, aggregation, direction, personal) never change once values
 *   exist for it;
 * - values can only be written to the current revision of a report while it is a draft or
 *   returned: a submitted or verified revision, and every earlier revision, is frozen.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('indicators')
    .addColumn('code', 'text', (c) =>
      c.primaryKey().check(sql`code ~ '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$' and length(code) <= 40`),
    )
    .addColumn('owner_org_id', 'uuid', (c) => c.references('organizations.id'))
    .addColumn('name_nb', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'text', (c) =>
      c
        .notNull()
        .check(sql`unit in ('people', 'count', 'NOK', 'hours', 'days', 'percent', 'tonnes', 'tonnes_co2e')`),
    )
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('output', 'outcome', 'impact')`))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('increase', 'decrease')`))
    .addColumn('aggregation', 'text', (c) => c.notNull().check(sql`aggregation in ('sum', 'last', 'ratio')`))
    .addColumn('themes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('sdg_targets', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('iris_metric_id', 'text')
    .addColumn('iris_version', 'text')
    .addColumn('personal', 'boolean', (c) => c.notNull())
    .addColumn('allowed_breakdowns', sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'`)
        .check(sql`allowed_breakdowns <@ array['gender', 'age_band', 'municipality']`),
    )
    .addColumn('shareable', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('indicators_owner_idx').on('indicators').column('owner_org_id').execute()

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('venture_org_id', 'uuid', (c) => c.notNull().references('ventures.org_id'))
    .addColumn('indicator_code', 'text', (c) => c.notNull().references('indicators.code'))
    .addColumn('frequency', 'text', (c) =>
      c.notNull().check(sql`frequency in ('monthly', 'quarterly', 'yearly')`),
    )
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date')
    .addColumn('baseline_value', 'numeric')
    .addColumn('baseline_date', 'date')
    .addColumn('created_by_org_id', 'uuid', (c) => c.references('organizations.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('assignments_venture_indicator_key', ['venture_org_id', 'indicator_code'])
    .addCheckConstraint('assignments_end_after_start', sql`end_date is null or end_date >= start_date`)
    .addCheckConstraint('assignments_baseline_pair', sql`(baseline_value is null) = (baseline_date is null)`)
    .execute()
  await db.schema
    .createIndex('assignments_indicator_idx')
    .on('assignments')
    .column('indicator_code')
    .execute()

  await db.schema
    .createTable('assignment_targets')
    .addColumn('assignment_id', 'uuid', (c) => c.notNull().references('assignments.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'numeric', (c) => c.notNull())
    .addPrimaryKeyConstraint('assignment_targets_pk', ['assignment_id', 'period'])
    .execute()

  await db.schema
    .createTable('reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('venture_org_id', 'uuid', (c) => c.notNull().references('ventures.org_id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) =>
      c.notNull().check(sql`frequency in ('monthly', 'quarterly', 'yearly')`),
    )
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'submitted', 'returned', 'verified')`),
    )
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1).check(sql`revision >= 1`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('reports_venture_period_key', ['venture_org_id', 'period'])
    .execute()
  await db.schema
    .createIndex('reports_status_idx')
    .on('reports')
    .columns(['status', 'venture_org_id'])
    .execute()

  await db.schema
    .createTable('report_revisions')
    .addColumn('report_id', 'uuid', (c) => c.notNull().references('reports.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('highlights', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('challenges', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_steps', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reason', 'text')
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('opened_by_user_id', 'uuid')
    .addPrimaryKeyConstraint('report_revisions_pk', ['report_id', 'revision'])
    .execute()

  await db.schema
    .createTable('report_transitions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity().unique())
    .addColumn('report_id', 'uuid', (c) => c.notNull().references('reports.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action in ('create', 'submit', 'verify', 'return', 'amend')`),
    )
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('actor_org_id', 'uuid')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('values_snapshot', 'jsonb')
    .execute()
  await db.schema
    .createIndex('report_transitions_report_idx')
    .on('report_transitions')
    .columns(['report_id', 'seq'])
    .execute()
  await sql`create trigger report_transitions_append_only before update or delete on report_transitions
    for each row execute function refuse_change()`.execute(db)

  await db.schema
    .createTable('report_values')
    .addColumn('report_id', 'uuid', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('assignment_id', 'uuid', (c) => c.notNull().references('assignments.id'))
    .addColumn('total', 'numeric', (c) => c.notNull())
    .addColumn('numerator', 'numeric')
    .addColumn('denominator', 'numeric')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('verification_level', 'text', (c) =>
      c
        .notNull()
        .defaultTo('self_reported')
        .check(
          sql`verification_level in ('self_reported', 'document_checked', 'register_verified', 'audited')`,
        ),
    )
    .addPrimaryKeyConstraint('report_values_pk', ['report_id', 'revision', 'assignment_id'])
    .addForeignKeyConstraint('report_values_revision_fk', ['report_id', 'revision'], 'report_revisions', [
      'report_id',
      'revision',
    ])
    .execute()
  await db.schema
    .createIndex('report_values_assignment_idx')
    .on('report_values')
    .column('assignment_id')
    .execute()

  await db.schema
    .createTable('report_value_breakdowns')
    .addColumn('report_id', 'uuid', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('assignment_id', 'uuid', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) =>
      c.notNull().check(sql`dimension in ('gender', 'age_band', 'municipality')`),
    )
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('value', 'numeric', (c) => c.notNull())
    .addColumn('numerator', 'numeric')
    .addColumn('denominator', 'numeric')
    .addPrimaryKeyConstraint('report_value_breakdowns_pk', [
      'report_id',
      'revision',
      'assignment_id',
      'dimension',
      'category',
    ])
    .addForeignKeyConstraint(
      'report_value_breakdowns_value_fk',
      ['report_id', 'revision', 'assignment_id'],
      'report_values',
      ['report_id', 'revision', 'assignment_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()
  await db.schema
    .createIndex('report_value_breakdowns_dimension_idx')
    .on('report_value_breakdowns')
    .columns(['dimension', 'category'])
    .execute()

  // Values are writable only in the current revision while it is a draft or returned. Checked
  // once per statement over its transition tables, so a bulk insert pays for one query.
  await sql`
    create function refuse_frozen_values() returns trigger language plpgsql as $$
    begin
      -- Separate statements: plpgsql plans each one only when it runs, and an INSERT trigger has
      -- no old table (a DELETE trigger no new one).
      if tg_op <> 'INSERT' then
        if exists (
          select 1 from changed_old f left join reports r on r.id = f.report_id
          where r.id is null or r.revision <> f.revision or r.status not in ('draft', 'returned')
        ) then
          raise exception '%: values of a submitted or verified revision are frozen (% refused)', tg_table_name, tg_op
            using errcode = '55000';
        end if;
      end if;
      if tg_op <> 'DELETE' then
        if exists (
          select 1 from changed_new f left join reports r on r.id = f.report_id
          where r.id is null or r.revision <> f.revision or r.status not in ('draft', 'returned')
        ) then
          raise exception '%: values of a submitted or verified revision are frozen (% refused)', tg_table_name, tg_op
            using errcode = '55000';
        end if;
      end if;
      return null;
    end $$`.execute(db)
  for (const table of ['report_values', 'report_value_breakdowns']) {
    const on = sql.table(table)
    const name = (op: string) => sql.raw(`${table}_frozen_${op}`)
    await sql`create trigger ${name('insert')} after insert on ${on}
      referencing new table as changed_new for each statement execute function refuse_frozen_values()`.execute(
      db,
    )
    await sql`create trigger ${name('update')} after update on ${on}
      referencing old table as changed_old new table as changed_new
      for each statement execute function refuse_frozen_values()`.execute(db)
    await sql`create trigger ${name('delete')} after delete on ${on}
      referencing old table as changed_old for each statement execute function refuse_frozen_values()`.execute(
      db,
    )
  }

  // An indicator's semantics are part of every value reported against it.
  await sql`
    create function refuse_indicator_semantics_change() returns trigger language plpgsql as $$
    begin
      if (old.unit, old.aggregation, old.direction, old.personal)
           is distinct from (new.unit, new.aggregation, new.direction, new.personal)
         and exists (select 1 from report_values v join assignments a on a.id = v.assignment_id
                     where a.indicator_code = old.code) then
        raise exception 'indicator %: unit, aggregation, direction and personal cannot change once values exist', old.code
          using errcode = '55000';
      end if;
      return new;
    end $$`.execute(db)
  await sql`create trigger indicators_semantics_frozen before update on indicators
    for each row execute function refuse_indicator_semantics_change()`.execute(db)

  await db
    .insertInto('indicators' as never)
    .values(
      INDICATORS_2026_11_27.map((row) => ({
        ...row,
        themes: [...row.themes],
        sdg_targets: [...row.sdg_targets],
        allowed_breakdowns: [...row.allowed_breakdowns],
      })) as never,
    )
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'report_value_breakdowns',
    'report_values',
    'report_transitions',
    'report_revisions',
    'reports',
    'assignment_targets',
    'assignments',
    'indicators',
  ]) {
    await db.schema.dropTable(t).execute()
  }
  await sql`drop function refuse_frozen_values()`.execute(db)
  await sql`drop function refuse_indicator_semantics_change()`.execute(db)
}
