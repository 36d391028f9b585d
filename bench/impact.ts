/**
 * GET /v1/impact at national scale on PostgreSQL (issue 6):
 *
 *   npm run bench:impact                      # TEST_DATABASE_URL or DATABASE_URL (a server URL)
 *   node --import tsx bench/impact.ts [ventures=2000] [quarters=40] [rounds=40]
 *
 * Creates the scratch database `effekt_bench` on that server (dropped first), migrates it, and
 * generates ventures across every current municipality (more in the big cities), each reporting
 * 8 shareable indicators per quarter with gender, age-band and municipality breakdowns (under the
 * number valid at the time: 0213/0217 before 2020, 3020 until 2023, 3207 after), loaded with
 * multi-row `insert … select from unnest(…)` batches with triggers off, then `impact_rebuild()`.
 * Prints p50/p95 of the API (createApp(...).request) for one municipality, the largest one and
 * the whole country, and the same aggregates as raw SQL.
 */
import pg from 'pg'
import { createApp } from '../src/app.ts'
import { defaultConfig } from '../src/config.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import {
  codesRollingInto,
  isKnownMunicipality,
  listCurrentMunicipalities,
  splitPredecessors,
} from '../src/domain/municipalities.ts'
import { requirePeriod } from '../src/domain/periods.ts'
import { createPostgresDatabase } from '../src/entry/postgres.ts'
import { createLogger } from '../src/http/logger.ts'
import { newApiToken, sha256Hex } from '../src/modules/identity/secrets.ts'
import { QueryCounter } from '../test/helpers/query-counter.ts'

const VENTURES = Number(process.argv[2] ?? 2000)
const QUARTERS = Number(process.argv[3] ?? 40)
const ROUNDS = Number(process.argv[4] ?? 40)
const SERVER = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL
if (!SERVER) throw new Error('Set TEST_DATABASE_URL or DATABASE_URL to a PostgreSQL server URL')
// BENCH_DB names another scratch database, so that two people can bench on one server.
const NAME = process.env.BENCH_DB ?? 'effekt_bench'
const url = (() => {
  const u = new URL(SERVER)
  u.pathname = `/${NAME}`
  return u.toString()
})()

// A deterministic generator, so runs are comparable.
let seed = 20261127
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T

/** Splits a whole number into parts by weight (largest remainder): the parts add up exactly. */
function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0)
  const raw = weights.map((w) => (total * w) / sum)
  const parts = raw.map(Math.floor)
  let left = total - parts.reduce((s, p) => s + p, 0)
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0])
  for (const [, i] of order) {
    if (left-- <= 0) break
    parts[i] = (parts[i] ?? 0) + 1
  }
  return parts
}

const INDICATORS = [
  { code: 'NO-WORK-01', kind: 'sum', base: 6 },
  { code: 'PI4060', kind: 'sum', base: 40 },
  { code: 'PI2998', kind: 'sum', base: 18 },
  { code: 'NO-YOUTH-01', kind: 'sum', base: 5 },
  { code: 'NO-WORK-02', kind: 'last', base: 20 },
  { code: 'NO-YOUTH-02', kind: 'last', base: 12 },
  { code: 'PI3527', kind: 'ratio', base: 25 },
  { code: 'OI4862', kind: 'tonnes', base: 15 },
] as const
const GENDERS = ['female', 'male', 'other', 'unknown']
const GENDER_W = [46, 50, 1, 3]
const AGES = ['0-15', '16-29', '30-49', '50-66', '67+', 'unknown']
const AGE_W = [4, 40, 34, 18, 2, 2]
const BIG: Record<string, number> = {
  '0301': 120,
  '4601': 60,
  '5001': 45,
  '1103': 30,
  '4204': 20,
  '3207': 20,
  '3201': 20,
}

const log = (...args: unknown[]) => console.log(...args)

// ---------------------------------------------------------------------------------------------
// The database

// BENCH_REUSE=1 times an existing effekt_bench again without generating it.
const REUSE = process.env.BENCH_REUSE === '1'
if (!REUSE) {
  const admin = new pg.Client({ connectionString: SERVER })
  await admin.connect()
  await admin.query(`drop database if exists ${NAME} with (force)`)
  await admin.query(`create database ${NAME}`)
  await admin.end()
  const d = createPostgresDatabase({ connectionString: url, max: 1 })
  await migrateToLatest(d.db)
  await d.close()
}
const client = new pg.Client({ connectionString: url })
await client.connect()

