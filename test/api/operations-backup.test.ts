import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { backupKind } from '../../src/cli/backup.ts'
import { runAdmin } from '../../src/cli/commands.ts'
import { tableChecksums } from '../../src/cli/transfer.ts'
import { defaultConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { createPgliteDatabase } from '../../src/entry/node-database.ts'
import { createPostgresDatabase } from '../../src/entry/postgres.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { testTarget } from '../helpers/database.ts'
import { makeMember, makeOrg, makeToken, makeUser } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import { adminUrl, fileDatabaseName } from '../helpers/postgres-admin.ts'

/**
 * GET /v1/admin/backup: the running server takes the backup itself, so the embedded database
 * (which no second process may open) can be backed up without stopping the service.
 */
const serverUrl = process.env.TEST_DATABASE_URL ?? ''
const scratch = fileDatabaseName()
const dir = mkdtempSync(join(tmpdir(), 'effekt-server-backup-'))
let t: TestContext
let databaseUrl: string | undefined
let adminToken: string

beforeAll(async () => {
  let database: Database | undefined
  if (testTarget() === 'postgres') {
    // pg_dump needs the database's address, so this file makes a scratch database of its own.
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`create database "${scratch}" template "${inject('pgTemplate')}"`)
    await admin.end()
    databaseUrl = adminUrl(serverUrl, scratch)
    database = createPostgresDatabase({ connectionString: databaseUrl, max: 4 })
  }
  const config = defaultConfig(databaseUrl ? { DATABASE_URL: databaseUrl } : {})
  t = await createTestApp(config, database)
  adminToken = (await makeToken(t.database.db, (await makeUser(t.database.db, { platformAdmin: true })).id))
    .token
})
afterAll(async () => {
  await t.close()
  if (databaseUrl) {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`drop database if exists "${scratch}" with (force)`)
    await admin.end()
  }
  vi.unstubAllEnvs()
  rmSync(dir, { recursive: true, force: true })
})

async function download(token: string) {
  const res = await t.app.request('http://localhost/v1/admin/backup', {
    headers: { authorization: `Bearer ${token}` },
  })
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) }
}

describe('GET /v1/admin/backup', () => {
  it('gives a platform administrator a backup that restores to what the server held, while it serves', async () => {
    const org = await makeOrg(t.database.db, { name: 'Backed Up AS' })
    await makeMember(t.database.db, org.id, 'editor')
    // Writes keep arriving through the app while the backup is taken. Bounded: once on PGlite an
    // unbounded stream of writes starved the dump of the database's lock for over 15 minutes
    // (seen once in CI; see the issue 17 note), which this test is not about.
    let writing = true
    const writes = (async () => {
      let n = 0
      while (writing && n < 300) {
        const res = await call(t.app, 'POST', '/v1/organizations', {
          token: adminToken,
          body: { kind: 'other', name: `Busy ${n++}` },
        })
        expect(res.status, res.text).toBe(201)
      }
      return n
    })()
    const { res, bytes } = await download(adminToken)
    writing = false
    expect(await writes).toBeGreaterThan(0)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const disposition = res.headers.get('content-disposition') ?? ''
    expect(disposition).toMatch(/^attachment; filename="effekt-\d{8}T\d{6}Z\.(tar\.gz|dump)"$/)
    const file = join(dir, 'from-server')
    writeFileSync(file, bytes)
    expect(backupKind(file)).toBe(t.database.kind === 'pglite' ? 'pglite' : 'pg_dump')
    expect(res.headers.get('content-type')).toBe(
      t.database.kind === 'pglite' ? 'application/gzip' : 'application/octet-stream',
    )

    const restored = await restoreElsewhere(file)
    try {
      const orgs = await restored.db
        .selectFrom('organizations')
        .select('name')
        .where('id', '=', org.id)
        .execute()
      expect(orgs).toEqual([{ name: 'Backed Up AS' }])
      // Every table but the ones the writers touch is exactly as on the server.
      // impact_data_version is bumped by every commit that changes what an impact view can show.
      const busy = new Set(['organizations', 'audit_events', 'api_tokens', 'impact_data_version'])
      const stable = (sums: Awaited<ReturnType<typeof tableChecksums>>) =>
        sums.filter((s) => !busy.has(s.table))
      expect(stable(await tableChecksums(restored.db))).toEqual(stable(await tableChecksums(t.database.db)))
    } finally {
      await restored.close()
    }
    const audit = await t.database.db
      .selectFrom('auditEvents')
      .select(['action', 'entityId'])
      .where('action', '=', 'database.backup')
      .execute()
    expect(audit).toEqual([{ action: 'database.backup', entityId: t.database.kind }])
  })

  it('refuses everyone but platform administrators, and says so when the runtime cannot back up', async () => {
    const org = await makeOrg(t.database.db)
    const orgAdmin = (await makeToken(t.database.db, (await makeMember(t.database.db, org.id, 'admin')).id))
      .token
    expect((await download(orgAdmin)).res.status).toBe(403)
    expect((await t.app.request('http://localhost/v1/admin/backup')).status).toBe(401)
    // A read-only token is enough for a backup job: a backup changes nothing.
    const platformAdmin = await makeUser(t.database.db, { platformAdmin: true })
    const readOnly = (await makeToken(t.database.db, platformAdmin.id, { readOnly: true })).token
    const { res: ok, bytes } = await download(readOnly)
    expect(ok.status).toBe(200)
    expect(bytes.length).toBeGreaterThan(1000)
    const bare = await createTestApp(defaultConfig(), t.database, { backup: undefined })
    const res = await call(bare.app, 'GET', '/v1/admin/backup', { token: adminToken })
    expect(res.status).toBe(501)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.body.code).toBe('backup.unavailable')
  })
})

describe('npm run admin -- backup FILE --server URL', () => {
  it('writes the running server’s backup to FILE, and says why when it cannot', async () => {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    })
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const out: string[] = []
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')))
    vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')))
    try {
      const file = join(dir, 'remote.backup')
      vi.stubEnv('EFFEKT_TOKEN', adminToken)
      expect(await runAdmin(['backup', file, '--server', url]), out.join('\n')).toBe(0)
      expect(backupKind(file)).toBe(t.database.kind === 'pglite' ? 'pglite' : 'pg_dump')
      expect(out.join('\n')).toMatch(/written to .*remote\.backup \(effekt-\d{8}T\d{6}Z/)

      const refused = join(dir, 'refused.backup')
      vi.stubEnv('EFFEKT_TOKEN', 'eff_not-a-real-token')
      expect(await runAdmin(['backup', refused, '--server', url])).toBe(1)
      expect(out.join('\n')).toContain('The server answered 401')
      vi.stubEnv('EFFEKT_TOKEN', '')
      expect(await runAdmin(['backup', refused, '--server', url])).toBe(1)
      expect(out.join('\n')).toContain('Set EFFEKT_TOKEN')
      vi.stubEnv('EFFEKT_TOKEN', adminToken)
      expect(await runAdmin(['backup', refused, '--server', 'not a url'])).toBe(1)
      expect(await runAdmin(['restore', refused, '--server', url])).toBe(2)
      expect(existsSync(refused)).toBe(false)
      expect(existsSync(`${refused}.partial`)).toBe(false)
    } finally {
      vi.restoreAllMocks()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})

/** Restores the file the way an operator would: `npm run admin -- restore FILE` into a fresh database. */
async function restoreElsewhere(file: string): Promise<Database> {
  vi.spyOn(console, 'log').mockImplementation(() => {})
  try {
    if (testTarget() === 'pglite') {
      const target = join(dir, 'restored')
      vi.stubEnv('DATABASE_URL', '')
      vi.stubEnv('DATA_DIR', target)
      expect(await runAdmin(['restore', file])).toBe(0)
      return createPgliteDatabase(target)
    }
    const name = `${scratch}_r`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`create database "${name}"`)
    await admin.end()
    vi.stubEnv('DATABASE_URL', adminUrl(serverUrl, name))
    expect(await runAdmin(['restore', file])).toBe(0)
    const restored = createPostgresDatabase({ connectionString: adminUrl(serverUrl, name), max: 1 })
    return {
      ...restored,
      close: async () => {
        await restored.close()
        const c = new pg.Client({ connectionString: serverUrl })
        await c.connect()
        await c.query(`drop database if exists "${name}" with (force)`)
        await c.end()
      },
    }
  } finally {
    vi.restoreAllMocks()
  }
}
