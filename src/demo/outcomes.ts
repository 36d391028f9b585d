import Decimal from 'decimal.js'
import { sql } from 'kysely'
import type { ReportStatus } from '../db/schema-outcomes.ts'
import type { Db } from '../db/tx.ts'
import { ratioTotal, scaleForUnit } from '../domain/aggregation.ts'
import { isRatio } from '../domain/aggregation-kind.ts'
import { INDICATOR_CATALOGUE } from '../domain/indicator-catalogue.ts'
import { addDays, periodsBetween, requirePeriod } from '../domain/periods.ts'
import type { Ctx } from '../modules/context.ts'
import { todayInNorway } from '../modules/outcomes/index.ts'
import type { DemoIdentity } from './identity.ts'

/**
 * Demo outcomes (PRODUCT.md §8): every demo venture reports on 4–8 indicators quarterly from 2018
 * (or its founding) to the last quarter that has ended, mostly verified, the latest ones submitted,
 * one returned, some overdue; values broken down by gender and age band, and for ventures serving
 * Nordre Follo by municipality under the number in use at the time (0213 Ski and 0217 Oppegård
 * before 2020, 3020 for 2020–2023, 3207 from 2024). Several ventures share their data with the
 * demo municipalities.
 *
 * Deterministic (a seeded generator per venture and indicator, for a given day) and idempotent
 * (nothing is added when the demo ventures already have assignments). Rows are written in batches
 * straight to the tables, without audit events, so the whole load takes about a second.
 */
const FIRST_DAY = '2018-01-01'

interface Plan {
  code: string
  /** Typical value per quarter at the start (a rate in percent for ratio indicators). */
  base: number
  /** Growth per year, as a fraction of `base` (negative for falling figures). */
  growth: number
  /** For ratio indicators: the denominator per quarter. */
  denominator?: number
}

