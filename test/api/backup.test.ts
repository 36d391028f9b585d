import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { dumpPglite } from '../../src/cli/backup.ts'
import { runAdmin } from '../../src/cli/commands.ts'
import { findPgTool } from '../../src/cli/pg-tools.ts'
import { tableChecksums } from '../../src/cli/transfer.ts'
import { defaultConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { createPgliteDatabase } from '../../src/entry/node-database.ts'
import { createPostgresDatabase } from '../../src/entry/postgres.ts'
import { testTarget } from '../helpers/database.ts'
import { adminUrl, fileDatabaseName } from '../helpers/postgres-admin.ts'

/**
 * `npm run admin -- backup FILE` / `restore FILE`: a database filled with the demo portfolio is
 * backed up, restored into a fresh database, and every table's checksum must be the same.
 */
const dir = mkdtempSync(join(tmpdir(), 'effekt-backup-'))
const out: string[] = []
const output = () => out.join('\n')

beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')))
})
afterAll(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
  rmSync(dir, { recursive: true, force: true })
})

/** The migrated PGlite made by global setup, in a folder of its own, with the demo portfolio. */
async function embeddedWithDemo(dataDir: string): Promise<void> {
  const database = await createPgliteDatabase(dataDir, new Blob([readFileSync(inject('pgliteDump'))]))
  await fillWithDemo(database)
  await database.close()
}

async function fillWithDemo(database: Database) {
  await loadDemo({
    db: database.db,
    principal: null,
    requestId: null,
    now: new Date(),
    config: defaultConfig(),
  })
}

async function checksumsOfDir(dataDir: string) {
  const database = await createPgliteDatabase(dataDir)
  try {
    return await tableChecksums(database.db)
  } finally {
    await database.close()
  }
}

const useEmbedded = (dataDir: string) => {
  vi.stubEnv('DATABASE_URL', '')
  vi.stubEnv('DATA_DIR', dataDir)
}

