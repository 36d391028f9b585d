import { Problem } from './problem.ts'

/** How long a client is told to wait before retrying while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5

/** Socket errors of a database that went away, or was never there. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])

/**
 * SQLSTATEs of a server that is restarting, shutting down, full or too slow: the request was
 * fine, the database could not serve it now. 08 is the whole connection-exception class.
 */
const SERVER_CODES = new Set([
  '57P01', // admin_shutdown (fast shutdown or restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
  '57014', // query_canceled (statement_timeout)
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
  '53100', // disk_full
  '53200', // out_of_memory
])

/**
 * node-postgres and pg-pool report a lost or unobtainable connection with plain Errors and no
 * code; these are their messages (stable across pg 8.x), plus our own closed-database error.
 */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Cannot use a pool after calling end on the pool',
  'Postgres connection has been discarded',
  'database is closed',
  'PGlite is closed',
]

/** True when `err` (or what caused it) means the database is unreachable, not that the request is wrong. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false
  const { code, message, cause, errors } = err as {
    code?: unknown
    message?: unknown
    cause?: unknown
    errors?: unknown
  }
  if (
    typeof code === 'string' &&
    (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
  )
    return true
  if (typeof message === 'string' && DRIVER_MESSAGES.some((m) => message.includes(m))) return true
  // Node's happy-eyeballs connect fails with an AggregateError of one error per address.
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true
  return isDatabaseUnavailable(cause, depth + 1)
}

export const serviceUnavailable = (detail?: string) =>
  new Problem('database.unavailable', detail, { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } })
