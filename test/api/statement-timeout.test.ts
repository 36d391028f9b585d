import { sql } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../migrations/index.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { createPostgresDatabase } from '../../src/entry/postgres.ts'
import { isDatabaseUnavailable } from '../../src/http/unavailable.ts'
import { testTarget } from '../helpers/database.ts'
import { adminUrl, fileDatabaseName } from '../helpers/postgres-admin.ts'

/** DB_STATEMENT_TIMEOUT_MS reaches the server, bounds requests (→ 503) but never migrations: at 1 ms, any migration would fail. */
describe.runIf(testTarget() === 'postgres')('statement timeout', () => {
  it('cancels a slow statement with 57014, a 503, while migrations run unbounded', async () => {
    const url = process.env.TEST_DATABASE_URL!
    const name = fileDatabaseName()
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database "${name}"`)
    const database = createPostgresDatabase({
      connectionString: adminUrl(url, name),
      max: 1,
      statementTimeoutMs: 1,
      idleInTransactionTimeoutMs: 5000,
    })
    try {
      expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations))
      const settings = await sql<{
        s: string
        i: string
      }>`select current_setting('statement_timeout') as s, current_setting('idle_in_transaction_session_timeout') as i`.execute(
        database.db,
      )
      expect(settings.rows[0]).toEqual({ s: '1ms', i: '5s' })
      const slow = await sql`select pg_sleep(0.5)`.execute(database.db).catch((e: unknown) => e)
      expect((slow as { code?: string }).code).toBe('57014')
      expect(isDatabaseUnavailable(slow)).toBe(true)
    } finally {
      await database.close()
      await admin.query(`drop database if exists "${name}" with (force)`)
      await admin.end()
    }
  })
})