/** Inserts rows column-wise: one statement per batch, `insert … select … from unnest(…)`. */
async function load(table: string, columns: [string, string][], rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += 20_000) {
    const batch = rows.slice(i, i + 20_000)
    const arrays = columns.map((_, c) => batch.map((r) => r[c] ?? null))
    // Array columns travel as text literals (`{3207}`) and are cast on the way in.
    const params = columns
      .map(([, type], c) => `$${c + 1}::${type === 'text[]' ? 'text' : type}[]`)
      .join(', ')
    const select = columns.map(([, type], c) => (type === 'text[]' ? `c${c}::text[]` : `c${c}`)).join(', ')
    const names = columns.map((_, c) => `c${c}`).join(', ')
    await client.query(
      `insert into ${table} (${columns.map(([n]) => n).join(', ')}) select ${select} from unnest(${params}) as u (${names})`,
      arrays,
    )
  }
}

const municipalities = listCurrentMunicipalities().map((m) => m.code)
const orgOf = new Map<string, string>()
const ventures: { id: string; serves: string[] }[] = []

async function generate() {
  const t0 = performance.now()
  await client.query('set session_replication_role = replica') // no triggers, no FK checks while loading

  await load(
    'organizations',
    [
      ['id', 'uuid'],
      ['kind', 'text'],
      ['name', 'text'],
      ['municipality_numbers', 'text[]'],
    ],
    municipalities.map((code) => {
      const id = crypto.randomUUID()
      orgOf.set(code, id)
      return [id, 'municipality', `Kommune ${code}`, `{${code}}`]
    }),
  )
  await load(
    'municipality_open_data',
    [['organization_id', 'uuid']],
    [...orgOf].filter(([code], i) => i % 2 === 0 || code === '3207').map(([, id]) => [id]),
  )

  // Ventures: every municipality gets some, the big cities many; a fifth serve a neighbour too.
  const weights = municipalities.map((m) => BIG[m] ?? 1)
  const perMunicipality = split(VENTURES, weights).map((n, i) =>
    Math.max(n, BIG[municipalities[i] as string] ? n : 1),
  )
  municipalities.forEach((m, i) => {
    const county = m.slice(0, 2)
    const neighbours = municipalities.filter((x) => x !== m && x.startsWith(county))
    for (let n = 0; n < (perMunicipality[i] ?? 0); n++) {
      const serves = rand() < 0.2 && neighbours.length > 0 ? [m, pick(neighbours)] : [m]
      ventures.push({ id: crypto.randomUUID(), serves })
    }
  })

  /** The numbers valid on a day that roll into (or were split into) a current municipality. */
  const codesCache = new Map<string, string[]>()
  function codesOn(current: string, day: string): string[] {
    const key = `${current}|${day}`
    let codes = codesCache.get(key)
    if (!codes) {
      const all = [...codesRollingInto(current), ...splitPredecessors(current)]
      codes = all.filter((c) => isKnownMunicipality(c, day))
      if (codes.length === 0) codes = [current]
      codesCache.set(key, codes)
    }
    return codes
  }

  const firstYear = 2025 - Math.ceil(QUARTERS / 4)
  const quarters = Array.from(
    { length: QUARTERS },
    (_, i) => `${firstYear + Math.floor(i / 4)}-Q${(i % 4) + 1}`,
  )
  const counts = { reports: 0, values: 0, breakdowns: 0 }

  for (let from = 0; from < ventures.length; from += 100) {
    const chunk = ventures.slice(from, from + 100)
    const orgRows: unknown[][] = []
    const ventureRows: unknown[][] = []
    const shareRows: unknown[][] = []
    const assignmentRows: unknown[][] = []
    const reportRows: unknown[][] = []
    const revisionRows: unknown[][] = []
    const valueRows: unknown[][] = []
    const cellRows: unknown[][] = []
    for (const [n, v] of chunk.entries()) {
      orgRows.push([v.id, 'venture', `Venture ${from + n}`, '{}'])
      ventureRows.push([v.id, `{${v.serves.join(',')}}`, rand() < 0.6])
      for (const m of v.serves) shareRows.push([crypto.randomUUID(), v.id, orgOf.get(m), 'aggregate'])
      const plans = INDICATORS.map((ind) => {
        const id = crypto.randomUUID()
        assignmentRows.push([id, v.id, ind.code, 'quarterly', '2014-01-01'])
        // Some ventures are small: their counts fall under the threshold and get suppressed.
        return { ind, id, scale: rand() < 0.25 ? 0.15 : 0.5 + rand() }
      })
      const lastSubmitted = rand() < 0.1
      quarters.forEach((period, qi) => {
        const p = requirePeriod(period)
        const reportId = crypto.randomUUID()
        const status = lastSubmitted && qi === quarters.length - 1 ? 'submitted' : 'verified'
        reportRows.push([reportId, v.id, period, 'quarterly', p.start, p.end, status])
        revisionRows.push([reportId, 1])
        for (const { ind, id, scale } of plans) {
          const grow = 1 + 0.03 * (qi / 4)
          const size = Math.max(0, Math.round(ind.base * scale * grow * (0.7 + 0.6 * rand())))
          const cell = (
            dimension: string,
            category: string,
            value: string,
            num: number | null,
            den: number | null,
          ) => cellRows.push([reportId, 1, id, dimension, category, value, num, den])
          const muniParts = (total: number) => {
            const served = v.serves.length === 1 ? [1] : [3, 1]
            return split(total, served).flatMap((share, si) => {
              const codes = codesOn(v.serves[si] as string, p.start)
              return split(
                share,
                codes.map(() => 1),
              ).map((x, ci) => [codes[ci] as string, x] as const)
            })
          }
          if (ind.kind === 'tonnes') {
            valueRows.push([reportId, 1, id, (size + rand()).toFixed(2), null, null])
            continue
          }
          if (ind.kind === 'ratio') {
            const den = Math.max(1, size)
            const num = Math.floor(den * (0.2 + 0.5 * rand()))
            valueRows.push([reportId, 1, id, ((num * 100) / den).toFixed(2), num, den])
            const dens = split(den, [48, 52])
            const numF = Math.min(dens[0] as number, Math.floor((num * (dens[0] as number)) / den))
            const nums = [numF, num - numF]
            if ((nums[1] as number) > (dens[1] as number)) {
              nums[1] = dens[1] as number
              nums[0] = num - (dens[1] as number)
            }
            ;['female', 'male'].forEach((g, gi) => {
              const d = dens[gi] as number
              const nn = nums[gi] as number
              cell('gender', g, d === 0 ? '0' : ((nn * 100) / d).toFixed(2), nn, d)
            })
            const mDen = muniParts(den)
            let numLeft = num
            mDen.forEach(([code, d], mi) => {
              const nn = mi === mDen.length - 1 ? numLeft : Math.min(d, Math.floor((num * d) / den))
              numLeft -= nn
              cell('municipality', code, d === 0 ? '0' : ((nn * 100) / d).toFixed(2), nn, d)
            })
            continue
          }
          valueRows.push([reportId, 1, id, String(size), null, null])
          for (const [i, x] of split(size, GENDER_W).entries())
            cell('gender', GENDERS[i] as string, String(x), null, null)
          for (const [i, x] of split(size, AGE_W).entries())
            cell('age_band', AGES[i] as string, String(x), null, null)
          for (const [code, x] of muniParts(size)) cell('municipality', code, String(x), null, null)
        }
      })
    }
    const uuid = 'uuid'
    await load(
      'organizations',
      [
        ['id', uuid],
        ['kind', 'text'],
        ['name', 'text'],
        ['municipality_numbers', 'text[]'],
      ],
      orgRows,
    )
    await load(
      'ventures',
      [
        ['org_id', uuid],
        ['municipalities', 'text[]'],
        ['publish_open_data', 'boolean'],
      ],
      ventureRows,
    )
    await load(
      'data_shares',
      [
        ['id', uuid],
        ['venture_org_id', uuid],
        ['grantee_org_id', uuid],
        ['level', 'text'],
      ],
      shareRows,
    )
    await load(
      'assignments',
      [
        ['id', uuid],
        ['venture_org_id', uuid],
        ['indicator_code', 'text'],
        ['frequency', 'text'],
        ['start_date', 'date'],
      ],
      assignmentRows,
    )
    await load(
      'reports',
      [
        ['id', uuid],
        ['venture_org_id', uuid],
        ['period', 'text'],
        ['frequency', 'text'],
        ['period_start', 'date'],
        ['period_end', 'date'],
        ['status', 'text'],
      ],
      reportRows,
    )
    await load(
      'report_revisions',
      [
        ['report_id', uuid],
        ['revision', 'int'],
      ],
      revisionRows,
    )
    await load(
      'report_values',
      [
        ['report_id', uuid],
        ['revision', 'int'],
        ['assignment_id', uuid],
        ['total', 'numeric'],
        ['numerator', 'numeric'],
        ['denominator', 'numeric'],
      ],
      valueRows,
    )
    await load(
      'report_value_breakdowns',
      [
        ['report_id', uuid],
        ['revision', 'int'],
        ['assignment_id', uuid],
        ['dimension', 'text'],
        ['category', 'text'],
        ['value', 'numeric'],
        ['numerator', 'numeric'],
        ['denominator', 'numeric'],
      ],
      cellRows,
    )
    counts.reports += reportRows.length
    counts.values += valueRows.length
    counts.breakdowns += cellRows.length
  }
  const loadSeconds = (performance.now() - t0) / 1000
  log(
    `loaded ${ventures.length} ventures in ${municipalities.length} municipalities: ${counts.reports} reports, ` +
      `${counts.values} values, ${counts.breakdowns} breakdown cells in ${loadSeconds.toFixed(1)} s`,
  )

  await client.query('set session_replication_role = origin')
  await client.query('analyze') // the rebuild's joins need the statistics of the loaded tables
  const t = performance.now()
  await client.query(`set work_mem = '256MB'`)
  await client.query('select impact_rebuild()')
  await client.query('reset work_mem')
  const rebuildSeconds = (performance.now() - t) / 1000
  await client.query('vacuum analyze')
  const facts = (await client.query('select count(*)::int as n from impact_facts')).rows[0].n
  const national = (await client.query('select count(*)::int as n from impact_national')).rows[0].n
  log(`impact_rebuild(): ${rebuildSeconds.toFixed(1)} s (${facts} facts, ${national} national rows)`)
}

