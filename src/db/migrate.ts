import { sql } from 'kysely'
import { type MigrationResultSet, Migrator } from 'kysely/migration'
import { migrations } from '../../migrations/index.ts'
import type { Db } from './tx.ts'

/**
 * Applies every pending migration. Kysely's migrator holds a PostgreSQL advisory lock while it
 * runs, so two processes starting at once apply each migration exactly once.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
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
