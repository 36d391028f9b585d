import { withTx } from '../../db/tx.ts'
import { CsvParseError, parseCsv } from '../../domain/csv.ts'
import { requirePeriod } from '../../domain/periods.ts'
import { type FieldError, Problem } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { assertWriteVenture, requireVentureAccess } from '../../policy/venture-access.ts'
import type { Ctx } from '../context.ts'
import { CSV_COLUMNS, type CsvColumn, REQUIRED_COLUMNS } from './csv-format.ts'
import { Errors, type Group, groupRows, placeProblem, type Row } from './import-rows.ts'
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
      })),
      `The file cannot be read (${e.errors.length} problem${e.errors.length === 1 ? '' : 's'}); nothing was imported.`,
    )
  }
  const headerLine = (parsed.rows[0]?.line ?? 2) - 1
  const columns = new Map<CsvColumn, number>()
  const errors = new Errors(columns)
  parsed.header.forEach((name, i) => {
    const key = name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_') as CsvColumn
    if (!CSV_COLUMNS.includes(key))
      errors.add(headerLine, i + 1, `Unknown column "${name}"; use ${CSV_COLUMNS.join(', ')}`)
    else if (columns.has(key)) errors.add(headerLine, i + 1, `Column ${key} appears twice`)
    else columns.set(key, i + 1)
  })
  for (const c of REQUIRED_COLUMNS) {
    if (!columns.has(c)) errors.add(headerLine, parsed.header.length + 1, `The column ${c} is missing`)
  }
  if (errors.list.length) throw failed(errors)
  if (parsed.rows.length === 0) errors.add(headerLine + 1, 1, 'The file has no rows')

  const rows: Row[] = parsed.rows
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => ({
      line: r.line,
      cells: Object.fromEntries([...columns].map(([k, i]) => [k, (r.cells[i - 1] ?? '').trim()])),
    }))
  const groups = groupRows(rows, errors)

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
      errors.add(firstLine, 'period', problem)
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