if (REUSE) {
  for (const r of (
    await client.query(`select id, municipality_numbers from organizations where kind = 'municipality'`)
  ).rows)
    orgOf.set(r.municipality_numbers[0], r.id)
  for (const r of (await client.query('select org_id, municipalities from ventures order by org_id')).rows)
    ventures.push({ id: r.org_id, serves: r.municipalities })
} else await generate()

// Callers: a platform admin, and members of Nordre Follo and Oslo.
async function tokenFor(opts: { admin?: boolean; org?: string }) {
  const userId = crypto.randomUUID()
  await client.query('insert into users (id, email, name, is_platform_admin) values ($1, $2, $3, $4)', [
    userId,
    `${userId}@bench.test`,
    'Bench',
    opts.admin ?? false,
  ])
  if (opts.org)
    await client.query(`insert into memberships (user_id, organization_id, role) values ($1, $2, 'viewer')`, [
      userId,
      opts.org,
    ])
  const token = newApiToken()
  await client.query(
    `insert into api_tokens (id, user_id, name, token_hash, prefix, expires_at) values ($1, $2, 'bench', $3, $4, now() + interval '1 day')`,
    [crypto.randomUUID(), userId, await sha256Hex(token), token.slice(0, 10)],
  )
  return token
}
const adminToken = await tokenFor({ admin: true })
const follo = await tokenFor({ org: orgOf.get('3207') as string })
const oslo = await tokenFor({ org: orgOf.get('0301') as string })

