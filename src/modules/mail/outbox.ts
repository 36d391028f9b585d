import type { MailLanguage } from '../../db/schema-mail.ts'
import type { Db } from '../../db/tx.ts'
import * as repo from './repo.ts'

export interface MailToSend {
  to: string
  language: MailLanguage
  /** What the mail is about, e.g. `invitation`, `password_reset`; shown in the admin's outbox. */
  kind: string
  subject: string
  text: string
  html: string
  /** The recipient's user id when there is one (the row stays when the user is deleted). */
  userId?: string | null
  /** A second enqueue with the same key writes nothing: "send this once" for steps that may rerun. */
  dedupeKey?: string | null
}

/**
 * Writes a mail to the outbox in the caller's transaction (the transactional outbox): it is sent
 * only if the write that causes it commits, and it is never lost when SMTP is down — the
 * delivery worker (delivery.ts) picks it up. Pass the transaction the event is written in.
 * Returns the row id, or null when the dedupe key was used before.
 */
export async function enqueueMail(trx: Db, mail: MailToSend, now: Date = new Date()): Promise<string | null> {
  const id = crypto.randomUUID()
  const written = await repo.insertOutbox(trx, {
    id,
    kind: mail.kind,
    toAddress: mail.to,
    language: mail.language,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html,
    userId: mail.userId ?? null,
    dedupeKey: mail.dedupeKey ?? null,
    createdAt: now,
    nextAttemptAt: now,
  })
  return written ? id : null
}