describe.runIf(testTarget() === 'pglite')('backup and restore of the embedded database', () => {
  const source = join(dir, 'source')
  const target = join(dir, 'target')
  const file = join(dir, 'embedded.tar.gz')

  beforeAll(async () => {
    await embeddedWithDemo(source)
  })

  it('backs up DATA_DIR and restores it into a fresh folder with every table equal', async () => {
    useEmbedded(source)
    expect(await runAdmin(['backup', file]), output()).toBe(0)
    expect(existsSync(`${file}.partial`)).toBe(false)
    useEmbedded(target)
    expect(await runAdmin(['restore', file]), output()).toBe(0)
    const [want, got] = [await checksumsOfDir(source), await checksumsOfDir(target)]
    expect(got).toEqual(want)
    expect(want.find((t) => t.table === 'organizations')!.rows).toBeGreaterThan(3)
    expect(want.find((t) => t.table === 'report_values')!.rows).toBeGreaterThan(50)
  })

  it('refuses to restore over a database that holds data unless --force, and keeps the old one', async () => {
    useEmbedded(target)
    out.length = 0
    expect(await runAdmin(['restore', file])).toBe(1)
    expect(output()).toContain('already holds data')
    expect(await runAdmin(['restore', file, '--force']), output()).toBe(0)
    const kept = readdirSync(dir).filter((n) => n.startsWith('target.before-restore-'))
    expect(kept).toHaveLength(1)
    expect(await checksumsOfDir(target)).toEqual(await checksumsOfDir(source))
  })

  it('answers bad input with a message and a non-zero exit code, changing nothing', async () => {
    useEmbedded(target)
    const before = await checksumsOfDir(target)
    out.length = 0
    expect(await runAdmin(['backup'])).toBe(2)
    expect(output()).toContain('needs a FILE')
    expect(await runAdmin(['restore', 'a', 'b'])).toBe(2)
    expect(await runAdmin(['backup', file, '--force'])).toBe(2)
    expect(await runAdmin(['restore', join(dir, 'nothing-here')])).toBe(1)
    expect(output()).toContain('does not exist')
    const garbage = join(dir, 'garbage.bin')
    writeFileSync(garbage, 'not a backup at all')
    expect(await runAdmin(['restore', garbage, '--force'])).toBe(1)
    expect(output()).toContain('neither a pg_dump archive nor a PGlite')
    const archive = join(dir, 'fake.dump')
    writeFileSync(archive, 'PGDMP fake archive')
    expect(await runAdmin(['restore', archive, '--force'])).toBe(1)
    expect(output()).toContain('Set DATABASE_URL')
    useEmbedded(join(dir, 'empty-folder'))
    expect(await runAdmin(['backup', join(dir, 'x.tar.gz')])).toBe(1)
    expect(output()).toContain('no embedded database')
    expect(existsSync(join(dir, 'x.tar.gz'))).toBe(false)
    expect(await checksumsOfDir(target)).toEqual(before)
  })

  it('picks client tools at least as new as the server and names what is missing', async () => {
    const bin = (major: number) => {
      const d = mkdtempSync(join(dir, `bin${major}-`))
      writeFileSync(join(d, 'pg_dump'), `#!/bin/sh\necho "pg_dump (PostgreSQL) ${major}.3"\n`, {
        mode: 0o755,
      })
      return d
    }
    const old = bin(13)
    await expect(findPgTool('pg_dump', 15, old)).rejects.toThrow(
      `pg_dump 15 or newer is needed for this PostgreSQL 15 server; found only ${join(old, 'pg_dump')}`,
    )
    const recent = bin(16)
    expect(await findPgTool('pg_dump', 15, recent)).toBe(join(recent, 'pg_dump'))
    await expect(findPgTool('pg_restore', 15, recent)).rejects.toMatchObject({
      code: 'backup.pg_restore_missing',
      message: expect.stringContaining('pg_restore is not installed'),
    })
  })

  it('dumps a PGlite that is busy writing into a snapshot that loads and holds what was committed', async () => {
    const live = await createPgliteDatabase('memory://', new Blob([readFileSync(inject('pgliteDump'))]))
    try {
      await fillWithDemo(live)
      const committed = await tableChecksums(live.db)
      let writing = true
      let written = 0
      const writer = (async () => {
        for (let i = 0; writing; i++, written++) {
          await live.db
            .insertInto('authFailures')
            .values({ key: `busy:${i}`, failedAt: new Date() })
            .execute()
        }
      })()
      const dump = await dumpPglite(live)
      writing = false
      await writer
      const copy = await createPgliteDatabase('memory://', new Blob([dump]))
      try {
        const got = await tableChecksums(copy.db)
        const stable = (sums: typeof got) => sums.filter((s) => s.table !== 'auth_failures')
        expect(stable(got)).toEqual(stable(committed))
        // The writes in the snapshot are exactly the first k of them: no gap, nothing torn.
        const keys = (await copy.db.selectFrom('authFailures').select('key').execute()).map((r) => r.key)
        const k = keys.length
        expect(keys.sort()).toEqual(Array.from({ length: k }, (_, i) => `busy:${i}`).sort())
        expect(written).toBeGreaterThan(k)
      } finally {
        await copy.close()
      }
    } finally {
      await live.close()
    }
  })
})

const pgDump = testTarget() === 'postgres' ? await findPgTool('pg_dump', 15).catch(() => null) : null
if (testTarget() === 'postgres' && !pgDump)
  console.warn(
    'backup.test.ts: pg_dump/pg_restore are not installed; the PostgreSQL backup tests are skipped.',
  )

