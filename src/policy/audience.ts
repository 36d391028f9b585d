import type { Db } from '../db/tx.ts'

/**
 * Who outside a venture reads its data, by the rules of venture-access.ts: an investor with
 * standing (it invested, or it onboarded the venture) reads each report; any organization with a
 * detailed share does too; one with an aggregate share sees only aggregates. Shown to the venture
 * ("report once, share with every funder") so it knows whom its figures reach.
 */
export interface AudienceMember {
  organizationId: string
  name: string
  /** Why it sees the data: the first that applies of investment, onboarding and share. */
  basis: 'investment' | 'onboarding' | 'share'
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
  const invested = new Set(investors.map((i) => i.investorOrgId))
  return orgs.flatMap((org) => {
    // Standing counts only for investor organizations, as in ventureAccessMany.
    const investor = org.kind === 'investor'
    const share = shares.find((s) => s.granteeOrgId === org.id)
    const basis: AudienceMember['basis'] | null =
      investor && invested.has(org.id)
        ? 'investment'
        : investor && venture.createdByOrgId === org.id
          ? 'onboarding'
          : share
            ? 'share'
            : null
    if (!basis) return []
    const level = basis === 'share' ? share!.level : 'detailed'
    return [{ organizationId: org.id, name: org.name, basis, level }]
  })
}
