import { type CsvCell, type CsvSeparator, writeCsv } from '../../domain/csv.ts'
import { requirePeriod } from '../../domain/periods.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { hasStanding } from '../../policy/standing.ts'
import { requireVentureAccess } from '../../policy/venture-access.ts'
import { osloToday } from '../capital/index.ts'
import type { Ctx } from '../context.ts'
import { CSV_COLUMNS, csvDecimal, listCurrentValuesOf, listReportsOf } from '../outcomes/index.ts'
import { resolveInvestorOrg } from '../portfolio/index.ts'
import type { CsvFile, CsvOptions } from './capital-service.ts'

/**
 * The outcomes export: the import template's columns first, in its order (csv-format.ts), then
 * what only an export can say. `layout=import` writes the template's columns alone, so the file
 * can be uploaded as it is to POST /v1/ventures/{id}/reports/import (which refuses other columns).
 */
export const OUTCOME_EXTRA_COLUMNS = [
  'venture_id',
  'venture',
  'period_start',
  'period_end',
  'revision',
  'status',
] as const
export const OUTCOME_COLUMNS = [...CSV_COLUMNS, ...OUTCOME_EXTRA_COLUMNS]

export interface OutcomesCsvOptions extends CsvOptions {
  venture?: string | undefined
  layout: 'full' | 'import'
}

/**
 * One row per value (the total, dimension empty) and one per breakdown cell, of the current
 * revision of every report: verified, or still being worked on (its status says which). By
 * venture name, period end and indicator code; decimals as the template writes them (`,` in
 * `;` files so Excel in Norway reads numbers).
 */
export async function outcomesCsv(ctx: Ctx, q: OutcomesCsvOptions): Promise<CsvFile> {
  const principal = requirePrincipal(ctx.principal)
  let owner: { name: string }
  let ventureIds: string[]
  if (q.venture) {
    await requireVentureAccess(ctx.db, principal, q.venture, 'detailed')
    ventureIds = [q.venture]
    owner = await ctx.db
      .selectFrom('organizations')
      .select('name')
      .where('id', '=', q.venture)
      .executeTakeFirstOrThrow()
  } else {
    const org = await resolveInvestorOrg(ctx, q.organization)
    owner = org
    ventureIds = await standingVentures(ctx, org.id)
  }
  const names = new Map(
    ventureIds.length === 0
      ? []
      : (
          await ctx.db
            .selectFrom('organizations')
            .select(['id', 'name'])
            .where('id', 'in', ventureIds)
            .execute()
        ).map((o) => [o.id, o.name]),
  )
  const reports = (await listReportsOf(ctx.db, ventureIds)).sort(
    (a, b) =>
      (names.get(a.ventureOrgId) ?? '').localeCompare(names.get(b.ventureOrgId) ?? '', 'nb') ||
      a.ventureOrgId.localeCompare(b.ventureOrgId) ||
      a.periodEnd.localeCompare(b.periodEnd) ||
      a.period.localeCompare(b.period),
  )
  const sep: CsvSeparator = q.sep === 'comma' ? ',' : ';'
  const full = q.layout === 'full'
  const rows: CsvCell[][] = []
  const valuesOf = await listCurrentValuesOf(
    ctx.db,
    reports.map((r) => r.id),
  )
  for (const r of reports) {
    const period = requirePeriod(r.period)
    const extra = (): CsvCell[] =>
      full
        ? [r.ventureOrgId, names.get(r.ventureOrgId) ?? '', period.start, period.end, r.revision, r.status]
        : []
    const values = [...(valuesOf.get(r.id) ?? [])]
    values.sort((a, b) => a.indicatorCode.localeCompare(b.indicatorCode))
    for (const v of values) {
      rows.push([
        r.period,
        v.indicatorCode,
        '',
        '',
        csvDecimal(v.total, sep),
        csvDecimal(v.numerator, sep),
        csvDecimal(v.denominator, sep),
        v.note,
        v.evidence.join(' '),
        v.verificationLevel,
        ...extra(),
      ])
      for (const b of v.breakdowns) {
        rows.push([
          r.period,
          v.indicatorCode,
          b.dimension,
          b.category,
          csvDecimal(b.value, sep),
          csvDecimal(b.numerator, sep),
          csvDecimal(b.denominator, sep),
          '',
          '',
          '',
          ...extra(),
        ])
      }
    }
  }
  const slug =
    owner.name
      .normalize('NFKD')
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'outcomes'
  return {
    filename: `outcomes-${slug}-${osloToday(ctx.now)}.csv`,
    body: writeCsv(full ? [...OUTCOME_COLUMNS] : [...CSV_COLUMNS], rows, {
      separator: sep,
      bom: true,
      excelSepLine: q.excel,
    }),
  }
}

/** Ventures the investor has standing with (PRODUCT.md §1, policy/standing.ts), by id. */
async function standingVentures(ctx: Ctx, investorOrgId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('ventures as v')
    .select('v.orgId as id')
    .where((eb) => hasStanding(eb, [investorOrgId]))
    .execute()
  return rows.map((r) => r.id).sort()
}
