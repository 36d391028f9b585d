import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PGliteDialect } from 'kysely'
import type { Config } from '../config.ts'
import { createDatabase, type Database, typeParsers } from '../db/database.ts'
import type { Logger } from '../http/logger.ts'
import { isEmptyDataDir, readBaseImage } from './node-base-image.ts'
import { lockDataDir } from './node-data-dir-lock.ts'
import { createPostgresDatabase } from './postgres.ts'

/** Embedded PostgreSQL (PGlite) in a folder, or in memory with `memory://`. */
export type PgliteDatabase = Database & { pglite: PGlite }

/**
 * PostgreSQL's own default of 128 MB shared buffers lives in PGlite's WebAssembly memory, so every
 * page the server touches stays resident in the Node process (issue 17: ≈ 90 MB of the 675 MB). The
 * embedded default holds a small portfolio; 16 MB holds its hot pages, and a page not there is one
 * file read away. Durability is unchanged (this is no `relaxedDurability`).
 */
export const PGLITE_MEMORY_PARAMS = ['-c', 'shared_buffers=16MB']

/**
 * A folder is locked for this process until close (see node-data-dir-lock.ts); close shuts PGlite
 * down cleanly so its files stay consistent. `loadDataDir` is a tarball to start from; a function
 * is asked only when the locked folder holds no database yet (the base image of a fresh start).
 */
export async function createPgliteDatabase(
  dataDir: string | undefined,
  loadDataDir?: Blob | (() => Blob | undefined),
): Promise<PgliteDatabase> {
  let unlock = () => {}
  if (dataDir && !dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true })
    unlock = lockDataDir(dataDir)
    if (typeof loadDataDir === 'function') loadDataDir = isEmptyDataDir(dataDir) ? loadDataDir() : undefined
  } else if (typeof loadDataDir === 'function') loadDataDir = loadDataDir()
  try {
    const pglite = new PGlite(dataDir, {
      parsers: typeParsers,
      startParams: [...PGlite.defaultStartParams, ...PGLITE_MEMORY_PARAMS],
      ...(loadDataDir ? { loadDataDir } : {}),
    })
    await pglite.waitReady
    const database = createDatabase(new PGliteDialect({ pglite }), 'pglite', async () => {
      try {
        if (!pglite.closed) await pglite.close()
      } finally {
        unlock()
      }
    })
    return { ...database, pglite }
  } catch (err) {
    unlock()
    throw err
  }
}

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite persisted in DATA_DIR. */
export async function openConfiguredDatabase(config: Config, logger?: Logger): Promise<Database> {
  if (config.DATABASE_URL)
    return createPostgresDatabase({
      connectionString: config.DATABASE_URL,
      max: config.DB_POOL_SIZE,
      connectionTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      onConnectionError: (err) =>
        logger?.warn({
          msg: 'database connection lost',
          error: err.message,
          code: (err as { code?: string }).code,
        }),
    })
  // A fresh folder starts from the base image of the current migrations when `npm install` built
  // one (node-base-image.ts), else PGlite runs initdb and the migrator does the rest.
  let source: 'base image' | 'initdb' | undefined
  const database = await createPgliteDatabase(config.DATA_DIR, () => {
    const image = readBaseImage()
    source = image ? 'base image' : 'initdb'
    return image
  })
  if (source === 'base image') logger?.info({ msg: 'new embedded database from the base image' })
  if (source === 'initdb')
    logger?.info({
      msg: 'new embedded database by initdb: no base image for these migrations (npm run build:base-image makes one)',
    })
  return database
}
