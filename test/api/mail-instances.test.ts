import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { smtpTransport } from '../../src/entry/node-mail.ts'
import { createPostgresDatabase } from '../../src/entry/postgres.ts'
import { silentLogger } from '../../src/http/logger.ts'
import { deliverDueMail, enqueueMail } from '../../src/modules/mail/index.ts'
import { testTarget } from '../helpers/database.ts'
import { makeMember, makeOrg, TEST_PASSWORD } from '../helpers/factories.ts'
import { type NodeInstance, startNodeInstance } from '../helpers/node-instance.ts'
import { adminUrl, fileDatabaseName } from '../helpers/postgres-admin.ts'
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts'

/**
 * Every mail out exactly once with two app instances on one PostgreSQL (issue 19): two real
 * server processes with their schedulers, and two delivery workers racing on separate pools.
 */
const onPostgres = testTarget() === 'postgres'
if (!onPostgres)
  console.warn('mail-instances.test.ts: two instances share only a PostgreSQL server; runs in api-postgres.')

const mail = (to: string) => ({
  to,
  language: 'nb' as const,
  kind: 'test',
  subject: `Til ${to}`,
  text: 'Hei',
  html: '<p>Hei</p>',
})

describe.runIf(onPostgres)('mail with two instances on one PostgreSQL', () => {
  const serverUrl = process.env.TEST_DATABASE_URL ?? ''
  const name = fileDatabaseName()
  let url: string
  let database: Database
  let smtp: TestSmtp
  let a: NodeInstance | undefined
  let b: NodeInstance | undefined

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`create database "${name}" template "${inject('pgTemplate')}"`)
    await admin.end()
    url = adminUrl(serverUrl, name)
    database = createPostgresDatabase({ connectionString: url, max: 2 })
    smtp = await startSmtp()
  }, 60_000)

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await smtp?.close()
    await database?.close()
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`drop database if exists "${name}" with (force)`)
    await admin.end()
  })

  const perAddress = () => {
    const n = new Map<string, number>()
    for (const m of smtp.mails) for (const to of m.to) n.set(to, (n.get(to) ?? 0) + 1)
    return n
  }

  it('two delivery workers racing on separate connections send each mail once', async () => {
    const now = new Date()
    for (let i = 0; i < 60; i++) await enqueueMail(database.db, mail(`race-${i}@example.test`), now)
    const pools = [0, 1].map(() => createPostgresDatabase({ connectionString: url, max: 2 }))
    const transport = smtpTransport(smtp.url, { timeoutMs: 5000 })
    try {
      const from = defaultConfig().MAIL_FROM
      const worker = (db: Database, holder: string) => async () => {
        let sent = 0
        for (let round = 0; round < 5; round++) {
          sent += (
            await deliverDueMail(db.db, { transport, from, logger: silentLogger, holder, now: new Date() })
          ).sent
        }
        return sent
      }
      const [x, y] = await Promise.all([worker(pools[0]!, 'x')(), worker(pools[1]!, 'y')()])
      expect(x + y).toBe(60)
    } finally {
      await transport.close?.()
      await Promise.all(pools.map((p) => p.close()))
    }
    const counts = perAddress()
    for (let i = 0; i < 60; i++) expect(counts.get(`race-${i}@example.test`), `race-${i}`).toBe(1)
  })

  it('two server processes with SMTP_URL deliver an invitation and queued mail once', async () => {
    const env = { DATABASE_URL: url, DEMO_DATA: 'never', SMTP_URL: smtp.url, SCHEDULER_INTERVAL_MS: '200' }
    ;[a, b] = await Promise.all([startNodeInstance(env), startNodeInstance(env)])
    const org = await makeOrg(database.db, { name: 'Two Instances AS' })
    const admin = await makeMember(database.db, org.id, 'admin')
    const login = await fetch(`${b.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: b.url },
      body: JSON.stringify({ email: admin.email, password: TEST_PASSWORD }),
    })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const res = await fetch(`${a.url}/v1/organizations/${org.id}/invitations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: a.url, cookie },
      body: JSON.stringify({ email: 'twice-served@example.test', role: 'viewer' }),
    })
    expect(res.status).toBe(201)
    for (let i = 0; i < 30; i++) await enqueueMail(database.db, mail(`queued-${i}@example.test`))
    await smtp.waitFor(60 + 31, 30_000)
    // Several more ticks of both instances: nothing is sent again.
    await new Promise((r) => setTimeout(r, 1500))
    const counts = perAddress()
    expect(counts.get('twice-served@example.test')).toBe(1)
    for (let i = 0; i < 30; i++) expect(counts.get(`queued-${i}@example.test`), `queued-${i}`).toBe(1)
    const unsent = await database.db.selectFrom('outbox').select('id').where('sentAt', 'is', null).execute()
    expect(unsent).toEqual([])
    expect(a.stderr()).not.toMatch(/error/i)
  }, 180_000)
})
