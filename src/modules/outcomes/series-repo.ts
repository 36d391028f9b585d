import { sql } from 'kysely'
import type { Db } from '../../db/tx.ts'

/**
 * The values that count for aggregates, one revision per report: the latest verified revision
 * (a report under amendment still counts with the revision that was verified), or — when the
 * caller includes unverified values — a submitted revision in its place. Totals only.
 */
export async function countedValues(
  db: Db,
  ventureIds: string[],
  opts: { includeUnverified: boolean; assignmentIds?: string[] },
) {
  if (ventureIds.length === 0) return []
  let q = db
    .selectFrom('reportValues as v')
    .innerJoin('reports as r', 'r.id', 'v.reportId')
    .select([
      'v.assignmentId',
      'v.reportId',
      'v.revision',
      'v.total',
      'v.numerator',
      'v.denominator',
      'v.verificationLevel',
      'r.ventureOrgId',
      'r.period',
      'r.periodEnd',
      'r.status',
    ])
    .select(sql<boolean>`(r.status <> 'verified' and v.revision = r.revision)`.as('unverified'))
    .where('r.ventureOrgId', 'in', ventureIds)
  const current = opts.includeUnverified
    ? sql<boolean>`r.status in ('verified', 'submitted')`
    : sql<boolean>`r.status = 'verified'`
  q = q.where(
    // Parenthesised as a whole: a bare `a or b` after `venture in (…) and` would let the second arm
    // match every report in the database.
    sql<boolean>`((${current} and v.revision = r.revision) or (not (${current}) and v.revision = r.revision - 1))`,
  )
  if (opts.assignmentIds) {
    if (opts.assignmentIds.length === 0) return []
    q = q.where('v.assignmentId', 'in', opts.assignmentIds)
  }
  return q.orderBy('v.assignmentId').orderBy('r.periodEnd').execute()
}

export type CountedValue = Awaited<ReturnType<typeof countedValues>>[number]

/** Per assignment, its latest verified value (the latest period's verified revision): one query. */
export async function latestVerifiedValues(db: Db, ventureIds: string[]) {
  if (ventureIds.length === 0) return []
  return db
    .selectFrom('reportValues as v')
    .innerJoin('reports as r', 'r.id', 'v.reportId')
    .distinctOn('v.assignmentId')
    .select([
      'v.assignmentId',
      'v.total',
      'v.numerator',
      'v.denominator',
      'r.ventureOrgId',
      'r.period',
      'r.periodEnd',
    ])
    .where('r.ventureOrgId', 'in', ventureIds)
    .where(
      sql<boolean>`((r.status = 'verified' and v.revision = r.revision) or (r.status <> 'verified' and v.revision = r.revision - 1))`,
    )
    .orderBy('v.assignmentId')
    .orderBy('r.periodEnd', 'desc')
    .execute()
}
