import type { CsvCell } from '../../domain/csv.ts'
import { requirePeriod } from '../../domain/periods.ts'
import { type SheetColumn, type SheetLanguage, type Table, tableSheet } from '../../domain/sheets.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { hasStanding } from '../../policy/standing.ts'
import { requireVentureAccess } from '../../policy/venture-access.ts'
import { osloToday } from '../capital/index.ts'
import type { Ctx } from '../context.ts'
import { CSV_SHEET_COLUMNS, listCurrentValuesOf, listReportsOf } from '../outcomes/index.ts'
import { resolveInvestorOrg } from '../portfolio/index.ts'
import { type CsvFile, type CsvOptions, tableCsv, type XlsxFile } from './capital-service.ts'
import { capitalDefinitions } from './definitions.ts'

/**
 * The outcomes export: the import template's columns first, in its order (csv-format.ts), then
 * what only an export can say. `layout=import` writes the template's columns alone, so the file
 * can be uploaded as it is to POST /v1/ventures/{id}/reports/import (which refuses other columns).
 */
export const OUTCOME_EXTRA_SHEET_COLUMNS: readonly SheetColumn[] = [
  { header: 'venture_id', kind: 'text', width: 38 },
  { header: 'venture', kind: 'text', width: 28 },
  { header: 'period_start', kind: 'date' },
  { header: 'period_end', kind: 'date' },
  { header: 'revision', kind: 'integer' },
  { header: 'status', kind: 'text' },
]
export const OUTCOME_EXTRA_COLUMNS = OUTCOME_EXTRA_SHEET_COLUMNS.map((c) => c.header)
export const OUTCOME_COLUMNS = [...CSV_SHEET_COLUMNS, ...OUTCOME_EXTRA_SHEET_COLUMNS].map((c) => c.header)

export interface OutcomesQuery {
  organization?: string | undefined
  venture?: string | undefined
  layout: 'full' | 'import'
}
export type OutcomesCsvOptions = OutcomesQuery & CsvOptions

/**
 * One row per value (the total, dimension empty) and one per breakdown cell, of the current
 * revision of every report: verified, or still being worked on (its status says which). By
 * venture name, period end and indicator code.
 */
async function outcomesTable(ctx: Ctx, q: OutcomesQuery) {
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
        v.total,
        v.numerator,
        v.denominator,
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
          b.value,
          b.numerator,
          b.denominator,
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
  const table: Table = {
    name: 'outcomes',
    columns: full ? [...CSV_SHEET_COLUMNS, ...OUTCOME_EXTRA_SHEET_COLUMNS] : CSV_SHEET_COLUMNS,
    rows,
  }
  return { table, stem: `outcomes-${slug}-${osloToday(ctx.now)}` }
}

/** The outcomes as CSV, decimals by the dialect (the import reads either mark). */
export async function outcomesCsv(ctx: Ctx, q: OutcomesCsvOptions): Promise<CsvFile> {
  const { table, stem } = await outcomesTable(ctx, q)
  return { filename: `${stem}.csv`, body: tableCsv(table, q) }
}

/** The same rows typed; `layout=import` gives a sheet POST …/reports/import reads back. */
export async function outcomesXlsx(
  ctx: Ctx,
  q: OutcomesQuery & { language: SheetLanguage },
): Promise<XlsxFile> {
  const { table, stem } = await outcomesTable(ctx, q)
  return {
    filename: `${stem}.xlsx`,
    book: {
      language: q.language,
      sheets: [tableSheet(table, 'values'), capitalDefinitions(q.language, [table])],
    },
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
