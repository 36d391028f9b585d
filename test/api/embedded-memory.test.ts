import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startScriptEnv } from '../../bench/api/embedded.ts'
import type { Database } from '../../src/db/database.ts'
import { collectStartupGarbage } from '../../src/entry/node-memory.ts'
import { openApiDocument } from '../../src/openapi-document.ts'
import { createTestApp } from '../helpers/app.ts'
import { createTestDatabase, testTarget } from '../helpers/database.ts'

/** What keeps the embedded default's memory in bounds (issue 17). */
let database: Database
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(() => database.close())

describe('embedded default memory', () => {
  it.skipIf(testTarget() === 'postgres')(
    'PGlite runs with 16 MB of shared buffers, not PostgreSQL’s 128 MB',
    async () => {
      // The CamelCasePlugin names the column sharedBuffers.
      const { rows } = await sql<{ sharedBuffers: string }>`show shared_buffers`.execute(database.db)
      expect(rows[0]?.sharedBuffers).toBe('16MB')
    },
  )

  it('collects what start-up left behind without --expose-gc on the command line', async () => {
    expect(process.execArgv).not.toContain('--expose-gc')
    let garbage: number[][] | undefined = Array.from({ length: 1000 }, () => new Array(100).fill(1))
    const ref = new WeakRef(garbage)
    garbage = undefined
    // A WeakRef keeps its target alive until the current job ends.
    await new Promise((r) => setTimeout(r, 0))
    collectStartupGarbage()
    expect(ref.deref()).toBeUndefined()
    expect(garbage).toBeUndefined()
  })

  it('builds the OpenAPI document once per app, not on every GET /openapi.json', async () => {
    const t = await createTestApp({}, database)
    const first = openApiDocument(t.app)
    expect(openApiDocument(t.app)).toBe(first)
    const a = await t.app.request('/openapi.json')
    const b = await t.app.request('/openapi.json')
    expect(a.status).toBe(200)
    const body = await a.json()
    expect(body.openapi).toMatch(/^3\.1/)
    expect(await b.json()).toEqual(body)
    expect(openApiDocument(t.app)).toBe(first)
  })

  it('the bench starts the server with the Node flags and malloc setting of `npm start`', () => {
    expect(startScriptEnv()).toEqual({
      MALLOC_MMAP_THRESHOLD_: '131072',
      NODE_OPTIONS: '--max-semi-space-size=8',
    })
  })
})
