import Decimal from 'decimal.js'
import {
  buildIatiXml,
  type IatiActivity,
  type IatiIndicator,
  IatiInputError,
  type IatiOrg,
  type IatiPeriod,
  type IatiResultValue,
  norwegianOrgRef,
} from '../../domain/iati.ts'
import { activitySectors, INSTRUMENT_CLASSIFICATION } from '../../domain/iati-classification.ts'
import { requirePeriod } from '../../domain/periods.ts'
import { conflict, invalidMany } from '../../http/problem.ts'
import * as capitalRepo from '../capital/index.ts'
import type { Ctx } from '../context.ts'
import { countedValues, findIndicators, listAssignments, listTargets } from '../outcomes/index.ts'
import { resolveInvestorOrg } from '../portfolio/index.ts'
import { withDefaults } from './iati-sectors-service.ts'

/** OrganisationType 70 Private Sector: impact investors and social ventures alike. */
const PRIVATE_SECTOR = '70'
/** OrganisationType per organization kind: 11 Local Government, 10 Government, else 70 Private Sector. */
const ORG_TYPE: Record<string, string> = { municipality: '11', agency: '10', investor: '70', venture: '70' }
/** Breakdowns IATI carries as result dimensions; municipality is a place, not a person's trait. */
const DIMENSIONS = new Set(['gender', 'age_band'])

export interface IatiFile {
  filename: string
  body: string
}

/**
 * The investor's portfolio as an IATI 2.03 activity file (one activity per investment). Results
 * are the ventures' verified values only, and appear once per venture, on the investor's earliest
 * investment in it, so aggregators do not count a venture's outcomes twice. Breakdown cells of
 * personal indicators below SUPPRESSION_THRESHOLD are left out together with the rest of their
 * dimension (otherwise total minus the other cells would give them back).
 */
export async function iatiXml(ctx: Ctx, q: { organization?: string | undefined }): Promise<IatiFile> {
  const org = await resolveInvestorOrg(ctx, q.organization)
  // The investor's number and its own sector choices in one statement (reads stay constant in count).
  const investorRows = await ctx.db
    .selectFrom('organizations as o')
    .leftJoin('iatiSectorMappings as m', 'm.investorOrgId', 'o.id')
    .select(['o.orgNumber', 'm.theme', 'm.sectorCode'])
    .where('o.id', '=', org.id)
    .execute()
  const sectorOf = withDefaults(investorRows)
  const reportingRef = norwegianOrgRef(investorRows[0]?.orgNumber ?? '')
  if (!reportingRef) {
    throw conflict('iati.org_number_required')
  }
  const [investments, transactions] = await Promise.all([
    capitalRepo.investmentsOfInvestor(ctx.db, org.id),
    capitalRepo.transactionsOfInvestor(ctx.db, org.id),
  ])
  if (investments.length === 0) {
    throw conflict('iati.no_activities')
  }
  const ventureIds = [...new Set(investments.map((i) => i.ventureOrgId))]
  const ventures = new Map(
    (
      await ctx.db
        .selectFrom('organizations as o')
        .innerJoin('ventures as v', 'v.orgId', 'o.id')
        .select(['o.id', 'o.name', 'o.orgNumber', 'v.status', 'v.description', 'v.themes'])
        .where('o.id', 'in', ventureIds)
        .execute()
    ).map((v) => [v.id, v]),
  )
  const [results, payers] = await Promise.all([
    resultsByVenture(ctx, ventureIds),
    outcomePayers(
      ctx,
      investments.map((i) => i.id),
      transactions,
    ),
  ])
  const withResults = new Set<string>()

  const activities = investments.map((i): IatiActivity => {
    const v = ventures.get(i.ventureOrgId)!
    const ref = norwegianOrgRef(v.orgNumber ?? '')
    // investments come by start date, so the first one of a venture carries its results
    const first = !withResults.has(v.id)
    withResults.add(v.id)
    return {
      investmentId: i.id,
      title: `${i.name} – ${v.name}`,
      description:
        i.description?.trim() || v.description.trim() || `${i.instrument}: ${org.name} → ${v.name}`,
      status: v.status,
      currency: i.currency,
      startDate: i.startDate,
      ...(i.maturityDate ? { plannedEndDate: i.maturityDate } : {}),
      venture: { ...(ref ? { ref } : {}), name: v.name, type: PRIVATE_SECTOR },
      sectors: activitySectors(v.themes, sectorOf),
      classification: INSTRUMENT_CLASSIFICATION[i.instrument],
      ...(payers.byInvestment.get(i.id) ? { outcomePayer: payers.byInvestment.get(i.id)! } : {}),
      transactions: transactions
        .filter((t) => t.investmentId === i.id)
        .map((t) => ({
          id: t.id,
          type: t.type,
          date: t.date,
          amount: new Decimal(t.amount),
          currency: t.currency,
          rateToNok: t.rateToNok === null ? null : new Decimal(t.rateToNok),
          reversesId: t.reversesId,
          ...(t.note ? { description: t.note } : {}),
          ...(payers.byTransaction.get(t.id) ? { counterparty: payers.byTransaction.get(t.id)! } : {}),
        })),
      results: first ? (results.get(v.id) ?? []) : [],
    }
  })
  try {
    const body = buildIatiXml({
      generatedAt: ctx.now.toISOString().replace(/\.\d+Z$/, 'Z'),
      language: 'nb',
      reportingOrg: { ref: reportingRef, name: org.name, type: PRIVATE_SECTOR },
      activities,
    })
    return { filename: `iati-${reportingRef}-${ctx.now.toISOString().slice(0, 10)}.xml`, body }
  } catch (e) {
    if (!(e instanceof IatiInputError)) throw e
    throw invalidMany(
      e.issues.map((i) => ({ in: 'data', path: i.path, message: i.message })),
      'iati.invalid',
    )
  }
}

