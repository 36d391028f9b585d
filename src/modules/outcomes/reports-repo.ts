import type { Selectable } from 'kysely'
import type {
  ReportAction,
  ReportStatus,
  ReportsTable,
  ReportValueBreakdownsTable,
  ReportValuesTable,
} from '../../db/schema-outcomes.ts'
import type { Db } from '../../db/tx.ts'
import type { StoredValue } from './value-input.ts'

export type ReportRow = Selectable<ReportsTable>

export const findReport = (db: Db, id: string) =>
  db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst()

export const findReportByPeriod = (db: Db, ventureId: string, period: string) =>
  db
    .selectFrom('reports')
    .selectAll()
    .where('ventureOrgId', '=', ventureId)
    .where('period', '=', period)
    .executeTakeFirst()

export const listReportsOf = (db: Db, ventureIds: string[]) =>
  ventureIds.length === 0
    ? Promise.resolve([] as ReportRow[])
    : db
        .selectFrom('reports')
        .selectAll()
        .where('ventureOrgId', 'in', ventureIds)
        .orderBy('ventureOrgId')
        .orderBy('periodEnd')
        .orderBy('period')
        .execute()

export interface NewReport {
  id: string
  ventureOrgId: string
  period: string
  frequency: ReportRow['frequency']
  periodStart: string
  periodEnd: string
}

export async function insertReport(db: Db, r: NewReport, openedByUserId: string | null, now: Date) {
  await db
    .insertInto('reports')
    .values({ ...r, status: 'draft', createdAt: now, updatedAt: now })
    .execute()
  await db
    .insertInto('reportRevisions')
    .values({ reportId: r.id, revision: 1, reason: null, openedAt: now, openedByUserId })
    .execute()
}

/** Moves the report to a status (and revision) if it is still at the version read; undefined if not. */
export const advanceReport = (
  db: Db,
  id: string,
  expectedVersion: number,
  set: { status?: ReportStatus; revision?: number },
  now: Date,
) =>
  db
    .updateTable('reports')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updatedAt: now }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst()

export async function insertRevision(
  db: Db,
  r: {
    reportId: string
    revision: number
    reason: string | null
    openedByUserId: string | null
    highlights: string
    challenges: string
    nextSteps: string
  },
  now: Date,
) {
  await db
    .insertInto('reportRevisions')
    .values({ ...r, openedAt: now })
    .execute()
}

export async function updateNarrative(
  db: Db,
  reportId: string,
  revision: number,
  narrative: {
    highlights?: string | undefined
    challenges?: string | undefined
    nextSteps?: string | undefined
  },
) {
  const { highlights, challenges, nextSteps } = narrative
  const set = Object.fromEntries(
    Object.entries({ highlights, challenges, nextSteps }).filter(([, v]) => v !== undefined),
  )
  if (Object.keys(set).length === 0) return
  await db
    .updateTable('reportRevisions')
    .set(set)
    .where('reportId', '=', reportId)
    .where('revision', '=', revision)
    .execute()
}

export interface NewTransition {
  reportId: string
  revision: number
  action: ReportAction
  fromStatus: ReportStatus | null
  toStatus: ReportStatus
  reason: string | null
  actorUserId: string | null
  actorLabel: string
  actorOrgId: string | null
  valuesSnapshot: string | null
}

export async function insertTransition(db: Db, t: NewTransition, now: Date) {
  await db
    .insertInto('reportTransitions')
    .values({ ...t, at: now })
    .execute()
}

export const listRevisions = (db: Db, reportId: string) =>
  db.selectFrom('reportRevisions').selectAll().where('reportId', '=', reportId).orderBy('revision').execute()

export const listTransitions = (db: Db, reportId: string) =>
  db.selectFrom('reportTransitions').selectAll().where('reportId', '=', reportId).orderBy('seq').execute()

/** Every value of the report (all revisions, or one), with breakdowns, in two queries. */
export async function listValues(db: Db, reportId: string, revision?: number) {
  let values = db
    .selectFrom('reportValues as v')
    .innerJoin('assignments as a', 'a.id', 'v.assignmentId')
    .selectAll('v')
    .select('a.indicatorCode')
    .where('v.reportId', '=', reportId)
  let cells = db.selectFrom('reportValueBreakdowns').selectAll().where('reportId', '=', reportId)
  if (revision !== undefined) {
    values = values.where('v.revision', '=', revision)
    cells = cells.where('revision', '=', revision)
  }
  const rows = await values.orderBy('v.revision').orderBy('a.indicatorCode').execute()
  const breakdowns = await cells.orderBy('dimension').orderBy('category').execute()
  return rows.map((v) => ({ revision: v.revision, value: storedValue(v, breakdowns) }))
}

