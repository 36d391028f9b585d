import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { defaultConfig } from '../../src/config.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { createPgliteDatabase } from '../../src/entry/node-database.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    e2eDemoDump: string
  }
}

/**
 * Once per run: builds the real assets (as `npm start` does), and prepares a migrated database
 * with the demo portfolio whose data dir each test file's server starts from (creating PGlite and
 * loading the demo take ~10 s; loading a dump ~1 s).
 */
export default async function setup(project: TestProject) {
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/build-assets.ts'], { stdio: 'inherit' })
  const dir = mkdtempSync(join(tmpdir(), 'effekt-e2e-'))
  const database = await createPgliteDatabase('memory://')
  await migrateToLatest(database.db)
  await loadDemo({
    db: database.db,
    principal: null,
    requestId: null,
    now: new Date(),
    config: defaultConfig(),
  })
  const dumpFile = join(dir, 'demo.tar.gz')
  writeFileSync(dumpFile, Buffer.from(await (await database.pglite.dumpDataDir('gzip')).arrayBuffer()))
  await database.close()
  project.provide('e2eDemoDump', dumpFile)
  return () => rmSync(dir, { recursive: true, force: true })
}
