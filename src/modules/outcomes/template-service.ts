import { writeCsv } from '../../domain/csv.ts'
import { parsePeriod, requirePeriod } from '../../domain/periods.ts'
import { invalid } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { requireVentureAccess } from '../../policy/venture-access.ts'
import type { Ctx } from '../context.ts'
import { todayInNorway } from './clock.ts'
import { coversPeriod, duePeriods } from './coverage.ts'
import { CSV_COLUMNS, csvDecimal } from './csv-format.ts'
import { assignmentsFor } from './report-view.ts'
import * as repo from './reports-repo.ts'

/**
 * The import template for a venture: one total row per indicator for every period it still owes
 * (not started, draft or returned), or for the period asked for, filled with the draft's values
 * where there are any, ready to fill in and upload.
 */
export async function csvTemplate(
  ctx: Ctx,
  ventureId: string,
  q: { period?: string | undefined; separator: ';' | ',' },
): Promise<string> {
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
  const sep = q.separator
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
        csvDecimal(value?.total ?? null, sep),
        csvDecimal(value?.numerator ?? null, sep),
        csvDecimal(value?.denominator ?? null, sep),
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
          csvDecimal(b.value, sep),
          csvDecimal(b.numerator, sep),
          csvDecimal(b.denominator, sep),
          '',
          '',
          '',
        ])
      }
    }
  }
  return writeCsv([...CSV_COLUMNS], rows, { separator: sep })
}
