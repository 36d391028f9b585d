import type { Ctx } from '../../src/modules/context.ts'
import { type AudienceMember, ventureAudienceOf } from '../../src/modules/outcomes/index.ts'

/**
 * What the reporting pages need besides the reports themselves, read through the same services
 * and venture policy as the API: which actions to offer (the services decide each one again), and
 * whom the venture's data reaches. The rules live in the outcomes module (reporting-access.ts).
 */
export { type ReportingAccess, reportingAccess } from '../../src/modules/outcomes/index.ts'

export type SharedWith = AudienceMember

/** Whom the venture's data reaches, by the venture policy's own rules (see policy/audience.ts). */
export const sharedWithOf = (ctx: Ctx, ventureId: string): Promise<SharedWith[]> =>
  ventureAudienceOf(ctx, ventureId)
