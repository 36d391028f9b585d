import { municipalityName } from '../../src/domain/municipalities.ts'
import type { Ctx } from '../../src/modules/context.ts'
import { listVentures, mayEditVentureProfile as mayEdit } from '../../src/modules/ventures/index.ts'

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
export const mayEditVentureProfile = (ctx: Ctx, ventureId: string): Promise<boolean> =>
  mayEdit(ctx, ventureId)
