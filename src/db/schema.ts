import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/**
 * Table types as the app sees them (camelCase through Kysely's CamelCasePlugin). numeric
 * columns are strings, dates `YYYY-MM-DD` strings, timestamps Dates: see typeParsers.
 */
type Json = ColumnType<unknown, string | null, string | null>

export interface AuditEventsTable {
  id: Generated<string>
  occurredAt: Generated<Date>
  actorUserId: string | null
  actorLabel: string
  organizationId: string | null
  action: string
  entity: string
  entityId: string
  before: Json | null
  after: Json | null
  requestId: string | null
}
export type AuditEvent = Selectable<AuditEventsTable>
export type NewAuditEvent = Insertable<AuditEventsTable>

export interface DB {
  auditEvents: AuditEventsTable
}
