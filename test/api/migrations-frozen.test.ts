import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { migrations } from '../../migrations/index.ts'
import type { Db } from '../../src/db/tx.ts'
import { MUNICIPALITY_VERSIONS } from '../../src/domain/data/municipalities/municipality-data.ts'
import { INDICATOR_CATALOGUE } from '../../src/domain/indicator-catalogue.ts'
import { currentMunicipality, isKnownMunicipality } from '../../src/domain/municipalities.ts'
import { createPgliteDatabase } from '../../src/entry/node-database.ts'
import { createPostgresDatabase } from '../../src/entry/postgres.ts'
import { createTestDatabase, testTarget } from '../helpers/database.ts'
import { adminUrl, fileDatabaseName } from '../helpers/postgres-admin.ts'
import { schemaOf, seedRowsOf } from '../helpers/schema.ts'

/**
 * Migrations are frozen history (STYLE.md): each carries the data it seeds and imports nothing
 * from src/, so a catalogue edit cannot make a fresh database differ from one migrated back then.
 */

const MIGRATIONS_DIR = join(import.meta.dirname, '../../migrations')

/** An empty database of the test target, closed and dropped by `close`. */
async function emptyDatabase(): Promise<{ db: Db; close: () => Promise<void> }> {
  if (testTarget() === 'pglite') {
    const database = await createPgliteDatabase('memory://')
    return { db: database.db, close: database.close }
  }
  const url = process.env.TEST_DATABASE_URL!
  const name = fileDatabaseName()
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database "${name}"`)
  const database = createPostgresDatabase({ connectionString: adminUrl(url, name), max: 1 })
  return {
    db: database.db,
    close: async () => {
      await database.close()
      await admin.query(`drop database if exists "${name}" with (force)`)
      await admin.end()
    },
  }
}

describe('migrations are frozen', () => {
  it('import nothing from src/: each carries the data it seeds', () => {
    const files = readdirSync(MIGRATIONS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    )
    expect(files.length).toBeGreaterThan(Object.keys(migrations).length)
    for (const file of files) {
      const source = readFileSync(join(MIGRATIONS_DIR, file), 'utf8')
      const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1] ?? '')
      for (const spec of imports) {
        expect(
          spec === 'kysely' || spec.startsWith('kysely/') || spec.startsWith('./'),
          `${file}: ${spec}`,
        ).toBe(true)
      }
    }
  })

  it('a fresh database equals one migrated step by step from the first migration', async () => {
    const fresh = await createTestDatabase()
    const stepwise = await emptyDatabase()
    try {
      const migrator = new Migrator({ db: stepwise.db, provider: { getMigrations: async () => migrations } })
      for (const name of Object.keys(migrations)) {
        const { error, results } = await migrator.migrateTo(name)
        expect(error, name).toBeUndefined()
        expect(results?.map((r) => `${r.migrationName} ${r.status}`)).toEqual([`${name} Success`])
      }
      expect(await schemaOf(stepwise.db)).toEqual(await schemaOf(fresh.db))
      const seeded = await seedRowsOf(fresh.db)
      expect(Object.keys(seeded)).toEqual(
        expect.arrayContaining(['indicators', 'impact_municipality_codes', 'kysely_migration']),
      )
      expect(await seedRowsOf(stepwise.db)).toEqual(seeded)
    } finally {
      await stepwise.close()
      await fresh.close()
    }
  }, 120_000)

  it('seed what src/domain holds today: a catalogue or municipality edit needs a new migration', async () => {
    const database = await createTestDatabase()
    try {
      const indicators = await database.db
        .selectFrom('indicators')
        .select(['code', 'nameNb', 'nameEn', 'unit', 'aggregation', 'direction', 'personal', 'shareable'])
        .where('ownerOrgId', 'is', null)
        .orderBy('code')
        .execute()
      expect(indicators).toEqual(
        [...INDICATOR_CATALOGUE]
          .sort((a, b) => (a.code < b.code ? -1 : 1))
          .map((i) => ({
            code: i.code,
            nameNb: i.nameNb,
            nameEn: i.nameEn,
            unit: i.unit,
            aggregation: i.aggregation,
            direction: i.direction,
            personal: i.personal,
            shareable: i.shareable,
          })),
      )
      const { rows } = await sql<{ code: string; currentCode: string }>`
        select code, current_code from impact_municipality_codes order by code
      `.execute(database.db)
      const expected = [...new Set(MUNICIPALITY_VERSIONS.map((v) => v.code))]
        .filter((c) => isKnownMunicipality(c))
        .sort()
        .map((code) => ({ code, currentCode: currentMunicipality(code).code }))
      expect(rows).toEqual(expected)
    } finally {
      await database.close()
    }
  })
})
