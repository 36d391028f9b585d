import { invalidParams } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { requireVentureAccess, type VentureAccess } from '../../policy/venture-access.ts'
import type { Ctx } from '../context.ts'
import { findOrganization } from '../identity/index.ts'
import { portfolioEconomics, type VentureEconomics } from './portfolio-economics.ts'

export interface EconomicsParams {
  from?: string | undefined
  to?: string | undefined
  includeSupport?: 'true' | 'false' | undefined
  investor?: string | undefined
}

const queryError = (path: string, message: string) => invalidParams('query', [{ in: 'query', path, message }])

/**
 * Whose attribution share: the investor named (one of the caller's investors with standing, or
 * any investor for platform admins), else the caller's only one; none for callers without one
 * (the venture's own members see cost per outcome without a share).
 */
async function investorOf(
  ctx: Ctx,
  access: VentureAccess,
  named: string | undefined,
): Promise<string | null> {
  if (named) {
    if (access.investorOrgIds.includes(named)) return named
    if (access.platformAdmin && (await findOrganization(ctx.db, named))?.kind === 'investor') return named
    throw queryError('investor', 'Not an investor organization of yours with a relationship to this venture.')
  }
  if (access.investorOrgIds.length > 1) {
    throw queryError('investor', 'You belong to several investors here: name one.')
  }
  return access.investorOrgIds[0] ?? null
}

/** GET /v1/ventures/{id}/economics: detailed access to the venture. */
export async function getVentureEconomics(
  ctx: Ctx,
  ventureId: string,
  q: EconomicsParams,
): Promise<VentureEconomics> {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  if (q.from && q.to && q.from > q.to) throw queryError('to', 'Must not be before from.')
  const investorOrgId = await investorOf(ctx, access, q.investor)
  const result = await portfolioEconomics(ctx.db, {
    investorOrgId,
    ventureIds: [ventureId],
    from: q.from,
    to: q.to,
    includeSupport: q.includeSupport === 'true',
  })
  return result.get(ventureId)!
}
