import { withTx } from '../../db/tx.ts'
import { CsvParseError, parseCsv } from '../../domain/csv.ts'
import { requirePeriod } from '../../domain/periods.ts'
import { type ReadSheet, SheetReadError } from '../../domain/sheets.ts'
import { type FieldError, Problem } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { assertWriteVenture, requireVentureAccess } from '../../policy/venture-access.ts'
import type { Ctx } from '../context.ts'
import { CSV_COLUMNS, type CsvColumn, REQUIRED_COLUMNS } from './csv-format.ts'
import {
  Errors,
  filledRows,
  type Group,
  groupRows,
  type ImportNotice,
  placeProblem,
  type Row,
} from './import-rows.ts'
import { storeImport } from './import-store.ts'
import { assignmentsFor } from './report-view.ts'
import type * as repo from './reports-repo.ts'
import { periodProblemAmong } from './reports-service.ts'
import { checkValue, type StoredValue } from './value-input.ts'
import { lockedReason } from './values-service.ts'

export interface ImportResult {
  reports: {
    reportId: string
    period: string
    status: repo.ReportRow['status']
    created: boolean
    values: number
  }[]
  values: number
  /** What was read differently from the file's text (a municipality's lost zero put back). */
  notices: ImportNotice[]
}

/** An import file read into a header and rows, whatever its format. */
interface ImportTable {
  header: string[]
  headerLine: number
  rows: { line: number; cells: string[] }[]
}

/**
 * Imports report values from CSV (see csv-format.ts): all rows or none. Every problem in the file
 * is reported as line, column and message (422) and nothing is stored; otherwise each period's
 * report is created if needed and the file's values replace those indicators' values in the
 * current draft revision (other indicators' draft values stay).
 */
export async function importCsv(ctx: Ctx, ventureId: string, text: string): Promise<ImportResult> {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  assertWriteVenture(access)
  let parsed: ReturnType<typeof parseCsv>
  try {
    parsed = parseCsv(text)
  } catch (e) {
    if (!(e instanceof CsvParseError)) throw e
    throw capped(
      e.errors.map((x) => ({
        in: 'csv',
        path: `line ${x.line}, column ${x.column}`,
        line: x.line,
        column: x.column,
        message: x.message,
        code: 'import.csv_malformed' as const,
      })),
      `The file cannot be read (${e.errors.length} problem${e.errors.length === 1 ? '' : 's'}); nothing was imported.`,
    )
  }
  return importTable(ctx, ventureId, {
    header: parsed.header,
    headerLine: (parsed.rows[0]?.line ?? 2) - 1,
    rows: parsed.rows,
  })
}

/**
 * The same import from an XLSX workbook (the template, or any sheet with the template's
 * columns): the sheet named `values`, else the first; line numbers are the sheet's rows.
 * `read` is the runtime's XLSX reader (AppDeps.sheets), asked only after the access check.
 */
export async function importXlsx(
  ctx: Ctx,
  ventureId: string,
  bytes: Uint8Array,
  read: (bytes: Uint8Array) => Promise<ReadSheet[]>,
): Promise<ImportResult> {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  assertWriteVenture(access)
  let sheets: ReadSheet[]
  try {
    sheets = await read(bytes)
  } catch (e) {
    if (!(e instanceof SheetReadError)) throw e
    throw new Problem(
      'import.unreadable',
      'The file is not an XLSX workbook that can be read; nothing was imported.',
      {
        errors: [{ in: 'xlsx', path: 'file', message: e.message, code: 'import.unreadable' }],
      },
    )
  }
  const sheet = sheets.find((s) => s.name.toLowerCase() === 'values') ?? sheets[0]
  const [head, ...rows] = sheet?.rows ?? []
  const header = [...(head?.cells ?? [])]
  while (header.length && header[header.length - 1] === '') header.pop()
  return importTable(ctx, ventureId, { header, headerLine: head?.line ?? 1, rows })
}

