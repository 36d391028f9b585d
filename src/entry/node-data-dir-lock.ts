import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * One process per embedded DATA_DIR. PGlite has no lock of its own: two processes writing the
 * same folder corrupt it. The lock is a file created exclusively (O_EXCL) holding the owner's pid
 * and host; a lock whose process is gone (killed, crashed, or a container that restarted with the
 * same pid) is taken over, a live one is refused with a message that says who holds it.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}). ` +
        'Stop that process first, or give this one another DATA_DIR; two processes on one embedded database would corrupt it.',
    )
    this.name = 'DataDirLockedError'
  }
}

interface LockInfo {
  pid: number
  host: string
  since: string
}

export const LOCK_FILE = 'effekt.lock'
/** Folders this process holds, so a second open in the same process is refused too. */
const held = new Set<string>()

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>
    if (typeof info.pid === 'number' && typeof info.host === 'string')
      return { pid: info.pid, host: info.host, since: String(info.since ?? '?') }
  } catch {
    // Unreadable or half-written: treated as stale below.
  }
  return undefined
}

const isLive = (info: LockInfo | undefined, dir: string) => {
  if (!info) return false
  if (info.host !== hostname()) return true // another machine on shared storage: never steal
  if (info.pid === process.pid) return held.has(dir)
  return alive(info.pid)
}

/** Takes the lock of `dataDir` or throws DataDirLockedError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir)
  const file = join(dir, LOCK_FILE)
  const mine: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, JSON.stringify(mine))
      closeSync(fd)
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        const holder = readLock(file)
        if (holder && (err as NodeJS.ErrnoException).code === 'EEXIST')
          throw new DataDirLockedError(dir, holder)
        throw err
      }
      const holder = readLock(file)
      if (isLive(holder, dir)) throw new DataDirLockedError(dir, holder!)
      unlinkSync(file) // stale: its owner is gone
    }
  }
  held.add(dir)
  let released = false
  const release = () => {
    if (released) return
    released = true
    held.delete(dir)
    process.off('exit', release)
    const now = readLock(file)
    if (now?.pid === mine.pid && now.since === mine.since) unlinkSync(file)
  }
  // A crash still removes the lock; SIGKILL leaves it, and the next start sees a dead pid.
  process.on('exit', release)
  return release
}