const PLANS: Record<string, Plan[]> = {
  arbeidsglede: [
    { code: 'NO-WORK-01', base: 5, growth: 0.12 },
    { code: 'NO-WORK-02', base: 22, growth: 0.06 },
    { code: 'PI3527', base: 28, growth: 0.08, denominator: 30 },
    { code: 'NO-WORK-04', base: 14, growth: 0.03 },
    { code: 'NO-WORK-05', base: 3200, growth: 0.05 },
    { code: 'NO-WORK-07', base: 780_000, growth: 0.07 },
    { code: 'NO-WORK-03', base: 62, growth: 0.04, denominator: 6 },
  ],
  'ungt-haap': [
    { code: 'PI4060', base: 38, growth: 0.1 },
    { code: 'NO-YOUTH-01', base: 6, growth: 0.1 },
    { code: 'NO-YOUTH-06', base: 420, growth: 0.06 },
    { code: 'NO-WORK-06', base: 3, growth: 0.08 },
    { code: 'NO-INCL-04', base: 55, growth: 0.05, denominator: 24 },
  ],
  'laerling-follo': [
    { code: 'NO-YOUTH-02', base: 18, growth: 0.09 },
    { code: 'NO-YOUTH-03', base: 3, growth: 0.1 },
    { code: 'PI2998', base: 21, growth: 0.07 },
    { code: 'NO-WORK-09', base: 70, growth: 0.03, denominator: 8 },
    { code: 'NO-YOUTH-05', base: 64, growth: 0.04, denominator: 12 },
  ],
  'gronn-omstart': [
    { code: 'NO-WORK-01', base: 3, growth: 0.1 },
    { code: 'NO-ENV-01', base: 14.5, growth: 0.12 },
    { code: 'OI4862', base: 21, growth: 0.12 },
    { code: 'NO-WORK-02', base: 12, growth: 0.08 },
    { code: 'OI1479', base: 9.6, growth: -0.06 },
  ],
  'kafe-inkludert': [
    { code: 'NO-WORK-04', base: 16, growth: 0.04 },
    { code: 'PI5184', base: 9400, growth: 0.05 },
    { code: 'NO-INCL-02', base: 19, growth: 0.04 },
    { code: 'NO-ECON-01', base: 1_150_000, growth: 0.06 },
    { code: 'NO-INCL-04', base: 68, growth: 0.03, denominator: 16 },
  ],
  sykkelverkstedet: [
    { code: 'NO-ENV-02', base: 310, growth: 0.06 },
    { code: 'NO-YOUTH-01', base: 4, growth: 0.08 },
    { code: 'NO-WORK-01', base: 2, growth: 0.1 },
    { code: 'PI2998', base: 11, growth: 0.06 },
  ],
  'digital-vei': [
    { code: 'NO-EDU-01', base: 45, growth: 0.15 },
    { code: 'PI4060', base: 60, growth: 0.12 },
    { code: 'NO-WORK-01', base: 4, growth: 0.1 },
    { code: 'PI3527', base: 18, growth: 0.1, denominator: 40 },
  ],
  spraakbro: [
    { code: 'NO-INCL-01', base: 34, growth: 0.08 },
    { code: 'NO-INCL-03', base: 7, growth: 0.1 },
    { code: 'NO-WORK-01', base: 4, growth: 0.1 },
    { code: 'PI4060', base: 36, growth: 0.08 },
    { code: 'NO-WORK-03', base: 58, growth: 0.05, denominator: 5 },
  ],
  'verdt-arbeid': [
    { code: 'NO-WORK-01', base: 7, growth: 0.08 },
    { code: 'PI3527', base: 35, growth: 0.06, denominator: 26 },
    { code: 'NO-WORK-03', base: 66, growth: 0.03, denominator: 7 },
    { code: 'NO-WORK-08', base: 4, growth: 0.1 },
    { code: 'NO-ECON-02', base: 1_400_000, growth: 0.09 },
  ],
  'aktiv-ungdom': [
    { code: 'NO-YOUTH-04', base: 9, growth: 0.07 },
    { code: 'NO-YOUTH-01', base: 3, growth: 0.06 },
    { code: 'PI4060', base: 52, growth: 0.05 },
    { code: 'NO-YOUTH-06', base: 260, growth: 0.05 },
  ],
  snekkerverkstedet: [
    { code: 'NO-ENV-01', base: 6.2, growth: 0.15 },
    { code: 'OI4862', base: 9.5, growth: 0.15 },
    { code: 'NO-WORK-02', base: 7, growth: 0.1 },
    { code: 'NO-WORK-01', base: 2, growth: 0.1 },
  ],
  'helse-i-arbeid': [
    { code: 'NO-HEALTH-01', base: 9.5, growth: -0.07, denominator: 2600 },
    { code: 'NO-HEALTH-02', base: 9, growth: 0.06 },
    { code: 'PI4060', base: 30, growth: 0.05 },
    { code: 'NO-ECON-02', base: 900_000, growth: 0.08 },
  ],
}

/** How each venture's latest quarters stand: the story the demo tells. */
const LATEST: Record<string, (ReportStatus | 'none')[]> = {
  // Arbeidsglede (the demo venture user's): last quarter in draft, the one before returned.
  arbeidsglede: ['draft', 'returned'],
  'ungt-haap': ['submitted'],
  'laerling-follo': ['submitted'],
  'gronn-omstart': ['none'],
  'kafe-inkludert': ['submitted'],
  sykkelverkstedet: ['submitted', 'submitted'],
  'digital-vei': ['submitted'],
  spraakbro: ['submitted'],
  'verdt-arbeid': ['submitted'],
  'aktiv-ungdom': ['none'],
  snekkerverkstedet: ['none', 'draft'],
  'helse-i-arbeid': [],
}

/** Ventures that stopped reporting (exited): their assignments end. */
const ENDED: Record<string, string> = { 'helse-i-arbeid': '2024-12-31' }

