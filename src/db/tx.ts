import type { Kysely, Transaction } from 'kysely'
import type { DB } from './schema.ts'

export type Db = Kysely<DB>

/**
 * Runs `fn` in a transaction, or inside the caller's transaction when there already is one, so
 * services compose: everything a request changes, including its audit event, commits together.
 */
export const withTx = <T>(db: Db, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> =>
  db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn)
