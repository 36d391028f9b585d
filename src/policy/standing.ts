import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { DB } from '../db/schema.ts'

/**
 * The one definition of "standing" (PRODUCT.md §1 Data share): an investor has standing with a
 * venture when it invested in it (an accepted investment), onboarded it (ventures.created_by_org_id)
 * or the venture shares detailed data with it (an unrevoked detailed share). Standing gives
 * detailed access, review and the portfolio; an aggregate share gives only the profile.
 *
 * Two forms of the same named pieces: SQL expressions for queries over `ventures as v` (access,
 * lists, the portfolio, exports), and the decision over relations already read (venture-access.ts,
 * audience.ts). Change the rule here and both change.
 */

/** `ventures as v` in an outer query: the pieces below correlate on `v.org_id`. */
export type VentureEb = ExpressionBuilder<DB & { v: DB['ventures'] }, 'v'>

/**
 * The organizations asked about, always one array parameter (`= any($n::uuid[])`): the statement's
 * text is the same whatever their number, so a query using it can be prepared (src/db/prepared.ts).
 * The value may be a prepared statement's stand-in: pass it on, never inspect it.
 */
const among = (column: string, orgIds: readonly string[]): RawBuilder<boolean> =>
  sql<boolean>`${sql.ref(column)} = any(${orgIds}::uuid[])`

/** The accepted investments of the given organizations in the venture. */
export const acceptedInvestments = (eb: VentureEb, orgIds: readonly string[]) =>
  eb
    .selectFrom('investments as vi')
    .whereRef('vi.ventureOrgId', '=', 'v.orgId')
    .where(among('vi.investorOrgId', orgIds))
    .where('vi.consent', '=', 'accepted')

/** The venture's unrevoked shares with the given organizations, at either level. */
export const activeShares = (eb: VentureEb, orgIds: readonly string[]) =>
  eb
    .selectFrom('dataShares as vs')
    .whereRef('vs.ventureOrgId', '=', 'v.orgId')
    .where(among('vs.granteeOrgId', orgIds))
    .where('vs.revokedAt', 'is', null)

/** One of the given organizations invested in the venture. */
export const investedIn = (eb: VentureEb, orgIds: readonly string[]): Expression<SqlBool> =>
  eb.exists(acceptedInvestments(eb, orgIds).select(sql`1`.as('one')))

/** One of the given organizations onboarded the venture. */
export const onboarded = (orgIds: readonly string[]): Expression<SqlBool> => among('v.createdByOrgId', orgIds)

/** The venture shares data with one of the given organizations: in detail, or at any level. */
export const sharesWith = (
  eb: VentureEb,
  orgIds: readonly string[],
  level: 'detailed' | 'any',
): Expression<SqlBool> => {
  const shares = activeShares(eb, orgIds)
  return eb.exists(
    (level === 'detailed' ? shares.where('vs.level', '=', 'detailed') : shares).select(sql`1`.as('one')),
  )
}

/** One of the given organizations has standing with the venture `v`. */
export const hasStanding = (eb: VentureEb, orgIds: readonly string[]): Expression<SqlBool> =>
  eb.or([investedIn(eb, orgIds), onboarded(orgIds), sharesWith(eb, orgIds, 'detailed')])

/** The facts about one venture and some organizations that the decision below needs. */
export interface VentureRelations {
  createdByOrgId: string | null
  /** The given organizations whose investment in the venture the venture accepted. */
  investorOrgIds: string[]
  /** Active shares from the venture to the given organizations. */
  shares: { granteeOrgId: string; level: 'aggregate' | 'detailed' }[]
}

export type StandingBasis = 'investment' | 'onboarding' | 'share'

/**
 * Why an organization has standing with the venture, the first that applies of investment,
 * onboarding and a detailed share; null when it has none. Only investor organizations can hold
 * standing: the caller checks the organization's kind.
 */
export function standingBasis(rel: VentureRelations, orgId: string): StandingBasis | null {
  if (rel.investorOrgIds.includes(orgId)) return 'investment'
  if (rel.createdByOrgId === orgId) return 'onboarding'
  if (rel.shares.some((s) => s.granteeOrgId === orgId && s.level === 'detailed')) return 'share'
  return null
}

/**
 * Those of the given investor organizations that have standing with the venture, in the order of
 * the relations (investments, onboarding, shares).
 */
export function withStanding(rel: VentureRelations, investorOrgIds: ReadonlySet<string>): string[] {
  const related = [
    ...rel.investorOrgIds,
    ...(rel.createdByOrgId ? [rel.createdByOrgId] : []),
    ...rel.shares.map((s) => s.granteeOrgId),
  ]
  return [...new Set(related)].filter((id) => investorOrgIds.has(id) && standingBasis(rel, id) !== null)
}
