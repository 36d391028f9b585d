import type { Ctx } from '../../src/modules/context.ts'
import { mayReportFor, mayReview } from '../../src/modules/outcomes/index.ts'
import { type AudienceMember, ventureAudience } from '../../src/policy/audience.ts'
import { requirePrincipal } from '../../src/policy/policy.ts'
import { requireVentureAccess } from '../../src/policy/venture-access.ts'

/**
 * What the reporting pages need besides the reports themselves, read through the same services
 * and venture policy as the API: which actions to offer (the services decide each one again), and
 * whom the venture's data reaches.
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
    mayWrite: mayReportFor(access),
    mayReview: mayReview(access),
    seesSharing: access.platformAdmin || access.member,
  }
}

export type SharedWith = AudienceMember

/** Whom the venture's data reaches, by the venture policy's own rules (see policy/audience.ts). */
export const sharedWithOf = (ctx: Ctx, ventureId: string): Promise<SharedWith[]> =>
  ventureAudience(ctx.db, ventureId)