/**
 * Who pays the outcome payments. Per entry: the payer recorded on it (payerOrgId), else the payer
 * of the outcome contract whose approved statement made it; a reversal has its original's. Per
 * investment: the payer of its (latest) outcome contract, for entries that name none.
 * Municipalities are OrganisationType 11 Local Government, agencies 10 Government.
 */
async function outcomePayers(
  ctx: Ctx,
  investmentIds: string[],
  transactions: { id: string; reversesId: string | null; payerOrgId: string | null }[],
): Promise<{ byTransaction: Map<string, IatiOrg>; byInvestment: Map<string, IatiOrg> }> {
  const payerIds = [...new Set(transactions.flatMap((t) => (t.payerOrgId ? [t.payerOrgId] : [])))]
  const [contracts, recorded] = await Promise.all([
    ctx.db
      .selectFrom('outcomeContracts as c')
      .innerJoin('organizations as p', 'p.id', 'c.payerOrgId')
      .leftJoin('outcomeStatements as s', 's.contractId', 'c.id')
      .select(['c.investmentId', 'c.createdAt', 's.transactionId', 'p.name', 'p.orgNumber', 'p.kind'])
      .where('c.investmentId', 'in', investmentIds)
      .orderBy('c.createdAt')
      .orderBy('c.id')
      .execute(),
    payerIds.length === 0
      ? []
      : ctx.db
          .selectFrom('organizations')
          .select(['id', 'name', 'orgNumber', 'kind'])
          .where('id', 'in', payerIds)
          .execute(),
  ])
  const orgOf = (r: { name: string; orgNumber: string | null; kind: string }): IatiOrg => {
    const ref = norwegianOrgRef(r.orgNumber ?? '')
    return { ...(ref ? { ref } : {}), name: r.name, type: ORG_TYPE[r.kind] ?? PRIVATE_SECTOR }
  }
  const byTransaction = new Map<string, IatiOrg>()
  const byInvestment = new Map<string, IatiOrg>()
  for (const r of contracts) {
    byInvestment.set(r.investmentId, orgOf(r)) // ordered by creation: the latest wins
    if (r.transactionId) byTransaction.set(r.transactionId, orgOf(r))
  }
  const recordedOrg = new Map(recorded.map((o) => [o.id, orgOf(o)]))
  for (const t of transactions) {
    const org = t.payerOrgId ? recordedOrg.get(t.payerOrgId) : undefined
    if (org) byTransaction.set(t.id, org)
  }
  // Reversals come after their originals (recording order), so the original's payer is known.
  for (const t of transactions) {
    const original = t.reversesId ? byTransaction.get(t.reversesId) : undefined
    if (original && !byTransaction.has(t.id)) byTransaction.set(t.id, original)
  }
  return { byTransaction, byInvestment }
}

