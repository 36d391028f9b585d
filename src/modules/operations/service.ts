import type { DatabaseBackup } from '../../http/env.ts'
import { Problem } from '../../http/problem.ts'
import { assertPlatformAdmin, requirePrincipal } from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'

/**
 * A backup of the whole database, taken by the running server (the only process that may open
 * the embedded database while it serves). Platform administrators only: it holds every
 * organization's data, password hashes included. Who took it is audited.
 */
export async function takeBackup(
  ctx: Ctx,
  backup: (() => Promise<DatabaseBackup>) | undefined,
  kind: string,
): Promise<DatabaseBackup> {
  assertPlatformAdmin(requirePrincipal(ctx.principal))
  if (!backup) throw new Problem('backup.unavailable')
  const taken = await backup()
  await recordAudit(ctx.db, ctx, {
    action: 'database.backup',
    entity: 'database',
    entityId: kind,
    organizationId: null,
    after: { filename: taken.filename },
  })
  return taken
}
