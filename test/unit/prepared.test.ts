import {
  CamelCasePlugin,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely'
import { describe, expect, it } from 'vitest'
import { prepared } from '../../src/db/prepared.ts'
import type { DB } from '../../src/db/schema.ts'

/** A Kysely that compiles for PostgreSQL and records what it would send, without a server. */
function recordingDb() {
  const sent: { sql: string; parameters: readonly unknown[] }[] = []
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    plugins: [new CamelCasePlugin()],
    log: (e) => {
      sent.push({ sql: e.query.sql, parameters: e.query.parameters })
    },
  })
  return { db, sent }
}

describe('prepared statements', () => {
  const activeMembershipsAmong = prepared((db: Kysely<DB>, userId: string, orgIds: string[]) =>
    db
      .selectFrom('memberships as m')
      .select('m.organizationId')
      .where('m.userId', '=', userId)
      .where('m.status', '=', 'active')
      .where(sql<boolean>`${sql.ref('m.organizationId')} = any(${orgIds}::uuid[])`),
  )

  it('sends the same text with each call’s own arguments in their places, constants kept', async () => {
    const { db, sent } = recordingDb()
    await activeMembershipsAmong(db, 'user-1', ['a', 'b'])
    await activeMembershipsAmong(db, 'user-2', [])
    expect(sent).toHaveLength(2)
    expect(sent[0]!.sql).toBe(sent[1]!.sql)
    expect(sent[0]!.sql).toContain('"user_id" = $1')
    expect(sent[0]!.parameters).toEqual(['user-1', 'active', ['a', 'b']])
    expect(sent[1]!.parameters).toEqual(['user-2', 'active', []])
  })

  it('refuses a query that does not pass an argument as a parameter (its shape would depend on it)', async () => {
    const { db } = recordingDb()
    const wrong = prepared((db: Kysely<DB>, _userId: string) =>
      db.selectFrom('memberships').select('userId').where('status', '=', 'active'),
    )
    await expect(wrong(db, 'user-1')).rejects.toThrow(/every argument must appear/)
  })
})
