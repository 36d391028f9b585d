import type { VerificationLevel } from '../../db/schema-outcomes.ts'
import { parseDecimalCell } from '../../domain/csv.ts'
import { isKnownMunicipality } from '../../domain/municipalities.ts'
import { parsePeriod } from '../../domain/periods.ts'
import type { FieldError } from '../../http/problem.ts'
import type { CsvColumn } from './csv-format.ts'
import type { ValueIn, ValueProblem } from './value-input.ts'

/**
 * Reading the rows of an import file (csv-format.ts) into values, and putting the problems found
 * in those values back on the line and column they came from. Pure.
 */
const LEVELS: readonly VerificationLevel[] = [
  'self_reported',
  'document_checked',
  'register_verified',
  'audited',
]

export interface Row {
  line: number
  cells: Partial<Record<CsvColumn, string>>
}

/** One (period, indicator) value assembled from its rows, remembering where each part came from. */
export interface Group {
  period: string
  indicator: string
  total: Row | undefined
  cells: Row[]
  input: ValueIn
}

/** Every problem in the file, by line and column (1-based, as a spreadsheet shows them). */
export class Errors {
  readonly list: (FieldError & { line: number; column: number })[] = []
  constructor(private readonly columns: Map<CsvColumn, number>) {}
  /** `what`: the code and params of a value's problem, when the rule has them (checkValue's do). */
  add(line: number, column: CsvColumn | number, message: string, what?: Pick<FieldError, 'code' | 'params'>) {
    // A problem in a column the file leaves out is shown at the value column.
    const col =
      typeof column === 'number' ? column : (this.columns.get(column) ?? this.columns.get('value') ?? 1)
    this.list.push({ in: 'csv', path: `line ${line}, column ${col}`, line, column: col, message, ...what })
  }
}

/** What the import did to a cell on its own (not an error): the answer lists these. */
export interface ImportNotice {
  line: number
  column: CsvColumn
  /** What was done; a notice, not a problem, so not one of the catalogue's codes. */
  kind: 'municipality_zero_restored'
  message: string
  params: Record<string, string>
}

/** Cells that carry a value; a row without any (a template row left blank) is skipped. */
const DATA_COLUMNS: readonly CsvColumn[] = [
  'value',
  'numerator',
  'denominator',
  'note',
  'evidence',
  'verification_level',
]

/**
 * The rows that say something: a row without a value, ratio part, note, evidence or level is
 * skipped (the template's rows left blank, LibreOffice's trailing rows), except a blank total
 * row whose breakdown rows are filled in, so "total missing" does not hide what is wrong.
 */
export function filledRows(rows: Row[]): Row[] {
  const filled = (r: Row) => DATA_COLUMNS.some((col) => (r.cells[col] ?? '') !== '')
  const key = (r: Row) => `${r.cells.period ?? ''}|${(r.cells.indicator ?? '').toUpperCase()}`
  const isTotal = (r: Row) => {
    const d = (r.cells.dimension ?? '').toLowerCase()
    return d === '' || d === 'total'
  }
  const withFilledCells = new Set(rows.filter((r) => filled(r) && !isTotal(r)).map(key))
  return rows.filter((r) => filled(r) || (isTotal(r) && withFilledCells.has(key(r))))
}

