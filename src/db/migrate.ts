import { type MigrationResultSet, Migrator } from 'kysely/migration'
import { migrations } from '../../migrations/index.ts'
import type { Db } from './tx.ts'

/**
 * Applies every pending migration. Kysely's migrator holds a PostgreSQL advisory lock while it
 * runs, so two processes starting at once apply each migration exactly once.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const result: MigrationResultSet = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    const err = new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`)
    err.cause = result.error
    throw err
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
