import { requirePrincipal } from '../../policy/policy.ts'
import { requireVentureAccess } from '../../policy/venture-access.ts'
import { listInvestments } from '../capital/investments-service.ts'
import type { Ctx } from '../context.ts'
import { listShares } from '../outcomes/shares-service.ts'

/**
 * What the reporting pages need besides the reports themselves, read through the same services
 * and venture policy as the API: which actions to offer (the services decide each one again), and
 * whom the venture's data reaches — its investors by their investments, others by data shares.
 */
export interface ReportingAccess {
  /** The venture's editors and platform admins fill in, submit and amend reports. */
  mayWrite: boolean
  /** Editors of an investor with standing, and platform admins, verify or return them. */
  mayReview: boolean
  /** Only the venture's own members (and platform admins) see whom it shares with. */
  seesSharing: boolean
}

export async function reportingAccess(ctx: Ctx, ventureId: string): Promise<ReportingAccess> {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  return {
    mayWrite: access.platformAdmin || access.writeVenture,
    mayReview: access.platformAdmin || access.investorWriteOrgIds.length > 0,
    seesSharing: access.platformAdmin || access.member,
  }
}

export interface SharedWith {
  name: string
  /** Investors see detailed data through their investment; a share grants its own level. */
  basis: 'investment' | 'share'
  level: 'detailed' | 'aggregate'
  orgKind: string
}

export async function sharedWithOf(ctx: Ctx, ventureId: string): Promise<SharedWith[]> {
  const out: SharedWith[] = []
  const investors = new Set<string>()
  let cursor: string | undefined
  do {
    const page = await listInvestments(ctx, ventureId, { limit: 100, cursor })
    for (const { investment: i } of page.items) {
      if (investors.has(i.investorOrgId)) continue
      investors.add(i.investorOrgId)
      out.push({ name: i.investorName, basis: 'investment', level: 'detailed', orgKind: 'investor' })
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  cursor = undefined
  do {
    const page = await listShares(ctx, ventureId, { limit: 100, cursor, includeRevoked: false })
    for (const s of page.items) {
      out.push({ name: s.granteeName, basis: 'share', level: s.level, orgKind: s.granteeKind })
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}
