import { sql } from 'kysely'
import type { Db } from '../../src/db/tx.ts'

/** Every table, column, constraint, index, function, trigger and view of the public schema. */
export async function schemaOf(db: Db): Promise<string[]> {
  const { rows } = await sql<{ line: string }>`
    select 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
      || ' ' || coalesce(column_default, '') as line
      from information_schema.columns where table_schema = 'public'
    union all
    select 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      from pg_constraint where connamespace = 'public'::regnamespace
    union all
    select 'index ' || indexdef from pg_indexes where schemaname = 'public'
    union all
    select 'function ' || p.proname || ' ' || md5(pg_get_functiondef(p.oid))
      from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prokind in ('f', 'p')
    union all
    select 'trigger ' || pg_get_triggerdef(oid) from pg_trigger where not tgisinternal
    union all
    select 'view ' || viewname || ' ' || md5(definition) from pg_views where schemaname = 'public'
  `.execute(db)
  return rows.map((r) => r.line).sort()
}

/**
 * Per table with rows: the count and a digest of its rows in a stable order, leaving out the
 * moments they were written (when each database was migrated differs; what was seeded must not).
 */
export async function seedRowsOf(db: Db): Promise<Record<string, string>> {
  const { rows: tables } = await sql<{ name: string; moments: string[] }>`
    select t.table_name as name,
           coalesce(array_agg(c.column_name::text) filter (where c.data_type like 'timestamp%'), '{}') as moments
      from information_schema.tables t
      join information_schema.columns c using (table_schema, table_name)
     where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
     group by t.table_name order by t.table_name
  `.execute(db)
  const out: Record<string, string> = {}
  for (const { name, moments: written } of tables) {
    // Kysely keeps the moment a migration ran as text.
    const moments = name === 'kysely_migration' ? [...written, 'timestamp'] : written
    const { rows } = await sql<{ n: number; digest: string | null }>`
      select count(*)::int as n,
             md5(string_agg((to_jsonb(t) - ${moments}::text[])::text, '|' order by (to_jsonb(t) - ${moments}::text[])::text)) as digest
        from ${sql.table(name)} t
    `.execute(db)
    if (rows[0] && rows[0].n > 0) out[name] = `${rows[0].n} ${rows[0].digest}`
  }
  return out
}
