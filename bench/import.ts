/**
 * CSV import of 100,000 values against `psql \copy` of the same rows, in one run (issue 17):
 *
 *   npm run bench:import                  (PostgreSQL at BENCH_DATABASE_URL, TEST_DATABASE_URL,
 *                                          DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_DB=effekt_bench_import_mine npm run bench:import     (another scratch database name)
 *   BENCH_ROUNDS=3 npm run bench:import                         (imports per side; the best counts)
 *
 * Creates the scratch database (default `effekt_bench_import`), migrates it and makes one venture
 * with 50 indicators assigned quarterly from 2015, an editor and a bearer token. The file: every
 * quarter of 2015–2024 (40) × 50 indicators, each value a total row, 4 gender, 6 age-band and 39
 * municipality cells that add up to it — 100,000 rows (values and breakdown cells), ≈ 3 MB.
 *
 * Effekt runs as `npm start` would (a child process on PostgreSQL, with its Node flags); the file is posted to
 * `POST /v1/ventures/{id}/reports/import`. The default body limit is 1 MiB (BODY_LIMIT_BYTES), so the
 * server is started with 16 MiB for this file. Each round imports into a venture of its own made before the
 * timing starts (no reports yet, so every quarter's report is created). The floor: `psql -c "\copy"`
 * of the same file into a plain table of the same ten columns, in the same run. Printed: rows/s of
 * each and Effekt's share of the floor's throughput. Nothing is asserted.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { isKnownMunicipality, listCurrentMunicipalities } from '../src/domain/municipalities.ts'
import { createPostgresDatabase } from '../src/entry/postgres.ts'
import { makeMember, makeToken } from '../test/helpers/factories.ts'
import { assign, makeIndicator, makeVentureOrg } from '../test/helpers/outcome-data.ts'
import { startScriptEnv } from './api/embedded.ts'
import { freePort, rssMb, startNode } from './api/processes.ts'
import { recreate, scratchDatabase } from './api/scratch-database.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const INDICATORS = 50
const YEARS = 10
const MUNICIPALITY_CELLS = 39
const GENDERS = ['female', 'male', 'other', 'unknown']
const AGE_BANDS = ['0-15', '16-29', '30-49', '50-66', '67+', 'unknown']
const BODY_LIMIT_BYTES = 16 * 1024 * 1024

const scratch = scratchDatabase('effekt_bench_import')
const { name: BENCH_DB, url: benchUrl } = scratch

/** Spreads `total` over `n` cells: every cell at least 1, the rest on the first ones. */
function split(total: number, n: number): number[] {
  const base = Math.floor(total / n)
  return Array.from({ length: n }, (_, i) => base + (i < total - base * n ? 1 : 0))
}

function buildCsv(codes: string[]): { csv: string; rows: number } {
  // Municipality numbers in use during the whole of 2015–2024, so every quarter accepts them.
  const places = listCurrentMunicipalities()
    .map((m) => m.code)
    .filter((c) => isKnownMunicipality(c, '2015-01-01') && isKnownMunicipality(c, '2024-12-31'))
    .slice(0, MUNICIPALITY_CELLS)
  if (places.length < MUNICIPALITY_CELLS) throw new Error(`only ${places.length} stable municipalities`)
  const lines = [
    'period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level',
  ]
  for (let year = 2015; year < 2015 + YEARS; year++) {
    for (let q = 1; q <= 4; q++) {
      const period = `${year}-Q${q}`
      codes.forEach((code, i) => {
        const total = 1000 + ((year * 7 + q * 13 + i * 31) % 500)
        lines.push(`${period};${code};;;${total};;;Imported by the bench;;self_reported`)
        split(total, GENDERS.length).forEach((v, k) => {
          lines.push(`${period};${code};gender;${GENDERS[k]};${v};;;;;`)
        })
        split(total, AGE_BANDS.length).forEach((v, k) => {
          lines.push(`${period};${code};age_band;${AGE_BANDS[k]};${v};;;;;`)
        })
        split(total, places.length).forEach((v, k) => {
          lines.push(`${period};${code};municipality;${places[k]};${v};;;;;`)
        })
      })
    }
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows: lines.length - 1 }
}

