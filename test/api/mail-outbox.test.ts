import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { smtpTransport } from '../../src/entry/node-mail.ts'
import { createLogger } from '../../src/http/logger.ts'
import {
  composeMail,
  enqueueMail,
  LEASE_MS,
  MAX_ATTEMPTS,
  type MailTransport,
  registerTickStep,
  runTick,
  type TickEnv,
} from '../../src/modules/mail/index.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts'

let database: Database
let smtp: TestSmtp
let transport: MailTransport
const logs: Record<string, unknown>[] = []
const config = defaultConfig({ MAIL_FROM: 'Effekt <noreply@effekt.test>' })
const logger = createLogger('debug', (line) => logs.push(JSON.parse(line)))
/** An instance's tick environment; `null` for one without a transport (no SMTP_URL). */
const env = (holder: string, t: MailTransport | null = transport): TickEnv => ({
  config,
  logger,
  transport: t ?? undefined,
  holder,
})

beforeAll(async () => {
  database = await createTestDatabase()
  smtp = await startSmtp()
  transport = smtpTransport(smtp.url, { timeoutMs: 5000 })
})
afterAll(async () => {
  await transport.close?.()
  await smtp.close()
  await database.close()
})

const mail = (to: string, language: 'nb' | 'en' = 'nb', dedupeKey?: string) => {
  const body = composeMail({
    language,
    subject: language === 'nb' ? 'Hei' : 'Hello',
    heading: language === 'nb' ? 'Hei på deg' : 'Hello there',
    paragraphs: ['<b>not bold</b> & plain'],
    action: { label: 'Open', url: 'http://localhost:8787/x?token=abc' },
  })
  return { to, language, kind: 'test', ...body, ...(dedupeKey ? { dedupeKey } : {}) }
}

const outboxRow = (to: string) =>
  database.db.selectFrom('outbox').selectAll().where('toAddress', '=', to).executeTakeFirstOrThrow()

