import type { OrganizationKind, Role } from '../../db/schema.ts'
import { withTx } from '../../db/tx.ts'
import { versionFromIfMatch } from '../../http/etag.ts'
import { decodeCursor, toPage } from '../../http/pagination.ts'
import { conflict, invalid, notFound, Problem, preconditionFailed } from '../../http/problem.ts'
import {
  assertCanAdministerOrganization,
  assertCanReadOrganization,
  assertPlatformAdmin,
  requirePrincipal,
} from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { settleEmailInvitations } from './invitations-service.ts'
import { validateMunicipalityNumbers } from './municipality-check.ts'
import { assertAcceptablePassword } from './password-policy.ts'
import * as repo from './repo.ts'
import { hashPassword } from './secrets.ts'

export interface OrganizationInput {
  kind: OrganizationKind
  name: string
  orgNumber?: string | undefined
  municipalityNumbers?: string[] | undefined
}

function checkKindRules(kind: OrganizationKind, municipalityNumbers: string[]) {
  if (kind === 'municipality' && municipalityNumbers.length === 0) {
    throw invalid('municipalityNumbers', 'organization.municipality_number_required')
  }
  validateMunicipalityNumbers(municipalityNumbers, 'municipalityNumbers')
}

/**
 * A municipality number lets its organization read and publish the impact of every venture that
 * shares with that municipality, so it is held by one organization only (a primary key in
 * organization_municipalities) and set by platform admins only: no municipality can claim
 * another's data (PRODUCT.md §10).
 */
async function assertNumbersFree(db: Ctx['db'], numbers: string[], orgId: string | null) {
  if (numbers.length === 0) return
  const held = await repo.municipalityHolders(db, numbers)
  const taken = held.filter((h) => h.organizationId !== orgId)
  if (taken.length === 0) return
  throw new Problem(
    'organization.municipality_number_taken',
    `Municipality number ${taken.map((h) => `${h.number} belongs to ${h.name}`).join(', ')}; a number belongs to one organization only.`,
  )
}

/** Creates an organization. Platform admins only (operators); investors create ventures via /v1/ventures. */
export async function createOrganization(ctx: Ctx, input: OrganizationInput) {
  assertPlatformAdmin(requirePrincipal(ctx.principal))
  return insertOrganizationAudited(ctx, input)
}

/** Shared by the API, the venture flow and the operator CLI; the caller has checked permission. */
export async function insertOrganizationAudited(ctx: Ctx, input: OrganizationInput) {
  const municipalityNumbers = input.municipalityNumbers ?? []
  checkKindRules(input.kind, municipalityNumbers)
  return withTx(ctx.db, async (trx) => {
    await assertNumbersFree(trx, municipalityNumbers, null)
    if (input.orgNumber && (await repo.findOrganizationByNumber(trx, input.orgNumber))) {
      throw conflict(
        'organization.number_taken',
        `An organization with number ${input.orgNumber} already exists.`,
      )
    }
    const org = await repo.insertOrganization(trx, {
      id: crypto.randomUUID(),
      kind: input.kind,
      name: input.name,
      orgNumber: input.orgNumber ?? null,
      municipalityNumbers,
    })
    await recordAudit(trx, ctx, {
      action: 'organization.create',
      entity: 'organization',
      entityId: org.id,
      organizationId: org.id,
      after: org,
    })
    return org
  })
}

export async function listOrganizations(
  ctx: Ctx,
  q: { limit: number; cursor?: string | undefined; kind?: OrganizationKind | undefined },
) {
  const principal = requirePrincipal(ctx.principal)
  const ids = principal.isPlatformAdmin ? undefined : principal.memberships.map((m) => m.organizationId)
  const rows = await repo.listOrganizations(ctx.db, {
    ids,
    kind: q.kind,
    after: decodeCursor(q.cursor),
    limit: q.limit,
  })
  return toPage(rows, q.limit, (o) => [o.name, o.id])
}

