import type { z } from '@hono/zod-openapi'
import { withTx } from '../../db/tx.ts'
import type { SheetLanguage, Workbook } from '../../domain/sheets.ts'
import type { CsvDialect } from '../../http/csv-dialect.ts'
import { notFound } from '../../http/problem.ts'
import {
  assertCanAdministerOrganization,
  assertCanReadOrganization,
  requirePrincipal,
} from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { findOrganization } from '../identity/index.ts'
import { rowsOf } from './compose.ts'
import { impactCsv, impactWorkbook } from './csv.ts'
import { type PublishedYear, ruleOf } from './disclosure.ts'
import { placeViews, resolvePlace, unattributedFor } from './municipal-data.ts'
import { publishPlace } from './publication.ts'
import * as repo from './repo.ts'
import type { OpenDataSetting, OpenImpact } from './schemas.ts'
import { indicatorInfoOut, periodOut, placeOut } from './serialize.ts'
import { placeCaveats } from './service.ts'

/**
 * The open-data view (PRODUCT.md §4): the same protected figures as a municipality sees, without
 * login, for ventures that opted in (`publishOpenData`) and share with a municipality organization
 * that opted in; verified values only. Published under NLOD 2.0.
 */
export const LICENCE = {
  identifier: 'NLOD-2.0',
  name: 'Norsk lisens for offentlige data (NLOD) 2.0',
  nameEn: 'Norwegian Licence for Open Government Data (NLOD) 2.0',
  url: 'https://data.norge.no/nlod/no/2.0',
  urlEn: 'https://data.norge.no/nlod/en/2.0',
} as const

export async function openImpact(ctx: Ctx, municipality: string): Promise<z.infer<typeof OpenImpact>> {
  const place = resolvePlace(municipality, 'path')
  const orgs = await repo.municipalityOrgsWithOpenData(ctx.db, [place.code, ...place.rolledUpFrom])
  const opted = new Set(orgs.filter((o) => o.openData).map((o) => o.id))
  if (opted.size === 0) throw notFound('open_data_view')
  const publishers = orgs.filter((o) => opted.has(o.id))
  const ventures = await repo.sharingVentures(ctx.db, [...opted], { openDataOnly: true })
  const indicators = await repo.shareableIndicators(ctx.db, undefined)
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  // Only the ventures that publish count (computed from the facts), protected together with every
  // other anonymous view of the place.
  const [all, excluded] = await Promise.all([
    placeViews(ctx.db, place, indicators, null),
    unattributedFor(ctx.db, place, ventures, indicators, 'verified', null),
  ])
  const published: Map<string, PublishedYear[]> =
    publishPlace(indicators, all.views, threshold).get('open') ?? new Map()
  const out = indicators.flatMap((i) => {
    const years = published.get(i.code)
    if (!years) return []
    return [
      {
        indicator: {
          ...indicatorInfoOut(i),
          irisCitation: i.irisMetricId
            ? `IRIS+ ${i.nameEn} (${i.irisMetricId})${i.irisVersion ? `, v${i.irisVersion}` : ''}`
            : null,
        },
        disclosure: ruleOf(i),
        quarters: rowsOf(
          years.filter((y) => y.quarters.length > 0),
          'quarter',
        ).map(periodOut),
        years: rowsOf(years, 'year').map(periodOut),
      },
    ]
  })
  return {
    title: {
      nb: `Sosiale virksomheters resultater i ${place.name}`,
      en: `Outcomes of social ventures in ${place.name}`,
    },
    description: {
      nb: 'Kontrollerte resultater som sosiale virksomheter har rapportert og delt med kommunen, summert per indikator, kvartal og år, med små tall prikket.',
      en: 'Verified outcomes that social ventures reported and shared with the municipality, summed per indicator, quarter and year, with small counts suppressed.',
    },
    municipality: placeOut(place),
    publishers: publishers.map((p) => p.name),
    licence: LICENCE,
    basis: 'verified',
    suppressionThreshold: threshold,
    ventureCount: ventures.length,
    caveats: placeCaveats(place, excluded, threshold, false),
    indicators: out,
  }
}

const openIndicators = (data: z.infer<typeof OpenImpact>) =>
  data.indicators.map((ind) => ({ indicator: ind.indicator, periods: [...ind.quarters, ...ind.years] }))

const licenceColumn = {
  columns: [{ header: 'licence', kind: 'text' as const }],
  cells: () => [LICENCE.identifier],
}

/** One line per published cell: totals (`dimension` total), then gender and age cells. */
export function openImpactCsv(data: z.infer<typeof OpenImpact>, dialect: CsvDialect): string {
  return impactCsv(openIndicators(data), { dialect, extra: licenceColumn })
}

/** The same cells typed, with definitions, the caveats and the licence as notes. */
export function openImpactWorkbook(data: z.infer<typeof OpenImpact>, language: SheetLanguage): Workbook {
  return impactWorkbook(openIndicators(data), {
    language,
    extra: licenceColumn,
    notes: [
      ...data.caveats,
      {
        en: `Licence: ${LICENCE.identifier} (${LICENCE.url})`,
        nb: `Lisens: ${LICENCE.identifier} (${LICENCE.url})`,
      },
    ],
  })
}

async function municipalityOrg(ctx: Ctx, organizationId: string) {
  const org = await findOrganization(ctx.db, organizationId)
  if (org?.kind !== 'municipality') throw notFound('municipality_organization')
  return org
}

const settingOut = (
  org: { id: string; municipalityNumbers: string[] },
  row: { publishedAt: Date } | undefined,
): z.infer<typeof OpenDataSetting> => ({
  organizationId: org.id,
  published: row !== undefined,
  publishedAt: row ? row.publishedAt.toISOString() : null,
  links: org.municipalityNumbers.map((m) => ({
    municipality: m,
    json: `/v1/open/impact/${m}.json`,
    csv: `/v1/open/impact/${m}.csv`,
    xlsx: `/v1/open/impact/${m}.xlsx`,
  })),
})

/** Whether a municipality organization publishes its open-data view: its members may ask. */
export async function getOpenDataSetting(ctx: Ctx, organizationId: string) {
  assertCanReadOrganization(requirePrincipal(ctx.principal), organizationId, 'municipality_organization')
  const org = await municipalityOrg(ctx, organizationId)
  return settingOut(org, await repo.findOpenData(ctx.db, organizationId))
}

/** Publishes or withdraws the open-data view: the organization's admins and platform admins. */
export async function setOpenDataSetting(ctx: Ctx, organizationId: string, publish: boolean) {
  const principal = requirePrincipal(ctx.principal)
  assertCanReadOrganization(principal, organizationId, 'municipality_organization')
  const org = await municipalityOrg(ctx, organizationId)
  assertCanAdministerOrganization(principal, organizationId)
  return withTx(ctx.db, async (trx) => {
    const before = await repo.findOpenData(trx, organizationId)
    if (publish && !before) await repo.insertOpenData(trx, organizationId, principal.userId, ctx.now)
    if (!publish && before) await repo.deleteOpenData(trx, organizationId)
    const after = await repo.findOpenData(trx, organizationId)
    if ((before === undefined) !== (after === undefined)) {
      await recordAudit(trx, ctx, {
        action: publish ? 'open_data.publish' : 'open_data.withdraw',
        entity: 'organization',
        entityId: organizationId,
        organizationId,
        before: { openData: before !== undefined },
        after: { openData: after !== undefined },
      })
    }
    return settingOut(org, after)
  })
}