const SHARES: { venture: string; municipality: string; level: 'aggregate' | 'detailed' }[] = [
  { venture: 'arbeidsglede', municipality: 'nordre-follo', level: 'aggregate' },
  { venture: 'ungt-haap', municipality: 'nordre-follo', level: 'aggregate' },
  { venture: 'sykkelverkstedet', municipality: 'nordre-follo', level: 'aggregate' },
  { venture: 'spraakbro', municipality: 'nordre-follo', level: 'aggregate' },
  { venture: 'aktiv-ungdom', municipality: 'nordre-follo', level: 'aggregate' },
  { venture: 'laerling-follo', municipality: 'nordre-follo', level: 'detailed' },
  { venture: 'verdt-arbeid', municipality: 'drammen', level: 'aggregate' },
  { venture: 'kafe-inkludert', municipality: 'oslo', level: 'aggregate' },
]

const RETURN_REASON =
  'Antallet i ordinært arbeid stemmer ikke med listen fra NAV: to personer ser ut til å være telt to ganger. Kontroller og send inn på nytt.'

/** Municipality numbers in use in a year for the municipalities the demo ventures serve. */
function municipalityCodes(current: string, year: number): string[] {
  if (current === '3207') return year < 2020 ? ['0213', '0217'] : year < 2024 ? ['3020'] : ['3207']
  if (current === '3301') return year < 2020 ? ['0602'] : year < 2024 ? ['3005'] : ['3301']
  return [current]
}

/** mulberry32: a small seeded generator, so the demo is the same on every machine. */
function generator(seed: string) {
  let h = 1779033703 ^ seed.length
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353)
  let a = h >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Splits a whole number into parts by weights, the remainder to the largest parts first. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const parts = weights.map((w) => Math.floor((total * w) / sum))
  let rest = total - parts.reduce((a, b) => a + b, 0)
  const order = weights.map((w, i) => ({ w, i })).sort((x, y) => y.w - x.w)
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k]!.i]! += 1
  return parts
}

interface Cell {
  dimension: 'gender' | 'age_band' | 'municipality'
  category: string
  value: string
  numerator: string | null
  denominator: string | null
}

interface Generated {
  total: string
  numerator: string | null
  denominator: string | null
  cells: Cell[]
}

const indicatorOf = new Map(INDICATOR_CATALOGUE.map((i) => [i.code, i]))

