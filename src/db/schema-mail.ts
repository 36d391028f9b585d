import type { Generated } from 'kysely'

/** Mail tables (migration 2026-12-08-0011-mail). */
export type MailLanguage = 'nb' | 'en'

export interface OutboxTable {
  id: string
  kind: string
  toAddress: string
  language: MailLanguage
  subject: string
  textBody: string
  htmlBody: string
  userId: string | null
  dedupeKey: string | null
  createdAt: Generated<Date>
  attempts: Generated<number>
  nextAttemptAt: Generated<Date>
  lastError: string | null
  claimedBy: string | null
  claimedUntil: Date | null
  sentAt: Date | null
  failedAt: Date | null
  loggedAt: Date | null
}

export interface SchedulerLeasesTable {
  name: string
  holder: string
  expiresAt: Date
}

export interface InvitationsTable {
  id: string
  organizationId: string
  email: string
  role: 'admin' | 'editor' | 'viewer'
  language: MailLanguage
  tokenHash: string
  invitedBy: string | null
  createdAt: Generated<Date>
  expiresAt: Date
  acceptedAt: Date | null
  acceptedBy: string | null
  revokedAt: Date | null
  revokedBy: string | null
}

export interface UserTokensTable {
  tokenHash: string
  userId: string
  purpose: 'password_reset' | 'email_change'
  newEmail: string | null
  createdAt: Generated<Date>
  expiresAt: Date
  usedAt: Date | null
}

export interface MailTables {
  outbox: OutboxTable
  schedulerLeases: SchedulerLeasesTable
  invitations: InvitationsTable
  userTokens: UserTokensTable
}
