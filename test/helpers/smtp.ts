import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { freePort } from './free-port.ts'

export interface ReceivedMail {
  from: string
  to: string[]
  subject: string
  text: string
  html: string
  language: string | undefined
  messageId: string | undefined
  parsed: ParsedMail
}

export interface TestSmtp {
  url: string
  mails: ReceivedMail[]
  /** While set, every mail is refused with this SMTP reply code (e.g. 451: try again later). */
  refuse: number | null
  /** Resolves once `count` mails have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>
  close(): Promise<void>
}

/**
 * A real SMTP server inside the suite (smtp-server), with AUTH PLAIN/LOGIN for `user`/`pass`,
 * no TLS (loopback only); every accepted mail is parsed (mailparser) and kept in `mails`.
 */
export async function startSmtp(opts: { user?: string; pass?: string } = {}): Promise<TestSmtp> {
  const user = opts.user ?? 'effekt'
  const pass = opts.pass ?? 's3cret'
  const port = await freePort()
  const state: TestSmtp = {
    url: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}`,
    mails: [],
    refuse: null,
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs
      while (state.mails.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mails, got ${state.mails.length}`)
        await new Promise((r) => setTimeout(r, 20))
      }
      return state.mails
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) return callback(null, { user })
      return callback(new Error('Invalid username or password'))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        if (state.refuse !== null) {
          const err = Object.assign(new Error('Try again later'), { responseCode: state.refuse })
          return callback(err)
        }
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            state.mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              language: parsed.headers.get('content-language')?.toString(),
              messageId: parsed.messageId,
              parsed,
            })
            callback()
          })
          .catch(callback)
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return state
}
