import { withTx } from '../../db/tx.ts'
import { versionFromIfMatch } from '../../http/etag.ts'
import { decodeCursor, toPage } from '../../http/pagination.ts'
import { forbidden, notFound, preconditionFailed } from '../../http/problem.ts'
import { relationsOf } from '../../policy/access-repo.ts'
import { type AudienceMember, ventureAudience } from '../../policy/audience.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import {
  accessFromRelations,
  requireVentureAccess,
  type VentureAccess,
  ventureAccess,
} from '../../policy/venture-access.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { insertOrganizationAudited, validateMunicipalityNumbers } from '../identity/index.ts'
import * as repo from './repo.ts'
import type { CreateVentureInput, ProfilePatch } from './schemas.ts'

export const accessLabel = (a: VentureAccess): 'member' | 'detailed' | 'profile' =>
  a.member || a.platformAdmin ? 'member' : a.detailed ? 'detailed' : 'profile'

/**
 * Onboards a venture: creates its organization and profile. Investors (editor or admin) and
 * platform admins may; the onboarding investor gets standing (detailed access) with it.
 */
export async function createVenture(ctx: Ctx, input: CreateVentureInput) {
  const principal = requirePrincipal(ctx.principal)
  const investorOrgs = principal.memberships.filter(
    (m) => m.kind === 'investor' && (m.role === 'admin' || m.role === 'editor'),
  )
  let createdBy: string | null = null
  if (input.investorOrgId) {
    if (!investorOrgs.some((m) => m.organizationId === input.investorOrgId) && !principal.isPlatformAdmin) {
      throw forbidden('venture.onboard_not_permitted')
    }
    createdBy = input.investorOrgId
  } else if (investorOrgs.length === 1) {
    createdBy = investorOrgs[0]!.organizationId
  } else if (!principal.isPlatformAdmin) {
    throw forbidden(
      investorOrgs.length === 0 ? 'venture.onboard_investors_only' : 'venture.investor_ambiguous',
    )
  }
  validateMunicipalityNumbers(input.municipalities ?? [], 'municipalities')
  return withTx(ctx.db, async (trx) => {
    const txCtx = { ...ctx, db: trx }
    const org = await insertOrganizationAudited(txCtx, {
      kind: 'venture',
      name: input.name,
      orgNumber: input.orgNumber,
    })
    const { investorOrgId: _i, orgNumber: _o, name: _n, ...profile } = input
    await repo.insertVenture(trx, org.id, createdBy, profile)
    const venture = (await repo.findVenture(trx, org.id))!
    await recordAudit(trx, ctx, {
      action: 'venture.create',
      entity: 'venture',
      entityId: org.id,
      organizationId: org.id,
      after: venture,
    })
    return { venture, access: 'member' as const }
  })
}

export async function listVentures(
  ctx: Ctx,
  q: {
    limit: number
    cursor?: string | undefined
    theme?: string | undefined
    status?: string | undefined
    municipality?: string | undefined
    investor?: string | undefined
    q?: string | undefined
  },
) {
  const principal = requirePrincipal(ctx.principal)
  const orgIds = principal.memberships.map((m) => m.organizationId)
  // The page and the caller's relations to each venture on it in one statement.
  const rows = await repo.listVentures(ctx.db, {
    ...q,
    visibleTo: principal.isPlatformAdmin ? undefined : orgIds,
    callerOrgIds: orgIds,
    after: decodeCursor(q.cursor),
  })
  const page = toPage(rows, q.limit, (v) => [v.name, v.id])
  return {
    ...page,
    items: page.items.map((row) => {
      const { createdByOrgId: _c, investorRows: _i, shares: _s, ...venture } = row
      return { venture, access: accessLabel(accessFromRelations(principal, row.id, relationsOf(row))) }
    }),
  }
}

/** One statement: the venture row and the caller's relations to it, decided by the policy. */
export async function getVenture(ctx: Ctx, id: string) {
  const principal = requirePrincipal(ctx.principal)
  const orgIds = principal.memberships.map((m) => m.organizationId)
  const row = await repo.findVentureWithRelations(ctx.db, id, orgIds)
  const access = accessFromRelations(principal, id, row && relationsOf(row))
  if (!row || !access.profile) throw notFound('venture')
  const { createdByOrgId: _c, investorRows: _i, shares: _s, ...venture } = row
  return { venture, access: accessLabel(access) }
}

/** The venture's editors, investors with standing (editor+) and platform admins may edit the profile. */
export const mayEditProfile = (access: VentureAccess): boolean =>
  access.platformAdmin || access.writeVenture || access.investorWriteOrgIds.length > 0

/** Whether the caller may edit a venture's profile, for showing the edit button: updateVenture's rule. */
export async function mayEditVentureProfile(ctx: Ctx, ventureId: string): Promise<boolean> {
  const access = await ventureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId)
  return access.profile && mayEditProfile(access)
}

/** The investor organizations through which the caller follows the venture (none: not an investor). */
export async function callerInvestorsOf(ctx: Ctx, ventureId: string): Promise<string[]> {
  const access = await ventureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId)
  return access.investorOrgIds
}

export async function updateVenture(
  ctx: Ctx,
  id: string,
  patch: Partial<ProfilePatch>,
  ifMatch: string | undefined,
) {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), id, 'profile')
  if (!mayEditProfile(access)) {
    throw forbidden('venture.profile_not_permitted')
  }
  if (patch.municipalities) validateMunicipalityNumbers(patch.municipalities, 'municipalities')
  return withTx(ctx.db, async (trx) => {
    const before = await repo.findVenture(trx, id)
    if (!before) throw notFound('venture')
    const version = versionFromIfMatch(ifMatch, 'venture', id, before.version)
    const clean = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    ) as Partial<ProfilePatch>
    const updated = await repo.updateVenture(trx, id, version, clean, ctx.now)
    if (!updated) throw preconditionFailed()
    const after = (await repo.findVenture(trx, id))!
    await recordAudit(trx, ctx, {
      action: 'venture.update',
      entity: 'venture',
      entityId: id,
      organizationId: id,
      before,
      after,
    })
    return { venture: after, access: accessLabel(access) }
  })
}

/**
 * GET /v1/ventures/{id}/audience: whom the venture's data reaches (policy/audience.ts). Only the
 * venture's own members and platform admins may know it; for everyone else the venture is not
 * there (404), as investors with standing must not learn who else funds or follows it.
 */
export async function getVentureAudience(ctx: Ctx, ventureId: string): Promise<AudienceMember[]> {
  const access = await ventureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId)
  if (!access.platformAdmin && !access.member) throw notFound('venture')
  return ventureAudience(ctx.db, ventureId)
}
