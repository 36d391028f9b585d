import type { Db } from '../db/tx.ts'
import { forbidden, notFound } from '../http/problem.ts'
import type { Principal } from '../modules/principal.ts'
import { ventureRelations } from './access-repo.ts'
import { hasRole } from './policy.ts'
import { type VentureRelations, withStanding } from './standing.ts'

/**
 * What a caller may do with one venture (PRODUCT.md §1 Data share, issue on identity):
 * - platform admins: everything;
 * - the venture's own members: read everything, write when editor or admin;
 * - investors with standing (standing.ts: invested in it, onboarded it, or shared with in detail):
 *   detailed access, and write when editor+;
 * - organizations it shares detailed data with: detailed read (investors may also record their
 *   own investments and support);
 * - organizations it shares aggregate data with (e.g. a municipality): the profile only.
 * Everyone else may not know it exists: 404.
 */
export interface VentureAccess {
  ventureId: string
  /** May read the profile. */
  profile: boolean
  /** May read per-venture values, investments, transactions and support. */
  detailed: boolean
  /** A member of the venture organization itself. */
  member: boolean
  /** May change the venture's own data (profile, reports, shares). */
  writeVenture: boolean
  /** The caller's investor organizations with standing here, with editor+ role (may record capital and support, review reports). */
  investorWriteOrgIds: string[]
  /** The caller's investor organizations with standing here (any role). */
  investorOrgIds: string[]
  platformAdmin: boolean
}

export async function ventureAccess(db: Db, principal: Principal, ventureId: string): Promise<VentureAccess> {
  return (await ventureAccessMany(db, principal, [ventureId])).get(ventureId)!
}

/** Access to several ventures at once, in one statement whatever their number (for lists). */
export async function ventureAccessMany(
  db: Db,
  principal: Principal,
  ventureIds: string[],
): Promise<Map<string, VentureAccess>> {
  const orgIds = principal.memberships.map((m) => m.organizationId)
  const relations = await ventureRelations(db, ventureIds, orgIds)
  const result = new Map<string, VentureAccess>()
  for (const ventureId of ventureIds)
    result.set(ventureId, accessFromRelations(principal, ventureId, relations.get(ventureId)))
  return result
}

/**
 * The rules above applied to facts already read (`undefined`: the venture does not exist), so a
 * read that fetches the venture with its relations in one statement decides the same way.
 */
export function accessFromRelations(
  principal: Principal,
  ventureId: string,
  rel: VentureRelations | undefined,
): VentureAccess {
  const none: VentureAccess = {
    ventureId,
    profile: false,
    detailed: false,
    member: false,
    writeVenture: false,
    investorWriteOrgIds: [],
    investorOrgIds: [],
    platformAdmin: false,
  }
  if (!rel) return none
  if (principal.isPlatformAdmin) {
    return { ...none, profile: true, detailed: true, writeVenture: true, platformAdmin: true }
  }
  const investorKinds = new Set(
    principal.memberships.filter((m) => m.kind === 'investor').map((m) => m.organizationId),
  )
  const member = principal.memberships.some((m) => m.organizationId === ventureId)
  const investorOrgIds = withStanding(rel, investorKinds)
  const detailed = member || investorOrgIds.length > 0 || rel.shares.some((s) => s.level === 'detailed')
  return {
    ventureId,
    profile: detailed || rel.shares.length > 0,
    detailed,
    member,
    writeVenture: member && hasRole(principal, ventureId, 'editor'),
    investorWriteOrgIds: investorOrgIds.filter((id) => hasRole(principal, id, 'editor')),
    investorOrgIds,
    platformAdmin: false,
  }
}

/** Loads access and refuses with 404 when the caller may not see the venture at this level. */
export async function requireVentureAccess(
  db: Db,
  principal: Principal,
  ventureId: string,
  level: 'profile' | 'detailed',
): Promise<VentureAccess> {
  const access = await ventureAccess(db, principal, ventureId)
  if (!access[level]) throw notFound('venture')
  return access
}

/** The venture's own editors and admins (and platform admins) may change its data. */
export function assertWriteVenture(access: VentureAccess): void {
  if (access.platformAdmin || access.writeVenture) return
  throw forbidden('venture.members_only')
}

/**
 * The investor organization on whose behalf a capital or support record is written: the one
 * named (which must have standing and an editor+ role), or the caller's only such organization.
 */
export function investorForWrite(access: VentureAccess, named: string | undefined): string {
  if (access.platformAdmin && named) return named
  const candidates = access.investorWriteOrgIds
  if (named) {
    if (candidates.includes(named)) return named
    throw forbidden('investor.record_not_permitted')
  }
  if (candidates.length === 1) return candidates[0]!
  if (candidates.length === 0) {
    throw forbidden('investor.relationship_required')
  }
  throw forbidden('investor.ambiguous')
}
