import { sql } from 'kysely'
import type { Db } from '../../db/tx.ts'
import type { AssignmentRow } from '../outcomes/assignments-repo.ts'
import type { IndicatorRow } from '../outcomes/indicators-repo.ts'
import type { TargetRow } from '../outcomes/portfolio-section.ts'

/**
 * The ventures an investor has standing with (PRODUCT.md §1 Data share; policy/venture-access):
 * it invested in them, onboarded them, or they share detailed data with it. One query.
 */
export const venturesWithStanding = (db: Db, investorOrgId: string) =>
  db
    .selectFrom('ventures as v')
    .innerJoin('organizations as o', 'o.id', 'v.orgId')
    .select(['v.orgId as id', 'o.name', 'v.status', 'v.themes', 'v.municipalities'])
    .where((eb) =>
      eb.or([
        eb('v.createdByOrgId', '=', investorOrgId),
        eb.exists(
          eb
            .selectFrom('investments as i')
            .select(sql`1`.as('one'))
            .whereRef('i.ventureOrgId', '=', 'v.orgId')
            .where('i.investorOrgId', '=', investorOrgId)
            .where('i.consent', '=', 'accepted'),
        ),
        eb.exists(
          eb
            .selectFrom('dataShares as s')
            .select(sql`1`.as('one'))
            .whereRef('s.ventureOrgId', '=', 'v.orgId')
            .where('s.granteeOrgId', '=', investorOrgId)
            .where('s.level', '=', 'detailed')
            .where('s.revokedAt', 'is', null),
        ),
      ]),
    )
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
