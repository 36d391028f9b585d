import { sql } from 'kysely'
import { type MigrationResultSet, Migrator } from 'kysely/migration'
import { migrations } from '../../migrations/index.ts'
import type { Db } from './tx.ts'

/**
 * Applies every pending migration. Kysely's migrator holds a PostgreSQL advisory lock while it
 * runs, so two processes starting at once apply each migration exactly once.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  if (await allApplied(db)) return []
  // On one connection without DB_STATEMENT_TIMEOUT_MS: building an index on a large table may
  // rightly take longer than any request should. The setting is restored before the connection
  // goes back to the pool.
  const result: MigrationResultSet = await db.connection().execute(async (conn) => {
    await sql`set statement_timeout = 0`.execute(conn)
    try {
      return await new Migrator({
        db: conn,
        provider: { getMigrations: async () => migrations },
      }).migrateToLatest()
    } finally {
      // A connection that broke mid-migration is discarded by the pool; the first error is the one to report.
      await sql`reset statement_timeout`.execute(conn).catch(() => {})
    }
  })
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    const err = new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`)
    err.cause = result.error
    throw err
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/**
 * True when every migration is recorded already: the usual restart. One read instead of the
 * migrator's lock table, advisory lock and DDL, which take about a second on the embedded
 * database (issue 17). Anything pending, or no migration table yet, goes through the migrator.
 */
async function allApplied(db: Db): Promise<boolean> {
  const table = await sql<{
    name: string | null
  }>`select to_regclass('kysely_migration')::text as name`.execute(db)
  if (!table.rows[0]?.name) return false
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
  const applied = new Set(rows.map((r) => r.name))
  return Object.keys(migrations).every((name) => applied.has(name))
}