/** One quarter's value of an indicator: trend × season × noise, with breakdowns for people counts. */
function generate(
  plan: Plan,
  quarterIndex: number,
  year: number,
  rand: () => number,
  serves: string[],
): Generated {
  const ind = indicatorOf.get(plan.code)!
  const trend = 1 + plan.growth * (quarterIndex / 4)
  const noise = 0.85 + rand() * 0.3
  if (isRatio(ind.aggregation)) {
    const denominator = Math.max(
      1,
      Math.round((plan.denominator ?? 20) * (0.9 + rand() * 0.3) * (1 + 0.04 * (quarterIndex / 4))),
    )
    const rate = Math.min(0.98, Math.max(0.02, (plan.base / 100) * trend * (0.92 + rand() * 0.16)))
    const numerator = Math.min(denominator, Math.round(denominator * rate))
    const total = ratioTotal(new Decimal(numerator), new Decimal(denominator), scaleForUnit(ind.unit))!
    const cells: Cell[] = []
    if (ind.personal && denominator >= 2) {
      // A partial breakdown (women and men only): the rest counts as unknown.
      const [fd, md] = split(denominator, [0.45 + rand() * 0.1, 0.5])
      const fn = Math.min(fd!, Math.round(numerator * (fd! / denominator)))
      const mn = Math.min(md!, numerator - fn)
      if (fd! > 0 && md! > 0 && mn >= 0) {
        for (const [category, n, d] of [
          ['female', fn, fd!],
          ['male', mn, md!],
        ] as const) {
          const value = ratioTotal(new Decimal(n), new Decimal(d), scaleForUnit(ind.unit))!
          cells.push({
            dimension: 'gender',
            category,
            value: value.toFixed(),
            numerator: String(n),
            denominator: String(d),
          })
        }
      }
    }
    return { total: total.toFixed(), numerator: String(numerator), denominator: String(denominator), cells }
  }
  // Summer jobs happen in the third quarter.
  const season = plan.code === 'NO-YOUTH-04' ? [0.2, 0.6, 2.6, 0.3][quarterIndex % 4]! : 1
  const raw = plan.base * trend * noise * season
  if (ind.unit !== 'people') {
    const total =
      ind.unit === 'NOK'
        ? Math.round(raw / 1000) * 1000
        : ind.unit.startsWith('tonnes')
          ? Math.round(raw * 10) / 10
          : Math.round(raw)
    return { total: String(total), numerator: null, denominator: null, cells: [] }
  }
  const total = Math.max(0, Math.round(raw))
  const cells: Cell[] = []
  const people = (dimension: Cell['dimension'], categories: string[], weights: number[]) => {
    split(total, weights).forEach((n, i) => {
      if (n > 0)
        cells.push({
          dimension,
          category: categories[i]!,
          value: String(n),
          numerator: null,
          denominator: null,
        })
    })
  }
  if (ind.allowedBreakdowns.includes('gender')) {
    people('gender', ['female', 'male', 'other'], [0.42 + rand() * 0.1, 0.5, total > 25 ? 0.02 : 0])
  }
  if (ind.allowedBreakdowns.includes('age_band')) {
    const youth = plan.code.startsWith('NO-YOUTH') || plan.code === 'PI2998' ? 0.8 : 0.35
    people('age_band', ['16-29', '30-49', '50-66'], [youth, 0.4, 0.15])
  }
  if (ind.allowedBreakdowns.includes('municipality') && serves.length > 0) {
    // Most participants live where the venture works; the breakdown is partial (the rest unknown).
    const local = Math.round(total * (0.55 + rand() * 0.3))
    const codes = serves.flatMap((m, i) =>
      municipalityCodes(m, year).map((code) => ({ code, weight: i === 0 ? 3 : 1 })),
    )
    split(
      local,
      codes.map((c) => c.weight),
    ).forEach((n, i) => {
      if (n > 0)
        cells.push({
          dimension: 'municipality',
          category: codes[i]!.code,
          value: String(n),
          numerator: null,
          denominator: null,
        })
    })
  }
  return { total: String(total), numerator: null, denominator: null, cells }
}

const at = (date: string, plusDays: number, now: Date): Date => {
  const d = new Date(`${addDays(date, plusDays)}T09:00:00Z`)
  return d > now ? now : d
}

async function insertMany<T extends Record<string, unknown>>(
  db: Db,
  table:
    | 'assignments'
    | 'assignmentTargets'
    | 'reports'
    | 'reportRevisions'
    | 'reportTransitions'
    | 'reportValues'
    | 'reportValueBreakdowns'
    | 'dataShares',
  rows: T[],
  chunk = 2000,
) {
  for (let i = 0; i < rows.length; i += chunk) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as never)
      .execute()
  }
}

