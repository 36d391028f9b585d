import { execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { freePort } from './free-port.ts'

/**
 * A throwaway PostgreSQL cluster for tests that stop, restart or break the server: initdb in a
 * temp folder, a free port on 127.0.0.1, driven by pg_ctl. Never the shared server on 5432.
 * PostgreSQL refuses to run as root, so under root the binaries run as the `postgres` user.
 */
export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth) */
  url: string
  port: number
  dir: string
  start(): Promise<void>
  /** mode fast: active sessions get 57P01, like an operator's restart; immediate: a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>
  restart(mode?: 'fast' | 'immediate'): Promise<void>
  destroy(): Promise<void>
}

/** The newest PostgreSQL bin folder with initdb and pg_ctl, or undefined when none is installed. */
export function pgBinDir(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : undefined
}

function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
  return { uid, gid }
}

function run(bin: string, args: string[], user: ReturnType<typeof runAs>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      out += d
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${bin} ${args.join(' ')} exited ${code}:\n${out}`)),
    )
  })
}

export async function createPgCluster(bin = pgBinDir()): Promise<PgCluster> {
  if (!bin) throw new Error('No PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin')
  const user = runAs()
  const dir = mkdtempSync(join(tmpdir(), 'effekt-pg-'))
  if (user) chownSync(dir, user.uid, user.gid)
  const data = join(dir, 'data')
  const port = await freePort()
  await run(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
    user,
  )
  // fsync off: the tests stop the server, never the machine; it keeps the 2-core CI fast.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`
  const ctl = (...args: string[]) =>
    run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', ...args], user)
  const cluster: PgCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    start: () => ctl('-o', options, 'start'),
    stop: (mode = 'fast') => ctl('-m', mode, 'stop'),
    restart: (mode = 'fast') => ctl('-m', mode, '-o', options, 'restart'),
    async destroy() {
      await cluster.stop('immediate').catch(() => {})
      rmSync(dir, { recursive: true, force: true })
    },
  }
  await cluster.start()
  return cluster
}
