import type { OrganizationKind, Role } from '../../db/schema.ts'
import { withTx } from '../../db/tx.ts'
import { versionFromIfMatch } from '../../http/etag.ts'
import { decodeCursor, toPage } from '../../http/pagination.ts'
import { conflict, invalid, notFound, preconditionFailed } from '../../http/problem.ts'
import {
  assertCanAdministerOrganization,
  assertCanReadOrganization,
  assertPlatformAdmin,
  requirePrincipal,
} from '../../policy/policy.ts'
import { recordAudit } from '../audit/service.ts'
import type { Ctx } from '../context.ts'
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
    throw invalid('municipalityNumbers', 'A municipality needs at least one municipality number.')
  }
  validateMunicipalityNumbers(municipalityNumbers, 'municipalityNumbers')
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
    if (input.orgNumber && (await repo.findOrganizationByNumber(trx, input.orgNumber))) {
      throw conflict(`An organization with number ${input.orgNumber} already exists.`)
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
  assertCanAdministerOrganization(requirePrincipal(ctx.principal), id)
  return withTx(ctx.db, async (trx) => {
    const before = await repo.findOrganization(trx, id)
    if (!before) throw notFound('organization')
    const version = versionFromIfMatch(ifMatch, 'organization', id, before.version)
    const municipalityNumbers = patch.municipalityNumbers ?? before.municipalityNumbers
    checkKindRules(before.kind, municipalityNumbers)
    if (
      patch.orgNumber &&
      patch.orgNumber !== before.orgNumber &&
      (await repo.findOrganizationByNumber(trx, patch.orgNumber))
    ) {
      throw conflict(`An organization with number ${patch.orgNumber} already exists.`)
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

export async function listMembers(ctx: Ctx, organizationId: string) {
  assertCanReadOrganization(requirePrincipal(ctx.principal), organizationId)
  if (!(await repo.findOrganization(ctx.db, organizationId))) throw notFound('organization')
  return repo.listMembers(ctx.db, organizationId)
}

/**
 * Adds a user to an organization with a role. A new email creates the user (with the given
 * initial password, or none: then an operator sets one with `npm run admin -- reset-password`).
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
        organizationId,
        after: user,
      })
    }
    const before = await repo.findMembership(trx, user.id, organizationId)
    await repo.upsertMembership(trx, { userId: user.id, organizationId, role: input.role })
    await recordAudit(trx, ctx, {
      action: before ? 'membership.update' : 'membership.create',
      entity: 'membership',
      entityId: `${organizationId}:${user.id}`,
      organizationId,
      before,
      after: { userId: user.id, organizationId, role: input.role },
    })
    const members = await repo.listMembers(trx, organizationId)
    return members.find((m) => m.userId === user.id)!
  })
}

export async function changeMemberRole(ctx: Ctx, organizationId: string, userId: string, role: Role) {
  assertCanAdministerOrganization(requirePrincipal(ctx.principal), organizationId)
  return withTx(ctx.db, async (trx) => {
    const before = await repo.findMembership(trx, userId, organizationId)
    if (!before) throw notFound('member')
    if (before.role === 'admin' && role !== 'admin' && (await repo.countAdmins(trx, organizationId)) <= 1) {
      throw conflict('An organization must keep at least one administrator.')
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
    return (await repo.listMembers(trx, organizationId)).find((m) => m.userId === userId)!
  })
}

export async function removeMember(ctx: Ctx, organizationId: string, userId: string) {
  assertCanAdministerOrganization(requirePrincipal(ctx.principal), organizationId)
  await withTx(ctx.db, async (trx) => {
    const before = await repo.findMembership(trx, userId, organizationId)
    if (!before) throw notFound('member')
    if (before.role === 'admin' && (await repo.countAdmins(trx, organizationId)) <= 1) {
      throw conflict('An organization must keep at least one administrator.')
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
