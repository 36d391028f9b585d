import type { Db } from '../../db/tx.ts'
import type { Logger } from '../../http/logger.ts'
import * as repo from './repo.ts'
import type { MailTransport } from './transport.ts'

/** Attempts per mail before it is marked failed (it stays readable, and the admin can retry). */
export const MAX_ATTEMPTS = 10
/** How long one instance's claim on a mail lasts; a crash mid-send frees the mail after this. */
export const CLAIM_MS = 5 * 60_000
const BATCH = 20

/** Exponential backoff after the n-th failed attempt: 30 s, 1 min, 2 min … capped at 6 h. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000)

export interface DeliveryOptions {
  transport: MailTransport | undefined
  from: string
  logger: Logger
  /** This instance's name in claims (a random id per process). */
  holder: string
  now: Date
}

export interface DeliveryResult {
  sent: number
  failed: number
  logged: number
}

/**
 * One round of delivery. With a transport: claims due mails, sends each outside any transaction
 * (PGlite has one connection; a network call must not hold it), marks it sent or schedules the
 * next attempt. Without one: writes each new mail to the log once, link included — on the
 * embedded default that is how an operator finds an invitation or reset link — and keeps it in
 * the outbox; mail is never dropped.
 */
export async function deliverDueMail(db: Db, opts: DeliveryOptions): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, logged: 0 }
  if (!opts.transport) {
    const rows = await repo.unlogged(db, BATCH)
    for (const r of rows) {
      opts.logger.info({
        msg: 'mail kept in the outbox (no SMTP_URL)',
        outboxId: r.id,
        kind: r.kind,
        to: r.toAddress,
        subject: r.subject,
        text: r.textBody,
      })
    }
    await repo.markLogged(
      db,
      rows.map((r) => r.id),
      opts.now,
    )
    result.logged = rows.length
    return result
  }
  const claimed = await repo.claimDue(
    db,
    opts.holder,
    opts.now,
    new Date(opts.now.getTime() + CLAIM_MS),
    BATCH,
  )
  for (const mail of claimed) {
    try {
      await opts.transport.send({
        id: mail.id,
        from: opts.from,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        language: mail.language,
      })
      await repo.markSent(db, mail.id, opts.holder, opts.now)
      result.sent++
    } catch (err) {
      const error = errorText(err)
      const last = mail.attempts >= MAX_ATTEMPTS
      const next = last ? null : new Date(opts.now.getTime() + backoffMs(mail.attempts))
      await repo.markAttemptFailed(db, mail.id, opts.holder, error, next, opts.now)
      opts.logger.warn({
        msg: last ? 'mail failed; no more attempts' : 'mail attempt failed; will retry',
        outboxId: mail.id,
        kind: mail.kind,
        attempts: mail.attempts,
        nextAttemptAt: next?.toISOString() ?? null,
        error,
      })
      result.failed++
    }
  }
  return result
}

/** The transport's message, shortened; SMTP replies carry no credentials. */
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500)
