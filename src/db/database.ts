import { CamelCasePlugin, type Dialect, Kysely, sql } from 'kysely'
import type { DB } from './schema.ts'

/**
 * The database handle every part of the app receives. The dialect is chosen by the entry point
 * (PGlite for the embedded default, pg for PostgreSQL) so that this module stays free of Node
 * and PGlite imports and runs on Cloudflare Workers too.
 */
export interface Database {
  db: Kysely<DB>
  kind: 'pglite' | 'postgres'
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>
  close(): Promise<void>
}

export function createDatabase(
  dialect: Dialect,
  kind: Database['kind'],
  onClose?: () => Promise<void>,
): Database {
  const db = new Kysely<DB>({ dialect, plugins: [new CamelCasePlugin()] })
  let closed = false
  return {
    db,
    kind,
    async ping() {
      if (closed) throw new Error('database is closed')
      await sql`select 1`.execute(db)
    },
    async close() {
      if (closed) return
      closed = true
      await db.destroy()
      await onClose?.()
    },
  }
}

/**
 * Type parsers shared by both drivers so PGlite and pg return the same JavaScript values:
 * numeric stays a string (decimal.js takes it from there), int8 becomes a number (our counts
 * fit), and date stays `YYYY-MM-DD` instead of a Date at local midnight.
 */
export const TYPE_OIDS = { int8: 20, numeric: 1700, date: 1082 } as const

export const typeParsers: Record<number, (value: string) => unknown> = {
  [TYPE_OIDS.int8]: (v) => Number(v),
  [TYPE_OIDS.numeric]: (v) => v,
  [TYPE_OIDS.date]: (v) => v,
}
