import { createReadStream, mkdtempSync, openSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import type { Config } from '../config.ts'
import type { Database } from '../db/database.ts'
import type { PgliteDatabase } from '../entry/node-database.ts'
import type { DatabaseBackup } from '../http/env.ts'
import { Problem } from '../http/problem.ts'
import { isProblemCode } from '../http/problem-codes.ts'
import { backup, dumpPglite } from './backup.ts'
import { BackupError } from './pg-tools.ts'

/**
 * What the running server hands out at GET /v1/admin/backup: the embedded database's dump from
 * the PGlite the server holds (no second process may open DATA_DIR), or a pg_dump archive.
 */
export function serverBackup(config: Config, database: Database): () => Promise<DatabaseBackup> {
  return async () => {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, 'Z')
    if ('pglite' in database) {
      const body = await dumpPglite(database as PgliteDatabase)
      return { filename: `effekt-${stamp}.tar.gz`, contentType: 'application/gzip', body }
    }
    if (!config.DATABASE_URL)
      throw new Problem('backup.unavailable', 'This server does not know its database’s address.')
    const dir = mkdtempSync(join(tmpdir(), 'effekt-backup-'))
    try {
      const file = join(dir, 'backup.dump')
      await backup(config, file)
      // Streamed from an open descriptor; the folder goes at once (the data lives until closed).
      const fd = openSync(file, 'r')
      const body = Readable.toWeb(createReadStream(file, { fd })) as ReadableStream<Uint8Array>
      return { filename: `effekt-${stamp}.dump`, contentType: 'application/octet-stream', body }
    } catch (err) {
      if (err instanceof BackupError)
        throw new Problem(isProblemCode(err.code) ? err.code : 'backup.tool_failed', err.message)
      throw err
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
