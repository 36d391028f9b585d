import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { baseImageFile, baseImageKey, buildBaseImage } from '../../src/entry/node-base-image.ts'
import { createPgliteDatabase, openConfiguredDatabase } from '../../src/entry/node-database.ts'
import { createLogger } from '../../src/http/logger.ts'
import { testTarget } from '../helpers/database.ts'
import { schemaOf, seedRowsOf } from '../helpers/schema.ts'

/**
 * A fresh embedded DATA_DIR is unpacked from the base image that `npm install` builds (issue 17:
 * initdb and the migrations were half of a fresh start). What it holds must be exactly what
 * initdb and the migrations write, and the migrator must find nothing left to do.
 */
describe.skipIf(testTarget() !== 'pglite')('embedded database base image (PGlite only)', () => {
  const dirs: string[] = []
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('names the image by PGlite and every migration, so another schema never uses it', async () => {
    expect(baseImageKey()).toMatch(/^[0-9a-f]{16}$/)
    expect(baseImageKey()).toBe(baseImageKey())
    expect(baseImageFile()).toContain(`pglite-base-${baseImageKey()}.tar.gz`)
  })

  it('starts a fresh data dir from the image: same schema and seeds as initdb + migrations, nothing left to migrate', async () => {
    await buildBaseImage()
    const dir = mkdtempSync(join(tmpdir(), 'effekt-base-image-'))
    dirs.push(dir)
    const lines: string[] = []
    const fromImage = await openConfiguredDatabase(
      loadConfig({ DATA_DIR: join(dir, 'data') }),
      createLogger('info', (l) => lines.push(l)),
    )
    const fromInitdb = await createPgliteDatabase('memory://')
    try {
      expect(lines.join('\n')).toContain('new embedded database from the base image')
      expect(await migrateToLatest(fromImage.db)).toEqual([])
      expect(await migrateToLatest(fromInitdb.db)).not.toEqual([])
      expect(await schemaOf(fromImage.db)).toEqual(await schemaOf(fromInitdb.db))
      expect(await seedRowsOf(fromImage.db)).toEqual(await seedRowsOf(fromInitdb.db))
    } finally {
      await fromImage.close()
      await fromInitdb.close()
    }
    // The folder is an ordinary data directory from then on: it reopens without the image.
    const lines2: string[] = []
    const reopened = await openConfiguredDatabase(
      loadConfig({ DATA_DIR: join(dir, 'data') }),
      createLogger('info', (l) => lines2.push(l)),
    )
    try {
      expect(lines2.join('\n')).not.toContain('new embedded database')
      expect(await migrateToLatest(reopened.db)).toEqual([])
    } finally {
      await reopened.close()
    }
  })

  it('falls back to initdb when there is no image for the current migrations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'effekt-base-image-'))
    dirs.push(dir)
    const database = await createPgliteDatabase(join(dir, 'data'), () => undefined)
    try {
      expect((await migrateToLatest(database.db)).length).toBeGreaterThan(0)
    } finally {
      await database.close()
    }
  })
})
