import { loadConfig } from '../config.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { openConfiguredDatabase } from '../entry/node-database.ts'

/** `npm run migrate`: applies pending migrations to the configured database. */
const config = loadConfig(process.env)
const database = await openConfiguredDatabase(config)
try {
  const applied = await migrateToLatest(database.db)
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
} finally {
  await database.close()
}