async function importTable(ctx: Ctx, ventureId: string, parsed: ImportTable): Promise<ImportResult> {
  const headerLine = parsed.headerLine
  const columns = new Map<CsvColumn, number>()
  const errors = new Errors(columns)
  parsed.header.forEach((name, i) => {
    const key = name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_') as CsvColumn
    if (!CSV_COLUMNS.includes(key))
      errors.add(headerLine, i + 1, `Unknown column "${name}"; use ${CSV_COLUMNS.join(', ')}`, {
        code: 'import.column_unknown',
        params: { column: name },
      })
    else if (columns.has(key))
      errors.add(headerLine, i + 1, `Column ${key} appears twice`, {
        code: 'import.column_duplicate',
        params: { column: key },
      })
    else columns.set(key, i + 1)
  })
  for (const c of REQUIRED_COLUMNS) {
    if (!columns.has(c))
      errors.add(headerLine, parsed.header.length + 1, `The column ${c} is missing`, {
        code: 'import.column_missing',
        params: { column: c },
      })
  }
  if (errors.list.length) throw failed(errors)

  const rows: Row[] = filledRows(
    parsed.rows
      .filter((r) => r.cells.some((c) => c.trim() !== ''))
      .map((r) => ({
        line: r.line,
        cells: Object.fromEntries([...columns].map(([k, i]) => [k, (r.cells[i - 1] ?? '').trim()])),
      })),
  )
  if (rows.length === 0)
    errors.add(headerLine + 1, 1, 'The file has no rows with values (empty rows are skipped)', {
      code: 'import.no_rows',
    })
  const notices: ImportNotice[] = []
  const groups = groupRows(rows, errors, notices)

  const assignments = await assignmentsFor(ctx.db, ventureId)
  const byPeriod = new Map<string, Group[]>()
  for (const g of groups) byPeriod.set(g.period, [...(byPeriod.get(g.period) ?? []), g])
  const existing = new Map(
    byPeriod.size
      ? (
          await ctx.db
            .selectFrom('reports')
            .selectAll()
            .where('ventureOrgId', '=', ventureId)
            .where('period', 'in', [...byPeriod.keys()])
            .execute()
        ).map((r) => [r.period, r])
      : [],
  )
  const checked = new Map<string, StoredValue[]>()
  for (const [periodKey, list] of byPeriod) {
    const firstLine = Math.min(
      ...list.flatMap((g) => [g.total?.line ?? Infinity, ...g.cells.map((c) => c.line)]),
    )
    const report = existing.get(periodKey)
    const locked = report && lockedReason(report)
    const problem = locked
      ? `${periodKey}: ${locked}`
      : report
        ? null
        : periodProblemAmong(assignments, periodKey, ctx.now)
    if (problem) {
      errors.add(firstLine, 'period', problem, {
        code: 'import.period_not_importable',
        params: { period: periodKey },
      })
      continue
    }
    const period = requirePeriod(periodKey)
    const values: StoredValue[] = []
    for (const g of list) {
      if (!g.total) continue
      const result = checkValue(g.input, period, assignments)
      for (const p of result.problems) placeProblem(errors, g, p)
      if (result.value) values.push(result.value)
    }
    checked.set(periodKey, values)
  }
  if (errors.list.length) throw failed(errors)

  return withTx(ctx.db, async (trx) => {
    const stored = await storeImport(
      trx,
      ctx,
      ventureId,
      [...checked].map(([periodKey, values]) => ({ periodKey, existing: existing.get(periodKey), values })),
      lockedReason,
    )
    return {
      reports: stored.map((s) => ({
        reportId: s.report.id,
        period: s.periodKey,
        status: s.report.status,
        created: s.created,
        values: s.values,
      })),
      values: stored.reduce((n, s) => n + s.values, 0),
      notices,
    }
  })
}

/** The most errors one answer lists; a file of 100,000 bad rows must not make a 30 MB reply. */
export const MAX_IMPORT_ERRORS = 100

function failed(errors: Errors) {
  const n = errors.list.length
  return capped(
    errors.list.sort((a, b) => a.line - b.line || a.column - b.column),
    `The file has ${n} error${n === 1 ? '' : 's'}; nothing was imported.`,
  )
}

/** 422 with the first MAX_IMPORT_ERRORS errors (in file order) and `errorCount`, the total. */
function capped(list: FieldError[], detail: string) {
  const shown = list.slice(0, MAX_IMPORT_ERRORS)
  const more = list.length - shown.length
  return new Problem(
    'import.invalid',
    more > 0 ? `${detail} The first ${shown.length} are listed.` : detail,
    {
      errors: shown,
      errorCount: list.length,
    },
  )
}