describe('the transactional outbox', () => {
  it('keeps nothing when the transaction that enqueued the mail rolls back', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, mail('rollback@example.test'))
        throw new Error('the event failed')
      }),
    ).rejects.toThrow('the event failed')
    const rows = await database.db
      .selectFrom('outbox')
      .select('id')
      .where('toAddress', '=', 'rollback@example.test')
      .execute()
    expect(rows).toEqual([])
  })

  it('delivers a committed mail over SMTP once, as text and HTML, escaped', async () => {
    const t0 = new Date('2026-12-08T10:00:00Z')
    await database.db.transaction().execute((trx) => enqueueMail(trx, mail('one@example.test', 'en'), t0))
    await runTick(database.db, t0, env('a'))
    const [got] = await smtp.waitFor(1)
    expect(got!.to).toEqual(['one@example.test'])
    expect(got!.from).toBe('noreply@effekt.test')
    expect(got!.subject).toBe('Hello')
    expect(got!.language).toBe('en')
    expect(got!.text).toContain('Hello there')
    expect(got!.text).toContain('<b>not bold</b> & plain')
    expect(got!.text).toContain('http://localhost:8787/x?token=abc')
    expect(got!.html).toContain('&lt;b&gt;not bold&lt;/b&gt; &amp; plain')
    expect(got!.html).toContain('href="http://localhost:8787/x?token=abc"')
    expect(got!.html).not.toMatch(/<img/i)
    const row = await outboxRow('one@example.test')
    expect(row.sentAt?.toISOString()).toBe(t0.toISOString())
    expect(got!.messageId).toBe(`<${row.id}@effekt.test>`)
    await runTick(database.db, new Date(t0.getTime() + 3600_000), env('a'))
    await new Promise((r) => setTimeout(r, 100))
    expect(smtp.mails.filter((m) => m.to[0] === 'one@example.test')).toHaveLength(1)
  })

  it('retries with backoff while the SMTP server refuses, then delivers', async () => {
    const t0 = new Date('2026-12-08T11:00:00Z')
    const before = smtp.mails.length
    await enqueueMail(database.db, mail('retry@example.test'), t0)
    smtp.refuse = 451
    await runTick(database.db, t0, env('a'))
    let row = await outboxRow('retry@example.test')
    expect(row.sentAt).toBeNull()
    expect(row.attempts).toBe(1)
    expect(row.lastError).toMatch(/451/)
    expect(row.nextAttemptAt.toISOString()).toBe(new Date(t0.getTime() + 30_000).toISOString())
    await runTick(database.db, new Date(t0.getTime() + 31_000), env('a'))
    row = await outboxRow('retry@example.test')
    expect(row.attempts).toBe(2)
    expect(row.nextAttemptAt.toISOString()).toBe(new Date(t0.getTime() + 31_000 + 60_000).toISOString())
    smtp.refuse = null
    // Not due yet: nothing is attempted.
    await runTick(database.db, new Date(t0.getTime() + 60_000), env('a'))
    expect((await outboxRow('retry@example.test')).attempts).toBe(2)
    await runTick(database.db, new Date(t0.getTime() + 92_000), env('a'))
    await smtp.waitFor(before + 1)
    row = await outboxRow('retry@example.test')
    expect(row.sentAt).not.toBeNull()
    expect(row.attempts).toBe(3)
    expect(row.lastError).toBeNull()
    expect(smtp.mails.filter((m) => m.to[0] === 'retry@example.test')).toHaveLength(1)
  })

  it('marks a mail failed after the last attempt and keeps it', async () => {
    const broken: MailTransport = {
      send: async () => {
        throw new Error('connection refused')
      },
    }
    let t = new Date('2026-12-08T12:00:00Z').getTime()
    await enqueueMail(database.db, mail('failing@example.test'), new Date(t))
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await runTick(database.db, new Date(t), env('a', broken))
      t += 7 * 3600_000
    }
    const row = await outboxRow('failing@example.test')
    expect(row.attempts).toBe(MAX_ATTEMPTS)
    expect(row.failedAt).not.toBeNull()
    expect(row.sentAt).toBeNull()
    expect(row.lastError).toBe('connection refused')
  })

  it('without a transport, logs each mail once with its link and keeps it in the outbox', async () => {
    const t0 = new Date('2026-12-08T13:00:00Z')
    await enqueueMail(database.db, mail('nosmtp@example.test'), t0)
    const from = logs.length
    await runTick(database.db, t0, env('a', null))
    await runTick(database.db, new Date(t0.getTime() + 60_000), env('a', null))
    const lines = logs.slice(from).filter((l) => l.to === 'nosmtp@example.test')
    expect(lines).toHaveLength(1)
    expect(lines[0]!.msg).toBe('mail kept in the outbox (no SMTP_URL)')
    expect(String(lines[0]!.text)).toContain('http://localhost:8787/x?token=abc')
    const row = await outboxRow('nosmtp@example.test')
    expect(row.sentAt).toBeNull()
    expect(row.loggedAt).not.toBeNull()
    // Configured later, the kept mail goes out.
    const before = smtp.mails.length
    await runTick(database.db, new Date(t0.getTime() + 120_000), env('a'))
    await smtp.waitFor(before + 1)
    expect((await outboxRow('nosmtp@example.test')).sentAt).not.toBeNull()
  })

  it('writes a mail with a used dedupe key only once', async () => {
    expect(await enqueueMail(database.db, mail('dedupe@example.test', 'nb', 'k-1'))).toMatch(
      /^[0-9a-f-]{36}$/,
    )
    expect(await enqueueMail(database.db, mail('dedupe@example.test', 'nb', 'k-1'))).toBeNull()
    const rows = await database.db.selectFrom('outbox').select('id').where('dedupeKey', '=', 'k-1').execute()
    expect(rows).toHaveLength(1)
  })
})

describe('the scheduler', () => {
  it('runs a registered step on the lease holder only, and on another instance once the lease expires', async () => {
    const ran: string[] = []
    const remove = registerTickStep('test.lease', async (_db, now, e) => {
      ran.push(`${e.holder}@${now.toISOString()}`)
    })
    try {
      const t0 = new Date('2026-12-08T14:00:00Z')
      expect(await runTick(database.db, t0, env('a', null))).toContain('test.lease')
      expect(await runTick(database.db, t0, env('b', null))).not.toContain('test.lease')
      // The holder renews its own lease.
      const t1 = new Date(t0.getTime() + LEASE_MS / 2)
      expect(await runTick(database.db, t1, env('a', null))).toContain('test.lease')
      expect(await runTick(database.db, new Date(t0.getTime() + LEASE_MS + 1), env('b', null))).not.toContain(
        'test.lease',
      )
      // a stopped renewing: after its lease runs out, b takes over.
      const t2 = new Date(t1.getTime() + LEASE_MS)
      expect(await runTick(database.db, t2, env('b', null))).toContain('test.lease')
      expect(ran).toEqual([`a@${t0.toISOString()}`, `a@${t1.toISOString()}`, `b@${t2.toISOString()}`])
    } finally {
      remove()
    }
  })

  it('keeps ticking the other steps when one step fails', async () => {
    const remove = registerTickStep('test.broken', async () => {
      throw new Error('boom')
    })
    try {
      const from = logs.length
      const ran = await runTick(database.db, new Date('2026-12-08T15:00:00Z'), env('c', null))
      expect(ran).toContain('mail.delivery')
      expect(ran).not.toContain('test.broken')
      expect(
        logs.slice(from).some((l) => l.msg === 'scheduled step failed' && l.step === 'test.broken'),
      ).toBe(true)
    } finally {
      remove()
    }
  })
})