console.log(`bench:import — ${ROUNDS} rounds, scratch database ${BENCH_DB}`)
await recreate(scratch, { demo: false })
const setup = createPostgresDatabase({ connectionString: benchUrl, max: 2 })
const codes: string[] = []
for (let i = 1; i <= INDICATORS; i++) {
  codes.push(
    await makeIndicator(setup.db, {
      code: `BENCH-IMP-${String(i).padStart(2, '0')}`,
      unit: 'people',
      aggregation: 'sum',
      personal: true,
    }),
  )
}
/** A venture with the indicators assigned, no reports yet, and a token of its editor. */
async function freshVenture(round: number) {
  const ventureId = await makeVentureOrg(setup.db, {
    name: `Import bench venture ${round}`,
    municipalities: ['0301'],
  })
  for (const code of codes) await assign(setup.db, ventureId, code, 'quarterly')
  const editor = await makeMember(setup.db, ventureId, 'editor')
  return { ventureId, token: (await makeToken(setup.db, editor.id)).token }
}

const { csv, rows } = buildCsv(codes)
const work = mkdtempSync(join(tmpdir(), 'effekt-bench-import-'))
const file = join(work, 'values.csv')
writeFileSync(file, csv)
const bytes = Buffer.byteLength(csv)
console.log(`file: ${rows.toLocaleString('en')} rows, ${(bytes / 1048576).toFixed(1)} MB`)

const effekt = await startNode(
  'src/entry/node.ts',
  {
    DATABASE_URL: benchUrl,
    DEMO_DATA: 'never',
    LOG_LEVEL: 'warn',
    BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
    DB_STATEMENT_TIMEOUT_MS: '0',
    ...startScriptEnv(),
  },
  await freePort(),
)

const effektMs: number[] = []
let peakRss = 0
for (let round = 0; round < ROUNDS; round++) {
  // A fresh venture for each round: no reports yet, so every quarter's report is created.
  const { ventureId, token } = await freshVenture(round)
  const began = performance.now()
  const res = await fetch(`${effekt.url}/v1/ventures/${ventureId}/reports/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
    body: csv,
  })
  const body = (await res.json()) as { values?: number; reports?: unknown[] }
  const ms = performance.now() - began
  peakRss = Math.max(peakRss, rssMb(effekt.child.pid))
  if (res.status !== 200)
    throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 2000)}`)
  const stored = await setup.db
    .selectFrom('reportValueBreakdowns')
    .innerJoin('reports', 'reports.id', 'reportValueBreakdowns.reportId')
    .where('reports.ventureOrgId', '=', ventureId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  if (body.values! + Number(stored.n) !== rows)
    throw new Error(`stored ${body.values} values and ${stored.n} cells, not ${rows} rows`)
  effektMs.push(ms)
  console.log(`  Effekt round ${round + 1}: ${Math.round(ms)} ms (${body.reports?.length} reports)`)
}
await effekt.stop()

const floorMs: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  const psql = (command: string) =>
    execFileSync('psql', [benchUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command], { stdio: 'pipe' })
  psql(
    'drop table if exists import_floor; create table import_floor (period text, indicator text, dimension text, category text, value numeric, numerator numeric, denominator numeric, note text, evidence text, verification_level text)',
  )
  const began = performance.now()
  psql(`\\copy import_floor from '${file}' with (format csv, header true, delimiter ';')`)
  floorMs.push(performance.now() - began)
  console.log(`  psql \\copy round ${round + 1}: ${Math.round(floorMs.at(-1)!)} ms`)
}
await setup.close()
rmSync(work, { recursive: true, force: true })

const best = (xs: number[]) => Math.min(...xs)
const rate = (ms: number) => Math.round(rows / (ms / 1000))
console.log('')
console.log('| what | best ms | rows/s |')
console.log('| --- | ---: | ---: |')
console.log(`| Effekt import (API, PostgreSQL) | ${Math.round(best(effektMs))} | ${rate(best(effektMs))} |`)
console.log(`| psql \\copy (floor) | ${Math.round(best(floorMs))} | ${rate(best(floorMs))} |`)
console.log('')
console.log(`ratio: ${Math.round((100 * best(floorMs)) / best(effektMs))} % of the floor's throughput`)
console.log(`Effekt server RSS after the imports: ${Math.round(peakRss)} MB`)
