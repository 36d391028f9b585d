/**
 * The floor: bare node:http + pg, no framework, no authentication, no validation. For each
 * scenario it runs the statements Effekt needs for the answer (captured from Effekt itself, see
 * bench/api/scenarios.ts `floorStatements`) and answers their rows as JSON. What Effekt serves
 * beyond this is the cost of everything else it does: auth, access checks, validation, shaping.
 *
 *   FLOOR_PLAN=plan.json PORT=… node --import tsx bench/floor/server.ts
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import pg from 'pg'

interface PlannedRoute {
  method: string
  path: string
  write: boolean
  statements: { sql: string; parameters: unknown[] }[]
}
interface Plan {
  connectionString: string
  poolSize: number
  routes: PlannedRoute[]
}

const plan = JSON.parse(readFileSync(process.env.FLOOR_PLAN ?? '', 'utf8')) as Plan
const pool = new pg.Pool({ connectionString: plan.connectionString, max: plan.poolSize })
pool.on('error', () => {})
const reported = new Set<string>()
const routes = new Map(plan.routes.map((r) => [`${r.method} ${r.path}`, r]))

async function run(route: PlannedRoute): Promise<unknown[][]> {
  const client = await pool.connect()
  try {
    if (route.write) await client.query('begin')
    const rows: unknown[][] = []
    for (const st of route.statements) rows.push((await client.query(st.sql, st.parameters)).rows)
    if (route.write) await client.query('commit')
    return rows
  } catch (err) {
    if (route.write) await client.query('rollback').catch(() => {})
    throw err
  } finally {
    client.release()
  }
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', async () => {
    try {
      if (req.url === '/ready') {
        await pool.query('select 1')
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}')
        return
      }
      const route = routes.get(`${req.method} ${req.url}`)
      if (!route) {
        res.writeHead(404).end()
        return
      }
      const rows = await run(route)
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows))
    } catch (err) {
      const key = `${req.method} ${req.url}`
      if (!reported.has(key)) {
        reported.add(key)
        console.error(`floor: ${key}: ${err instanceof Error ? err.message : String(err)}`)
      }
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err))
    }
  })
})
server.keepAliveTimeout = 5000
server.listen(Number(process.env.PORT ?? 8788), '127.0.0.1')
process.on('SIGTERM', () => {
  server.close()
  server.closeAllConnections()
  void pool.end().then(() => process.exit(0))
})