export async function getOrganization(ctx: Ctx, id: string) {
  assertCanReadOrganization(requirePrincipal(ctx.principal), id)
  const org = await repo.findOrganization(ctx.db, id)
  if (!org) throw notFound('organization')
  return org
}

export async function updateOrganization(
  ctx: Ctx,
  id: string,
  patch: {
    name?: string | undefined
    orgNumber?: string | null | undefined
    municipalityNumbers?: string[] | undefined
  },
  ifMatch: string | undefined,
) {
  const principal = requirePrincipal(ctx.principal)
  assertCanAdministerOrganization(principal, id)
  return withTx(ctx.db, async (trx) => {
    const before = await repo.findOrganization(trx, id)
    if (!before) throw notFound('organization')
    const version = versionFromIfMatch(ifMatch, 'organization', id, before.version)
    const municipalityNumbers = patch.municipalityNumbers ?? before.municipalityNumbers
    const changed =
      [...new Set(municipalityNumbers)].sort().join() !==
      [...new Set(before.municipalityNumbers)].sort().join()
    if (changed && !principal.isPlatformAdmin) {
      throw new Problem('organization.municipality_numbers_admin_only')
    }
    checkKindRules(before.kind, municipalityNumbers)
    if (changed) await assertNumbersFree(trx, municipalityNumbers, id)
    if (
      patch.orgNumber &&
      patch.orgNumber !== before.orgNumber &&
      (await repo.findOrganizationByNumber(trx, patch.orgNumber))
    ) {
      throw conflict(
        'organization.number_taken',
        `An organization with number ${patch.orgNumber} already exists.`,
      )
    }
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
    const after = await repo.updateOrganization(trx, id, version, clean, ctx.now)
    if (!after) throw preconditionFailed()
    await recordAudit(trx, ctx, {
      action: 'organization.update',
      entity: 'organization',
      entityId: id,
      organizationId: id,
      before,
      after,
    })
    return after
  })
}

/** A pending member is known by the email its admin typed, never by the user's own name. */
const masked = <M extends { name: string; status: 'pending' | 'active' }>(m: M) => ({
  ...m,
  name: m.status === 'active' ? m.name : null,
})

export async function listMembers(ctx: Ctx, organizationId: string) {
  assertCanReadOrganization(requirePrincipal(ctx.principal), organizationId)
  if (!(await repo.findOrganization(ctx.db, organizationId))) throw notFound('organization')
  return (await repo.listMembers(ctx.db, organizationId)).map(masked)
}

/**
 * Invites a user to an organization with a role (PRODUCT.md §10: a membership shows the user
 * the organization's data and the organization the user's name, so it takes effect only when
 * the user accepts it in GET /v1/me). A new email creates the user (with the given initial
 * password, or none: then an operator sets one with `npm run admin -- reset-password`). The
 * answer is the same whether or not the email already had an account: a pending member shows its
 * email only, never the name, and the user's creation is audited for platform admins only.
 * Inviting someone who is already a member changes nothing but the role.
 */