// ---------------------------------------------------------------------------------------------
// Timing

const database = createPostgresDatabase({ connectionString: url, max: 4 })
const app = createApp({ database, config: defaultConfig(), logger: createLogger('error', () => {}) })

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number
}
async function time(fn: () => Promise<unknown>, rounds = ROUNDS, warmups = 2) {
  const first = performance.now()
  await fn()
  const cold = performance.now() - first
  for (let i = 0; i < warmups; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const s = performance.now()
    await fn()
    samples.push(performance.now() - s)
  }
  return { cold, p50: pct(samples, 50), p95: pct(samples, 95) }
}
async function api(path: string, token: string) {
  const res = await app.request(`http://bench${path}`, { headers: { authorization: `Bearer ${token}` } })
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json()
}
const sqlTime = (text: string) => () => client.query(text)
const SQL_ROUNDS = Math.min(ROUNDS, 15)

const sharing = (code: string) =>
  `select s.venture_org_id from data_shares s where s.revoked_at is null and s.grantee_org_id = '${orgOf.get(code)}'`
/** The municipal aggregate straight from the reported values (verified, quarters). */
const rawMunicipal = (code: string) => `
  with counted as (
    select r.venture_org_id, a.indicator_code, to_char(r.period_start, 'YYYY-"Q"Q') as quarter, v.*
    from reports r
    join report_values v on v.report_id = r.id
      and v.revision = case when r.status = 'verified' then r.revision else r.revision - 1 end
    join assignments a on a.id = v.assignment_id
    join indicators i on i.code = a.indicator_code and i.shareable
    where r.venture_org_id in (${sharing(code)})
  ),
  muni as (
    select c.report_id, c.assignment_id, c.indicator_code, c.quarter, c.total, c.venture_org_id,
           sum(d.value) as value, sum(d.numerator) as num, sum(d.denominator) as den
    from counted c
    join report_value_breakdowns d on d.report_id = c.report_id and d.revision = c.revision
      and d.assignment_id = c.assignment_id and d.dimension = 'municipality'
    join impact_municipality_codes m on m.code = d.category and m.current_code = '${code}'
    group by 1, 2, 3, 4, 5, 6
  )
  select m.indicator_code, m.quarter, coalesce(d.dimension, '') as dimension, coalesce(d.category, '') as category,
         sum(coalesce(d.value, m.value)), sum(coalesce(d.numerator, m.num)), sum(coalesce(d.denominator, m.den)),
         count(distinct m.venture_org_id)
  from muni m
  left join report_value_breakdowns d on d.report_id = m.report_id and d.assignment_id = m.assignment_id
    and d.dimension <> 'municipality' and m.value = m.total
  group by 1, 2, 3, 4`
