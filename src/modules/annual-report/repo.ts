import type { Db } from '../../db/tx.ts'

/** The commentary of one investor for a venture (or, `null`, its portfolio) and year. */
export const findCommentary = (db: Db, investorOrgId: string, ventureOrgId: string | null, year: number) => {
  let q = db
    .selectFrom('annualCommentaries')
    .selectAll()
    .where('investorOrgId', '=', investorOrgId)
    .where('year', '=', year)
  q = ventureOrgId === null ? q.where('ventureOrgId', 'is', null) : q.where('ventureOrgId', '=', ventureOrgId)
  return q.executeTakeFirst()
}

export type CommentaryRow = NonNullable<Awaited<ReturnType<typeof findCommentary>>>

/**
 * Writes the text, racing writers included: the partial unique indexes (one per venture and year,
 * one for the portfolio per year) decide which row an insert meets.
 */
export function upsertCommentary(
  db: Db,
  row: { id: string; investorOrgId: string; ventureOrgId: string | null; year: number; body: string },
  userId: string | null,
  now: Date,
): Promise<CommentaryRow> {
  const update = { body: row.body, updatedAt: now, updatedBy: userId }
  return db
    .insertInto('annualCommentaries')
    .values({ ...row, createdAt: now, updatedAt: now, updatedBy: userId })
    .onConflict((oc) =>
      row.ventureOrgId === null
        ? oc.columns(['investorOrgId', 'year']).where('ventureOrgId', 'is', null).doUpdateSet(update)
        : oc
            .columns(['investorOrgId', 'ventureOrgId', 'year'])
            .where('ventureOrgId', 'is not', null)
            .doUpdateSet(update),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
}
