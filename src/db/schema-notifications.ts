import type { ColumnType, Generated } from 'kysely'

/** Notification tables (migration 2026-12-08-0012-notifications). */
export type NotificationKind =
  | 'report_due_soon'
  | 'report_due'
  | 'report_overdue'
  | 'report_submitted'
  | 'report_returned'
  | 'report_verified'

/** What a user chooses per kind; `reminder` covers the three reminder kinds. */
export type PreferenceKind = 'reminder' | 'report_submitted' | 'report_returned' | 'report_verified'
export type Delivery = 'immediately' | 'daily' | 'weekly' | 'off'

export interface NotificationsTable {
  id: string
  userId: string
  kind: NotificationKind
  ventureOrgId: string | null
  reportId: string | null
  params: ColumnType<Record<string, string>, string, string>
  delivery: Delivery
  dedupeKey: string | null
  createdAt: Generated<Date>
  readAt: Date | null
  mailedAt: Date | null
}

export interface NotificationPreferencesTable {
  userId: string
  kind: PreferenceKind
  delivery: Delivery
  updatedAt: Generated<Date>
}

export interface ReminderSettingsTable {
  organizationId: string
  daysBefore: number
  updatedAt: Generated<Date>
}

export interface NotificationStepRunsTable {
  name: string
  lastDate: string
}

export interface NotificationTables {
  notifications: NotificationsTable
  notificationPreferences: NotificationPreferencesTable
  reminderSettings: ReminderSettingsTable
  notificationStepRuns: NotificationStepRunsTable
}
