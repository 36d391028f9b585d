import type { z } from '@hono/zod-openapi'
import type { Db } from '../../db/tx.ts'
import { withTx } from '../../db/tx.ts'
import {
  DEFAULT_THEME_SECTORS,
  dacSectorName,
  IATI_THEMES,
  type IatiTheme,
  isDacSector,
} from '../../domain/iati-classification.ts'
import { invalidMany, notFound } from '../../http/problem.ts'
import { assertCanWriteAs, membershipIn, requirePrincipal } from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { findOrganization } from '../identity/index.ts'
import * as repo from './iati-sectors-repo.ts'
import type { IatiSectorMappings, UpdateIatiSectorMappings } from './iati-sectors-schemas.ts'

type Out = z.infer<typeof IatiSectorMappings>

/**
 * The sector each venture theme is published under in an investor's IATI file: the investor's
 * own code where it chose one, the shipped default otherwise (iati-classification.ts).
 */
export async function themeSectors(db: Db, investorOrgId: string): Promise<Record<IatiTheme, string>> {
  return withDefaults(await repo.sectorMappingRows(db, investorOrgId))
}

/** The investor's own rows completed with the shipped defaults. */
export function withDefaults(rows: readonly { theme: string | null; sectorCode: string | null }[]) {
  const own = new Map(rows.map((r) => [r.theme, r.sectorCode]))
  return Object.fromEntries(IATI_THEMES.map((t) => [t, own.get(t) ?? DEFAULT_THEME_SECTORS[t]])) as Record<
    IatiTheme,
    string
  >
}

/**
 * GET /v1/organizations/{id}/iati-sectors: members of the investor (any role) and platform
 * admins. Anyone else, and any organization that is not an investor, gets 404.
 */
export async function getIatiSectors(ctx: Ctx, orgId: string): Promise<Out> {
  await readableInvestor(ctx, orgId)
  return out(orgId, await themeSectors(ctx.db, orgId))
}

/**
 * PUT /v1/organizations/{id}/iati-sectors: the investor's editors and admins, and platform
 * admins (viewers 403). Replaces the investor's choices: a theme left out, or given its default,
 * follows the shipped default from then on. Audited with the mapping before and after.
 */
export async function putIatiSectors(
  ctx: Ctx,
  orgId: string,
  input: z.infer<typeof UpdateIatiSectorMappings>,
): Promise<Out> {
  await readableInvestor(ctx, orgId)
  const principal = requirePrincipal(ctx.principal)
  assertCanWriteAs(principal, orgId)
  const errors = input.sectors.flatMap((s, i) => {
    const repeated = input.sectors.findIndex((o) => o.theme === s.theme) !== i
    return [
      ...(repeated
        ? [
            {
              in: 'body',
              path: `sectors.${i}.theme`,
              message: 'Each theme may appear once.',
              code: 'iati.theme_repeated' as const,
            },
          ]
        : []),
      ...(isDacSector(s.sectorCode)
        ? []
        : [
            {
              in: 'body',
              path: `sectors.${i}.sectorCode`,
              message: `${s.sectorCode} is not an active code of the IATI Sector codelist.`,
              code: 'iati.sector_unknown' as const,
            },
          ]),
    ]
  })
  if (errors.length > 0) throw invalidMany(errors, errors[0]!.code)
  const rows = input.sectors.filter((s) => DEFAULT_THEME_SECTORS[s.theme] !== s.sectorCode)
  return withTx(ctx.db, async (trx) => {
    // One writer at a time per investor: the replace is delete + insert.
    await trx.selectFrom('organizations').select('id').where('id', '=', orgId).forUpdate().execute()
    const before = await themeSectors(trx, orgId)
    await repo.replaceSectorMappings(trx, orgId, rows, principal.userId, ctx.now)
    const after = await themeSectors(trx, orgId)
    await recordAudit(trx, ctx, {
      action: 'iati_sectors.update',
      entity: 'organization',
      entityId: orgId,
      organizationId: orgId,
      before,
      after,
    })
    return out(orgId, after)
  })
}

async function readableInvestor(ctx: Ctx, orgId: string): Promise<void> {
  const principal = requirePrincipal(ctx.principal)
  if (!principal.isPlatformAdmin && !membershipIn(principal, orgId)) throw notFound('investor_organization')
  const org = await findOrganization(ctx.db, orgId)
  if (org?.kind !== 'investor') throw notFound('investor_organization')
}

function out(orgId: string, mapping: Record<IatiTheme, string>): Out {
  return {
    organizationId: orgId,
    sectors: IATI_THEMES.map((theme) => ({
      theme,
      sectorCode: mapping[theme],
      sectorName: dacSectorName(mapping[theme]) ?? mapping[theme],
      isDefault: mapping[theme] === DEFAULT_THEME_SECTORS[theme],
      defaultSectorCode: DEFAULT_THEME_SECTORS[theme],
    })),
  }
}
