import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PGliteDialect } from 'kysely'
import type { Config } from '../config.ts'
import { createDatabase, type Database, typeParsers } from '../db/database.ts'
import { createPostgresDatabase } from '../db/postgres.ts'

/** Embedded PostgreSQL (PGlite) in a folder, or in memory with `memory://`. */
export type PgliteDatabase = Database & { pglite: PGlite }

export async function createPgliteDatabase(
  dataDir: string | undefined,
  loadDataDir?: Blob,
): Promise<PgliteDatabase> {
  if (dataDir && !dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  const pglite = new PGlite(dataDir, { parsers: typeParsers, ...(loadDataDir ? { loadDataDir } : {}) })
  await pglite.waitReady
  const database = createDatabase(new PGliteDialect({ pglite }), 'pglite', async () => {
    if (!pglite.closed) await pglite.close()
  })
  return { ...database, pglite }
}

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite persisted in DATA_DIR. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.DATABASE_URL) return createPostgresDatabase({ connectionString: config.DATABASE_URL })
  return createPgliteDatabase(config.DATA_DIR)
}
