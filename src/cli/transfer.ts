import { sql } from 'kysely'
import type { Db } from '../db/tx.ts'
import { BackupError } from './pg-tools.ts'

/** Kysely's own bookkeeping: each database records when it applied its migrations. */
const MIGRATION_TABLES = /^kysely_/

const ident = (name: string) => sql.id(name)

export async function publicTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db)
  return rows.map((r) => r.name)
}

export interface TableChecksum {
  table: string
  rows: number
  md5: string
}

/**
 * One checksum per table over the text of every row, sorted bytewise (collation "C") and with
 * timestamps in UTC, so the same data gives the same sums on PGlite and on any PostgreSQL
 * server whatever its locale or time zone.
 */
export async function tableChecksums(
  db: Db,
  { includeMigrations = true }: { includeMigrations?: boolean } = {},
): Promise<TableChecksum[]> {
  const inTx = async (trx: Db) => {
    await sql`set local timezone = 'UTC'`.execute(trx)
    await sql`set local datestyle = 'ISO, YMD'`.execute(trx)
    const out: TableChecksum[] = []
    for (const table of await publicTables(trx)) {
      if (!includeMigrations && MIGRATION_TABLES.test(table)) continue
      const { rows } = await sql<{ n: number; sum: string }>`
        select count(*)::int as n,
               coalesce(md5(string_agg(t::text, E'\n' order by t::text collate "C")), '') as sum
        from ${ident(table)} t`.execute(trx)
      out.push({ table, rows: rows[0]!.n, md5: rows[0]!.sum })
    }
    return out
  }
  // Inside a caller's transaction (the copy checks before it commits) or in one of its own.
  return db.isTransaction ? inTx(db) : db.transaction().execute(inTx)
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function dependencyOrder(db: Db, tables: string[]): Promise<{ order: string[]; selfRef: Set<string> }> {
  const { rows } = await sql<{ child: string; parent: string }>`
    select ch.relname as child, pa.relname as parent
    from pg_constraint c
    join pg_class ch on ch.oid = c.conrelid
    join pg_class pa on pa.oid = c.confrelid
    join pg_namespace n on n.oid = ch.relnamespace
    where c.contype = 'f' and n.nspname = 'public'`.execute(db)
  const selfRef = new Set(rows.filter((r) => r.child === r.parent).map((r) => r.child))
  const order: string[] = []
  const placed = new Set<string>()
  const visit = (table: string, path: string[]) => {
    if (placed.has(table)) return
    if (path.includes(table)) throw new Error(`foreign keys form a cycle: ${[...path, table].join(' → ')}`)
    for (const r of rows) if (r.child === table && r.parent !== table) visit(r.parent, [...path, table])
    placed.add(table)
    order.push(table)
  }
  for (const t of tables) visit(t, [])
  return { order: order.filter((t) => tables.includes(t)), selfRef }
}

const BATCH_ROWS = 1000

export interface CopyReport {
  tables: number
  rows: number
}

/**
 * Copies every row of an Effekt database into another one migrated to the same version (the
 * embedded database into PostgreSQL). Rows travel as JSON text, so numerics, timestamps with
 * microseconds and jsonb arrive exactly; in one transaction the target is emptied, its own
 * triggers are paused (the source's derived tables such as the impact rollup are copied as
 * they are, not recomputed) and foreign keys are still checked. Afterwards every table's
 * checksum must match the source's.
 */
export async function copyDatabase(source: Db, target: Db): Promise<CopyReport> {
  const sourceTables = new Set(await publicTables(source))
  const tables = (await publicTables(target)).filter((t) => !MIGRATION_TABLES.test(t))
  const missing = [...sourceTables].filter((t) => !MIGRATION_TABLES.test(t) && !tables.includes(t))
  if (missing.length)
    throw new BackupError(
      'backup.schema_mismatch',
      `The target database lacks tables the backup has (${missing.join(', ')}): is it migrated by an older Effekt?`,
    )
  const want = await tableChecksums(source, { includeMigrations: false })
  let copied = 0
  await target.transaction().execute(async (trx) => {
    const { order, selfRef } = await dependencyOrder(trx, tables)
    await sql`truncate table ${sql.join(order.map(ident))} restart identity`.execute(trx)
    for (const table of order) await sql`alter table ${ident(table)} disable trigger user`.execute(trx)
    for (const table of order) {
      if (!sourceTables.has(table)) continue
      const { rows: columns } = await sql<{ name: string }>`
        select column_name as name from information_schema.columns
        where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
        order by ordinal_position`.execute(trx)
      const cols = sql.join(columns.map((c) => ident(c.name)))
      const { rows } = await sql<{ row: string }>`
        select row_to_json(t)::text as row from ${ident(table)} t`.execute(source)
      // A table that refers to itself goes in one statement: its keys are checked at its end.
      const batch = selfRef.has(table) ? Math.max(rows.length, 1) : BATCH_ROWS
      for (let i = 0; i < rows.length; i += batch) {
        const json = `[${rows
          .slice(i, i + batch)
          .map((r) => r.row)
          .join(',')}]`
        await sql`insert into ${ident(table)} (${cols}) overriding system value
          select ${cols} from json_populate_recordset(null::${ident(table)}, ${json}::json)`.execute(trx)
      }
      copied += rows.length
    }
    for (const table of order) await sql`alter table ${ident(table)} enable trigger user`.execute(trx)
    await resetSequences(trx)
    // Checked before the commit: a copy that differs in any table leaves the target untouched.
    const got = await tableChecksums(trx, { includeMigrations: false })
    const differ = want.filter((w) => {
      const g = got.find((x) => x.table === w.table)
      return !g || g.md5 !== w.md5 || g.rows !== w.rows
    })
    if (differ.length)
      throw new BackupError(
        'backup.checksum_mismatch',
        `The copy differs from the backup in ${differ.map((d) => d.table).join(', ')}; nothing was changed.`,
      )
  })
  return { tables: want.length, rows: copied }
}

/** Sequences owned by columns continue after the highest copied value. */
async function resetSequences(db: Db) {
  const { rows } = await sql<{ seq: string; tbl: string; col: string }>`
    select s.relname as seq, t.relname as tbl, a.attname as col
    from pg_depend d
    join pg_class s on s.oid = d.objid and s.relkind = 'S'
    join pg_class t on t.oid = d.refobjid
    join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public' and d.deptype in ('a', 'i')`.execute(db)
  for (const r of rows) {
    await sql`select setval(${`"${r.seq}"`}::regclass,
      coalesce((select max(${ident(r.col)}) from ${ident(r.tbl)}), 0) + 1, false)`.execute(db)
  }
}
