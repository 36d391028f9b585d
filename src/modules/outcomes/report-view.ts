import type { ReportStatus } from '../../db/schema-outcomes.ts'
import { dueDate, isOverdue, requirePeriod } from '../../domain/periods.ts'
import type { Ctx } from '../context.ts'
import { listAssignments } from './assignments-repo.ts'
import { coversPeriod } from './coverage.ts'
import { findIndicators } from './indicators-repo.ts'
import * as repo from './reports-repo.ts'
import type { AssignmentWithIndicator, StoredValue } from './value-input.ts'

/**
 * A report as the API shows it: its current revision, what it must carry, every revision with
 * its values and every transition. Shared by the read, the value save and the workflow.
 */
export interface ReportView {
  report: repo.ReportRow
  dueDate: string
  overdue: boolean
  expected: (AssignmentWithIndicator & { reported: boolean })[]
  values: StoredValue[]
  revisions: (Awaited<ReturnType<typeof repo.listRevisions>>[number] & {
    status: ReportStatus
    values: StoredValue[]
  })[]
  transitions: Awaited<ReturnType<typeof repo.listTransitions>>
}

/** The status of a revision: earlier ones were verified (only an amendment opens a new one). */
export const revisionStatus = (report: repo.ReportRow, revision: number): ReportStatus =>
  revision === report.revision ? report.status : 'verified'

/**
 * Overdue: past the due date and owed by the venture (not started, a draft, or returned). An
 * amendment of a verified report is never overdue: the period was reported in time.
 */
export function overdueFlag(
  period: string,
  status: ReportStatus | 'not_started',
  revision: number,
  dueDays: number,
  today: string,
): boolean {
  return (
    (status === 'not_started' || status === 'draft' || status === 'returned') &&
    revision <= 1 &&
    isOverdue(period, dueDays, today)
  )
}

/** The venture's assignments (with indicators) that cover a period: what its report must carry. */
export async function assignmentsFor(db: Ctx['db'], ventureId: string): Promise<AssignmentWithIndicator[]> {
  const assignments = await listAssignments(db, [ventureId])
  const indicators = new Map(
    (await findIndicators(db, [...new Set(assignments.map((a) => a.indicatorCode))])).map((i) => [i.code, i]),
  )
  return assignments.map((assignment) => ({
    assignment,
    indicator: indicators.get(assignment.indicatorCode)!,
  }))
}

export async function buildReportView(ctx: Ctx, report: repo.ReportRow, today: string): Promise<ReportView> {
  const period = requirePeriod(report.period)
  const all = await assignmentsFor(ctx.db, report.ventureOrgId)
  const revisions = await repo.listRevisions(ctx.db, report.id)
  const transitions = await repo.listTransitions(ctx.db, report.id)
  const values = await repo.listValues(ctx.db, report.id)
  const current = values.filter((v) => v.revision === report.revision).map((v) => v.value)
  const dueDays = ctx.config.REPORT_DUE_DAYS
  return {
    report,
    dueDate: dueDate(report.period, dueDays),
    overdue: overdueFlag(report.period, report.status, report.revision, dueDays, today),
    expected: all
      .filter((a) => coversPeriod(a.assignment, period))
      .map((a) => ({ ...a, reported: current.some((v) => v.assignmentId === a.assignment.id) })),
    values: current,
    revisions: revisions.map((r) => ({
      ...r,
      status: revisionStatus(report, r.revision),
      values: values.filter((v) => v.revision === r.revision).map((v) => v.value),
    })),
    transitions,
  }
}
