import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { PGliteDialect } from 'kysely'
import { createDatabase, typeParsers } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'

/**
 * The embedded database's base image: an empty PGlite data directory with every migration
 * applied, as PGlite's gzipped tarball. A fresh DATA_DIR is unpacked from it (≈ 0.6 s) instead
 * of running PGlite's initdb and the migrations (≈ 2.8 s, issue 17: half of a fresh start).
 *
 * `npm install` builds it (the `prepare` script, `npm run build:base-image`) into
 * node_modules/.cache/effekt/, named by a key over the PGlite version and the bytes of every
 * migration: an image is used only for exactly the schema it was built with, so a new or edited
 * migration, or another PGlite, falls back to initdb (and `npm run build:base-image` makes a
 * new one). The migrator still runs after unpacking and finds nothing left to do. What a fresh
 * data directory holds is the same either way: the image is what initdb and the migrations
 * write, taken after a checkpoint.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..')
const MIGRATIONS_DIR = join(ROOT, 'migrations')
const CACHE_DIR = join(ROOT, 'node_modules/.cache/effekt')

function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? migrationFiles(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => f.endsWith('.ts'))
    .sort()
}

/** The schema an image holds: PGlite's version and every migration file, by content. */
export function baseImageKey(): string {
  const hash = createHash('sha256')
  // The package exports no package.json; its folder is found through its entry point.
  let folder = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'))
  while (!existsSync(join(folder, 'package.json'))) folder = dirname(folder)
  const pglite = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string }
  hash.update(`pglite ${pglite.version}\n`)
  for (const file of migrationFiles()) {
    hash.update(`${relative(MIGRATIONS_DIR, file)}\n`)
    hash.update(readFileSync(file))
  }
  return hash.digest('hex').slice(0, 16)
}

export const baseImageFile = (key = baseImageKey()) => join(CACHE_DIR, `pglite-base-${key}.tar.gz`)

/** The image for the current migrations, when one was built. */
export function readBaseImage(): Blob | undefined {
  const file = baseImageFile()
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined
}

/** True when a data directory holds no database yet (PGlite would run initdb). */
export const isEmptyDataDir = (dataDir: string) => !existsSync(join(dataDir, 'PG_VERSION'))

/** Builds the image for the current migrations unless it exists; returns its file. */
export async function buildBaseImage(): Promise<{ file: string; built: boolean }> {
  const file = baseImageFile()
  if (existsSync(file)) return { file, built: false }
  const pglite = new PGlite('memory://', { parsers: typeParsers })
  await pglite.waitReady
  const database = createDatabase(new PGliteDialect({ pglite }), 'pglite', async () => {
    if (!pglite.closed) await pglite.close()
  })
  try {
    await migrateToLatest(database.db)
    await pglite.exec('checkpoint')
    const image = await pglite.dumpDataDir('gzip')
    mkdirSync(CACHE_DIR, { recursive: true })
    // Written whole, then renamed: a reader never sees half an image.
    const partial = `${file}.${process.pid}.partial`
    writeFileSync(partial, Buffer.from(await image.arrayBuffer()))
    renameSync(partial, file)
    return { file, built: true }
  } finally {
    await database.close()
  }
}
