import { AGE_BANDS, DIMENSIONS, GENDERS } from '../../domain/aggregation.ts'
import { writeCsv } from '../../domain/csv.ts'
import { listCurrentMunicipalities } from '../../domain/municipalities.ts'
import { parsePeriod, requirePeriod } from '../../domain/periods.ts'
import { definitionsSheet, type SheetLanguage, type Workbook } from '../../domain/sheets.ts'
import type { CsvDialect } from '../../http/csv-dialect.ts'
import { invalid } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { requireVentureAccess } from '../../policy/venture-access.ts'
import type { Ctx } from '../context.ts'
import { todayInNorway } from './clock.ts'
import { coversPeriod, duePeriods } from './coverage.ts'
import { CSV_COLUMNS, CSV_SHEET_COLUMNS } from './csv-format.ts'
import { assignmentsFor } from './report-view.ts'
import * as repo from './reports-repo.ts'

/**
 * The import template for a venture: one total row per indicator for every period it still owes
 * (not started, draft or returned), or for the period asked for, filled with the draft's values
 * where there are any, ready to fill in and upload.
 */
async function templateRows(ctx: Ctx, ventureId: string, q: { period?: string | undefined }) {
  await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  const today = todayInNorway(ctx.now)
  const assignments = await assignmentsFor(ctx.db, ventureId)
  const reports = new Map((await repo.listReportsOf(ctx.db, [ventureId])).map((r) => [r.period, r]))
  let periods: string[]
  if (q.period) {
    const period = parsePeriod(q.period)
    if (!period) throw invalid('period', 'period.invalid', undefined, 'query')
    periods = [period.key]
  } else {
    const owed = new Set(assignments.flatMap((a) => duePeriods(a.assignment, today)))
    for (const [key, r] of reports) if (r.status === 'draft' || r.status === 'returned') owed.add(key)
    periods = [...owed].filter((key) => {
      const status = reports.get(key)?.status
      return status === undefined || status === 'draft' || status === 'returned'
    })
    periods.sort((a, b) => (requirePeriod(a).end < requirePeriod(b).end ? -1 : a < b ? -1 : 1))
  }
  const rows: (string | null)[][] = []
  for (const key of periods) {
    const period = requirePeriod(key)
    const report = reports.get(key)
    const draft = report
      ? (await repo.listValues(ctx.db, report.id, report.revision)).map((v) => v.value)
      : []
    for (const { assignment, indicator } of assignments.filter((a) => coversPeriod(a.assignment, period))) {
      const value = draft.find((v) => v.assignmentId === assignment.id)
      rows.push([
        key,
        indicator.code,
        '',
        '',
        value?.total ?? null,
        value?.numerator ?? null,
        value?.denominator ?? null,
        value?.note ?? '',
        value?.evidence.join(' ') ?? '',
        value?.verificationLevel ?? '',
      ])
      for (const b of value?.breakdowns ?? []) {
        rows.push([
          key,
          indicator.code,
          b.dimension,
          b.category,
          b.value,
          b.numerator,
          b.denominator,
          '',
          '',
          '',
        ])
      }
    }
  }
  return { rows, periods, indicators: [...new Set(assignments.map((a) => a.indicator.code))].sort() }
}

const decimalColumns = new Set([4, 5, 6])

/** The template as CSV: decimals and separator by the one CSV rule (csv-dialect.ts). */
export async function csvTemplate(
  ctx: Ctx,
  ventureId: string,
  q: { period?: string | undefined; dialect: CsvDialect },
): Promise<string> {
  const { rows } = await templateRows(ctx, ventureId, q)
  const cells = rows.map((r) =>
    r.map((cell, i) =>
      q.dialect.decimal === ',' && decimalColumns.has(i) && cell ? cell.replace('.', ',') : cell,
    ),
  )
  return writeCsv([...CSV_COLUMNS], cells, { separator: q.dialect.separator })
}

/** Rows below the data that carry the drop-downs, for values the template did not foresee. */
export const TEMPLATE_BLANK_ROWS = 200

/**
 * The template as XLSX: the same rows on the sheet `values` (numbers typed, the category as text),
 * with drop-down lists of the venture's indicators, its periods, the dimensions and categories
 * (municipalities by their 4-digit numbers) and the verification levels, then a definitions sheet.
 * Filled in, partly or not at all, it goes back to POST …/reports/import as it is.
 */
export async function xlsxTemplate(
  ctx: Ctx,
  ventureId: string,
  q: { period?: string | undefined; language: SheetLanguage },
): Promise<Workbook> {
  const { rows, periods, indicators } = await templateRows(ctx, ventureId, q)
  const municipalities = listCurrentMunicipalities()
    .map((m) => m.code)
    .sort()
  const nb = q.language === 'nb'
  return {
    language: q.language,
    lists: {
      period: periods,
      indicator: indicators,
      dimension: [...DIMENSIONS],
      category: [...GENDERS, ...AGE_BANDS, ...municipalities],
      verification_level: ['self_reported', 'document_checked', 'register_verified', 'audited'],
    },
    sheets: [
      {
        name: 'values',
        columns: CSV_SHEET_COLUMNS,
        rows,
        blankRows: TEMPLATE_BLANK_ROWS,
        validations: [
          { column: 'period', list: 'period', strict: false },
          { column: 'indicator', list: 'indicator', strict: true },
          { column: 'dimension', list: 'dimension', strict: true },
          { column: 'category', list: 'category', strict: false },
          { column: 'verification_level', list: 'verification_level', strict: true },
        ],
      },
      definitionsSheet(
        q.language,
        CSV_SHEET_COLUMNS.map((c) => ({
          table: 'values',
          column: c.header,
          kind: c.kind,
          unit: '',
          meaning: TEMPLATE_WORDS[c.header as keyof typeof TEMPLATE_WORDS][nb ? 1 : 0],
        })),
        nb
          ? [
              'Én rad per total (tom dimensjon) og én per fordelingscelle. Tomme rader hoppes over ved import.',
              'Kommuner skrives med fire sifre som tekst (0301). Et nummer som har mistet nullen foran (301), godtas når det bare kan være én kommune.',
            ]
          : [
              'One row per total (empty dimension) and one per breakdown cell. Empty rows are skipped on import.',
              'Municipalities as their four digits, as text (0301). A number that lost its leading zero (301) is accepted when it can only be one municipality.',
            ],
      ),
    ],
  }
}

const TEMPLATE_WORDS = {
  period: ['YYYY, YYYY-Qn or YYYY-MM', 'ÅÅÅÅ, ÅÅÅÅ-Kn eller ÅÅÅÅ-MM'],
  indicator: ['Indicator code (drop-down)', 'Indikatorkode (nedtrekksliste)'],
  dimension: [
    'Empty for the total; gender, age_band or municipality',
    'Tom for totalen; gender, age_band eller municipality',
  ],
  category: ['The breakdown cell', 'Fordelingscellen'],
  value: ['The value in the indicator’s unit', 'Verdien i indikatorens enhet'],
  numerator: ['Numerator of a ratio', 'Teller i en andel'],
  denominator: ['Denominator of a ratio', 'Nevner i en andel'],
  note: ['Note (total row only)', 'Notat (bare på totalraden)'],
  evidence: ['Links separated by spaces (total row only)', 'Lenker skilt med mellomrom (bare på totalraden)'],
  verification_level: [
    'How the value was checked (total row only)',
    'Hvordan verdien er kontrollert (bare på totalraden)',
  ],
} as const satisfies Record<(typeof CSV_COLUMNS)[number], readonly [string, string]>
