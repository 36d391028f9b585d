import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A backup or restore that cannot be done; `code` is stable for scripts and tests. */
export class BackupError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'BackupError'
  }
}

export type PgTool = 'pg_dump' | 'pg_restore'

/** Where client tools may be: `--pg-bin`, then PATH, then Debian's versioned folders (newest first). */
function candidateDirs(pgBin: string | undefined): string[] {
  if (pgBin) return [pgBin]
  const debian = '/usr/lib/postgresql'
  const versioned = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(debian, v, 'bin'))
    : []
  return [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...versioned]
}

async function majorVersion(path: string): Promise<number | null> {
  try {
    const { stdout } = await run(path, ['--version'])
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(stdout)
    return m ? Number(m[1]) : null
  } catch {
    return null
  }
}

/**
 * The first `tool` that can talk to a server of `serverMajor`: pg_dump refuses servers newer
 * than itself, so an old client on PATH is passed over for a newer one elsewhere.
 */
export async function findPgTool(tool: PgTool, serverMajor: number, pgBin?: string): Promise<string> {
  const seen: string[] = []
  for (const dir of candidateDirs(pgBin)) {
    const path = join(dir, tool)
    if (!existsSync(path) || seen.includes(path)) continue
    seen.push(path)
    const major = await majorVersion(path)
    if (major !== null && major >= serverMajor) return path
  }
  throw new BackupError(
    `backup.${tool}_missing`,
    seen.length
      ? `${tool} ${serverMajor} or newer is needed for this PostgreSQL ${serverMajor} server; found only ${seen.join(', ')}. Install postgresql-client-${serverMajor} or pass --pg-bin DIR.`
      : `${tool} is not installed (looked in ${pgBin ? pgBin : 'PATH and /usr/lib/postgresql/*/bin'}). Install the PostgreSQL client tools (Debian: apt-get install postgresql-client) or pass --pg-bin DIR.`,
  )
}

/**
 * libpq settings for a DATABASE_URL with the password moved to PGPASSWORD, so it does not show
 * in the process list.
 */
export function libpqTarget(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl)
  const password = decodeURIComponent(url.password)
  url.password = ''
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } }
}

/** Runs a client tool; its stderr becomes the error message when it fails. */
export async function runPgTool(path: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(path, args, { env, maxBuffer: 16 * 1024 * 1024 })
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim()
    throw new BackupError('backup.tool_failed', `${path} failed: ${stderr || (err as Error).message}`)
  }
}
