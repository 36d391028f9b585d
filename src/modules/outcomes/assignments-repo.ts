import { sql } from 'kysely'
import type { Db } from '../../db/tx.ts'

export type AssignmentRow = NonNullable<Awaited<ReturnType<typeof findAssignment>>>

export const findAssignment = (db: Db, id: string) =>
  db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst()

export const listAssignments = (db: Db, ventureIds: string[]) =>
  ventureIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('assignments')
        .selectAll()
        .where('ventureOrgId', 'in', ventureIds)
        .orderBy('ventureOrgId')
        .orderBy('indicatorCode')
        .execute()

/** One venture's assignments by indicator code, `limit + 1` rows after the cursor's code. */
export const listAssignmentsPage = (db: Db, ventureId: string, after: string | null, limit: number) => {
  let q = db.selectFrom('assignments').selectAll().where('ventureOrgId', '=', ventureId)
  if (after) q = q.where('indicatorCode', '>', after)
  return q
    .orderBy('indicatorCode')
    .limit(limit + 1)
    .execute()
}

export const findAssignmentFor = (db: Db, ventureId: string, indicatorCode: string) =>
  db
    .selectFrom('assignments')
    .selectAll()
    .where('ventureOrgId', '=', ventureId)
    .where('indicatorCode', '=', indicatorCode)
    .executeTakeFirst()

export const listTargets = (db: Db, assignmentIds: string[]) =>
  assignmentIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('assignmentTargets')
        .selectAll()
        .where('assignmentId', 'in', assignmentIds)
        .orderBy('assignmentId')
        .orderBy('period')
        .execute()

export interface NewAssignment {
  id: string
  ventureOrgId: string
  indicatorCode: string
  frequency: AssignmentRow['frequency']
  startDate: string
  endDate: string | null
  baselineValue: string | null
  baselineDate: string | null
  createdByOrgId: string | null
}

export async function insertAssignment(db: Db, row: NewAssignment) {
  await db.insertInto('assignments').values(row).execute()
}

export async function updateAssignment(
  db: Db,
  id: string,
  patch: { endDate?: string | null; baselineValue?: string | null; baselineDate?: string | null },
  now: Date,
) {
  await db
    .updateTable('assignments')
    .set({ ...patch, version: sql`version + 1`, updatedAt: now })
    .where('id', '=', id)
    .execute()
}

export async function upsertTargets(
  db: Db,
  assignmentId: string,
  targets: { period: string; value: string }[],
) {
  if (targets.length === 0) return
  await db
    .insertInto('assignmentTargets')
    .values(targets.map((t) => ({ assignmentId, period: t.period, value: t.value })))
    .onConflict((oc) =>
      oc.columns(['assignmentId', 'period']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
    )
    .execute()
}

export async function deleteTargets(db: Db, assignmentId: string, periods: string[]) {
  if (periods.length === 0) return
  await db
    .deleteFrom('assignmentTargets')
    .where('assignmentId', '=', assignmentId)
    .where('period', 'in', periods)
    .execute()
}

/** Periods of the venture whose report has been verified at least once (locked for targets). */
export async function everVerifiedPeriods(db: Db, ventureIds: string[]): Promise<Set<string>> {
  if (ventureIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('reports')
    .select(['ventureOrgId', 'period'])
    .where('ventureOrgId', 'in', ventureIds)
    .where((eb) => eb.or([eb('status', '=', 'verified'), eb('revision', '>', 1)]))
    .execute()
  return new Set(rows.map((r) => `${r.ventureOrgId}/${r.period}`))
}

/** Whether any verified report holds a value of the assignment: its baseline is then fixed. */
export async function hasVerifiedValues(db: Db, assignmentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('reportValues as v')
    .innerJoin('reports as r', 'r.id', 'v.reportId')
    .select(sql<number>`1`.as('one'))
    .where('v.assignmentId', '=', assignmentId)
    .where((eb) => eb.or([eb('r.status', '=', 'verified'), eb('v.revision', '<', eb.ref('r.revision'))]))
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** The first period start with a value of the assignment after `date`, if any. */
export async function valuesAfter(db: Db, assignmentId: string, date: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('reportValues as v')
    .innerJoin('reports as r', 'r.id', 'v.reportId')
    .select('r.period')
    .where('v.assignmentId', '=', assignmentId)
    .where('r.periodStart', '>', date)
    .orderBy('r.periodStart')
    .limit(1)
    .executeTakeFirst()
  return row?.period
}
