import type { VerificationLevel } from '../../db/schema-outcomes.ts'
import { parseDecimalCell } from '../../domain/csv.ts'
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

/** Reads each row's cells into (period, indicator) groups, reporting malformed cells. */
export function groupRows(rows: Row[], errors: Errors): Group[] {
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
      errors.add(row.line, 'period', `"${c.period ?? ''}" is not a period: use YYYY, YYYY-Qn or YYYY-MM`)
      ok = false
    }
    const indicator = (c.indicator ?? '').toUpperCase()
    if (!indicator) {
      errors.add(row.line, 'indicator', 'The indicator code is missing')
      ok = false
    }
    const numbers: Partial<Record<'value' | 'numerator' | 'denominator', string>> = {}
    for (const col of ['value', 'numerator', 'denominator'] as const) {
      const raw = c[col] ?? ''
      if (raw === '') continue
      const parsedNumber = parseDecimalCell(raw)
      if (parsedNumber === null) {
        errors.add(row.line, col, `"${raw}" is not a number (write 12, 12,5 or 1 250)`)
        ok = false
      } else numbers[col] = parsedNumber
    }
    const dimension = (c.dimension ?? '').toLowerCase().replace(/[\s-]+/g, '_')
    const isTotal = dimension === '' || dimension === 'total'
    const level = (c.verification_level ?? '').toLowerCase()
    if (isTotal) {
      if (level && !LEVELS.includes(level as VerificationLevel)) {
        errors.add(row.line, 'verification_level', `Unknown verification level; use ${LEVELS.join(', ')}`)
        ok = false
      }
    } else {
      for (const col of ['note', 'evidence', 'verification_level'] as const) {
        if (c[col]) {
          errors.add(
            row.line,
            col,
            `Put the ${col.replace('_', ' ')} on the total row of ${indicator}, not on a breakdown row`,
          )
          ok = false
        }
      }
    }
    const evidence = (c.evidence ?? '').split(/[\s|]+/).filter(Boolean)
    for (const url of evidence) {
      if (!/^https?:\/\/\S+$/.test(url)) {
        errors.add(row.line, 'evidence', `"${url}" is not an http(s) link`)
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
        category: c.category ?? '',
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
