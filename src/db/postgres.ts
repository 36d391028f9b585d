import { PostgresDialect } from 'kysely'
import pg from 'pg'
import { createDatabase, type Database, typeParsers } from './database.ts'

export interface PostgresOptions {
  connectionString: string
  /** Pool size; Workers use 1 (a client per request), the Node server more. */
  max?: number
}

/** PostgreSQL through node-postgres. Used by the Node server, the CLI, tests and Workers. */
export function createPostgresDatabase({ connectionString, max = 10 }: PostgresOptions): Database {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text'),
  }
  const pool = new pg.Pool({ connectionString, max, types, connectionTimeoutMillis: 5000 })
  // An idle client losing its connection (server restart) must not crash the process; the pool
  // replaces it and /ready reports the outage until the server is back.
  pool.on('error', () => {})
  return createDatabase(new PostgresDialect({ pool }), 'postgres')
}