describe.runIf(testTarget() === 'postgres')('backup and restore on PostgreSQL', () => {
  const serverUrl = process.env.TEST_DATABASE_URL!
  const created: string[] = []

  async function scratchDatabase(template?: string): Promise<string> {
    const name = fileDatabaseName()
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`create database "${name}"${template ? ` template "${template}"` : ''}`)
    await admin.end()
    created.push(name)
    return adminUrl(serverUrl, name)
  }

  async function checksumsOf(url: string, opts?: { includeMigrations: boolean }) {
    const database = createPostgresDatabase({ connectionString: url, max: 1 })
    try {
      return await tableChecksums(database.db, opts)
    } finally {
      await database.close()
    }
  }

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    for (const name of created) await admin.query(`drop database if exists "${name}" with (force)`)
    await admin.end()
  })

  it.skipIf(!pgDump)(
    'round-trips a pg_dump archive into a fresh database with every table equal',
    async () => {
      const sourceUrl = await scratchDatabase(inject('pgTemplate'))
      const source = createPostgresDatabase({ connectionString: sourceUrl, max: 2 })
      await fillWithDemo(source)
      await source.close()
      const file = join(dir, 'server.dump')
      vi.stubEnv('DATABASE_URL', sourceUrl)
      expect(await runAdmin(['backup', file]), output()).toBe(0)
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP')

      // Migrated but empty, as after a first start of the new server: no --force needed.
      const targetUrl = await scratchDatabase(inject('pgTemplate'))
      vi.stubEnv('DATABASE_URL', targetUrl)
      expect(await runAdmin(['restore', file]), output()).toBe(0)
      const want = await checksumsOf(sourceUrl)
      expect(await checksumsOf(targetUrl)).toEqual(want)
      expect(want.find((t) => t.table === 'transactions')!.rows).toBeGreaterThan(5)

      out.length = 0
      expect(await runAdmin(['restore', file])).toBe(1)
      expect(output()).toContain('already holds data')
      expect(await runAdmin(['restore', file, '--force']), output()).toBe(0)
      expect(await checksumsOf(targetUrl)).toEqual(want)
    },
  )

  it('moves the embedded database to PostgreSQL: a PGlite dump restores into a server row for row', async () => {
    // This project has no migrated PGlite from global setup: make one (the CLI's backup of a
    // data directory is tested in the embedded project; the file is the same dump).
    const embedded = await createPgliteDatabase('memory://')
    const file = join(dir, 'to-postgres.tar.gz')
    let want: Awaited<ReturnType<typeof tableChecksums>>
    try {
      await migrateToLatest(embedded.db)
      await fillWithDemo(embedded)
      want = await tableChecksums(embedded.db, { includeMigrations: false })
      writeFileSync(file, await dumpPglite(embedded))
    } finally {
      await embedded.close()
    }

    const targetUrl = await scratchDatabase()
    vi.stubEnv('DATABASE_URL', targetUrl)
    out.length = 0
    expect(await runAdmin(['restore', file]), output()).toBe(0)
    expect(output()).toContain('checksum matches')
    expect(await checksumsOf(targetUrl, { includeMigrations: false })).toEqual(want)
    expect(want.find((t) => t.table === 'report_values')!.rows).toBeGreaterThan(50)

    // The copy is a working Effekt database: its triggers are back on and it takes new writes.
    const target = createPostgresDatabase({ connectionString: targetUrl, max: 1 })
    try {
      const tx = await target.db.selectFrom('transactions').select('id').limit(1).executeTakeFirstOrThrow()
      await expect(
        target.db.updateTable('transactions').set({ amount: '1' }).where('id', '=', tx.id).execute(),
      ).rejects.toThrow()
      // Identity columns go on after the copied rows.
      const { top } = await target.db
        .selectFrom('auditEvents')
        .select((eb) => eb.fn.max('seq').as('top'))
        .executeTakeFirstOrThrow()
      const next = await target.db
        .insertInto('auditEvents')
        .values({ actorLabel: 'test', organizationId: null, action: 'test', entity: 'test', entityId: 'x' })
        .returning('seq')
        .executeTakeFirstOrThrow()
      expect(Number(next.seq)).toBeGreaterThan(Number(top))
    } finally {
      await target.close()
    }

    out.length = 0
    expect(await runAdmin(['restore', file])).toBe(1)
    expect(output()).toContain('already holds data')
  }, 180_000)

  it.skipIf(!pgDump)('refuses a missing pg_restore with a message that names it', async () => {
    const targetUrl = await scratchDatabase()
    vi.stubEnv('DATABASE_URL', targetUrl)
    const file = join(dir, 'header-only.dump')
    writeFileSync(file, 'PGDMP header only')
    out.length = 0
    expect(await runAdmin(['restore', file, '--pg-bin', join(dir, 'no-such-bin')])).toBe(1)
    expect(output()).toContain('pg_restore is not installed')
  })
})
