/**
 * The API against its floor, in one run (issue 17):
 *
 *   npm run bench:api                     (PostgreSQL at BENCH_DATABASE_URL, TEST_DATABASE_URL,
 *                                          DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=20 npm run bench:api
 *
 * Creates the scratch database `effekt_bench_api` with the demo portfolio, starts Effekt on it as
 * `npm start` would (a child process) and the floor in bench/floor/ (bare node:http + pg running
 * the statements each answer needs), drives both with autocannon, and prints req/s, p50/p99,
 * statements per request, the server's RSS and the ratio to the floor. Then the embedded default:
 * start to /ready on a fresh data dir and after a restart, RSS after start and after 200
 * requests; and the dashboard's server time and gzipped JavaScript per page. No targets are
 * asserted: the figures go into bench/README.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { captureStatements } from './api/capture.ts'
import { measureEmbedded, startScriptEnv } from './api/embedded.ts'
import { drive, type LoadFigures } from './api/load.ts'
import { measurePages } from './api/pages.ts'
import { freePort, rssMb, startNode } from './api/processes.ts'
import { type Credentials, findFixture, floorStatements, scenarios } from './api/scenarios.ts'
import { recreate, scratchDatabase } from './api/scratch-database.ts'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20)
const POOL_SIZE = 10
const scratch = scratchDatabase('effekt_bench_api')
const benchUrl = scratch.url

console.log(`bench:api — ${SECONDS} s per line, ${CONNECTIONS} connections, pool ${POOL_SIZE}`)
await recreate(scratch, { demo: true })

const effekt = await startNode(
  'src/entry/node.ts',
  {
    DATABASE_URL: benchUrl,
    DEMO_DATA: 'never',
    NODE_ENV: 'production',
    ...startScriptEnv(),
  },
  await freePort(),
)
console.log(`Effekt on PostgreSQL ready in ${Math.round(effekt.readyMs)} ms (pid ${effekt.child.pid})`)

async function login(email: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${effekt.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'effekt-demo' }),
  })
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`)
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const made = await fetch(`${effekt.url}/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: effekt.url },
    body: JSON.stringify({ name: 'bench' }),
  })
  if (made.status !== 201) throw new Error(`token ${email}: ${made.status} ${await made.text()}`)
  return { cookie, token: ((await made.json()) as { token: string }).token }
}
const investor = await login('investor@demo.effekt.no')
const venture = await login('venture@demo.effekt.no')
const municipality = await login('kommune@demo.effekt.no')
const credentials: Credentials = {
  investorToken: investor.token,
  investorCookie: investor.cookie,
  ventureToken: venture.token,
  municipalityToken: municipality.token,
  adminToken: (await login('admin@demo.effekt.no')).token,
}

const client = new pg.Client({ connectionString: benchUrl })
await client.connect()
const fixture = await findFixture(client)
await client.end()
const list = scenarios(fixture, credentials)
const captured = await captureStatements(benchUrl, list, {})

const work = mkdtempSync(join(tmpdir(), 'effekt-bench-api-'))
const planFile = join(work, 'floor-plan.json')
writeFileSync(
  planFile,
  JSON.stringify({
    connectionString: benchUrl,
    poolSize: POOL_SIZE,
    routes: list.map((s) => ({
      method: s.method,
      path: s.path,
      write: s.method !== 'GET',
      statements: floorStatements(s, captured.get(s.name) ?? []),
    })),
  }),
)
const floor = await startNode(
  'bench/floor/server.ts',
  { FLOOR_PLAN: planFile },
  await freePort(),
  '/ready',
  30_000,
  'inherit',
)

// One probe per line first: a floor or an Effekt answer that is not a 2xx makes its figures void.
for (const s of list) {
  for (const [who, base, headers] of [
    ['Effekt', effekt.url, s.headers],
    ['floor', floor.url, {}],
  ] as const) {
    const res = await fetch(`${base}${s.path}`, { method: s.method, headers, body: s.body })
    const text = await res.text()
    if (res.status >= 300) console.log(`  ${who} ${s.name}: ${res.status} ${text.slice(0, 200)}`)
  }
}

interface Row {
  name: string
  statements: number
  floorStatements: number
  effekt: LoadFigures
  floor: LoadFigures
  rss: number
  target?: string
}
const rows: Row[] = []
let peakRss = rssMb(effekt.child.pid)
for (const s of list) {
  const e = await drive(effekt.url, s, SECONDS, s.connections ?? CONNECTIONS)
  const rss = rssMb(effekt.child.pid)
  peakRss = Math.max(peakRss, rss)
  const f = await drive(
    floor.url,
    { method: s.method, path: s.path, headers: {}, body: s.body },
    SECONDS,
    s.connections ?? CONNECTIONS,
  )
  rows.push({
    name: s.name,
    statements: captured.get(s.name)?.length ?? 0,
    floorStatements: floorStatements(s, captured.get(s.name) ?? []).length,
    effekt: e,
    floor: f,
    rss,
    target: s.target,
  })
  console.log(`  ${s.name}: ${Math.round(e.rps)} req/s (floor ${Math.round(f.rps)})`)
}

const pages = await measurePages(effekt.url, [
  { name: 'portfolio', path: '/portfolio', cookie: investor.cookie },
  { name: 'venture', path: `/ventures/${fixture.ventureId}`, cookie: investor.cookie },
  {
    name: 'report form',
    path: `/ventures/${fixture.ventureId}/reports/${fixture.reportId}`,
    cookie: venture.cookie,
  },
  { name: 'impact', path: '/impact', cookie: municipality.cookie },
])
await floor.stop()
await effekt.stop()

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–')
console.log('\n### API on PostgreSQL against the floor\n')
console.log(
  '| request | Effekt req/s | p50 ms | p99 ms | statements | floor req/s | floor p50 | floor p99 | floor statements | ratio | RSS MB | non-2xx (Effekt/floor) |',
)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const r of rows) {
  console.log(
    `| ${r.name} | ${fmt(r.effekt.rps)} | ${fmt(r.effekt.p50)} | ${fmt(r.effekt.p99)} | ${r.statements} | ${fmt(r.floor.rps)} | ${fmt(r.floor.p50)} | ${fmt(r.floor.p99)} | ${r.floorStatements} | ${fmt((100 * r.effekt.rps) / r.floor.rps)} % | ${fmt(r.rss)} | ${r.effekt.non2xx + r.effekt.errors}/${r.floor.non2xx + r.floor.errors} |`,
  )
}
console.log(`\nEffekt server RSS after the load: peak ${fmt(peakRss)} MB`)

console.log('\n### Dashboard pages (server time, sequential, and JavaScript gzipped)\n')
console.log('| page | p50 ms | p95 ms | JS kB gzipped |')
console.log('| --- | ---: | ---: | ---: |')
for (const p of pages) console.log(`| ${p.name} | ${fmt(p.p50, 1)} | ${fmt(p.p95, 1)} | ${fmt(p.jsKb, 1)} |`)

const embedded = await measureEmbedded(work)
console.log('\n### Embedded default (PGlite)\n')
console.log('| run | to /ready ms | RSS after start MB | RSS after 200 requests MB |')
console.log('| --- | ---: | ---: | ---: |')
for (const e of embedded)
  console.log(`| ${e.name} | ${fmt(e.readyMs)} | ${fmt(e.rssAfterStart)} | ${fmt(e.rssAfterRequests)} |`)

if (process.env.BENCH_KEEP) console.log(`kept ${work}`)
else rmSync(work, { recursive: true, force: true })
