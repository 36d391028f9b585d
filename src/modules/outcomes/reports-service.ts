import type { ReportStatus } from '../../db/schema-outcomes.ts'
import { withTx } from '../../db/tx.ts'
import { dueDate, parsePeriod, requirePeriod } from '../../domain/periods.ts'
import { decodeCursor, encodeCursor } from '../../http/pagination.ts'
import { conflict, invalid, isProblem, notFound } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { assertWriteVenture, requireVentureAccess, type VentureAccess } from '../../policy/venture-access.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { todayInNorway } from './clock.ts'
import { type AssignmentSpan, coversPeriod, duePeriods } from './coverage.ts'
import { assignmentsFor, buildReportView, overdueFlag, type ReportView } from './report-view.ts'
import * as repo from './reports-repo.ts'

export interface ReportSummaryView {
  reportId: string | null
  period: string
  frequency: repo.ReportRow['frequency']
  periodStart: string
  periodEnd: string
  dueDate: string
  overdue: boolean
  status: ReportStatus | 'not_started'
  revision: number | null
  expectedCount: number
  updatedAt: Date | null
}

/**
 * The venture's reports: every period its assignments have completed (due, whether started or
 * not) and every report it has, newest period first, with due date and overdue flag.
 */
export async function listReports(
  ctx: Ctx,
  ventureId: string,
  q: {
    limit: number
    cursor?: string | undefined
    status?: ReportSummaryView['status'] | undefined
    overdue?: 'true' | 'false' | undefined
  },
) {
  await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  const after = decodeCursor(q.cursor)
  const today = todayInNorway(ctx.now)
  const dueDays = ctx.config.REPORT_DUE_DAYS
  const assignments = (await assignmentsFor(ctx.db, ventureId)).map((a) => a.assignment)
  const reports = new Map((await repo.listReportsOf(ctx.db, [ventureId])).map((r) => [r.period, r]))
  const periods = new Set([...reports.keys(), ...assignments.flatMap((a) => duePeriods(a, today))])
  let items: ReportSummaryView[] = [...periods].map((key) => {
    const period = requirePeriod(key)
    const report = reports.get(key)
    const status = report?.status ?? 'not_started'
    return {
      reportId: report?.id ?? null,
      period: key,
      frequency: period.frequency,
      periodStart: period.start,
      periodEnd: period.end,
      dueDate: dueDate(key, dueDays),
      overdue: overdueFlag(key, status, report?.revision ?? 1, dueDays, today),
      status,
      revision: report?.revision ?? null,
      expectedCount: assignments.filter((a) => coversPeriod(a, period)).length,
      updatedAt: report?.updatedAt ?? null,
    }
  })
  if (q.status) items = items.filter((i) => i.status === q.status)
  if (q.overdue) items = items.filter((i) => i.overdue === (q.overdue === 'true'))
  // Newest first: by period end, then key, both descending.
  const sortKey = (i: ReportSummaryView): [string, string] => [i.periodEnd, i.period]
  items.sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : sortKey(a) > sortKey(b) ? -1 : 0))
  if (after)
    items = items.filter((i) => i.periodEnd < after[0] || (i.periodEnd === after[0] && i.period < after[1]))
  const page = items.slice(0, q.limit)
  const last = page.at(-1)
  return { items: page, nextCursor: items.length > q.limit && last ? encodeCursor(sortKey(last)) : null }
}

/** Loads a report the caller may see in detail; 404 for a missing one and for one they may not. */
export async function loadReport(
  ctx: Ctx,
  id: string,
): Promise<{ report: repo.ReportRow; access: VentureAccess }> {
  const principal = requirePrincipal(ctx.principal)
  const report = await repo.findReport(ctx.db, id)
  if (!report) throw notFound('report')
  const access = await requireVentureAccess(ctx.db, principal, report.ventureOrgId, 'detailed').catch(
    (err) => {
      // A refusal reads as absence; a database that failed is not a 404 (it is a 503).
      throw isProblem(err) ? notFound('report') : err
    },
  )
  return { report, access }
}

export async function getReport(ctx: Ctx, id: string): Promise<ReportView> {
  const { report } = await loadReport(ctx, id)
  return buildReportView(ctx, report, todayInNorway(ctx.now))
}

/** Creates a draft report for a period, with its first revision and transition; call it with a transaction in `ctx.db`. */
export async function insertReportFor(
  ctx: Ctx,
  ventureId: string,
  periodKey: string,
): Promise<repo.ReportRow> {
  const trx = ctx.db
  const period = requirePeriod(periodKey)
  const id = crypto.randomUUID()
  await repo.insertReport(
    trx,
    {
      id,
      ventureOrgId: ventureId,
      period: period.key,
      frequency: period.frequency,
      periodStart: period.start,
      periodEnd: period.end,
    },
    ctx.principal?.userId ?? null,
    ctx.now,
  )
  await repo.insertTransition(
    trx,
    {
      reportId: id,
      revision: 1,
      action: 'create',
      fromStatus: null,
      toStatus: 'draft',
      reason: null,
      actorUserId: ctx.principal?.userId ?? null,
      actorLabel: ctx.principal?.email ?? 'system',
      actorOrgId: ventureId,
      valuesSnapshot: null,
    },
    ctx.now,
  )
  const report = (await repo.findReport(trx, id))!
  await recordAudit(trx, ctx, {
    action: 'report.create',
    entity: 'report',
    entityId: id,
    organizationId: ventureId,
    after: report,
  })
  return report
}

/** Why a period cannot get a report (no assignment covers it, or it has not begun), or null. */
export async function periodProblem(ctx: Ctx, ventureId: string, periodKey: string): Promise<string | null> {
  if (!parsePeriod(periodKey)) return 'Not a period'
  return periodProblemAmong(await assignmentsFor(ctx.db, ventureId), periodKey, ctx.now)
}

/** periodProblem with the venture's assignments already read (the import checks every period at once). */
export function periodProblemAmong(
  assignments: readonly { assignment: AssignmentSpan }[],
  periodKey: string,
  now: Date,
): string | null {
  const period = parsePeriod(periodKey)
  if (!period) return 'Not a period'
  if (period.start > todayInNorway(now)) return `${period.key} has not begun yet`
  if (!assignments.some((a) => coversPeriod(a.assignment, period))) {
    return `No indicator of this venture is reported for ${period.key} (check the assignments’ frequency and dates)`
  }
  return null
}

/** The venture's editors start a report for a period one of its assignments covers. */
export async function createReport(ctx: Ctx, ventureId: string, periodKey: string): Promise<ReportView> {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  assertWriteVenture(access)
  const problem = await periodProblem(ctx, ventureId, periodKey)
  if (problem) throw invalid('period', 'period.invalid', problem)
  const report = await withTx(ctx.db, async (trx) => {
    if (await repo.findReportByPeriod(trx, ventureId, periodKey)) {
      throw conflict('report.exists', `A report for ${periodKey} already exists.`)
    }
    return insertReportFor({ ...ctx, db: trx }, ventureId, periodKey)
  })
  return buildReportView(ctx, report, todayInNorway(ctx.now))
}
