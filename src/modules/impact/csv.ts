import { type CsvCell, type CsvSeparator, writeCsv } from '../../domain/csv.ts'

/**
 * Impact figures as CSV, one line per published cell: each period's total (`dimension` total),
 * then its gender and age cells. The open-data file and the dashboard's download both write
 * through here, so a suppressed cell reads the same everywhere: an empty value, `suppressed`
 * true and its reason. The cells arrive already protected; nothing here decides what is shown.
 */
export const IMPACT_CSV_COLUMNS = [
  'indicator_code',
  'indicator_nb',
  'indicator_en',
  'unit',
  'aggregation',
  'period',
  'dimension',
  'category',
  'value',
  'numerator',
  'denominator',
  'suppressed',
  'reason',
  'ventures',
  'definition',
] as const

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
  columns: readonly string[]
  cells: (period: CsvPeriod) => CsvCell[]
}

export function impactCsv(
  indicators: readonly CsvIndicator[],
  opts: { separator: CsvSeparator; extra?: CsvExtra },
): string {
  const extra = opts.extra
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
  return writeCsv([...IMPACT_CSV_COLUMNS, ...(extra?.columns ?? [])], rows, { separator: opts.separator })
}
