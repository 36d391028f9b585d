import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../src/entry/node-data-dir-lock.ts'
import { createPgliteDatabase } from '../../src/entry/node-database.ts'

/** One process per embedded DATA_DIR: a second opener is refused clearly instead of corrupting it. */
const dirs: string[] = []
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'effekt-lock-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const writeLock = (dir: string, pid: number, host = hostname()) =>
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host, since: '2026-01-01T00:00:00.000Z' }))

describe('DATA_DIR lock', () => {
  it('a second open of a folder in use is refused, with who holds it; after close it opens again', async () => {
    const dir = freshDir()
    const first = await createPgliteDatabase(dir)
    try {
      const second = createPgliteDatabase(dir)
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError)
      await expect(second).rejects.toThrow(`in use by process ${process.pid}`)
      await first.ping()
    } finally {
      await first.close()
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    const again = await createPgliteDatabase(dir)
    await again.ping()
    await again.close()
  })

  it('refuses a lock held by another live process', () => {
    const dir = freshDir()
    writeLock(dir, process.ppid)
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.ppid)
  })

  it('refuses a lock held from another host (shared storage): it cannot tell whether that process lives', () => {
    const dir = freshDir()
    writeLock(dir, 1, 'some-other-host')
    expect(() => lockDataDir(dir)).toThrow('on some-other-host')
  })

  it('takes over a stale lock whose process is gone, or a half-written one', () => {
    const dir = freshDir()
    writeLock(dir, 2 ** 22 + 12_345) // above Linux's pid_max default: no such process
    const release = lockDataDir(dir)
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
    release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)

    writeFileSync(join(dir, LOCK_FILE), '{"pid":')
    const again = lockDataDir(dir)
    again()
  })

  it('a lock with our own pid that this process does not hold is from an earlier life (container restart)', () => {
    const dir = freshDir()
    writeLock(dir, process.pid)
    const release = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    release()
  })
})

describe('the operator CLI beside a running server', () => {
  it('refuses to back up a DATA_DIR the server holds, and says how to take the backup instead', async () => {
    const dir = freshDir()
    const server = await createPgliteDatabase(dir) // this process stands in for the running server
    try {
      const file = join(dir, 'effekt.backup')
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', 'backup', file], {
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
        encoding: 'utf8',
      })
      expect(run.status).not.toBe(0)
      expect(run.stderr + run.stdout).toContain(`in use by process ${process.pid}`)
      expect(run.stderr + run.stdout).toContain('backup FILE --server')
      expect(existsSync(file)).toBe(false)
      expect(existsSync(`${file}.partial`)).toBe(false)
      await server.ping()
    } finally {
      await server.close()
    }
  })
})