/** Reads each row's cells into (period, indicator) groups, reporting malformed cells. */
export function groupRows(rows: Row[], errors: Errors, notices: ImportNotice[] = []): Group[] {
  const groups = new Map<string, Group>()
  const brokenTotals = new Set<string>()
  // A file has few distinct periods and tens of thousands of rows: each is parsed once.
  const periods = new Map<string, ReturnType<typeof parsePeriod>>()
  const periodOf = (text: string) => {
    if (!periods.has(text)) periods.set(text, parsePeriod(text))
    return periods.get(text)!
  }
  for (const row of rows) {
    const c = row.cells
    let ok = true
    const period = periodOf(c.period ?? '')
    if (!period) {
      errors.add(row.line, 'period', `"${c.period ?? ''}" is not a period: use YYYY, YYYY-Qn or YYYY-MM`, {
        code: 'import.period_invalid',
        params: { value: c.period ?? '' },
      })
      ok = false
    }
    const indicator = (c.indicator ?? '').toUpperCase()
    if (!indicator) {
      errors.add(row.line, 'indicator', 'The indicator code is missing', { code: 'import.indicator_missing' })
      ok = false
    }
    const numbers: Partial<Record<'value' | 'numerator' | 'denominator', string>> = {}
    for (const col of ['value', 'numerator', 'denominator'] as const) {
      const raw = c[col] ?? ''
      if (raw === '') continue
      const parsedNumber = parseDecimalCell(raw)
      if (parsedNumber === null) {
        errors.add(row.line, col, `"${raw}" is not a number (write 12, 12,5 or 1 250)`, {
          code: 'import.not_a_number',
          params: { value: raw },
        })
        ok = false
      } else numbers[col] = parsedNumber
    }
    const dimension = (c.dimension ?? '').toLowerCase().replace(/[\s-]+/g, '_')
    const isTotal = dimension === '' || dimension === 'total'
    const level = (c.verification_level ?? '').toLowerCase()
    if (isTotal) {
      if (level && !LEVELS.includes(level as VerificationLevel)) {
        errors.add(row.line, 'verification_level', `Unknown verification level; use ${LEVELS.join(', ')}`, {
          code: 'import.verification_level_unknown',
          params: { value: level },
        })
        ok = false
      }
    } else {
      for (const col of ['note', 'evidence', 'verification_level'] as const) {
        if (c[col]) {
          errors.add(
            row.line,
            col,
            `Put the ${col.replace('_', ' ')} on the total row of ${indicator}, not on a breakdown row`,
            { code: 'import.detail_on_breakdown', params: { column: col, indicator } },
          )
          ok = false
        }
      }
    }
    let category = c.category ?? ''
    if (dimension === 'municipality' && /^\d{1,3}$/.test(category)) {
      // A spreadsheet that took 0301 for a number wrote 301. Zeros put back give one candidate;
      // it is used only when it is a municipality number, and the answer says so.
      const restored = category.padStart(4, '0')
      if (isKnownMunicipality(restored)) {
        notices.push({
          line: row.line,
          column: 'category',
          kind: 'municipality_zero_restored',
          message: `Read ${category} as municipality ${restored} (a spreadsheet dropped the leading zero)`,
          params: { from: category, to: restored },
        })
        category = restored
      } else {
        errors.add(
          row.line,
          'category',
          `${category} is not a municipality number, and ${restored} (with the zeros a spreadsheet may have dropped) is none either: write all four digits`,
          { code: 'import.municipality_ambiguous', params: { value: category, restored } },
        )
        ok = false
      }
    }
    const evidence = (c.evidence ?? '').split(/[\s|]+/).filter(Boolean)
    for (const url of evidence) {
      if (!/^https?:\/\/\S+$/.test(url)) {
        errors.add(row.line, 'evidence', `"${url}" is not an http(s) link`, {
          code: 'import.evidence_not_link',
          params: { value: url },
        })
        ok = false
      }
    }
    const key = `${period?.key}|${indicator}`
    if (!ok || !period) {
      // The total row is there but broken: its own errors say so; do not add "no total row".
      if (isTotal && period && indicator) brokenTotals.add(key)
      continue
    }
    const group: Group = groups.get(key) ?? {
      period: period.key,
      indicator,
      total: undefined,
      cells: [],
      input: { indicatorCode: indicator, breakdowns: [] },
    }
    groups.set(key, group)
    if (isTotal) {
      if (group.total) {
        errors.add(
          row.line,
          'dimension',
          `A second total row for ${indicator} in ${period.key} (the first is on line ${group.total.line})`,
          {
            code: 'import.total_duplicate',
            params: { indicator, period: period.key, first: String(group.total.line) },
          },
        )
        continue
      }
      group.total = row
      group.input = {
        ...group.input,
        total: numbers.value ?? null,
        ...(numbers.numerator !== undefined ? { numerator: numbers.numerator } : {}),
        ...(numbers.denominator !== undefined ? { denominator: numbers.denominator } : {}),
        note: c.note ?? '',
        evidence,
        verificationLevel: (level || 'self_reported') as VerificationLevel,
      }
    } else {
      group.cells.push(row)
      group.input.breakdowns!.push({
        dimension,
        category,
        ...(numbers.value !== undefined ? { value: numbers.value } : {}),
        ...(numbers.numerator !== undefined ? { numerator: numbers.numerator } : {}),
        ...(numbers.denominator !== undefined ? { denominator: numbers.denominator } : {}),
      })
    }
  }
  for (const [key, g] of groups) {
    if (!g.total && g.cells[0] && !brokenTotals.has(key)) {
      errors.add(
        g.cells[0].line,
        'dimension',
        `No total row for ${g.indicator} in ${g.period}: add a row with an empty dimension`,
        { code: 'import.total_missing', params: { indicator: g.indicator, period: g.period } },
      )
    }
  }
  return [...groups.values()]
}

/** Puts a problem found in an assembled value back on the line and column it came from. */
export function placeProblem(errors: Errors, g: Group, problem: ValueProblem) {
  const { path, message } = problem
  const what = { code: problem.code, ...(problem.params ? { params: problem.params } : {}) }
  const total = g.total!
  const cell = /^breakdowns\.(\d+)(?:\.(\w+))?$/.exec(path)
  if (cell) {
    const row = g.cells[Number(cell[1])] ?? total
    const field = cell[2] ?? 'category'
    errors.add(
      row.line,
      field === 'value' || field === 'numerator' || field === 'denominator' || field === 'dimension'
        ? field
        : 'category',
      message,
      what,
    )
    return
  }
  const column: CsvColumn =
    path === 'indicatorCode' ? 'indicator' : path === 'numerator' || path === 'denominator' ? path : 'value'
  errors.add(total.line, column, message, what)
}
