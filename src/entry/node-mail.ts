import nodemailer from 'nodemailer'
import type { MailTransport } from '../modules/mail/index.ts'

/**
 * The SMTP transport on Node: nodemailer over SMTP_URL (smtp:// upgrades with STARTTLS when the
 * server offers it, smtps:// is TLS from the start; user and password in the URL). nodemailer
 * rather than our own SMTP client: it handles STARTTLS, auth mechanisms, MIME multipart,
 * encoded headers and dot-stuffing, all of which are easy to get subtly wrong.
 */
export function smtpTransport(smtpUrl: string, opts: { timeoutMs?: number } = {}): MailTransport {
  const timeout = opts.timeoutMs ?? 30_000
  const url = new URL(smtpUrl)
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  })
  return {
    async send(mail) {
      const domain = /@([^>\s]+)>?\s*$/.exec(mail.from)?.[1] ?? 'effekt.invalid'
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.id}@${domain}>`,
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': mail.language },
      })
    },
    async close() {
      transporter.close()
    },
  }
}
