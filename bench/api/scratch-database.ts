import pg from 'pg'
import { defaultConfig } from '../../src/config.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { createPostgresDatabase } from '../../src/entry/postgres.ts'

/**
 * The scratch database a bench runs on: the server from BENCH_DATABASE_URL, TEST_DATABASE_URL,
 * DATABASE_URL or the local one, and BENCH_DB as its name (so two benches on one server keep
 * apart), `fallback` when unset.
 */
export function scratchDatabase(fallback: string): { serverUrl: string; name: string; url: string } {
  const serverUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres'
  const name = process.env.BENCH_DB ?? fallback
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DB must be a plain identifier: ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return { serverUrl, name, url: url.toString() }
}

/** Drops and creates the scratch database, migrated; with the demo portfolio when asked. */
export async function recreate(
  scratch: { serverUrl: string; name: string; url: string },
  { demo }: { demo: boolean },
): Promise<void> {
  const admin = new pg.Client({ connectionString: scratch.serverUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${scratch.name} with (force)`)
  await admin.query(`create database ${scratch.name}`)
  await admin.end()
  const setup = createPostgresDatabase({ connectionString: scratch.url, max: 2 })
  try {
    await migrateToLatest(setup.db)
    if (demo)
      await loadDemo({
        db: setup.db,
        principal: null,
        requestId: null,
        now: new Date(),
        config: defaultConfig(),
      })
  } finally {
    await setup.close()
  }
}
