import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { resolve } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import type { Config } from '../config.ts'
import { migrateToLatest } from '../db/migrate.ts'
import type { Db } from '../db/tx.ts'
import { LOCK_FILE } from '../entry/node-data-dir-lock.ts'
import { createPgliteDatabase, type PgliteDatabase } from '../entry/node-database.ts'
import { createPostgresDatabase } from '../entry/postgres.ts'
import { BackupError, findPgTool, libpqTarget, runPgTool } from './pg-tools.ts'
import { copyDatabase } from './transfer.ts'

/**
 * `admin backup FILE` and `admin restore FILE`. A backup of PostgreSQL is a pg_dump archive
 * (custom format); a backup of the embedded database is PGlite's dump of its data directory
 * (a gzipped tar). Restore reads either kind: an archive into PostgreSQL, a PGlite dump into a
 * data directory or, row by row, into PostgreSQL (the way from the embedded default to a server).
 */
export type BackupKind = 'pg_dump' | 'pglite'

export interface BackupOptions {
  /** Folder of pg_dump / pg_restore when they are not on PATH. */
  pgBin?: string
  /** Restore over a database that already holds data. */
  force?: boolean
}

/** The kind of backup in a file, from its first bytes. */
export function backupKind(file: string): BackupKind {
  if (!existsSync(file)) throw new BackupError('backup.file_missing', `${file} does not exist.`)
  const head = Buffer.alloc(512)
  const fd = openSync(file, 'r')
  const n = readSync(fd, head, 0, 512, 0)
  closeSync(fd)
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg_dump'
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'pglite'
  if (n >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'pglite'
  throw new BackupError(
    'backup.unknown_format',
    `${file} is neither a pg_dump archive nor a PGlite data-directory dump.`,
  )
}

/** An Effekt database holds data once it has an organization or a user (migrations seed neither). */
export async function holdsData(db: Db): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.tables
    where table_schema = 'public' and table_name in ('organizations', 'users')`.execute(db)
  if (rows[0]!.n < 2) return false
  const org = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst()
  const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  return !!org || !!user
}

async function serverMajor(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    const { rows } = await client.query<{ v: string }>(`select current_setting('server_version_num') as v`)
    return Math.floor(Number(rows[0]!.v) / 10_000)
  } catch (err) {
    throw new BackupError('backup.unreachable', `Cannot reach PostgreSQL: ${(err as Error).message}`)
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Opens the embedded database for a command. While the server runs it holds DATA_DIR, and
 * opening it again is refused: say what to do instead.
 */
async function openEmbedded(dataDir: string): Promise<PgliteDatabase> {
  try {
    return await createPgliteDatabase(dataDir)
  } catch (err) {
    if ((err as Error).name === 'DataDirLockedError')
      throw new BackupError(
        'backup.data_dir_in_use',
        `${(err as Error).message}\nWhile the server runs, take the backup through it: EFFEKT_TOKEN=<platform admin token> npm run admin -- backup FILE --server http://localhost:8787 (README, Operations).`,
      )
    throw err
  }
}

const hasEmbeddedDatabase = (dataDir: string) => existsSync(resolve(dataDir, 'PG_VERSION'))

/** Writes next to the target and renames at the end, so a failed backup never leaves half a file. */
function partialOf(file: string) {
  return `${file}.partial`
}

export async function backup(config: Config, file: string, opts: BackupOptions = {}): Promise<string> {
  if (config.DATABASE_URL) {
    const pgDump = await findPgTool('pg_dump', await serverMajor(config.DATABASE_URL), opts.pgBin)
    const { dbname, env } = libpqTarget(config.DATABASE_URL)
    try {
      await runPgTool(pgDump, ['--format=custom', `--file=${partialOf(file)}`, `--dbname=${dbname}`], env)
      renameSync(partialOf(file), file)
    } finally {
      rmSync(partialOf(file), { force: true })
    }
    return `PostgreSQL backed up to ${file} (pg_dump archive).`
  }
  if (!hasEmbeddedDatabase(config.DATA_DIR))
    throw new BackupError('backup.no_database', `There is no embedded database in ${config.DATA_DIR}.`)
  const database = await openEmbedded(config.DATA_DIR)
  try {
    writeFileSync(partialOf(file), await dumpPglite(database))
    renameSync(partialOf(file), file)
  } finally {
    rmSync(partialOf(file), { force: true })
    await database.close()
  }
  return `Embedded database in ${config.DATA_DIR} backed up to ${file} (PGlite dump).`
}

