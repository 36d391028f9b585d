import { PostgresDialect } from 'kysely'
import pg from 'pg'
import { createDatabase, type Database, typeParsers } from '../db/database.ts'

export interface PostgresOptions {
  connectionString: string
  /** Pool size; Workers use 1 (a client per request), the Node server more. */
  max?: number
  /** How long to wait for a connection (new or from the pool) before the request fails with 503. */
  connectionTimeoutMs?: number
  /** Server-side cap on one statement; 0 leaves the server's setting. */
  statementTimeoutMs?: number
  /** Server-side cap on a transaction left idle (a stuck request must not hold locks forever). */
  idleInTransactionTimeoutMs?: number
  /** Told about connection errors the pool survived (logged by the Node server). */
  onConnectionError?: (err: Error) => void
}

/**
 * PostgreSQL through node-postgres. Used by the Node server, the CLI, tests and Workers.
 *
 * What must stay true: no error of a pooled client ever reaches the process as an unhandled
 * `error` event. pg-pool listens on idle clients only; a client checked out by Kysely (between
 * the queries of a transaction, say) that loses its server (57P01 on restart) would otherwise
 * crash Node. A client that saw such an error is no longer queryable, and pg-pool drops it on
 * release instead of handing it to the next request.
 */
export function createPostgresDatabase({
  connectionString,
  max = 10,
  connectionTimeoutMs = 5000,
  statementTimeoutMs,
  idleInTransactionTimeoutMs,
  onConnectionError = () => {},
}: PostgresOptions): Database {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text'),
  }
  const pool = new pg.Pool({
    connectionString,
    max,
    types,
    connectionTimeoutMillis: connectionTimeoutMs,
    keepAlive: true,
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
    ...(idleInTransactionTimeoutMs
      ? { idle_in_transaction_session_timeout: idleInTransactionTimeoutMs }
      : {}),
  })
  pool.on('error', (err) => onConnectionError(err))
  pool.on('connect', (client) => {
    client.on('error', (err) => onConnectionError(err))
  })
  return createDatabase(new PostgresDialect({ pool }), 'postgres')
}
