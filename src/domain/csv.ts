/**
 * CSV as spreadsheets really write it: RFC 4180 quoting, `;` (Excel with Norwegian settings,
 * where `,` is the decimal mark) or `,` as separator, a UTF-8 BOM, Excel's `sep=` hint line.
 * Pure string in, string out; the HTTP layer decides what to do with the errors.
 */
export type CsvSeparator = ';' | ','

/** `line` is the physical line (1-based) where the problem is; `column` the 1-based cell number. */
export interface CsvError {
  line: number
  column: number
  message: string
}

export interface CsvRow {
  /** Physical line where the record starts (a quoted cell may span several lines). */
  line: number
  cells: string[]
}

export interface ParsedCsv {
  header: string[]
  rows: CsvRow[]
  separator: CsvSeparator
}

/** Thrown by `parseCsv` with every problem found, in file order. */
export class CsvParseError extends Error {
  constructor(readonly errors: CsvError[]) {
    super(errors.map((e) => `line ${e.line}, column ${e.column}: ${e.message}`).join('\n'))
    this.name = 'CsvParseError'
  }

  /** The `{ path, message }` list the HTTP layer renders as field errors. */
  get issues(): { path: string; message: string }[] {
    return this.errors.map((e) => ({ path: `line ${e.line}, column ${e.column}`, message: e.message }))
  }
}

const BOM = '\uFEFF'
// Excel's hint line; it is only honoured as the very first line (after a BOM).
const SEP_LINE = /^sep=(.)(\r\n|\n|\r|$)/i

/**
 * Parses a whole CSV document. Line numbers are physical lines, so with a `sep=;` line the header
 * is line 2, as a text editor shows it. Fully empty lines are skipped; a line of separators only
 * (`;;;`, which Excel leaves behind) is a row of empty cells, left for the caller to judge.
 * A `"` inside an unquoted cell is kept as text (`12" skjerm`), as Excel does.
 * Throws `CsvParseError` listing every unterminated quote, stray text after a closing quote and
 * row whose cell count differs from the header.
 */
export function parseCsv(text: string): ParsedCsv {
  let pos = text.startsWith(BOM) ? 1 : 0
  let line = 1
  let separator: CsvSeparator | undefined
  const hint = SEP_LINE.exec(text.slice(pos, pos + 8))
  if (hint) {
    if (hint[1] !== ';' && hint[1] !== ',') {
      throw new CsvParseError([
        { line: 1, column: 1, message: `Unsupported separator "${hint[1]}" in the sep= line; use ; or ,` },
      ])
    }
    separator = hint[1]
    pos += hint[0].length
    line = 2
  }
  separator ??= detectSeparator(text, pos)

  const errors: CsvError[] = []
  const records = readRecords(text, pos, line, separator, errors)
  const [head, ...body] = records
  if (!head) {
    throw new CsvParseError([
      ...errors,
      ...(errors.length
        ? []
        : [{ line, column: 1, message: 'The file is empty: a header line is required' }]),
    ])
  }
  const width = head.cells.length
  for (const row of body) {
    if (row.cells.length !== width) {
      errors.push({
        line: row.line,
        column: Math.min(row.cells.length, width) + 1,
        message: `Expected ${width} cells as in the header, found ${row.cells.length}`,
      })
    }
  }
  if (errors.length) {
    throw new CsvParseError(errors.sort((a, b) => a.line - b.line || a.column - b.column))
  }
  return { header: head.cells, rows: body, separator }
}

/** Counts `;` and `,` outside quotes on the header line; ties and single-column files give `;`. */
function detectSeparator(text: string, start: number): CsvSeparator {
  let i = start
  while (text[i] === '\n' || text[i] === '\r') i++
  let semicolons = 0
  let commas = 0
  let quoted = false
  for (; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    else if (!quoted) {
      if (ch === '\n' || ch === '\r') break
      if (ch === ';') semicolons++
      else if (ch === ',') commas++
    }
  }
  return commas > semicolons ? ',' : ';'
}

const newlineLength = (text: string, i: number) => (text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1)
const isNewline = (ch: string | undefined) => ch === '\n' || ch === '\r'

/** Splits into records; a record broken by an unterminated quote is reported, not returned. */
function readRecords(text: string, start: number, firstLine: number, sep: string, errors: CsvError[]) {
  const records: CsvRow[] = []
  const n = text.length
  let i = start
  let line = firstLine
  while (i < n) {
    if (isNewline(text[i])) {
      i += newlineLength(text, i)
      line++
      continue
    }
    const recordLine = line
    const cells: string[] = []
    for (;;) {
      let cell = ''
      if (text[i] === '"') {
        const openLine = line
        let closed = false
        i++
        while (i < n) {
          const ch = text[i] as string
          if (ch === '"') {
            if (text[i + 1] === '"') {
              cell += '"'
              i += 2
              continue
            }
            i++
            closed = true
            break
          }
          // CRLF counts once, on its LF
          if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++
          cell += ch
          i++
        }
        if (!closed) {
          errors.push({
            line: openLine,
            column: cells.length + 1,
            message: 'Quoted cell is never closed: the closing " is missing',
          })
          return records
        }
        // Spaces after the closing quote are tolerated; anything else is a malformed cell.
        let stray = false
        while (i < n && text[i] !== sep && !isNewline(text[i])) {
          if (text[i] !== ' ' && text[i] !== '\t') stray = true
          i++
        }
        if (stray) {
          errors.push({
            line,
            column: cells.length + 1,
            message: 'Unexpected text after a closing quote; a " inside a quoted cell must be doubled ("")',
          })
        }
      } else {
        const from = i
        while (i < n && text[i] !== sep && !isNewline(text[i])) i++
        cell = text.slice(from, i)
      }
      cells.push(cell)
      if (i >= n) break
      if (text[i] === sep) {
        i++
        continue
      }
      i += newlineLength(text, i)
      line++
      break
    }
    records.push({ line: recordLine, cells })
  }
  return records
}

