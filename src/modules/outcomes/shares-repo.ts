import type { Db } from '../../db/tx.ts'
import type { CursorKey } from '../../http/pagination.ts'

const columns = [
  's.id',
  's.ventureOrgId',
  's.granteeOrgId',
  'o.name as granteeName',
  'o.kind as granteeKind',
  's.level',
  's.createdAt',
  's.createdBy',
  's.revokedAt',
  's.revokedBy',
] as const

export type ShareRow = NonNullable<Awaited<ReturnType<typeof findShare>>>

export const findShare = (db: Db, ventureId: string, id: string) =>
  db
    .selectFrom('dataShares as s')
    .innerJoin('organizations as o', 'o.id', 's.granteeOrgId')
    .select(columns)
    .where('s.ventureOrgId', '=', ventureId)
    .where('s.id', '=', id)
    .executeTakeFirst()

export async function listShares(
  db: Db,
  ventureId: string,
  f: { includeRevoked: boolean; after: CursorKey | null; limit: number },
) {
  let q = db
    .selectFrom('dataShares as s')
    .innerJoin('organizations as o', 'o.id', 's.granteeOrgId')
    .select(columns)
    .where('s.ventureOrgId', '=', ventureId)
  if (!f.includeRevoked) q = q.where('s.revokedAt', 'is', null)
  if (f.after) {
    const [createdAt, id] = f.after
    const at = new Date(createdAt)
    q = q.where((eb) =>
      eb.or([eb('s.createdAt', '>', at), eb.and([eb('s.createdAt', '=', at), eb('s.id', '>', id)])]),
    )
  }
  return q
    .orderBy('s.createdAt')
    .orderBy('s.id')
    .limit(f.limit + 1)
    .execute()
}

export const activeShareWith = (db: Db, ventureId: string, granteeId: string) =>
  db
    .selectFrom('dataShares')
    .select(['id', 'level'])
    .where('ventureOrgId', '=', ventureId)
    .where('granteeOrgId', '=', granteeId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst()

export async function insertShare(
  db: Db,
  s: {
    id: string
    ventureOrgId: string
    granteeOrgId: string
    level: 'aggregate' | 'detailed'
    createdBy: string | null
  },
  now: Date,
) {
  await db
    .insertInto('dataShares')
    .values({ ...s, createdAt: now, revokedAt: null, revokedBy: null })
    .execute()
}

export async function revokeShare(db: Db, id: string, by: string | null, now: Date) {
  await db
    .updateTable('dataShares')
    .set({ revokedAt: now, revokedBy: by })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute()
}
