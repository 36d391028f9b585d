import { readFileSync } from 'node:fs'
import pg from 'pg'
import { inject } from 'vitest'
import type { Database } from '../../src/db/database.ts'
import { createPgliteDatabase } from '../../src/entry/node-database.ts'
import { createPostgresDatabase } from '../../src/entry/postgres.ts'
import { adminUrl, fileDatabaseName } from './postgres-admin.ts'

export const testTarget = (): 'pglite' | 'postgres' =>
  process.env.EFFEKT_TEST_DB === 'postgres' ? 'postgres' : 'pglite'

/** A test database; on PostgreSQL with its address (pg_dump needs it for backups). */
export type TestDatabase = Database & { connectionString?: string }

/**
 * A freshly migrated database of its own for one test file: PGlite loaded from the dump made in
 * global setup, or a PostgreSQL database cloned from the migrated template.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testTarget() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!
    const name = fileDatabaseName()
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database "${name}" template "${inject('pgTemplate')}"`)
    await admin.end()
    const connectionString = adminUrl(url, name)
    const database = createPostgresDatabase({ connectionString, max: 4 })
    const close = database.close
    return {
      ...database,
      connectionString,
      async close() {
        await close()
        const c = new pg.Client({ connectionString: url })
        await c.connect()
        await c.query(`drop database if exists "${name}" with (force)`)
        await c.end()
      },
    }
  }
  const dump = new Blob([readFileSync(inject('pgliteDump'))])
  return createPgliteDatabase('memory://', dump)
}
