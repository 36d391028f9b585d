import { type ExpressionBuilder, sql } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Db } from '../db/tx.ts'

export interface VentureRelations {
  createdByOrgId: string | null
  /** The given organizations whose investment in the venture the venture accepted. */
  investorOrgIds: string[]
  /** Active shares from the venture to the given organizations. */
  shares: { granteeOrgId: string; level: 'aggregate' | 'detailed' }[]
}

/**
 * The facts the policy needs about the caller's organizations and some ventures, in three
 * queries whatever the number of ventures. Ventures that do not exist are absent from the map.
 */
export async function ventureRelations(
  db: Db,
  ventureIds: string[],
  orgIds: string[],
): Promise<Map<string, VentureRelations>> {
  const result = new Map<string, VentureRelations>()
  if (ventureIds.length === 0) return result
  const ventures = await db
    .selectFrom('ventures')
    .select(['orgId', 'createdByOrgId'])
    .where('orgId', 'in', ventureIds)
    .execute()
  for (const v of ventures)
    result.set(v.orgId, { createdByOrgId: v.createdByOrgId, investorOrgIds: [], shares: [] })
  if (orgIds.length === 0 || ventures.length === 0) return result
  const investors = await db
    .selectFrom('investments')
    .select(['ventureOrgId', 'investorOrgId'])
    .distinct()
    .where('ventureOrgId', 'in', ventureIds)
    .where('investorOrgId', 'in', orgIds)
    .where('consent', '=', 'accepted')
    .execute()
  for (const i of investors) result.get(i.ventureOrgId)?.investorOrgIds.push(i.investorOrgId)
  const shares = await db
    .selectFrom('dataShares')
    .select(['ventureOrgId', 'granteeOrgId', 'level'])
    .where('ventureOrgId', 'in', ventureIds)
    .where('granteeOrgId', 'in', orgIds)
    .where('revokedAt', 'is', null)
    .execute()
  for (const s of shares)
    result.get(s.ventureOrgId)?.shares.push({ granteeOrgId: s.granteeOrgId, level: s.level })
  return result
}

/**
 * A where-clause for `ventures as v` keeping the ventures the given organizations may see at all:
 * their own, ones they invested in or onboarded, and ones shared with them at any level.
 */
export const ventureVisibleTo =
  (orgIds: string[]) => (eb: ExpressionBuilder<DB & { v: DB['ventures'] }, 'v'>) =>
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
