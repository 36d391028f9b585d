import type { OrganizationKind, Role } from '../db/schema.ts'
import { forbidden, notFound, unauthorized } from '../http/problem.ts'
import type { MissingThing } from '../http/problem-codes.ts'
import type { Membership, Principal } from '../modules/principal.ts'

/**
 * The one policy module. Services ask it before they read or change anything; a caller who may
 * not see a thing gets 404 (the same as a missing thing), a caller who may see but not change it
 * gets 404 too unless seeing it is already allowed, in which case 403 says why.
 */

export const ROLE_RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 }

export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) throw unauthorized()
  return principal
}

export function membershipIn(principal: Principal, organizationId: string): Membership | undefined {
  return principal.memberships.find((m) => m.organizationId === organizationId)
}

export function hasRole(principal: Principal, organizationId: string, atLeast: Role): boolean {
  const m = membershipIn(principal, organizationId)
  return !!m && ROLE_RANK[m.role] >= ROLE_RANK[atLeast]
}

export function memberOrgsOfKind(principal: Principal, kind: OrganizationKind): Membership[] {
  return principal.memberships.filter((m) => m.kind === kind)
}

/** Read access to an organization's own record and members: its members and platform admins. */
export function assertCanReadOrganization(
  principal: Principal,
  organizationId: string,
  what: MissingThing = 'organization',
) {
  if (principal.isPlatformAdmin || membershipIn(principal, organizationId)) return
  throw notFound(what)
}

/** Change an organization or its members: its admins and platform admins. */
export function assertCanAdministerOrganization(principal: Principal, organizationId: string) {
  assertCanReadOrganization(principal, organizationId)
  if (principal.isPlatformAdmin || hasRole(principal, organizationId, 'admin')) return
  throw forbidden('organization.admin_only')
}

/** Writes need editor or admin in the organization that owns the data (viewers never write). */
export function assertCanWriteAs(principal: Principal, organizationId: string) {
  if (principal.isPlatformAdmin) return
  if (!hasRole(principal, organizationId, 'editor')) throw forbidden('organization.role_read_only')
}

export function assertPlatformAdmin(principal: Principal) {
  if (!principal.isPlatformAdmin) throw forbidden('platform.admin_only')
}