export async function loadDemoOutcomes(ctx: Ctx, identity: DemoIdentity): Promise<void> {
  const db = ctx.db
  const ventureIds = Object.values(identity.ventures)
  if (ventureIds.length === 0) return
  const already = await db
    .selectFrom('assignments')
    .select('id')
    .where('ventureOrgId', 'in', ventureIds)
    .limit(1)
    .executeTakeFirst()
  if (already) return
  const profiles = new Map(
    (
      await db
        .selectFrom('ventures')
        .select(['orgId', 'founded', 'municipalities'])
        .where('orgId', 'in', ventureIds)
        .execute()
    ).map((v) => [v.orgId, v]),
  )
  const today = todayInNorway(ctx.now)
  const ventureUser = identity.users['venture@demo.effekt.no'] ?? null
  const investorUser = identity.users['investor@demo.effekt.no'] ?? null

  const assignments: Record<string, unknown>[] = []
  const targets: Record<string, unknown>[] = []
  const reports: Record<string, unknown>[] = []
  const revisions: Record<string, unknown>[] = []
  const transitions: Record<string, unknown>[] = []
  const values: Record<string, unknown>[] = []
  const cells: Record<string, unknown>[] = []
  const finalStatus = new Map<string, ReportStatus>()

  for (const [key, ventureId] of Object.entries(identity.ventures)) {
    const profile = profiles.get(ventureId)
    const plans = PLANS[key]
    if (!profile || !plans) continue
    const start = profile.founded && profile.founded > FIRST_DAY ? profile.founded : FIRST_DAY
    const end = ENDED[key] ?? null
    const lastDay = end && end < today ? end : today
    const quarters = periodsBetween(start, lastDay, 'quarterly')
    const serves = (profile.municipalities ?? []).filter((m) => ['3207', '3301', '0301'].includes(m))
    const label = `${key}@demo.effekt.no (demo)`
    const actor = key === 'arbeidsglede' ? ventureUser : null
    const actorLabel = key === 'arbeidsglede' ? 'venture@demo.effekt.no' : label

    const planned = plans.map((plan) => {
      const ind = indicatorOf.get(plan.code)!
      const rand = generator(`${key}/${plan.code}/baseline`)
      const id = crypto.randomUUID()
      const ratioKind = isRatio(ind.aggregation)
      const baseline = ratioKind
        ? Math.round(plan.base * 0.85 * 100) / 100
        : Math.max(0, Math.round(plan.base * 0.8 * 10) / 10)
      const baselineValue =
        ind.unit === 'people' || ind.unit === 'count' || ind.unit === 'hours'
          ? Math.round(baseline)
          : baseline
      assignments.push({
        id,
        ventureOrgId: ventureId,
        indicatorCode: plan.code,
        frequency: 'quarterly',
        startDate: start,
        endDate: end,
        baselineValue: String(baselineValue),
        baselineDate: addDays(start, -1),
        createdByOrgId: identity.investorId,
      })
      // Targets: the trend plus a stretch, per quarter through the end of next year.
      const targetQuarters = periodsBetween(
        start,
        end ?? `${Number(today.slice(0, 4)) + 1}-12-31`,
        'quarterly',
      )
      targetQuarters.forEach((q, i) => {
        const trend = 1 + plan.growth * (i / 4)
        const stretch = plan.growth >= 0 ? 1.08 + rand() * 0.04 : 0.95
        let t = plan.base * trend * stretch
        if (ratioKind) t = Math.min(99, t)
        const value =
          ind.unit === 'people' || ind.unit === 'count' || ind.unit === 'hours'
            ? Math.max(baselineValue, Math.round(t))
            : Math.round(t * 100) / 100
        targets.push({
          assignmentId: id,
          period: q,
          value: String(ind.direction === 'decrease' ? Math.min(value, baselineValue) : value),
        })
      })
      return { plan, id, rand: generator(`${key}/${plan.code}`) }
    })

    const tail = LATEST[key] ?? []
    quarters.forEach((period, index) => {
      const fromEnd = quarters.length - 1 - index
      const status = (tail[fromEnd] ?? 'verified') as ReportStatus | 'none'
      if (status === 'none') return
      const p = requirePeriod(period)
      const reportId = crypto.randomUUID()
      const created = at(p.end, 3, ctx.now)
      reports.push({
        id: reportId,
        ventureOrgId: ventureId,
        period,
        frequency: 'quarterly',
        periodStart: p.start,
        periodEnd: p.end,
        status: 'draft',
        createdAt: created,
        updatedAt: at(p.end, status === 'verified' ? 40 : 20, ctx.now),
      })
      finalStatus.set(reportId, status)
      revisions.push({
        reportId,
        revision: 1,
        highlights:
          index % 3 === 0
            ? 'Nye samarbeidsavtaler med lokale arbeidsgivere; flere deltakere fikk fast jobb.'
            : '',
        challenges: index % 5 === 0 ? 'Lengre ventetid på tiltaksplasser fra NAV dette kvartalet.' : '',
        nextSteps: index % 3 === 0 ? 'Starte ny gruppe i januar og følge opp dem som gikk ut i jobb.' : '',
        reason: null,
        openedAt: created,
        openedByUserId: actor,
      })
      const transition = (
        action: string,
        from: string | null,
        to: string,
        days: number,
        reason: string | null,
        who: 'venture' | 'investor',
      ) =>
        transitions.push({
          reportId,
          revision: 1,
          action,
          fromStatus: from,
          toStatus: to,
          reason,
          actorUserId: who === 'venture' ? actor : investorUser,
          actorLabel: who === 'venture' ? actorLabel : 'investor@demo.effekt.no',
          actorOrgId: who === 'venture' ? ventureId : identity.investorId,
          at: at(p.end, days, ctx.now),
          valuesSnapshot: null,
        })
      transition('create', null, 'draft', 3, null, 'venture')
      if (status !== 'draft') transition('submit', 'draft', 'submitted', 20, null, 'venture')
      if (status === 'verified') transition('verify', 'submitted', 'verified', 40, null, 'investor')
      if (status === 'returned') transition('return', 'submitted', 'returned', 35, RETURN_REASON, 'investor')
      for (const { plan, id, rand } of planned) {
        const g = generate(plan, index, p.year, rand, serves)
        values.push({
          reportId,
          revision: 1,
          assignmentId: id,
          total: g.total,
          numerator: g.numerator,
          denominator: g.denominator,
          note: index % 7 === 0 ? 'Tall fra fagsystemet per kvartalsslutt.' : '',
          evidence: index % 4 === 0 ? [`https://example.org/${key}/${period}.pdf`] : [],
          verificationLevel:
            plan.code === 'NO-WORK-08'
              ? 'register_verified'
              : index % 4 === 0
                ? 'document_checked'
                : 'self_reported',
        })
        for (const c of g.cells) cells.push({ reportId, revision: 1, assignmentId: id, ...c })
      }
    })
  }

  const shares = SHARES.filter(
    (s) => identity.ventures[s.venture] && identity.municipalities[s.municipality],
  ).map((s) => ({
    id: crypto.randomUUID(),
    ventureOrgId: identity.ventures[s.venture]!,
    granteeOrgId: identity.municipalities[s.municipality]!,
    level: s.level,
    createdAt: ctx.now,
    createdBy: s.venture === 'arbeidsglede' ? ventureUser : null,
    revokedAt: null,
    revokedBy: null,
  }))

  await db.transaction().execute(async (trx) => {
    await insertMany(trx, 'assignments', assignments)
    await insertMany(trx, 'assignmentTargets', targets)
    await insertMany(trx, 'reports', reports)
    await insertMany(trx, 'reportRevisions', revisions)
    await insertMany(trx, 'reportTransitions', transitions)
    // Values go in while every report is a draft; the frozen-revision trigger refuses them after.
    await insertMany(trx, 'reportValues', values)
    await insertMany(trx, 'reportValueBreakdowns', cells, 4000)
    // One statement moves every report to its final status: the impact rollup's statement trigger
    // (migration 0007) then computes the demo's facts once.
    const moved = [...finalStatus].filter(([, s]) => s !== 'draft')
    if (moved.length > 0) {
      await trx
        .updateTable('reports')
        .set({
          status: sql<ReportStatus>`case ${sql.join(
            moved.map(([id, status]) => sql`when id = ${id}::uuid then ${status}`),
            sql` `,
          )} end`,
        })
        .where(
          'id',
          'in',
          moved.map(([id]) => id),
        )
        .execute()
    }
    const existingShares = await trx
      .selectFrom('dataShares')
      .select(['ventureOrgId', 'granteeOrgId'])
      .where('ventureOrgId', 'in', ventureIds)
      .where('revokedAt', 'is', null)
      .execute()
    await insertMany(
      trx,
      'dataShares',
      shares.filter(
        (s) =>
          !existingShares.some((e) => e.ventureOrgId === s.ventureOrgId && e.granteeOrgId === s.granteeOrgId),
      ),
    )
  })
}

/** Demo ventures that publish open data (their profiles say so); for the README and tests. */
export const DEMO_OPEN_DATA_VENTURES = [
  'arbeidsglede',
  'ungt-haap',
  'laerling-follo',
  'sykkelverkstedet',
  'aktiv-ungdom',
]
