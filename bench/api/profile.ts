/**
 * Where a single authenticated read spends its CPU (issue 17):
 *
 *   BENCH_DB=effekt_bench_prof node --import tsx bench/api/profile.ts [seconds=5]
 *
 * Loads the demo into a scratch PostgreSQL database (`BENCH_REUSE=1` keeps an existing one), starts
 * Effekt as `npm start` would but under `--cpu-prof`, drives `GET /v1/ventures/{id}` with a token
 * and then with a session cookie (autocannon, 20 connections), stops the server and prints req/s,
 * then the profile's self time by package / source file and its hottest functions.
 * `PROFILE_OFF=1` measures without the profiler (req/s and server CPU per request only).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { drive } from './load.ts'
import { freePort, startNode } from './processes.ts'
import { findFixture, ventureRow } from './scenarios.ts'
import { recreate, scratchDatabase } from './scratch-database.ts'

const SECONDS = Number(process.argv[2] ?? 5)
const scratch = scratchDatabase('effekt_bench_prof')
const benchUrl = scratch.url

if (!process.env.BENCH_REUSE) await recreate(scratch, { demo: true })

/** User + system CPU of a process so far, in ms, from /proc (Linux; clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

const profDir = mkdtempSync(join(tmpdir(), 'effekt-prof-'))
const port = await freePort()
const child = spawn(
  process.execPath,
  [
    ...(process.env.PROFILE_OFF ? [] : ['--cpu-prof', `--cpu-prof-dir=${profDir}`]),
    '--import',
    'tsx',
    'src/entry/node.ts',
  ],
  {
    env: {
      ...process.env,
      DATABASE_URL: benchUrl,
      DEMO_DATA: 'never',
      NODE_ENV: 'production',
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
)
const url = `http://127.0.0.1:${port}`
for (;;) {
  try {
    if ((await fetch(`${url}/ready`)).status === 200) break
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 100))
}

const login = await fetch(`${url}/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'investor@demo.effekt.no', password: 'effekt-demo' }),
})
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
const made = await fetch(`${url}/v1/tokens`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie, origin: url },
  body: JSON.stringify({ name: 'profile' }),
})
const token = ((await made.json()) as { token: string }).token
const client = new pg.Client({ connectionString: benchUrl })
await client.connect()
const { ventureId } = await findFixture(client)
await client.end()

// The floor of a single read (bench/floor/), measured after each Effekt line for the ratio.
const planFile = join(profDir, 'floor-plan.json')
const floorPath = `/v1/ventures/${ventureId}`
writeFileSync(
  planFile,
  JSON.stringify({
    connectionString: benchUrl,
    poolSize: 10,
    routes: [{ method: 'GET', path: floorPath, write: false, statements: [ventureRow(ventureId)] }],
  }),
)
const floor = await startNode(
  'bench/floor/server.ts',
  { FLOOR_PLAN: planFile },
  await freePort(),
  '/ready',
  30_000,
)

for (const [name, headers] of [
  ['token', { authorization: `Bearer ${token}` }],
  ['cookie', { cookie }],
] as const) {
  // A short warm-up first (JIT, pool), as bench:api does.
  await autocannon({ url: `${url}/v1/ventures/${ventureId}`, headers, connections: 20, duration: 2 })
  const cpuBefore = cpuMs(child.pid)
  const r = await autocannon({
    url: `${url}/v1/ventures/${ventureId}`,
    headers,
    connections: 20,
    duration: SECONDS,
  })
  // CPU per request holds still on a shared machine where req/s does not.
  const perRequest = (cpuMs(child.pid) - cpuBefore) / r.requests.total
  console.log(
    `venture read (${name}): ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, server CPU ${perRequest.toFixed(2)} ms/request, non-2xx ${r.non2xx}`,
  )
  const floorCpu = cpuMs(floor.child.pid)
  const f = await drive(floor.url, { method: 'GET', path: floorPath, headers: {} }, SECONDS, 20)
  // drive() warms up for 2 s at about the same rate: its CPU counts over both runs.
  const floorPerRequest = (cpuMs(floor.child.pid) - floorCpu) / (f.rps * (SECONDS + 2))
  console.log(
    `  floor: ${Math.round(f.rps)} req/s, p50 ${f.p50} ms, CPU ≈ ${floorPerRequest.toFixed(2)} ms/request; ratio ${Math.round((100 * r.requests.average) / f.rps)} %`,
  )
}
await floor.stop()
await new Promise<void>((resolve) => {
  child.once('exit', () => resolve())
  child.kill('SIGTERM')
})

if (process.env.PROFILE_OFF) process.exit(0)

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))
if (!file) throw new Error(`no profile in ${profDir}`)
const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as {
  nodes: Node[]
  samples: number[]
  timeDeltas: number[]
}
// Only the samples of the load (the last 2 × SECONDS + 2 s before shutdown), not the start-up's
// compiling and migrating.
const times: number[] = []
let t = 0
for (const d of profile.timeDeltas) {
  t += d
  times.push(t)
}
const from = t - (2 * SECONDS + 2 - 0.5) * 1e6
const samples = profile.samples.filter((_, i) => times[i]! >= from)
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
// Percentages of the time the server was busy: idle samples (waiting for PostgreSQL or for the
// floor's line) are left out, so runs on a loaded machine compare.
const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id))
const busy = samples.filter((s) => !idleIds.has(s))
const total = busy.length
const where = (u: string) => {
  if (!u) return '(native / gc / idle)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)
  if (pkg) return pkg[1]!
  const src = /\/((?:src|bench)\/.+)$/.exec(u)
  if (src) return src[1]!
  return u.replace(/^file:\/\//, '')
}
const byWhere = new Map<string, number>()
const byFn = new Map<string, number>()
const inclusive = new Map<string, number>()
const WATCH =
  /^(authenticate|principalFromToken|principalFromSession|sha256Hex|getVenture|requireVentureAccess|findVenture.*|requestLog|compress|info|validationHook|stringify|json|ventureOut|idempotency|secureHeaders|executeQuery|compileQuery|.*Serializer.*|transformQuery|parseJSON|safeParse.*)$/
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)
for (const s of busy) {
  const n = byId.get(s)!
  const label = (x: Node) => `${x.callFrame.functionName || '(anonymous)'} ${where(x.callFrame.url)}`
  bump(byWhere, n.callFrame.functionName === '(idle)' ? '(idle)' : where(n.callFrame.url))
  bump(byFn, `${label(n)}:${n.callFrame.lineNumber + 1}`)
  const seen = new Set<string>()
  for (let id: number | undefined = s; id !== undefined; id = parent.get(id)) {
    const x = byId.get(id)!
    const pkg = where(x.callFrame.url)
    const keys = [`[${pkg}]`]
    if (WATCH.test(x.callFrame.functionName)) keys.push(label(x))
    for (const k of keys) if (!seen.has(k)) seen.add(k) && bump(inclusive, k)
  }
}
const pct = (h: number) => `${((100 * h) / total).toFixed(1)} %`
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
console.log(`\nprofile ${join(profDir, file)}: ${total} busy samples under load; self time by place`)
for (const [w, h] of top(byWhere, 25)) console.log(`  ${pct(h).padStart(7)}  ${w}`)
console.log('\nhottest functions (self time)')
for (const [f, h] of top(byFn, 30)) console.log(`  ${pct(h).padStart(7)}  ${f}`)
console.log('\ninclusive time (on the stack): [package] and watched functions')
for (const [f, h] of top(inclusive, 45)) console.log(`  ${pct(h).padStart(7)}  ${f}`)
