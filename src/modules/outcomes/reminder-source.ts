import type { ReportStatus } from '../../db/schema-outcomes.ts'
import type { Db } from '../../db/tx.ts'
import { addDays, dueDate } from '../../domain/periods.ts'
import { duePeriods } from './coverage.ts'

/**
 * The reports ventures owe around a day, for reminders: every period an assignment covers that
 * is due on or before `today + horizonDays`, not yet submitted or verified (an amendment of a
 * verified report is never owed: the period was reported in time, as in overdueFlag). Reads
 * every assignment and its venture's reports; checks no permission (the scheduler calls it).
 */
export interface OwedReport {
  ventureId: string
  period: string
  dueDate: string
  status: ReportStatus | 'not_started'
  reportId: string | null
  /** The organizations that assigned an indicator covering the period (investors, mostly). */
  assigningOrgIds: string[]
}

export async function owedReports(
  db: Db,
  today: string,
  dueDays: number,
  horizonDays: number,
): Promise<OwedReport[]> {
  const assignments = await db
    .selectFrom('assignments')
    .select(['ventureOrgId', 'frequency', 'startDate', 'endDate', 'createdByOrgId'])
    .orderBy('ventureOrgId')
    .orderBy('indicatorCode')
    .execute()
  // A period is due `dueDays` after it ends: those due by the horizon ended by horizon − dueDays.
  const lastEnd = addDays(today, horizonDays - dueDays)
  const owed = new Map<string, OwedReport>()
  for (const a of assignments) {
    for (const period of duePeriods(a, lastEnd)) {
      const key = `${a.ventureOrgId}/${period}`
      const entry = owed.get(key) ?? {
        ventureId: a.ventureOrgId,
        period,
        dueDate: dueDate(period, dueDays),
        status: 'not_started' as const,
        reportId: null,
        assigningOrgIds: [],
      }
      if (a.createdByOrgId && !entry.assigningOrgIds.includes(a.createdByOrgId))
        entry.assigningOrgIds.push(a.createdByOrgId)
      owed.set(key, entry)
    }
  }
  const ventureIds = [...new Set(assignments.map((a) => a.ventureOrgId))]
  if (!ventureIds.length) return []
  const reports = await db
    .selectFrom('reports')
    .select(['id', 'ventureOrgId', 'period', 'status', 'revision'])
    .where('ventureOrgId', 'in', ventureIds)
    .execute()
  for (const r of reports) {
    const entry = owed.get(`${r.ventureOrgId}/${r.period}`)
    if (!entry) continue
    if (r.status === 'submitted' || r.status === 'verified' || r.revision > 1) {
      owed.delete(`${r.ventureOrgId}/${r.period}`)
      continue
    }
    entry.status = r.status
    entry.reportId = r.id
  }
  return [...owed.values()].sort(
    (x, y) => x.ventureId.localeCompare(y.ventureId) || x.period.localeCompare(y.period),
  )
}