/** Each venture's indicators with baseline, targets and verified actuals, in a constant number of queries. */
async function resultsByVenture(ctx: Ctx, ventureIds: string[]): Promise<Map<string, IatiIndicator[]>> {
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const assignments = await listAssignments(ctx.db, ventureIds)
  const ids = assignments.map((a) => a.id)
  const [indicators, targets, values] = await Promise.all([
    findIndicators(ctx.db, [...new Set(assignments.map((a) => a.indicatorCode))]),
    listTargets(ctx.db, ids),
    countedValues(ctx.db, ventureIds, { includeUnverified: false }),
  ])
  const cells =
    values.length === 0
      ? []
      : await ctx.db
          .selectFrom('reportValueBreakdowns')
          .selectAll()
          .where('reportId', 'in', [...new Set(values.map((v) => v.reportId))])
          .where('dimension', 'in', [...DIMENSIONS] as ('gender' | 'age_band')[])
          .orderBy('dimension')
          .orderBy('category')
          .execute()
  const indicatorOf = new Map(indicators.map((i) => [i.code, i]))
  const out = new Map<string, IatiIndicator[]>()
  for (const a of assignments) {
    const ind = indicatorOf.get(a.indicatorCode)!
    const periods = new Map<string, IatiPeriod>()
    const periodOf = (key: string) => {
      const found = periods.get(key)
      if (found) return found
      const p = requirePeriod(key)
      const created: IatiPeriod = { start: p.start, end: p.end, targets: [], actuals: [] }
      periods.set(key, created)
      return created
    }
    for (const t of targets.filter((x) => x.assignmentId === a.id)) {
      periodOf(t.period).targets.push({ value: new Decimal(t.value) })
    }
    for (const v of values.filter((x) => x.assignmentId === a.id)) {
      const mine = cells.filter(
        (c) => c.reportId === v.reportId && c.revision === v.revision && c.assignmentId === a.id,
      )
      const actuals: IatiResultValue[] = [{ value: new Decimal(v.total) }]
      for (const dimension of DIMENSIONS) {
        const group = mine.filter((c) => c.dimension === dimension)
        if (ind.personal && group.some((c) => tooFew(c, threshold))) continue
        for (const c of group) {
          actuals.push({ value: new Decimal(c.value), dimensions: [{ name: dimension, value: c.category }] })
        }
      }
      periodOf(v.period).actuals.push(...actuals)
    }
    const list = out.get(a.ventureOrgId) ?? []
    list.push({
      code: ind.code,
      title: ind.nameNb,
      titleEn: ind.nameEn,
      ...(ind.definition.trim() ? { description: ind.definition } : {}),
      level: ind.level,
      measure: ind.unit === 'percent' ? 'percentage' : 'unit',
      ascending: ind.direction === 'increase',
      ...(a.baselineValue !== null && a.baselineDate !== null
        ? { baseline: { date: a.baselineDate, value: new Decimal(a.baselineValue) } }
        : {}),
      periods: [...periods.values()].sort((x, y) =>
        x.end < y.end ? -1 : x.end > y.end ? 1 : x.start < y.start ? -1 : 1,
      ),
    })
    out.set(a.ventureOrgId, list)
  }
  return out
}

/**
 * A breakdown cell counting between 1 and threshold − 1 people (for a rate: its numerator or
 * denominator) identifies too few persons to publish. Zero reveals no one.
 */
function tooFew(
  c: { value: string; numerator: string | null; denominator: string | null },
  threshold: number,
): boolean {
  const small = (s: string | null) => s !== null && new Decimal(s).gt(0) && new Decimal(s).lt(threshold)
  return c.numerator !== null || c.denominator !== null
    ? small(c.numerator) || small(c.denominator)
    : small(c.value)
}
