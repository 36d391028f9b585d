import type pg from 'pg'

/** Names are per test run (pid) so two runs on one server do not collide. */
const RUN = `effekt_t${process.pid}`
export const templateName = () => `${RUN}_template`
export const fileDatabaseName = () => `${RUN}_${Math.random().toString(36).slice(2, 10)}`

export function adminUrl(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/** Drops this run's databases (and leftovers of runs that died) so the server stays clean. */
export async function dropTestDatabases(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `select datname from pg_database where datname like 'effekt\\_t%' order by datname desc`,
  )
  for (const { datname } of rows) {
    if (!datname.startsWith(RUN) && !isStale(datname)) continue
    await client.query(`drop database if exists "${datname}" with (force)`)
  }
}

/** A database of another run is stale when that process no longer exists. */
function isStale(datname: string): boolean {
  const pid = Number(/^effekt_t(\d+)_/.exec(datname)?.[1])
  if (!pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch {
    return true
  }
}
