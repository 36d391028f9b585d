import { sql } from 'kysely'
import type { Db } from '../../db/tx.ts'
import { fundingOfVentures, transactionsOfVentures } from '../capital/index.ts'
import {
  type AssignmentRow,
  type CountedValue,
  countedValues,
  findIndicators,
  type IndicatorRow,
  listAssignments,
} from '../outcomes/index.ts'
import type { SroiModel, SroiOutcomeRow } from './sroi-repo.ts'

/**
 * The facts impact economics is computed from, for any number of ventures in a constant number
 * of queries: every ledger entry of every investment in them, their other funding and the
 * support given to them, and the values that count (the latest verified revision of each report)
 * with the indicator each belongs to. Windows are applied in memory, by the callers.
 */
export type CapitalEntryRow = Awaited<ReturnType<typeof transactionsOfVentures>>[number]
export type FundingRow = Awaited<ReturnType<typeof fundingOfVentures>>[number]
export type SupportRow = Awaited<ReturnType<typeof contributionsOfVentures>>[number]

export interface VentureFacts {
  entries: CapitalEntryRow[]
  funding: FundingRow[]
  support: SupportRow[]
}

/** Valued non-financial support given to the ventures, by any investor. One query. */
export async function contributionsOfVentures(db: Db, ventureIds: string[]) {
  if (ventureIds.length === 0) return []
  return db
    .selectFrom('contributions')
    .select(['ventureOrgId', 'investorOrgId', 'kind', 'date', 'value', 'hours', 'hourlyValue'])
    .where('ventureOrgId', 'in', ventureIds)
    .orderBy('seq')
    .execute()
}

/** Capital, other funding and support of the ventures: three queries, grouped per venture. */
export async function capitalFacts(db: Db, ventureIds: string[]): Promise<Map<string, VentureFacts>> {
  const [entries, funding, support] = await Promise.all([
    transactionsOfVentures(db, ventureIds),
    fundingOfVentures(db, ventureIds),
    contributionsOfVentures(db, ventureIds),
  ])
  return capitalFactsOf(ventureIds, entries, funding, support)
}

/** The same grouping from rows the caller loaded (the portfolio loads them with its own). Pure. */
export function capitalFactsOf(
  ventureIds: string[],
  entries: readonly CapitalEntryRow[],
  funding: readonly FundingRow[],
  support: readonly SupportRow[],
): Map<string, VentureFacts> {
  const out = new Map<string, VentureFacts>(
    ventureIds.map((id) => [id, { entries: [], funding: [], support: [] }]),
  )
  for (const e of entries) out.get(e.ventureOrgId)?.entries.push(e)
  for (const f of funding) out.get(f.ventureOrgId)?.funding.push(f)
  for (const s of support) out.get(s.ventureOrgId)?.support.push(s)
  return out
}

/** One counted (verified) value of one report period, with what it measures. */
export interface VerifiedValue {
  ventureId: string
  assignmentId: string
  indicatorCode: string
  period: string
  total: string
  reportId: string
  revision: number
}

export interface VentureOutcomeFacts {
  /** The venture's assignments by indicator code, with the indicator. */
  assigned: Map<string, { assignmentId: string; frequency: string; indicator: IndicatorRow }>
  /** Verified values, by assignment and then period end. */
  values: VerifiedValue[]
}

/**
 * Assignments, their indicators and the verified values of the ventures: three queries. Only
 * verified values count (the latest verified revision of each report: a report under amendment
 * still counts with the revision that was verified).
 */
export async function outcomeFacts(db: Db, ventureIds: string[]): Promise<Map<string, VentureOutcomeFacts>> {
  const out = new Map<string, VentureOutcomeFacts>(
    ventureIds.map((id) => [id, { assigned: new Map(), values: [] }]),
  )
  if (ventureIds.length === 0) return out
  const assignments = await listAssignments(db, ventureIds)
  const [indicators, values] = await Promise.all([
    findIndicators(db, [...new Set(assignments.map((a) => a.indicatorCode))]),
    countedValues(db, ventureIds, { includeUnverified: false }),
  ])
  return outcomeFactsOf(ventureIds, assignments, new Map(indicators.map((i) => [i.code, i])), values)
}

/**
 * The same from rows the caller loaded: the ventures' assignments, their indicators by code and
 * the counted verified values (countedValues with includeUnverified false). Pure.
 */
export function outcomeFactsOf(
  ventureIds: string[],
  assignments: readonly AssignmentRow[],
  byCode: ReadonlyMap<string, IndicatorRow>,
  values: readonly CountedValue[],
): Map<string, VentureOutcomeFacts> {
  const out = new Map<string, VentureOutcomeFacts>(
    ventureIds.map((id) => [id, { assigned: new Map(), values: [] }]),
  )
  const byId = new Map(assignments.map((a) => [a.id, a]))
  for (const a of assignments) {
    const indicator = byCode.get(a.indicatorCode)
    if (indicator) {
      out
        .get(a.ventureOrgId)
        ?.assigned.set(a.indicatorCode, { assignmentId: a.id, frequency: a.frequency, indicator })
    }
  }
  for (const v of values) {
    const a = byId.get(v.assignmentId)
    if (!a) continue
    out.get(v.ventureOrgId)?.values.push({
      ventureId: v.ventureOrgId,
      assignmentId: v.assignmentId,
      indicatorCode: a.indicatorCode,
      period: v.period,
      total: v.total,
      reportId: v.reportId,
      revision: v.revision,
    })
  }
  return out
}

/**
 * The newest SROI model of each venture with its outcomes, in one query (sroi-repo's latestModels
 * takes two): the outcomes travel as a JSON array, numerics cast to text so they stay exact
 * decimal strings, as the table's own rows give them.
 */
export async function latestModelsWithOutcomes(
  db: Db,
  ventureIds: string[],
): Promise<Map<string, SroiModel>> {
  const out = new Map<string, SroiModel>()
  if (ventureIds.length === 0) return out
  const rows = await db
    .selectFrom('sroiModels as m')
    .distinctOn('m.ventureOrgId')
    .selectAll('m')
    .select(
      sql<SroiOutcomeRow[]>`coalesce((
        select json_agg(json_build_object(
          'modelId', o.model_id, 'position', o.position, 'indicatorCode', o.indicator_code,
          'proxy', o.proxy::text, 'proxySource', o.proxy_source, 'deadweight', o.deadweight::text,
          'attribution', o.attribution::text, 'displacement', o.displacement::text,
          'dropOff', o.drop_off::text, 'durationYears', o.duration_years) order by o.position)
        from sroi_model_outcomes o where o.model_id = m.id), '[]'::json)`.as('modelOutcomes'),
    )
    .where('m.ventureOrgId', 'in', ventureIds)
    .orderBy('m.ventureOrgId')
    .orderBy('m.version', 'desc')
    .execute()
  for (const { modelOutcomes, ...model } of rows)
    out.set(model.ventureOrgId, { model, outcomes: modelOutcomes })
  return out
}
