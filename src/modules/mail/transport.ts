/**
 * How a mail leaves Effekt. The Node entry builds one over SMTP (nodemailer, src/entry/node-mail.ts);
 * tests hand in their own; without one, mail stays in the outbox (README "Mail").
 */
export interface OutgoingMail {
  /** The outbox row's id, sent as the Message-ID's local part so a resend is recognisable. */
  id: string
  from: string
  to: string
  subject: string
  text: string
  html: string
  language: 'nb' | 'en'
}

export interface MailTransport {
  /** Resolves when the server accepted the mail; rejects (with a message, no secrets) otherwise. */
  send(mail: OutgoingMail): Promise<void>
  /** Closes pooled connections (shutdown). */
  close?(): Promise<void>
}
