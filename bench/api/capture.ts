import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { createApp } from '../../src/app.ts'
import { type Config, defaultConfig } from '../../src/config.ts'
import { type Database, typeParsers } from '../../src/db/database.ts'
import type { DB } from '../../src/db/schema.ts'
import { createLogger } from '../../src/http/logger.ts'
import type { Scenario, Statement } from './scenarios.ts'

/**
 * The same app as the server, in this process, on a Kysely that records every statement it sends.
 * Each scenario's request is made twice and the second one's statements are kept: the steady
 * state a server under load is in (caches warm).
 */
export async function captureStatements(
  connectionString: string,
  scenarios: Scenario[],
  config: Partial<Config>,
) {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      typeParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text'),
  }
  const pool = new pg.Pool({ connectionString, max: 4, types })
  let log: Statement[] = []
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    log: (event) => {
      log.push({ sql: event.query.sql, parameters: event.query.parameters })
    },
  })
  const database: Database = {
    db,
    kind: 'postgres',
    ping: async () => {
      await sql`select 1`.execute(db)
    },
    close: () => db.destroy(),
  }
  const app = createApp({
    database,
    config: defaultConfig(config),
    logger: createLogger('silent'),
  })
  const result = new Map<string, Statement[]>()
  for (const s of scenarios) {
    for (let round = 0; round < 2; round++) {
      log = []
      const res = await app.request(s.path, { method: s.method, headers: s.headers, body: s.body })
      await res.arrayBuffer()
      if (res.status >= 400) throw new Error(`${s.name}: ${s.method} ${s.path} answered ${res.status}`)
    }
    result.set(s.name, log)
  }
  await database.close()
  return result
}
