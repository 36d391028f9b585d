import pg from 'pg'

/**
 * Scratch databases for the Workers tests on the local PostgreSQL (TEST_DATABASE_URL, else the
 * default local server). Names carry the pid so leftovers of a crashed run are recognisable.
 */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'

export type Target = { ok: true } | { ok: false; reason: string }

/** Whether the server answers; the tests that need it are skipped with the reason otherwise. */
export async function postgresTarget(url = POSTGRES_URL): Promise<Target> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('select 1')
    return { ok: true }
  } catch (err) {
    return { ok: false, reason: `PostgreSQL at ${redact(url)} does not answer: ${(err as Error).message}` }
  } finally {
    await client.end().catch(() => {})
  }
}

export const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')

/**
 * The URL of another database on the same server. Wrangler's Hyperdrive emulation refuses a
 * connection string without a password, so one is added when missing (trust auth ignores it).
 */
export function databaseUrl(name: string, base = POSTGRES_URL, withPassword = false): string {
  const u = new URL(base)
  u.pathname = `/${name}`
  if (withPassword && !u.password) u.password = 'postgres'
  return u.toString()
}

export interface ScratchDatabase {
  name: string
  url: string
  query(text: string, values?: unknown[]): Promise<void>
  /** Connections to this database other than the caller's own. */
  connections(): Promise<number>
  drop(): Promise<void>
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export async function scratchDatabase(label: string): Promise<ScratchDatabase> {
  const name = `effekt_w${process.pid}_${label}_${Math.random().toString(36).slice(2, 8)}`
  await admin((c) => c.query(`create database "${name}"`))
  return {
    name,
    url: databaseUrl(name),
    async query(text, values) {
      const client = new pg.Client({ connectionString: databaseUrl(name) })
      await client.connect()
      try {
        await client.query(text, values)
      } finally {
        await client.end()
      }
    },
    connections: () =>
      admin(async (c) => {
        const { rows } = await c.query<{ n: number }>(
          'select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [name],
        )
        return rows[0]?.n ?? 0
      }),
    drop: () => admin(async (c) => void (await c.query(`drop database if exists "${name}" with (force)`))),
  }
}
