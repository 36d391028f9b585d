import type { Delivery, NotificationKind, PreferenceKind } from '../../db/schema-notifications.ts'

/** The kinds a user chooses a delivery for, in the order the preferences page lists them. */
export const PREFERENCE_KINDS: readonly PreferenceKind[] = [
  'reminder',
  'report_submitted',
  'report_returned',
  'report_verified',
]

/**
 * Mails that are always sent at once and cannot be turned off: they carry a link the user asked
 * for or must see (the mail module sends them; they are listed so the preferences say so).
 */
export const SECURITY_KINDS = ['invitation', 'password_reset', 'email_change'] as const

export const DELIVERIES: readonly Delivery[] = ['immediately', 'daily', 'weekly', 'off']

/** The choice a notification kind follows. */
export function preferenceKindOf(kind: NotificationKind): PreferenceKind {
  switch (kind) {
    case 'report_due_soon':
    case 'report_due':
    case 'report_overdue':
      return 'reminder'
    case 'report_submitted':
    case 'report_returned':
    case 'report_verified':
      return kind
  }
}

/** Without a choice of their own a user is told at once. */
export const DEFAULT_DELIVERY: Delivery = 'immediately'

/** Days before a due date the first reminder goes out, unless the investor chose otherwise. */
export const DEFAULT_DAYS_BEFORE = 7
