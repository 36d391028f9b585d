import { loadConfig } from '../config.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { openConfiguredDatabase } from '../entry/node-database.ts'

const HELP = `Usage: npm run admin -- <command> [options]

Commands:
  migrate        apply pending migrations to the configured database
  help           show this text

The database is the one the server would use: DATABASE_URL, or PGlite in DATA_DIR.`

export async function runAdmin(argv: string[]): Promise<number> {
  const [command] = argv
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP)
    return 0
  }
  if (command === 'migrate') {
    const database = await openConfiguredDatabase(loadConfig(process.env))
    try {
      const applied = await migrateToLatest(database.db)
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
      return 0
    } finally {
      await database.close()
    }
  }
  console.error(`Unknown command: ${command}\n\n${HELP}`)
  return 2
}
