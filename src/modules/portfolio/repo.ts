import { sql } from 'kysely'
import type { Db } from '../../db/tx.ts'

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
