import { type CsvCell, writeCsv } from '../../domain/csv.ts'
import {
  type Definition,
  definitionsSheet,
  type SheetColumn,
  type SheetLanguage,
  type Table,
  tableCells,
  tableSheet,
  type Workbook,
} from '../../domain/sheets.ts'
import type { CsvDialect } from '../../http/csv-dialect.ts'

/**
 * Impact figures as CSV, one line per published cell: each period's total (`dimension` total),
 * then its gender and age cells. The open-data file and the dashboard's download both write
 * through here, so a suppressed cell reads the same everywhere: an empty value, `suppressed`
 * true and its reason. The cells arrive already protected; nothing here decides what is shown.
 */
export const IMPACT_SHEET_COLUMNS: readonly SheetColumn[] = [
  { header: 'indicator_code', kind: 'text' },
  { header: 'indicator_nb', kind: 'text', width: 30 },
  { header: 'indicator_en', kind: 'text', width: 30 },
  { header: 'unit', kind: 'text' },
  { header: 'aggregation', kind: 'text' },
  { header: 'period', kind: 'text' },
  { header: 'dimension', kind: 'text' },
  { header: 'category', kind: 'text' },
  { header: 'value', kind: 'number' },
  { header: 'numerator', kind: 'number' },
  { header: 'denominator', kind: 'number' },
  { header: 'suppressed', kind: 'boolean' },
  { header: 'reason', kind: 'text', width: 20 },
  { header: 'ventures', kind: 'integer' },
  { header: 'definition', kind: 'text', width: 60 },
]
export const IMPACT_CSV_COLUMNS = IMPACT_SHEET_COLUMNS.map((c) => c.header)

interface CsvCellValue {
  value: string | null
  suppressed: boolean
  reason?: string | undefined
}

export interface CsvPeriod {
  period: string
  value: CsvCellValue
  numerator: CsvCellValue | null
  denominator: CsvCellValue | null
  ventures: number
  unverified: boolean
  breakdowns: Record<string, Record<string, CsvCellValue>>
}

export interface CsvIndicator {
  indicator: {
    code: string
    nameNb: string
    nameEn: string
    unit: string
    aggregation: string
    definition: string
  }
  periods: readonly CsvPeriod[]
}

/** Columns a file adds after the common ones (the licence of open data, say), filled per period. */
export interface CsvExtra {
  columns: readonly SheetColumn[]
  cells: (period: CsvPeriod) => CsvCell[]
}

/** The published cells as a table: the CSV and the XLSX both write this. */
export function impactTable(indicators: readonly CsvIndicator[], extra?: CsvExtra): Table {
  const rows: CsvCell[][] = []
  for (const ind of indicators) {
    const i = ind.indicator
    const head: CsvCell[] = [i.code, i.nameNb, i.nameEn, i.unit, i.aggregation]
    for (const p of ind.periods) {
      const tail = extra ? extra.cells(p) : []
      rows.push([
        ...head,
        p.period,
        'total',
        '',
        p.value.value,
        p.numerator?.value ?? null,
        p.denominator?.value ?? null,
        String(p.value.suppressed),
        p.value.reason ?? null,
        p.ventures,
        i.definition,
        ...tail,
      ])
      for (const [dimension, cats] of Object.entries(p.breakdowns))
        for (const [category, cell] of Object.entries(cats))
          rows.push([
            ...head,
            p.period,
            dimension,
            category,
            cell.value,
            null,
            null,
            String(cell.suppressed),
            cell.reason ?? null,
            null,
            i.definition,
            ...tail,
          ])
    }
  }
  return { name: 'impact', columns: [...IMPACT_SHEET_COLUMNS, ...(extra?.columns ?? [])], rows }
}

/** The CSV of the cells, decimals and separator by the dialect (csv-dialect.ts). */
export function impactCsv(
  indicators: readonly CsvIndicator[],
  opts: { dialect: CsvDialect; extra?: CsvExtra },
): string {
  const table = impactTable(indicators, opts.extra)
  return writeCsv(
    table.columns.map((c) => c.header),
    tableCells(table, opts.dialect.decimal),
    { separator: opts.dialect.separator },
  )
}

const IMPACT_WORDS: Record<string, { unit: string; en: string; nb: string }> = {
  indicator_code: { unit: '', en: 'Indicator code', nb: 'Indikatorkode' },
  indicator_nb: { unit: '', en: 'Indicator name in Norwegian', nb: 'Indikatorens navn på norsk' },
  indicator_en: { unit: '', en: 'Indicator name in English', nb: 'Indikatorens navn på engelsk' },
  unit: { unit: '', en: 'Unit of value', nb: 'Enhet for verdien' },
  aggregation: {
    unit: '',
    en: 'How ventures’ values add up: sum, ratio (numerator/denominator), mean, …',
    nb: 'Hvordan virksomhetenes verdier legges sammen: sum, andel (teller/nevner), snitt, …',
  },
  period: { unit: '', en: 'Quarter (YYYY-Qn) or year', nb: 'Kvartal (ÅÅÅÅ-Kn) eller år' },
  dimension: { unit: '', en: 'total, gender or age_band', nb: 'total, gender eller age_band' },
  category: { unit: '', en: 'The breakdown cell', nb: 'Fordelingscellen' },
  value: { unit: 'unit', en: 'The figure; empty when suppressed', nb: 'Tallet; tomt når prikket' },
  numerator: { unit: '', en: 'Numerator of a ratio', nb: 'Teller i en andel' },
  denominator: { unit: '', en: 'Denominator of a ratio', nb: 'Nevner i en andel' },
  suppressed: { unit: '', en: 'true when the cell is suppressed', nb: 'true når cellen er prikket' },
  reason: { unit: '', en: 'Why it is suppressed', nb: 'Hvorfor den er prikket' },
  ventures: { unit: 'count', en: 'Ventures in the figure', nb: 'Virksomheter i tallet' },
  definition: { unit: '', en: 'The indicator’s definition', nb: 'Indikatorens definisjon' },
  unverified: {
    unit: '',
    en: 'true when unverified values are included',
    nb: 'true når ikke-verifiserte verdier er med',
  },
  licence: { unit: '', en: 'Licence of the open data', nb: 'Lisens for de åpne dataene' },
}

/**
 * The impact figures as a workbook: the cells' sheet (as the CSV), then definitions — every
 * column, then every indicator with its unit and aggregation kind — and the notes on
 * suppression and municipality numbers (the caveats the page shows) in the workbook's language.
 */
export function impactWorkbook(
  indicators: readonly CsvIndicator[],
  opts: { language: SheetLanguage; extra?: CsvExtra; notes: readonly { nb: string; en: string }[] },
): Workbook {
  const table = impactTable(indicators, opts.extra)
  const lang = opts.language
  const defs: Definition[] = [
    ...table.columns.map((c) => {
      const words = IMPACT_WORDS[c.header]
      if (!words) throw new Error(`No definition for the column ${c.header}`)
      return { table: 'impact', column: c.header, kind: c.kind, unit: words.unit, meaning: words[lang] }
    }),
    ...indicators.map(({ indicator: i }) => ({
      table: lang === 'nb' ? 'indikatorer' : 'indicators',
      column: i.code,
      kind: 'number' as const,
      unit: i.unit,
      meaning: `${lang === 'nb' ? i.nameNb : i.nameEn} (${i.aggregation}): ${i.definition}`,
    })),
  ]
  return {
    language: lang,
    sheets: [
      tableSheet(table),
      definitionsSheet(
        lang,
        defs,
        opts.notes.map((n) => n[lang]),
      ),
    ],
  }
}