/**
 * PGlite's dump of its data directory, taken under its query lock: a consistent snapshot even
 * while the server is serving (a checkpoint first keeps the recovery on load short).
 */
export async function dumpPglite(database: PgliteDatabase): Promise<Uint8Array<ArrayBuffer>> {
  await database.pglite.exec('checkpoint')
  const blob = await database.pglite.dumpDataDir('gzip')
  return new Uint8Array(await blob.arrayBuffer())
}

export async function restore(config: Config, file: string, opts: BackupOptions = {}): Promise<string> {
  const kind = backupKind(file)
  if (config.DATABASE_URL) {
    return kind === 'pg_dump'
      ? restoreArchive(config.DATABASE_URL, file, opts)
      : restorePgliteIntoPostgres(config.DATABASE_URL, file, opts)
  }
  if (kind === 'pg_dump')
    throw new BackupError(
      'backup.format_mismatch',
      `${file} is a pg_dump archive: it restores into PostgreSQL. Set DATABASE_URL to the target server.`,
    )
  return restorePglite(config.DATA_DIR, file, opts)
}

function notEmpty(where: string): BackupError {
  return new BackupError(
    'backup.target_not_empty',
    `${where} already holds data (organizations or users). Restore into an empty database, or pass --force to replace it.`,
  )
}

async function assertRestorable(db: Db, where: string, force: boolean | undefined) {
  if (!force && (await holdsData(db))) throw notEmpty(where)
}

async function restoreArchive(url: string, file: string, opts: BackupOptions): Promise<string> {
  const pgRestore = await findPgTool('pg_restore', await serverMajor(url), opts.pgBin)
  const target = createPostgresDatabase({ connectionString: url, max: 1 })
  try {
    await assertRestorable(target.db, 'The PostgreSQL database', opts.force)
  } finally {
    await target.close()
  }
  const { dbname, env } = libpqTarget(url)
  // One transaction: a restore that fails half-way leaves the database as it was.
  await runPgTool(
    pgRestore,
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-acl',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${dbname}`,
      file,
    ],
    env,
  )
  return `Restored ${file} into PostgreSQL.`
}

async function restorePgliteIntoPostgres(url: string, file: string, opts: BackupOptions): Promise<string> {
  const source = await createPgliteDatabase('memory://', new Blob([readFileSync(file)]))
  const target = createPostgresDatabase({ connectionString: url, max: 1 })
  try {
    await assertRestorable(target.db, 'The PostgreSQL database', opts.force)
    // Both sides at the same schema version, so every column has a place to go.
    await migrateToLatest(source.db)
    await migrateToLatest(target.db)
    const report = await copyDatabase(source.db, target.db)
    return `Copied ${report.rows} rows in ${report.tables} tables from ${file} into PostgreSQL; every table's checksum matches.`
  } finally {
    await target.close()
    await source.close()
  }
}

async function restorePglite(dataDir: string, file: string, opts: BackupOptions): Promise<string> {
  let movedTo: string | undefined
  if (hasEmbeddedDatabase(dataDir)) {
    const existing = await openEmbedded(dataDir)
    try {
      await assertRestorable(existing.db, `The embedded database in ${dataDir}`, opts.force)
    } finally {
      await existing.close()
    }
    // Kept, not deleted: a restore by mistake can be undone by moving the folder back.
    movedTo = `${resolve(dataDir)}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
    renameSync(dataDir, movedTo)
  } else if (existsSync(dataDir)) {
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    const restored = await createPgliteDatabase(dataDir, new Blob([readFileSync(file)]))
    await sql`select 1`.execute(restored.db)
    await restored.close()
    // A dump carries the lock file of the process that took it; this folder is nobody's yet.
    rmSync(resolve(dataDir, LOCK_FILE), { force: true })
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true })
    if (movedTo) renameSync(movedTo, dataDir)
    throw new BackupError('backup.load_failed', `${file} could not be loaded: ${(err as Error).message}`)
  }
  return `Restored ${file} into ${dataDir}.${movedTo ? ` The previous database is kept in ${movedTo}.` : ''}`
}