/** The national aggregate straight from the reported values (verified, quarters). */
const rawNational = `
  with counted as (
    select r.venture_org_id, a.indicator_code, to_char(r.period_start, 'YYYY-"Q"Q') as quarter, v.*
    from reports r
    join report_values v on v.report_id = r.id
      and v.revision = case when r.status = 'verified' then r.revision else r.revision - 1 end
    join assignments a on a.id = v.assignment_id
    join indicators i on i.code = a.indicator_code and i.shareable
  )
  select indicator_code, quarter, '' as dimension, '' as category, sum(total), sum(numerator), sum(denominator),
         count(distinct venture_org_id)
  from counted group by 1, 2
  union all
  select c.indicator_code, c.quarter, d.dimension, d.category, sum(d.value), sum(d.numerator), sum(d.denominator), 0
  from counted c
  join report_value_breakdowns d on d.report_id = c.report_id and d.revision = c.revision
    and d.assignment_id = c.assignment_id and d.dimension <> 'municipality'
  group by 1, 2, 3, 4`
const shareable = (
  await client.query(`select array_agg(code order by code) as codes from indicators where shareable`)
).rows[0].codes as string[]
const codeList = `array[${shareable.map((c) => `'${c}'`).join(', ')}]::text[]`
/** The read the API runs for a municipality member: the organization's rollup. */
const municipalRead = (code: string) => `
  select * from impact_org_rollup
  where org_id = '${orgOf.get(code)}' and code = '${code}' and basis = 'verified' and indicator_code = any (${codeList})`
/** The same aggregate from the facts, without the rollup (open data, several organizations). */
const placeRead = (code: string) => {
  const mine = ventures.filter((v) => v.serves.includes(code))
  const ids = (vs: typeof ventures) => `array[${vs.map((v) => `'${v.id}'`).join(', ')}]::uuid[]`
  const only = mine.filter((v) => v.serves.every((s) => s === code))
  return `select * from impact_place('${code}', ${ids(mine)}, ${ids(only)}, null)
    where basis = 'verified' and indicator_code = any (${codeList})`
}
const nationalRead = `select * from impact_national where basis = 'verified' and indicator_code = any (${codeList})`

