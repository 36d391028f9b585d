import { defaultConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { smtpTransport } from '../../src/entry/node-mail.ts'
import type { Logger } from '../../src/http/logger.ts'
import { type MailTransport, runTick } from '../../src/modules/mail/index.ts'
import { type ReceivedMail, startSmtp, type TestSmtp } from './smtp.ts'

/**
 * A real SMTP server plus the app's own SMTP transport: `deliver()` runs one scheduler tick, and
 * `next(to)` waits for the next mail to that address. Links are read from the plain-text body.
 */
export interface Mailbox {
  smtp: TestSmtp
  transport: MailTransport
  deliver(now?: Date): Promise<void>
  /** Delivers, then returns the mails to `to` that arrived since the last call for `to`. */
  take(to: string, count?: number): Promise<ReceivedMail[]>
  close(): Promise<void>
}

export async function startMailbox(database: Database, logger: Logger, clock: () => Date = () => new Date()) {
  const smtp = await startSmtp()
  const transport = smtpTransport(smtp.url, { timeoutMs: 5000 })
  const seen = new Map<string, number>()
  const config = defaultConfig()
  const mailbox: Mailbox = {
    smtp,
    transport,
    async deliver(now = clock()) {
      await runTick(database.db, now, { config, logger, transport, holder: 'test-instance' })
    },
    async take(to, count = 1) {
      const address = to.toLowerCase()
      const already = seen.get(address) ?? 0
      const mine = () => smtp.mails.filter((m) => m.to.includes(address))
      await mailbox.deliver()
      const until = Date.now() + 10_000
      while (mine().length < already + count) {
        if (Date.now() > until)
          throw new Error(`expected ${count} new mail(s) to ${to}, got ${mine().length - already}`)
        await new Promise((r) => setTimeout(r, 20))
      }
      seen.set(address, already + count)
      return mine().slice(already, already + count)
    },
    async close() {
      await transport.close?.()
      await smtp.close()
    },
  }
  return mailbox
}

/** The single link in a mail's text, and its `token` query parameter. */
export function linkIn(mail: ReceivedMail): { url: URL; token: string } {
  const match = /https?:\/\/\S+\?token=\S+/.exec(mail.text)
  if (!match) throw new Error(`no link in mail: ${mail.text}`)
  const url = new URL(match[0])
  return { url, token: url.searchParams.get('token')! }
}
