import type { Ctx } from '../modules/context.ts'
import { insertOpenData } from '../modules/impact/index.ts'
import type { DemoIdentity } from './identity.ts'

/** Nordre Follo publishes its open-data view, so /v1/open/impact/3207.json serves the demo. */
export async function loadDemoImpact(ctx: Ctx, identity: DemoIdentity): Promise<void> {
  const nordreFollo = identity.municipalities['nordre-follo']
  if (nordreFollo) await insertOpenData(ctx.db, nordreFollo, null, ctx.now)
}
