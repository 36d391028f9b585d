import { sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Db } from '../db/tx.ts'
import {
  acceptedInvestments,
  activeShares,
  investedIn,
  onboarded,
  sharesWith,
  type VentureEb,
  type VentureRelations,
} from './standing.ts'

export type { VentureRelations }

/**
 * The columns of `ventures as v` that the policy needs about the caller's organizations, as
 * correlated subqueries: the venture's own row and its relations to the caller arrive in one
 * statement, and a query that reads the venture itself can carry them too (getVenture).
 */
export const relationColumns = (eb: VentureEb, orgIds: string[]) =>
  [
    'v.createdByOrgId',
    jsonArrayFrom(acceptedInvestments(eb, orgIds).select('vi.investorOrgId').distinct()).as('investorRows'),
    jsonArrayFrom(activeShares(eb, orgIds).select(['vs.granteeOrgId', 'vs.level'])).as('shares'),
  ] as const

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
 * their own, ones they have standing with, and ones shared with them at any level.
 */
export const ventureVisibleTo = (orgIds: string[]) => (eb: VentureEb) =>
  orgIds.length === 0
    ? sql<boolean>`false`
    : eb.or([
        sql<boolean>`${sql.ref('v.orgId')} = any(${orgIds}::uuid[])`,
        // hasStanding's pieces, its detailed share widened to a share at any level (which covers it).
        investedIn(eb, orgIds),
        onboarded(orgIds),
        sharesWith(eb, orgIds, 'any'),
      ])
