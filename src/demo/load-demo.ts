import type { Ctx } from '../modules/context.ts'
import { loadDemoCapital } from './capital.ts'
import { loadDemoEconomics } from './economics.ts'
import { DEMO_USERS, loadDemoIdentity } from './identity.ts'
import { DEMO_PASSWORD } from './ids.ts'
import { loadDemoImpact } from './impact.ts'
import { loadDemoOutcomes } from './outcomes.ts'
import { loadDemoVentures } from './ventures.ts'

/**
 * The demo portfolio (PRODUCT.md §8): fictional ventures, an investor, municipalities including
 * Nordre Follo, NAV, and the four demo users. Every area adds its demo data here so the demo
 * always shows the whole product. Runs on an empty database; re-running adds nothing twice.
 */
export async function loadDemo(
  ctx: Ctx,
): Promise<{ logins: { email: string; password: string; role: string }[] }> {
  const identity = await loadDemoIdentity(ctx)
  await loadDemoVentures(ctx, identity)
  await loadDemoCapital(ctx, identity)
  await loadDemoOutcomes(ctx, identity)
  await loadDemoEconomics(ctx, identity)
  await loadDemoImpact(ctx, identity)
  return {
    logins: DEMO_USERS.map((u) => ({
      email: u.email,
      password: DEMO_PASSWORD,
      role: u.platformAdmin ? 'platform admin' : `admin of ${u.member}`,
    })),
  }
}

export async function isDatabaseEmpty(db: Ctx['db']): Promise<boolean> {
  const row = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst()
  return !row
}