// Digits grouped by space, no-break space or narrow no-break space (what nb-NO number formatting
// and Excel produce), or ungrouped; then an optional fraction after `.` or `,`.
const DECIMAL_CELL = /^([+\-\u2212]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?$/

/**
 * Reads a number typed by a person in Norway or elsewhere; returns it as a plain decimal string
 * (`-1250.50`) or null when the cell is empty or not a number. Rules:
 * - surrounding whitespace is ignored; a leading `+`, `-` or `−` (U+2212, nb-NO's minus) is allowed;
 * - `.` and `,` are both decimal marks and at most one may appear, so `12,5` and `12.5` are 12.5,
 *   and `1,250` is 1.25, never 1250;
 * - thousands are grouped only with a (no-break) space in groups of three: `1 250 000,50`;
 * - everything else is rejected rather than guessed: `1,250.5`, `1.250.000`, `1e3`, `.5`, `5.`,
 *   `12 %`, `kr 5`.
 * Trailing zeros are kept (`0,50` → `0.50`), leading zeros dropped, `-0` becomes `0`.
 */
export function parseDecimalCell(cell: string): string | null {
  const m = DECIMAL_CELL.exec(cell.trim())
  if (!m) return null
  const [, sign, grouped = '', fraction] = m
  const digits = grouped.replace(/\D/g, '').replace(/^0+(?=\d)/, '')
  const isZero = /^0*$/.test(digits + (fraction ?? ''))
  const minus = (sign === '-' || sign === '\u2212') && !isZero ? '-' : ''
  return `${minus}${digits}${fraction === undefined ? '' : `.${fraction}`}`
}

export type CsvCell = string | number | null

export interface WriteCsvOptions {
  /** Default `;`: Excel with Norwegian settings splits on it; standard readers detect it. */
  separator?: CsvSeparator
  /** Default true: without the BOM Excel reads UTF-8 as Windows-1252 and mangles æøå. */
  bom?: boolean
  /**
   * Default false. Adds `sep=;` (or `sep=,`) as the first line so Excel splits correctly whatever
   * its locale. Some Excel versions then ignore the BOM, and other readers see an extra line, so it
   * is opt-in.
   */
  excelSepLine?: boolean
  /**
   * Default true. Defuses CSV formula injection (OWASP): a text cell starting with `=`, `+`, `-`,
   * `@`, tab or CR, which Excel would evaluate as a formula, gets a leading `'` so it shows as text.
   * Cells that are numbers (`-12,5`, `+3`) are left alone. The `'` stays in the file: an importer
   * reading the file back sees it.
   */
  formulaGuard?: boolean
}

const FORMULA_START = /^[=+\-@\t\r]/
// Either separator is quoted whichever is in use, so a reader that sniffs the separator from the
// header cannot be misled; `sep=` and a leading BOM are quoted so they are not taken as markers.
const NEEDS_QUOTES = /[;,"\r\n]|^[ \t]|[ \t]$|^sep=|^\uFEFF/i

/**
 * Writes a CSV document with CRLF line ends (RFC 4180 and what Excel writes), quoting only the
 * cells that need it. `null` is an empty cell; numbers are written with `String(n)`, so pass
 * money and measured values as decimal strings formatted for the audience.
 */
export function writeCsv(
  header: string[],
  rows: readonly (readonly CsvCell[])[],
  opts: WriteCsvOptions = {},
) {
  const separator = opts.separator ?? ';'
  const guard = opts.formulaGuard ?? true
  if (header.length === 0) throw new Error('writeCsv: the header needs at least one column')
  rows.forEach((row, i) => {
    if (row.length !== header.length) {
      throw new Error(`writeCsv: row ${i} has ${row.length} cells, the header has ${header.length}`)
    }
  })
  const records = [header, ...rows].map((row) => writeRecord(row, separator, guard))
  const prefix = `${(opts.bom ?? true) ? BOM : ''}${opts.excelSepLine ? `sep=${separator}\r\n` : ''}`
  return `${prefix}${records.join('\r\n')}\r\n`
}

function writeRecord(row: readonly CsvCell[], separator: CsvSeparator, guard: boolean): string {
  const texts = row.map((cell) => cellText(cell, guard))
  // A lone empty cell would be an empty line, which readers skip: quote it so the row survives.
  if (texts.length === 1 && texts[0] === '') return '""'
  return texts.map((t) => (NEEDS_QUOTES.test(t) ? `"${t.replaceAll('"', '""')}"` : t)).join(separator)
}

function cellText(cell: CsvCell, guard: boolean): string {
  if (cell === null) return ''
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new Error(`writeCsv: ${cell} is not a finite number`)
    return String(cell)
  }
  if (guard && FORMULA_START.test(cell) && !(cell === cell.trim() && parseDecimalCell(cell) !== null)) {
    return `'${cell}`
  }
  return cell
}
