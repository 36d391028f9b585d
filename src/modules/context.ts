import type { Config } from '../config.ts'
import type { Db } from '../db/tx.ts'
import type { Principal } from './principal.ts'

/** What every service function receives: the database, who is calling, and the request's facts. */
export interface Ctx {
  db: Db
  principal: Principal | null
  requestId: string | null
  now: Date
  config: Config
}
