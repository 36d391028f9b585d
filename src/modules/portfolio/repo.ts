import { sql } from 'kysely'
import type { Db } from '../../db/tx.ts'
import { hasStanding } from '../../policy/standing.ts'
import type { AssignmentRow, CountedValue, IndicatorRow, TargetRow } from '../outcomes/index.ts'

/**
 * The ventures an investor has standing with (PRODUCT.md §1 Data share; policy/venture-access):
 * it invested in them, onboarded them, or they share detailed data with it (policy/standing.ts).
 * One query.
 */
export const venturesWithStanding = (db: Db, investorOrgId: string) =>
  db
    .selectFrom('ventures as v')
    .innerJoin('organizations as o', 'o.id', 'v.orgId')
    .select(['v.orgId as id', 'o.name', 'v.status', 'v.themes', 'v.municipalities'])
    .where((eb) => hasStanding(eb, [investorOrgId]))
    .orderBy('o.name')
    .orderBy('v.orgId')
    .execute()

export type PortfolioVentureRow = Awaited<ReturnType<typeof venturesWithStanding>>[number]

/**
 * The ventures' assignments with their indicators and targets, in one query (the outcomes section
 * and economics both need them): the indicator's columns are joined under their own names and
 * the targets travel as a JSON array, value cast to text so it stays an exact decimal string.
 * By venture and indicator code, as listAssignments gives them.
 */
export async function assignmentsOfVentures(
  db: Db,
  ventureIds: string[],
): Promise<{ assignment: AssignmentRow; indicator: IndicatorRow; targets: TargetRow[] }[]> {
  if (ventureIds.length === 0) return []
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('indicators as i', 'i.code', 'a.indicatorCode')
    .selectAll('a')
    .select([
      'i.ownerOrgId as iOwnerOrgId',
      'i.nameNb as iNameNb',
      'i.nameEn as iNameEn',
      'i.definition as iDefinition',
      'i.unit as iUnit',
      'i.level as iLevel',
      'i.direction as iDirection',
      'i.aggregation as iAggregation',
      'i.themes as iThemes',
      'i.sdgTargets as iSdgTargets',
      'i.irisMetricId as iIrisMetricId',
      'i.irisVersion as iIrisVersion',
      'i.personal as iPersonal',
      'i.allowedBreakdowns as iAllowedBreakdowns',
      'i.shareable as iShareable',
      'i.version as iVersion',
      'i.createdAt as iCreatedAt',
      'i.updatedAt as iUpdatedAt',
    ])
    .select(
      sql<TargetRow[]>`coalesce((
        select json_agg(json_build_object('assignmentId', t.assignment_id, 'period', t.period, 'value', t.value::text)
          order by t.period)
        from assignment_targets t where t.assignment_id = a.id), '[]'::json)`.as('targets'),
    )
    .where('a.ventureOrgId', 'in', ventureIds)
    .orderBy('a.ventureOrgId')
    .orderBy('a.indicatorCode')
    .execute()
  return rows.map((r) => ({
    assignment: {
      id: r.id,
      ventureOrgId: r.ventureOrgId,
      indicatorCode: r.indicatorCode,
      frequency: r.frequency,
      startDate: r.startDate,
      endDate: r.endDate,
      baselineValue: r.baselineValue,
      baselineDate: r.baselineDate,
      createdByOrgId: r.createdByOrgId,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    },
    indicator: {
      code: r.indicatorCode,
      ownerOrgId: r.iOwnerOrgId,
      nameNb: r.iNameNb,
      nameEn: r.iNameEn,
      definition: r.iDefinition,
      unit: r.iUnit,
      level: r.iLevel,
      direction: r.iDirection,
      aggregation: r.iAggregation,
      themes: r.iThemes,
      sdgTargets: r.iSdgTargets,
      irisMetricId: r.iIrisMetricId,
      irisVersion: r.iIrisVersion,
      personal: r.iPersonal,
      allowedBreakdowns: r.iAllowedBreakdowns,
      shareable: r.iShareable,
      version: r.iVersion,
      createdAt: r.iCreatedAt,
      updatedAt: r.iUpdatedAt,
    },
    targets: r.targets,
  }))
}

/**
 * The ventures' reports with what the outcomes section shows of them (not every column: 40
 * quarters of 200 ventures are 8,000 rows), in listReportsOf's order.
 */
export async function reportSummariesOf(db: Db, ventureIds: string[]) {
  if (ventureIds.length === 0) return []
  return db
    .selectFrom('reports')
    .select(['id', 'ventureOrgId', 'period', 'status', 'revision', 'updatedAt'])
    .where('ventureOrgId', 'in', ventureIds)
    .orderBy('ventureOrgId')
    .orderBy('periodEnd')
    .orderBy('period')
    .execute()
}

/**
 * The counted verified values the portfolio computes from (countedValues' rows and order, with
 * includeUnverified false), but only those it reads: every value of an indicator economics
 * counts (`countable`: a sum in these units at these levels) or that an SROI model of the venture
 * values, and of every other assignment its latest value (the outcomes section's "latest
 * verified"). For 200 ventures reporting 8 indicators over 40 quarters that is a fraction of
 * the 64,000 values, which cost more to send, convert and collect than to compute with.
 */
export async function portfolioValues(
  db: Db,
  ventureIds: string[],
  countable: { units: readonly string[]; levels: readonly string[] },
): Promise<CountedValue[]> {
  if (ventureIds.length === 0) return []
  const { rows } = await sql<CountedValue>`
    select assignment_id, report_id, revision, total, numerator, denominator, verification_level,
           venture_org_id, period, period_end, status, unverified
    from (
      select v.assignment_id, v.report_id, v.revision, v.total, v.numerator, v.denominator,
             v.verification_level, r.venture_org_id, r.period, r.period_end, r.status,
             (r.status <> 'verified' and v.revision = r.revision) as unverified,
             row_number() over (partition by v.assignment_id order by r.period_end desc) as from_last,
             ((i.aggregation = 'sum' and i.unit = any (${sql.val([...countable.units])}::text[])
                and i.level = any (${sql.val([...countable.levels])}::text[]))
              or exists (
                select 1 from sroi_models m join sroi_model_outcomes o on o.model_id = m.id
                where m.venture_org_id = r.venture_org_id and o.indicator_code = a.indicator_code)) as needed
      from report_values v
      join reports r on r.id = v.report_id
      join assignments a on a.id = v.assignment_id
      join indicators i on i.code = a.indicator_code
      where r.venture_org_id = any (${sql.val(ventureIds)}::uuid[])
        and ((r.status = 'verified' and v.revision = r.revision)
          or (r.status <> 'verified' and v.revision = r.revision - 1))
    ) c
    where needed or from_last = 1
    order by assignment_id, period_end`.execute(db)
  return rows
}
