import { sql } from 'kysely'
import type { Db } from '../../db/tx.ts'
import type { IndicatorPatch } from './schemas/indicators.ts'

export type IndicatorRow = NonNullable<Awaited<ReturnType<typeof findIndicator>>>

export const findIndicator = (db: Db, code: string) =>
  db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst()

export const findIndicators = (db: Db, codes: string[]) =>
  codes.length === 0
    ? Promise.resolve([])
    : db.selectFrom('indicators').selectAll().where('code', 'in', codes).execute()

export interface IndicatorFilter {
  q?: string | undefined
  theme?: string | undefined
  /** 'catalogue' for the shared ones, or an owner organization id. */
  owner?: string | undefined
  after: string | null
  limit: number
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`)

export async function listIndicators(db: Db, f: IndicatorFilter) {
  let q = db.selectFrom('indicators').selectAll()
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`
    q = q.where((eb) =>
      eb.or([
        eb('code', 'ilike', like),
        eb('nameNb', 'ilike', like),
        eb('nameEn', 'ilike', like),
        eb('definition', 'ilike', like),
        eb('irisMetricId', 'ilike', like),
      ]),
    )
  }
  if (f.theme) q = q.where(sql<boolean>`${f.theme} = any(themes)`)
  if (f.owner === 'catalogue') q = q.where('ownerOrgId', 'is', null)
  else if (f.owner) q = q.where('ownerOrgId', '=', f.owner)
  if (f.after) q = q.where('code', '>', f.after)
  return q
    .orderBy('code')
    .limit(f.limit + 1)
    .execute()
}

export interface NewIndicator {
  code: string
  ownerOrgId: string | null
  nameNb: string
  nameEn: string
  definition: string
  unit: IndicatorRow['unit']
  level: IndicatorRow['level']
  direction: IndicatorRow['direction']
  aggregation: IndicatorRow['aggregation']
  themes: string[]
  sdgTargets: string[]
  irisMetricId: string | null
  irisVersion: string | null
  personal: boolean
  allowedBreakdowns: string[]
  shareable: boolean
}

export async function insertIndicator(db: Db, row: NewIndicator) {
  await db.insertInto('indicators').values(row).execute()
}

export async function updateIndicator(
  db: Db,
  code: string,
  version: number,
  patch: IndicatorPatch,
  now: Date,
) {
  return db
    .updateTable('indicators')
    .set({ ...patch, version: sql`version + 1`, updatedAt: now })
    .where('code', '=', code)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst()
}

export async function indicatorHasValues(db: Db, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('reportValues as v')
    .innerJoin('assignments as a', 'a.id', 'v.assignmentId')
    .select(sql<number>`1`.as('one'))
    .where('a.indicatorCode', '=', code)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
