import { type ExpressionBuilder, sql } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { Db } from '../db/tx.ts'

/** The facts the policy needs about a caller's organizations and one venture. */
export async function ventureRelations(db: Db, ventureId: string, orgIds: string[]) {
  const venture = await db
    .selectFrom('ventures')
    .select(['orgId', 'createdByOrgId'])
    .where('orgId', '=', ventureId)
    .executeTakeFirst()
  if (!venture || orgIds.length === 0)
    return {
      venture,
      investorOrgIds: [] as string[],
      shares: [] as { granteeOrgId: string; level: 'aggregate' | 'detailed' }[],
    }
  const investors = await db
    .selectFrom('investments')
    .select('investorOrgId')
    .distinct()
    .where('ventureOrgId', '=', ventureId)
    .where('investorOrgId', 'in', orgIds)
    .execute()
  const shares = await db
    .selectFrom('dataShares')
    .select(['granteeOrgId', 'level'])
    .where('ventureOrgId', '=', ventureId)
    .where('granteeOrgId', 'in', orgIds)
    .where('revokedAt', 'is', null)
    .execute()
  return { venture, investorOrgIds: investors.map((i) => i.investorOrgId), shares }
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
              .where('vi.investorOrgId', 'in', orgIds),
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
