import type { Db } from '../../db/tx.ts'

/** The investor's own theme → sector rows (themes with a default have none). */
export async function sectorMappingRows(db: Db, investorOrgId: string) {
  return db
    .selectFrom('iatiSectorMappings')
    .select(['theme', 'sectorCode'])
    .where('investorOrgId', '=', investorOrgId)
    .orderBy('theme')
    .execute()
}

/** Replaces the investor's rows with `rows`. */
export async function replaceSectorMappings(
  db: Db,
  investorOrgId: string,
  rows: { theme: string; sectorCode: string }[],
  userId: string | null,
  now: Date,
): Promise<void> {
  await db.deleteFrom('iatiSectorMappings').where('investorOrgId', '=', investorOrgId).execute()
  if (rows.length === 0) return
  await db
    .insertInto('iatiSectorMappings')
    .values(rows.map((r) => ({ investorOrgId, ...r, updatedAt: now, updatedBy: userId })))
    .execute()
}
