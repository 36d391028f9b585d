import { type AudienceMember, ventureAudience } from '../../policy/audience.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { requireVentureAccess } from '../../policy/venture-access.ts'
import type { Ctx } from '../context.ts'
import { mayReportFor, mayReview } from './report-workflow.ts'

/**
 * Which reporting actions to offer the caller on a venture (the workflow decides each one again
 * when it is taken): the dashboard's buttons, by the same venture policy as the API.
 */
export interface ReportingAccess {
  /** The venture's editors and platform admins fill in, submit and amend reports. */
  mayWrite: boolean
  /** Editors of an investor with standing, and platform admins, verify or return them. */
  mayReview: boolean
  /** Only the venture's own members (and platform admins) see whom it shares with. */
  seesSharing: boolean
}

/** 404 when the caller may not see the venture's reports (detailed access). */
export async function reportingAccess(ctx: Ctx, ventureId: string): Promise<ReportingAccess> {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  return {
    mayWrite: mayReportFor(access),
    mayReview: mayReview(access),
    seesSharing: access.platformAdmin || access.member,
  }
}

/**
 * Whom the venture's data reaches, by the venture policy's own rules (policy/audience.ts). Only
 * for a caller whose reportingAccess says seesSharing.
 */
export const ventureAudienceOf = (ctx: Ctx, ventureId: string): Promise<AudienceMember[]> =>
  ventureAudience(ctx.db, ventureId)

export type { AudienceMember }
