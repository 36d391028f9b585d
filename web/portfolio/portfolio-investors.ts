import type { Ctx } from '../../src/modules/context.ts'
import { listOrganizations } from '../../src/modules/identity/index.ts'
import type { Portfolio } from '../../src/modules/portfolio/index.ts'
import type { Membership } from '../../src/modules/principal.ts'
import { requirePrincipal } from '../../src/policy/policy.ts'
import { allPages } from '../ui/capital-data.ts'
import type { VentureItem } from '../ui/ventures-data.ts'

/** An investor organization whose portfolio the page can show. */
export type InvestorChoice = Pick<Membership, 'organizationId' | 'organizationName'> & {
  /** The caller is a member (a platform admin looking in is not). */
  member: boolean
}

/**
 * Whose portfolio the caller may open: its own investor organizations, and for platform admins
 * (who operate the service and may read any portfolio, as GET /v1/portfolio lets them) every
 * investor organization, listed through the organizations service.
 */
export async function investorChoices(ctx: Ctx): Promise<InvestorChoice[]> {
  const principal = requirePrincipal(ctx.principal)
  const own: InvestorChoice[] = principal.memberships
    .filter((m) => m.kind === 'investor')
    .map((m) => ({ organizationId: m.organizationId, organizationName: m.organizationName, member: true }))
  if (!principal.isPlatformAdmin) return own
  const ownIds = new Set(own.map((m) => m.organizationId))
  const all = await allPages((cursor) => listOrganizations(ctx, { limit: 200, cursor, kind: 'investor' }))
  return [
    ...own,
    ...all
      .filter((o) => !ownIds.has(o.id))
      .map((o) => ({ organizationId: o.id, organizationName: o.name, member: false })),
  ]
}

/**
 * The ventures the portfolio page describes. A member sees the ventures it may see (as the
 * ventures list shows them); an admin looking in would see every venture of the platform, so
 * the list is cut to the investor's portfolio.
 */
export const portfolioVentures = (investor: InvestorChoice, visible: VentureItem[], portfolio: Portfolio) => {
  if (investor.member) return visible
  const ids = new Set(portfolio.ventures.map((p) => p.venture.id))
  return visible.filter((x) => ids.has(x.venture.id))
}
