import type { NewAuditEvent } from '../../db/schema.ts'
import type { Db } from '../../db/tx.ts'
import type { CursorKey } from '../../http/pagination.ts'

export async function insertAuditEvent(db: Db, event: NewAuditEvent): Promise<void> {
  await insertAuditEvents(db, [event])
}

/** One statement; `seq` follows the order of `events`. */
export async function insertAuditEvents(db: Db, events: readonly NewAuditEvent[]): Promise<void> {
  await db.insertInto('auditEvents').values(events).execute()
}

export interface AuditFilter {
  entity?: string
  entityId?: string
  /** Restrict to these organizations; undefined = all (platform admins). */
  organizationIds?: string[]
  after: CursorKey | null
  limit: number
}

export async function listAuditEvents(db: Db, f: AuditFilter) {
  let q = db.selectFrom('auditEvents').selectAll()
  if (f.entity) q = q.where('entity', '=', f.entity)
  if (f.entityId) q = q.where('entityId', '=', f.entityId)
  if (f.organizationIds) {
    if (f.organizationIds.length === 0) return []
    q = q.where('organizationId', 'in', f.organizationIds)
  }
  if (f.after) q = q.where('seq', '<', Number(f.after[0]))
  return q
    .orderBy('seq', 'desc')
    .limit(f.limit + 1)
    .execute()
}