/**
 * The current revision's values of many reports in two statements, whatever their number (the
 * outcomes export): by report id, each report's values ordered by indicator code as listValues
 * orders them.
 */
export async function listCurrentValuesOf(db: Db, reportIds: string[]): Promise<Map<string, StoredValue[]>> {
  const byReport = new Map<string, StoredValue[]>()
  if (reportIds.length === 0) return byReport
  const rows = await db
    .selectFrom('reportValues as v')
    .innerJoin('reports as r', (j) =>
      j.onRef('r.id', '=', 'v.reportId').onRef('r.revision', '=', 'v.revision'),
    )
    .innerJoin('assignments as a', 'a.id', 'v.assignmentId')
    .selectAll('v')
    .select('a.indicatorCode')
    .where('v.reportId', 'in', reportIds)
    .orderBy('v.reportId')
    .orderBy('a.indicatorCode')
    .execute()
  const cells = await db
    .selectFrom('reportValueBreakdowns as b')
    .innerJoin('reports as r', (j) =>
      j.onRef('r.id', '=', 'b.reportId').onRef('r.revision', '=', 'b.revision'),
    )
    .selectAll('b')
    .where('b.reportId', 'in', reportIds)
    .orderBy('b.reportId')
    .orderBy('b.dimension')
    .orderBy('b.category')
    .execute()
  const cellsOf = new Map<string, typeof cells>()
  for (const c of cells) cellsOf.set(c.reportId, [...(cellsOf.get(c.reportId) ?? []), c])
  for (const v of rows) {
    const list = byReport.get(v.reportId) ?? []
    list.push(storedValue(v, cellsOf.get(v.reportId) ?? []))
    byReport.set(v.reportId, list)
  }
  return byReport
}

/** A stored value with its breakdown cells (those of its revision and assignment, in their order). */
function storedValue(
  v: Selectable<ReportValuesTable> & { indicatorCode: string },
  breakdowns: Selectable<ReportValueBreakdownsTable>[],
): StoredValue {
  return {
    assignmentId: v.assignmentId,
    indicatorCode: v.indicatorCode,
    total: v.total,
    numerator: v.numerator,
    denominator: v.denominator,
    breakdowns: breakdowns
      .filter((b) => b.revision === v.revision && b.assignmentId === v.assignmentId)
      .map((b) => ({
        dimension: b.dimension,
        category: b.category,
        value: b.value,
        numerator: b.numerator,
        denominator: b.denominator,
      })),
    note: v.note,
    evidence: v.evidence,
    verificationLevel: v.verificationLevel,
  }
}

/** Replaces the values of the given assignments (all when `only` is undefined) in one revision. */
export async function replaceValues(
  db: Db,
  reportId: string,
  revision: number,
  values: StoredValue[],
  only?: string[],
) {
  let del = db.deleteFrom('reportValues').where('reportId', '=', reportId).where('revision', '=', revision)
  if (only) {
    if (only.length === 0) return
    del = del.where('assignmentId', 'in', only)
  }
  await del.execute()
  await insertValues(db, reportId, revision, values)
}

/** Inserts values of one revision in batches (PostgreSQL allows 65 535 parameters a statement). */
export async function insertValues(db: Db, reportId: string, revision: number, values: StoredValue[]) {
  const rows = values.map((v) => ({
    reportId,
    revision,
    assignmentId: v.assignmentId,
    total: v.total,
    numerator: v.numerator,
    denominator: v.denominator,
    note: v.note,
    evidence: v.evidence,
    verificationLevel: v.verificationLevel,
  }))
  const cells = values.flatMap((v) =>
    v.breakdowns.map((b) => ({ reportId, revision, assignmentId: v.assignmentId, ...b })),
  )
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('reportValues')
      .values(rows.slice(i, i + 1000))
      .execute()
  }
  for (let i = 0; i < cells.length; i += 5000) {
    await db
      .insertInto('reportValueBreakdowns')
      .values(cells.slice(i, i + 5000))
      .execute()
  }
}