const results: [string, { cold: number; p50: number; p95: number }][] = []
const measure = async (label: string, fn: () => Promise<unknown>, rounds?: number, warmups?: number) => {
  const r = await time(fn, rounds, warmups)
  results.push([label, r])
  log(
    `${label.padEnd(64)} cold ${r.cold.toFixed(1).padStart(8)} ms  p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms`,
  )
}

// ---------------------------------------------------------------------------------------------
// The portfolio of an investor holding 200 of these ventures (issue 17): each with a loan (a
// commitment and two disbursements), an equity stake with a valuation and an hour of support,
// besides their 8 indicators × 40 quarters of reported values. A new investor each run.

const PORTFOLIO_VENTURES = Math.min(200, ventures.length)
async function portfolioInvestor() {
  const investorId = crypto.randomUUID()
  await client.query(`insert into organizations (id, kind, name) values ($1, 'investor', 'Bench Invest')`, [
    investorId,
  ])
  const step = Math.max(1, Math.floor(ventures.length / PORTFOLIO_VENTURES))
  const held = Array.from({ length: PORTFOLIO_VENTURES }, (_, i) => ventures[i * step]!.id)
  const investments = held.flatMap((v) =>
    (['loan', 'equity'] as const).map((instrument) => [crypto.randomUUID(), investorId, v, instrument]),
  )
  await load(
    'investments',
    [
      ['id', 'uuid'],
      ['investor_org_id', 'uuid'],
      ['venture_org_id', 'uuid'],
      ['instrument', 'text'],
      ['name', 'text'],
      ['currency', 'text'],
      ['start_date', 'date'],
    ],
    investments.map((i) => [...i, i[3], 'NOK', '2019-01-01']),
  )
  const entry = (investmentId: unknown, type: string, date: string, amount: string) => [
    crypto.randomUUID(),
    investmentId,
    type,
    date,
    amount,
    'NOK',
  ]
  const ledger: [string, string][] = [
    ['id', 'uuid'],
    ['investment_id', 'uuid'],
    ['type', 'text'],
    ['date', 'date'],
    ['amount', 'numeric'],
    ['currency', 'text'],
  ]
  const loans = investments.filter((i) => i[3] === 'loan').map((i) => i[0])
  const stakes = investments.filter((i) => i[3] === 'equity').map((i) => i[0])
  await load('transactions', ledger, [
    ...loans.map((id) => entry(id, 'commitment', '2019-01-01', '1000000.00')),
    ...stakes.map((id) => entry(id, 'commitment', '2019-01-01', '500000.00')),
  ])
  await load('transactions', ledger, [
    ...loans.flatMap((id) => [
      entry(id, 'disbursement', '2019-02-01', '400000.00'),
      entry(id, 'disbursement', '2021-02-01', '300000.00'),
    ]),
    ...stakes.map((id) => entry(id, 'equity_purchase', '2019-03-01', '500000.00')),
  ])
  await load(
    'valuations',
    [
      ['id', 'uuid'],
      ['investment_id', 'uuid'],
      ['date', 'date'],
      ['value', 'numeric'],
    ],
    stakes.map((id) => [crypto.randomUUID(), id, '2024-12-31', '750000.00']),
  )
  await load(
    'contributions',
    [
      ['id', 'uuid'],
      ['investor_org_id', 'uuid'],
      ['venture_org_id', 'uuid'],
      ['kind', 'text'],
      ['date', 'date'],
      ['hours', 'numeric'],
      ['hourly_value', 'numeric'],
    ],
    held.map((v) => [crypto.randomUUID(), investorId, v, 'competence', '2024-03-01', '1', '1500.00']),
  )
  await client.query('analyze investments, transactions, valuations, contributions')
  return tokenFor({ org: investorId })
}
const investorToken = await portfolioInvestor()
{
  const counter = new QueryCounter()
  const counted = createApp({
    database: { ...database, db: database.db.withPlugin(counter) },
    config: defaultConfig(),
    logger: createLogger('error', () => {}),
  })
  const res = await counted.request('http://bench/v1/portfolio', {
    headers: { authorization: `Bearer ${investorToken}` },
  })
  const body = (await res.json()) as { ventures: unknown[] }
  log(`\nPortfolio: ${body.ventures.length} ventures, ${counter.count} statements (authentication included)`)
}
await measure(`API  GET /v1/portfolio (investor, ${PORTFOLIO_VENTURES} ventures)`, () =>
  api('/v1/portfolio', investorToken),
)
await measure(`API  GET /v1/exports/portfolio.csv (${PORTFOLIO_VENTURES} ventures)`, async () => {
  const res = await app.request('http://bench/v1/exports/portfolio.csv', {
    headers: { authorization: `Bearer ${investorToken}` },
  })
  if (res.status !== 200) throw new Error(`portfolio.csv: ${res.status}`)
  return res.text()
})
// BENCH_PORTFOLIO_ONLY=1 (with BENCH_REUSE=1) times the portfolio lines alone.
if (process.env.BENCH_PORTFOLIO_ONLY === '1') {
  await database.close()
  await client.end()
  process.exit(0)
}

