import { sql } from 'kysely'
import { prepared } from '../../db/prepared.ts'
import type { Db } from '../../db/tx.ts'
import type { CursorKey } from '../../http/pagination.ts'
import { relationColumns, ventureVisibleTo } from '../../policy/access-repo.ts'
import { investedIn } from '../../policy/standing.ts'
import type { ProfilePatch } from './schemas.ts'

const ventureColumns = [
  'v.orgId as id',
  'o.name',
  'o.orgNumber',
  'v.description',
  'v.founded',
  'v.themes',
  'v.sdgGoals',
  'v.municipalities',
  'v.status',
  'v.theoryOfChange',
  'v.depthOfChange',
  'v.website',
  'v.publishOpenData',
  'v.version',
  'v.createdAt',
  'v.updatedAt',
] as const

export type VentureRow = Awaited<ReturnType<typeof findVenture>> & {}

export const findVenture = (db: Db, id: string) =>
  db
    .selectFrom('ventures as v')
    .innerJoin('organizations as o', 'o.id', 'v.orgId')
    .select(ventureColumns)
    .where('v.orgId', '=', id)
    .executeTakeFirst()

/**
 * The venture row with what the policy needs about the caller's organizations (access-repo.ts),
 * in one statement: a single read checks access and answers without a second round trip.
 */
const ventureWithRelations = prepared((db: Db, id: string, orgIds: string[]) =>
  db
    .selectFrom('ventures as v')
    .innerJoin('organizations as o', 'o.id', 'v.orgId')
    .select(ventureColumns)
    .select((eb) => relationColumns(eb, orgIds))
    .where('v.orgId', '=', id),
)
export const findVentureWithRelations = async (db: Db, id: string, orgIds: string[]) =>
  (await ventureWithRelations(db, id, orgIds))[0]

export async function insertVenture(
  db: Db,
  orgId: string,
  createdByOrgId: string | null,
  profile: Partial<ProfilePatch>,
) {
  const { name: _name, ...fields } = profile
  await db
    .insertInto('ventures')
    .values({ orgId, createdByOrgId, ...fields })
    .execute()
}

export interface VentureFilter {
  /** undefined: all ventures (platform admins). */
  visibleTo?: string[]
  /** The caller's organizations: each row carries its relations to them (access-repo.ts). */
  callerOrgIds: string[]
  theme?: string | undefined
  status?: string | undefined
  municipality?: string | undefined
  investor?: string | undefined
  q?: string | undefined
  after: CursorKey | null
  limit: number
}

export async function listVentures(db: Db, f: VentureFilter) {
  let q = db
    .selectFrom('ventures as v')
    .innerJoin('organizations as o', 'o.id', 'v.orgId')
    .select(ventureColumns)
    .select((eb) => relationColumns(eb, f.callerOrgIds))
  if (f.visibleTo) q = q.where(ventureVisibleTo(f.visibleTo))
  if (f.theme) q = q.where(sql<boolean>`${f.theme} = any(v.themes)`)
  if (f.status) q = q.where('v.status', '=', f.status as 'active')
  if (f.municipality) q = q.where(sql<boolean>`${f.municipality} = any(v.municipalities)`)
  if (f.investor) {
    const investor = f.investor
    q = q.where((eb) => investedIn(eb, [investor]))
  }
  if (f.q) q = q.where('o.name', 'ilike', `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)
  if (f.after) {
    const [name, id] = f.after
    q = q.where((eb) =>
      eb.or([eb('o.name', '>', name), eb.and([eb('o.name', '=', name), eb('v.orgId', '>', id)])]),
    )
  }
  return q
    .orderBy('o.name')
    .orderBy('v.orgId')
    .limit(f.limit + 1)
    .execute()
}

export async function updateVenture(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: Partial<ProfilePatch>,
  now: Date,
) {
  const { name, ...fields } = patch
  if (name !== undefined)
    await db.updateTable('organizations').set({ name, updatedAt: now }).where('id', '=', id).execute()
  return db
    .updateTable('ventures')
    .set({ ...fields, version: sql`version + 1`, updatedAt: now })
    .where('orgId', '=', id)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst()
}
