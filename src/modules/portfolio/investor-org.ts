import { badRequest, forbidden, notFound } from '../../http/problem.ts'
import { memberOrgsOfKind, requirePrincipal } from '../../policy/policy.ts'
import type { Ctx } from '../context.ts'
import { findOrganization } from '../identity/index.ts'

/**
 * Whose portfolio a request is about (GET /v1/portfolio and the capital exports):
 * - `organization` named: an investor organization the caller is a member of (any role), or any
 *   investor organization for platform admins; anything else is 404, as the caller may not know
 *   it exists;
 * - not named: the caller's only investor organization; 400 naming `organization` when the caller
 *   belongs to several or is a platform admin without one; 403 for callers who belong to no
 *   investor (the route exists, but a portfolio is an investor's).
 */
export async function resolveInvestorOrg(
  ctx: Ctx,
  named: string | undefined,
): Promise<{ id: string; name: string }> {
  const principal = requirePrincipal(ctx.principal)
  const investors = memberOrgsOfKind(principal, 'investor')
  if (named) {
    const membership = investors.find((m) => m.organizationId === named)
    if (membership) return { id: membership.organizationId, name: membership.organizationName }
    if (principal.isPlatformAdmin) {
      const org = await findOrganization(ctx.db, named)
      if (org?.kind === 'investor') return { id: org.id, name: org.name }
    }
    throw notFound('investor_organization')
  }
  const only = investors.length === 1 ? investors[0] : undefined
  if (only) return { id: only.organizationId, name: only.organizationName }
  if (investors.length === 0 && !principal.isPlatformAdmin) {
    throw forbidden('portfolio.not_investor_member')
  }
  throw badRequest('portfolio.investor_required', [
    {
      in: 'query',
      path: 'organization',
      message:
        investors.length > 1
          ? 'You belong to several investor organizations: name one.'
          : 'Platform administrators name the investor organization.',
    },
  ])
}
