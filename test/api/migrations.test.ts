import { sql } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../migrations/index.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { createPostgresDatabase } from '../../src/entry/postgres.ts'
import { createTestDatabase, testTarget } from '../helpers/database.ts'
import { adminUrl, fileDatabaseName } from '../helpers/postgres-admin.ts'
import { QueryCounter } from '../helpers/query-counter.ts'

describe('migrations', () => {
  it('are idempotent: a second run applies nothing', async () => {
    const database = await createTestDatabase()
    try {
      expect(await migrateToLatest(database.db)).toEqual([])
      expect(await migrateToLatest(database.db)).toEqual([])
    } finally {
      await database.close()
    }
  })

  it('an up-to-date database costs two reads at start; a missing one is still applied', async () => {
    const database = await createTestDatabase()
    const counter = new QueryCounter()
    try {
      const counted = database.db.withPlugin(counter)
      expect(await migrateToLatest(counted)).toEqual([])
      expect(counter.count).toBe(2)
      // Forget the last migration: the migrator runs again and re-applies just that one.
      const last = Object.keys(migrations).at(-1)!
      await sql`delete from kysely_migration where name = ${last}`.execute(database.db)
      await migrations[last]!.down?.(database.db)
      expect(await migrateToLatest(counted)).toEqual([last])
    } finally {
      await database.close()
    }
  })

  it('are listed in the order they run', () => {
    const names = Object.keys(migrations)
    expect(names).toEqual([...names].sort())
  })

  it.runIf(testTarget() === 'postgres')('apply exactly once when two processes start at once', async () => {
    const url = process.env.TEST_DATABASE_URL!
    const name = fileDatabaseName()
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database "${name}"`)
    const a = createPostgresDatabase({ connectionString: adminUrl(url, name), max: 2 })
    const b = createPostgresDatabase({ connectionString: adminUrl(url, name), max: 2 })
    try {
      const [ra, rb] = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)])
      // Together they applied every migration once; neither failed.
      expect([...ra, ...rb].sort()).toEqual(Object.keys(migrations).sort())
      const client = new pg.Client({ connectionString: adminUrl(url, name) })
      await client.connect()
      const { rows } = await client.query('select count(*)::int as n from kysely_migration')
      await client.end()
      expect(rows[0].n).toBe(Object.keys(migrations).length)
    } finally {
      await a.close()
      await b.close()
      await admin.query(`drop database if exists "${name}" with (force)`)
      await admin.end()
    }
  })
})
