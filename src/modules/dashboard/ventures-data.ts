import { municipalityName } from '../../domain/municipalities.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { ventureAccess } from '../../policy/venture-access.ts'
import type { Ctx } from '../context.ts'
import { listVentures, mayEditProfile } from '../ventures/service.ts'

export type VentureItem = Awaited<ReturnType<typeof listVentures>>['items'][number]

/** Every venture the caller may see, through the API's list service (its pages, up to `max`). */
export async function allVisibleVentures(ctx: Ctx, max = 1000): Promise<VentureItem[]> {
  const out: VentureItem[] = []
  let cursor: string | undefined
  do {
    const page = await listVentures(ctx, { limit: 200, cursor })
    out.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor && out.length < max)
  return out
}

/** "Nordre Follo" for 3207; the bare number when the register does not know it. */
export const municipalityLabel = (code: string) => municipalityName(code) ?? code

/** Whether the caller may edit a venture's profile, for showing the edit button: the service's own rule. */
export async function mayEditVentureProfile(ctx: Ctx, ventureId: string): Promise<boolean> {
  const access = await ventureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId)
  return access.profile && mayEditProfile(access)
}