export async function addMember(
  ctx: Ctx,
  organizationId: string,
  input: { email: string; name?: string | undefined; role: Role; password?: string | undefined },
) {
  assertCanAdministerOrganization(requirePrincipal(ctx.principal), organizationId)
  if (input.password) assertAcceptablePassword(input.password, [input.email, input.name ?? ''])
  const passwordHash = input.password ? await hashPassword(input.password) : null
  return withTx(ctx.db, async (trx) => {
    if (!(await repo.findOrganization(trx, organizationId))) throw notFound('organization')
    let user = await repo.findUserByEmail(trx, input.email)
    if (!user) {
      user = await repo.insertUser(trx, {
        id: crypto.randomUUID(),
        email: input.email.toLowerCase(),
        name: input.name ?? input.email.split('@')[0] ?? input.email,
        passwordHash,
        isPlatformAdmin: false,
      })
      await recordAudit(trx, ctx, {
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        organizationId: null,
        after: user,
      })
    }
    const before = await repo.findMembership(trx, user.id, organizationId)
    if (before) await repo.upsertMembership(trx, { userId: user.id, organizationId, role: input.role })
    else {
      await repo.insertInvitation(trx, {
        userId: user.id,
        organizationId,
        role: input.role,
        invitedBy: ctx.principal?.userId ?? null,
      })
    }
    await recordAudit(trx, ctx, {
      action: before ? 'membership.update' : 'membership.invite',
      entity: 'membership',
      entityId: `${organizationId}:${user.id}`,
      organizationId,
      before,
      after: { userId: user.id, organizationId, role: input.role, status: before?.status ?? 'pending' },
    })
    const members = await repo.listMembers(trx, organizationId)
    return masked(members.find((m) => m.userId === user.id)!)
  })
}

/** GET /v1/me: the invitations waiting for the caller. */
export async function invitations(ctx: Ctx) {
  return repo.invitationsOfUser(ctx.db, requirePrincipal(ctx.principal).userId)
}

/** The invited user accepts (the membership becomes active) or declines (it is removed). */
export async function decideInvitation(ctx: Ctx, organizationId: string, accept: boolean) {
  const principal = requirePrincipal(ctx.principal)
  return withTx(ctx.db, async (trx) => {
    const before = await repo.findMembership(trx, principal.userId, organizationId)
    if (!before || before.status !== 'pending') throw notFound('invitation')
    if (accept) await repo.activateMembership(trx, principal.userId, organizationId)
    else await repo.deleteMembership(trx, principal.userId, organizationId)
    await settleEmailInvitations(
      trx,
      organizationId,
      { id: principal.userId, email: principal.email },
      accept,
      ctx.now,
    )
    await recordAudit(trx, ctx, {
      action: accept ? 'membership.accept' : 'membership.decline',
      entity: 'membership',
      entityId: `${organizationId}:${principal.userId}`,
      organizationId,
      before,
      ...(accept ? { after: { ...before, status: 'active' } } : {}),
    })
  })
}

export async function changeMemberRole(ctx: Ctx, organizationId: string, userId: string, role: Role) {
  assertCanAdministerOrganization(requirePrincipal(ctx.principal), organizationId)
  return withTx(ctx.db, async (trx) => {
    const before = await repo.findMembership(trx, userId, organizationId)
    if (!before) throw notFound('member')
    if (
      before.status === 'active' &&
      before.role === 'admin' &&
      role !== 'admin' &&
      (await repo.countAdmins(trx, organizationId)) <= 1
    ) {
      throw conflict('organization.last_admin')
    }
    await repo.upsertMembership(trx, { userId, organizationId, role })
    await recordAudit(trx, ctx, {
      action: 'membership.update',
      entity: 'membership',
      entityId: `${organizationId}:${userId}`,
      organizationId,
      before,
      after: { ...before, role },
    })
    return masked((await repo.listMembers(trx, organizationId)).find((m) => m.userId === userId)!)
  })
}

export async function removeMember(ctx: Ctx, organizationId: string, userId: string) {
  assertCanAdministerOrganization(requirePrincipal(ctx.principal), organizationId)
  await withTx(ctx.db, async (trx) => {
    const before = await repo.findMembership(trx, userId, organizationId)
    if (!before) throw notFound('member')
    if (
      before.status === 'active' &&
      before.role === 'admin' &&
      (await repo.countAdmins(trx, organizationId)) <= 1
    ) {
      throw conflict('organization.last_admin')
    }
    await repo.deleteMembership(trx, userId, organizationId)
    await recordAudit(trx, ctx, {
      action: 'membership.delete',
      entity: 'membership',
      entityId: `${organizationId}:${userId}`,
      organizationId,
      before,
    })
  })
}
