import type { Db } from '../db/tx.ts'
import { type StandingBasis, standingBasis, type VentureRelations } from './standing.ts'

/**
 * Who outside a venture reads its data, by the rules of venture-access.ts: an investor with
 * standing (standing.ts: it invested, onboarded the venture, or has a detailed share) reads each report; any organization with a
 * detailed share does too; one with an aggregate share sees only aggregates. Shown to the venture
 * ("report once, share with every funder") so it knows whom its figures reach.
 */
export interface AudienceMember {
  organizationId: string
  name: string
  /** Why it sees the data: its standing (standing.ts), else its share. */
  basis: StandingBasis
  level: 'detailed' | 'aggregate'
}

export async function ventureAudience(db: Db, ventureId: string): Promise<AudienceMember[]> {
  const venture = await db
    .selectFrom('ventures')
    .select('createdByOrgId')
    .where('orgId', '=', ventureId)
    .executeTakeFirst()
  if (!venture) return []
  const investors = await db
    .selectFrom('investments')
    .select('investorOrgId')
    .distinct()
    .where('ventureOrgId', '=', ventureId)
    .where('consent', '=', 'accepted')
    .execute()
  const shares = await db
    .selectFrom('dataShares')
    .select(['granteeOrgId', 'level'])
    .where('ventureOrgId', '=', ventureId)
    .where('revokedAt', 'is', null)
    .execute()
  const ids = [
    ...new Set([
      ...investors.map((i) => i.investorOrgId),
      ...(venture.createdByOrgId ? [venture.createdByOrgId] : []),
      ...shares.map((s) => s.granteeOrgId),
    ]),
  ].filter((id) => id !== ventureId)
  if (!ids.length) return []
  const orgs = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'kind'])
    .where('id', 'in', ids)
    .orderBy('name')
    .execute()
  const rel: VentureRelations = {
    createdByOrgId: venture.createdByOrgId,
    investorOrgIds: investors.map((i) => i.investorOrgId),
    shares,
  }
  return orgs.flatMap((org): AudienceMember[] => {
    // Standing counts only for investor organizations, as in ventureAccessMany.
    const standing = org.kind === 'investor' ? standingBasis(rel, org.id) : null
    const share = shares.find((s) => s.granteeOrgId === org.id)
    if (standing)
      return [{ organizationId: org.id, name: org.name, basis: standing, level: 'detailed' as const }]
    if (share)
      return [{ organizationId: org.id, name: org.name, basis: 'share' as const, level: share.level }]
    return []
  })
}
