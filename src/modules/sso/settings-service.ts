import { withTx } from '../../db/tx.ts'
import { conflict, forbidden, invalid, notFound, Problem } from '../../http/problem.ts'
import { assertCanAdministerOrganization, requirePrincipal } from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { findOrganization } from '../identity/index.ts'
import * as repo from './repo.ts'
import { isLocalIssuer } from './schemas.ts'

/** A random token in base64url, `bytes` long before encoding. */
export function randomToken(bytes: number): string {
  let s = ''
  for (const b of crypto.getRandomValues(new Uint8Array(bytes))) s += String.fromCharCode(b)
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

/** Reads a domain's TXT records (each record's strings joined); [] when it has none. */
export type ResolveTxt = (hostname: string) => Promise<string[]>

export const VERIFY_PREFIX = 'effekt-verify='

type DomainRow = Awaited<ReturnType<typeof repo.listDomains>>[number]

export const domainOut = (d: DomainRow) => ({
  domain: d.domain,
  verified: d.verifiedAt !== null,
  verifiedAt: d.verifiedAt?.toISOString() ?? null,
  txtRecord: { name: d.domain, value: `${VERIFY_PREFIX}${d.verificationToken}` },
})

/** Org admins and platform admins; 404 for anyone who may not know the organization. */
async function administered(ctx: Ctx, organizationId: string) {
  assertCanAdministerOrganization(requirePrincipal(ctx.principal), organizationId)
  if (!(await findOrganization(ctx.db, organizationId))) throw notFound('organization')
}

export async function getSettings(ctx: Ctx, organizationId: string) {
  await administered(ctx, organizationId)
  const settings = await repo.findSettings(ctx.db, organizationId)
  const domains = await repo.listDomains(ctx.db, organizationId)
  return {
    configured: !!settings,
    issuer: settings?.issuer ?? null,
    clientId: settings?.clientId ?? null,
    clientSecretSet: !!settings,
    enabled: settings?.enabled ?? false,
    domains: domains.map(domainOut),
  }
}

/** What the audit trail keeps of the settings: never the secret (redact() drops it by name too). */
const audited = (s: { issuer: string; clientId: string; enabled: boolean } | undefined) =>
  s ? { issuer: s.issuer, clientId: s.clientId, enabled: s.enabled } : undefined

export async function putSettings(
  ctx: Ctx,
  organizationId: string,
  input: { issuer: string; clientId: string; clientSecret?: string | undefined; enabled: boolean },
) {
  await administered(ctx, organizationId)
  if (isLocalIssuer(input.issuer) && !ctx.config.SSO_ALLOW_HTTP_ISSUERS)
    throw invalid('issuer', 'sso.issuer_insecure')
  await withTx(ctx.db, async (trx) => {
    const before = await repo.findSettings(trx, organizationId)
    const clientSecret = input.clientSecret ?? before?.clientSecret
    if (!clientSecret) throw invalid('clientSecret', 'sso.secret_required')
    await repo.upsertSettings(
      trx,
      {
        organizationId,
        issuer: input.issuer,
        clientId: input.clientId,
        clientSecret,
        enabled: input.enabled,
      },
      ctx.now,
    )
    await recordAudit(trx, ctx, {
      action: before ? 'sso.update' : 'sso.create',
      entity: 'organization',
      entityId: organizationId,
      organizationId,
      before: audited(before),
      after: { ...audited({ ...input }), secretChanged: input.clientSecret !== undefined },
    })
  })
  return getSettings(ctx, organizationId)
}

export async function deleteSettings(ctx: Ctx, organizationId: string) {
  await administered(ctx, organizationId)
  await withTx(ctx.db, async (trx) => {
    const before = await repo.findSettings(trx, organizationId)
    if (!before) throw notFound('sso')
    await repo.deleteSettings(trx, organizationId)
    await recordAudit(trx, ctx, {
      action: 'sso.delete',
      entity: 'organization',
      entityId: organizationId,
      organizationId,
      before: audited(before),
    })
  })
}

export async function addDomain(ctx: Ctx, organizationId: string, domain: string) {
  await administered(ctx, organizationId)
  return withTx(ctx.db, async (trx) => {
    const existing = await repo.findDomain(trx, organizationId, domain)
    if (existing) return { created: false, domain: domainOut(existing) }
    await repo.insertDomain(trx, { organizationId, domain, verificationToken: randomToken(16) }, ctx.now)
    const row = (await repo.findDomain(trx, organizationId, domain))!
    await recordAudit(trx, ctx, {
      action: 'sso.domain_add',
      entity: 'organization',
      entityId: organizationId,
      organizationId,
      after: { domain },
    })
    return { created: true, domain: domainOut(row) }
  })
}

export async function removeDomain(ctx: Ctx, organizationId: string, domain: string) {
  await administered(ctx, organizationId)
  await withTx(ctx.db, async (trx) => {
    const before = await repo.findDomain(trx, organizationId, domain)
    if (!before) throw notFound('sso_domain')
    await repo.deleteDomain(trx, organizationId, domain)
    await recordAudit(trx, ctx, {
      action: 'sso.domain_remove',
      entity: 'organization',
      entityId: organizationId,
      organizationId,
      before: { domain, verified: before.verifiedAt !== null },
    })
  })
}

/**
 * Verifies a domain: by its DNS TXT record (org admins, platform admins), or, for a platform
 * admin who checked control another way (a signed agreement, the registrar), by their word. The
 * DNS lookup runs before the transaction (no network inside one). An already verified domain
 * answers as it is.
 */
export async function verifyDomain(
  ctx: Ctx,
  organizationId: string,
  domain: string,
  method: 'dns' | 'platform_admin',
  resolveTxt: ResolveTxt | undefined,
) {
  await administered(ctx, organizationId)
  const principal = requirePrincipal(ctx.principal)
  if (method === 'platform_admin' && !principal.isPlatformAdmin) throw forbidden('platform.admin_only')
  const row = await repo.findDomain(ctx.db, organizationId, domain)
  if (!row) throw notFound('sso_domain')
  if (row.verifiedAt) return domainOut(row)
  if (method === 'dns') {
    if (!resolveTxt) throw new Problem('sso.dns_unavailable', 'This server has no DNS resolver configured.')
    let records: string[]
    try {
      records = await resolveTxt(domain)
    } catch {
      throw new Problem('sso.dns_unavailable')
    }
    const want = `${VERIFY_PREFIX}${row.verificationToken}`
    if (!records.some((r) => r.trim() === want)) throw conflict('sso.domain_record_missing')
  }
  return withTx(ctx.db, async (trx) => {
    const taken = await repo.findVerifiedDomain(trx, domain)
    if (taken && taken.organizationId !== organizationId) throw conflict('sso.domain_taken')
    const after = await repo
      .markVerified(trx, organizationId, domain, principal.userId, ctx.now)
      .catch((err) => {
        // Another organization verified it at the same moment: the unique index decided.
        if ((err as { code?: string }).code === '23505') throw conflict('sso.domain_taken')
        throw err
      })
    await recordAudit(trx, ctx, {
      action: 'sso.domain_verify',
      entity: 'organization',
      entityId: organizationId,
      organizationId,
      after: { domain, method },
    })
    return domainOut(after)
  })
}

/** The organization that verified the domain of this work email and has sign-in switched on. */
export async function organizationForEmail(
  ctx: Ctx,
  email: string,
): Promise<{ id: string; name: string } | null> {
  const domain = email.trim().toLowerCase().split('@')[1]
  if (!domain) return null
  const row = await repo.findVerifiedDomain(ctx.db, domain)
  if (!row) return null
  const settings = await repo.findSettings(ctx.db, row.organizationId)
  const org = settings?.enabled ? await findOrganization(ctx.db, row.organizationId) : undefined
  return org ? { id: org.id, name: org.name } : null
}
