import { type ExpressionBuilder, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DB } from '../db/schema.ts'
import type { Db } from '../db/tx.ts'

export interface VentureRelations {
  createdByOrgId: string | null
  /** The given organizations whose investment in the venture the venture accepted. */
  investorOrgIds: string[]
  /** Active shares from the venture to the given organizations. */
  shares: { granteeOrgId: string; level: 'aggregate' | 'detailed' }[]
}

type VentureEb = ExpressionBuilder<DB & { v: DB['ventures'] }, 'v'>

/**
 * The columns of `ventures as v` that the policy needs about the caller's organizations, as
 * correlated subqueries: the venture's own row and its relations to the caller arrive in one
 * statement, and a query that reads the venture itself can carry them too (getVenture).
 */
export const relationColumns = (eb: VentureEb, orgIds: string[]) => {
  // `= any(array)`, one parameter whatever the number of organizations: the statement's text
  // stays the same for every caller, so it can be prepared (src/db/prepared.ts).
  const among = (column: string) => sql<boolean>`${sql.ref(column)} = any(${orgIds}::uuid[])`
  return [
    'v.createdByOrgId',
    jsonArrayFrom(
      eb
        .selectFrom('investments as vi')
        .select('vi.investorOrgId')
        .distinct()
        .whereRef('vi.ventureOrgId', '=', 'v.orgId')
        .where(among('vi.investorOrgId'))
        .where('vi.consent', '=', 'accepted'),
    ).as('investorRows'),
    jsonArrayFrom(
      eb
        .selectFrom('dataShares as vs')
        .select(['vs.granteeOrgId', 'vs.level'])
        .whereRef('vs.ventureOrgId', '=', 'v.orgId')
        .where(among('vs.granteeOrgId'))
        .where('vs.revokedAt', 'is', null),
    ).as('shares'),
  ] as const
}

export interface RelationRow {
  createdByOrgId: string | null
  investorRows: { investorOrgId: string }[]
  shares: { granteeOrgId: string; level: 'aggregate' | 'detailed' }[]
}

export const relationsOf = (row: RelationRow): VentureRelations => ({
  createdByOrgId: row.createdByOrgId,
  investorOrgIds: row.investorRows.map((r) => r.investorOrgId),
  shares: row.shares,
})

/**
 * The facts the policy needs about the caller's organizations and some ventures, in one
 * statement whatever the number of ventures. Ventures that do not exist are absent from the map.
 * Read afresh for every request: a withdrawn share or consent counts at once.
 */
export async function ventureRelations(
  db: Db,
  ventureIds: string[],
  orgIds: string[],
): Promise<Map<string, VentureRelations>> {
  const result = new Map<string, VentureRelations>()
  if (ventureIds.length === 0) return result
  const rows = await db
    .selectFrom('ventures as v')
    .select('v.orgId')
    .select((eb) => relationColumns(eb, orgIds))
    .where('v.orgId', 'in', ventureIds)
    .execute()
  for (const row of rows) result.set(row.orgId, relationsOf(row))
  return result
}

/**
 * A where-clause for `ventures as v` keeping the ventures the given organizations may see at all:
 * their own, ones they invested in or onboarded, and ones shared with them at any level.
 */
export const ventureVisibleTo = (orgIds: string[]) => (eb: VentureEb) =>
  orgIds.length === 0
    ? sql<boolean>`false`
    : eb.or([
        eb('v.orgId', 'in', orgIds),
        eb('v.createdByOrgId', 'in', orgIds),
        eb.exists(
          eb
            .selectFrom('investments as vi')
            .select(sql`1`.as('one'))
            .whereRef('vi.ventureOrgId', '=', 'v.orgId')
            .where('vi.investorOrgId', 'in', orgIds)
            .where('vi.consent', '=', 'accepted'),
        ),
        eb.exists(
          eb
            .selectFrom('dataShares as vs')
            .select(sql`1`.as('one'))
            .whereRef('vs.ventureOrgId', '=', 'v.orgId')
            .where('vs.granteeOrgId', 'in', orgIds)
            .where('vs.revokedAt', 'is', null),
        ),
      ])