const shared = (code: string) => ventures.filter((v) => v.serves.includes(code)).length
log(`\nNordre Follo (3207): ${shared('3207')} sharing ventures; Oslo (0301): ${shared('0301')}`)
await measure('API  GET /v1/impact?municipality=3207 (member)', () =>
  api('/v1/impact?municipality=3207', follo),
)
await measure('API  GET /v1/impact?municipality=3207&granularity=year', () =>
  api('/v1/impact?municipality=3207&granularity=year', follo),
)
await measure('SQL  municipal aggregate from reported values, 3207', sqlTime(rawMunicipal('3207')), 5, 0)
await measure(
  'SQL  the read the API runs (impact_org_rollup), 3207',
  sqlTime(municipalRead('3207')),
  SQL_ROUNDS,
)
await measure('SQL  the same from the facts (impact_place), 3207', sqlTime(placeRead('3207')), SQL_ROUNDS)
await measure('API  GET /v1/impact?municipality=0301 (member, largest)', () =>
  api('/v1/impact?municipality=0301', oslo),
)
await measure('SQL  municipal aggregate from reported values, 0301', sqlTime(rawMunicipal('0301')), 5, 0)
await measure(
  'SQL  the read the API runs (impact_org_rollup), 0301',
  sqlTime(municipalRead('0301')),
  SQL_ROUNDS,
)
await measure('SQL  the same from the facts (impact_place), 0301', sqlTime(placeRead('0301')), SQL_ROUNDS)
await measure('API  GET /v1/impact?municipality=all (platform admin)', () =>
  api('/v1/impact?municipality=all', adminToken),
)
await measure('API  GET /v1/impact?municipality=all&granularity=year', () =>
  api('/v1/impact?municipality=all&granularity=year', adminToken),
)
await measure('SQL  national aggregate from reported values', sqlTime(rawNational), 2, 0)
await measure('SQL  the rollup read the API runs (impact_national)', sqlTime(nationalRead), SQL_ROUNDS)
await measure('API  GET /v1/open/impact/3207.json (no login)', async () => {
  const res = await app.request('http://bench/v1/open/impact/3207.json')
  if (res.status !== 200) throw new Error(`open: ${res.status}`)
  return res.text()
})

// The cost of keeping the rollup exact: verifying one report runs the trigger.
const submitted = (await client.query(`select id from reports where status = 'submitted' limit 5`)).rows as {
  id: string
}[]
const verifyTimes: number[] = []
for (const { id } of submitted) {
  const start = performance.now()
  await client.query(`update reports set status = 'verified' where id = $1`, [id])
  verifyTimes.push(performance.now() - start)
}
log(
  `\nverify one report (trigger keeps facts and national rollup exact): ${verifyTimes.map((x) => x.toFixed(1)).join(', ')} ms`,
)
const check = await client.query(`
  select count(*)::int as n from (
    (select basis, indicator_code, period_key, dimension, category, value, numerator, denominator, ventures, value_count, yearly, unverified
       from impact_contributions(null, null))
    except
    (select basis, indicator_code, period_key, dimension, category, value, numerator, denominator, ventures, value_count, yearly, unverified
       from impact_national)
  ) x`)
log(`rollup rows differing from a recomputation after those verifications: ${check.rows[0].n}`)

await database.close()
await client.end()
