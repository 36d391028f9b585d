import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppProcess, startAppProcess } from '../helpers/app-process.ts'
import { testTarget } from '../helpers/database.ts'
import { freePort } from '../helpers/free-port.ts'
import { type ReceivedMail, startSmtp, type TestSmtp } from '../helpers/smtp.ts'

/**
 * Issue 19's whole loop on the real server as `npm start` runs it (embedded database, demo
 * portfolio, SMTP_URL pointing at an SMTP server): the investor onboards a venture and invites its
 * first user, who sets a password from the mail and reports; the investor's reviewer is told by
 * mail, returns the report, and the venture is told with the reason — once in bokmål, once in
 * English. Nothing here reaches into the database: only HTTP and the mails.
 */
describe.skipIf(testTarget() !== 'pglite')(
  'the reporting loop by mail (real server, embedded database)',
  () => {
    let smtp: TestSmtp
    let app: AppProcess
    let dir: string

    beforeAll(async () => {
      smtp = await startSmtp()
      dir = mkdtempSync(join(tmpdir(), 'effekt-loop-'))
      const port = await freePort()
      app = await startAppProcess(
        {
          PORT: String(port),
          DATA_DIR: join(dir, 'data'),
          DEMO_DATA: 'auto',
          SMTP_URL: smtp.url,
          MAIL_FROM: 'Effekt <effekt@example.org>',
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          SCHEDULER_INTERVAL_MS: '200',
        },
        { timeoutMs: 180_000 },
      )
      // /health answers before the demo is loaded; /ready once the server is listening with it.
      for (let i = 0; i < 600; i++) {
        if ((await fetch(`${app.url}/ready`).catch(() => null))?.ok) break
        await new Promise((r) => setTimeout(r, 200))
      }
    }, 200_000)

    afterAll(async () => {
      await app?.stop()
      await smtp?.close()
      rmSync(dir, { recursive: true, force: true })
    })

    /** A signed-in browser: the session cookie and the Origin the CSRF check wants. */
    async function signIn(email: string, password: string) {
      const res = await fetch(`${app.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: JSON.stringify({ email, password }),
      })
      expect(res.status, await res.clone().text()).toBe(200)
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ')
      return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
        const r = await fetch(`${app.url}${path}`, {
          method,
          headers: {
            cookie,
            origin: app.url,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
        const text = await r.text()
        return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : null, text }
      }
    }

    /** The next mail to an address, waiting for the worker to deliver it. */
    async function mailTo(address: string, after: number): Promise<ReceivedMail> {
      const until = Date.now() + 30_000
      for (;;) {
        const found = smtp.mails.slice(after).find((m) => m.to.includes(address))
        if (found) return found
        if (Date.now() > until)
          throw new Error(`no mail to ${address}; got ${smtp.mails.map((m) => m.to).join(', ')}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }

    const cases = [
      {
        language: 'nb' as const,
        venture: 'Fjordverksted AS',
        person: 'kari.fjord@example.no',
        words: {
          invite: 'Invitasjon til Fjordverksted AS',
          submitted: 'har levert rapporten',
          returned: 'ble sendt tilbake',
        },
      },
      {
        language: 'en' as const,
        venture: 'Harbour Works AS',
        person: 'ola.harbour@example.org',
        words: {
          invite: 'Invitation to Harbour Works AS',
          submitted: 'submitted its report',
          returned: 'was returned',
        },
      },
    ]

    for (const c of cases) {
      it(`invite → set a password from the mail → report → reviewer told → returned → venture told (${c.language})`, async () => {
        const investor = await signIn('investor@demo.effekt.no', 'effekt-demo')
        // The reviewer's mails follow the reviewer's own language.
        expect((await investor('PUT', '/v1/me/language', { language: c.language })).status).toBe(204)

        const venture = await investor('POST', '/v1/ventures', {
          name: c.venture,
          themes: ['employment'],
          municipalities: ['3207'],
        })
        expect(venture.status, venture.text).toBe(201)
        const ventureId = venture.body.id as string
        const assigned = await investor('POST', `/v1/ventures/${ventureId}/assignments`, {
          indicatorCode: 'NO-WORK-01',
          frequency: 'quarterly',
          startDate: '2025-01-01',
        })
        expect(assigned.status, assigned.text).toBe(201)

        // The onboarding investor invites the venture's first admin (nobody of the venture could).
        let seen = smtp.mails.length
        const invited = await investor('POST', `/v1/organizations/${ventureId}/invitations`, {
          email: c.person,
          role: 'admin',
          language: c.language,
        })
        expect(invited.status, invited.text).toBe(201)
        const invitation = await mailTo(c.person, seen)
        expect(invitation.subject).toContain(c.words.invite)
        expect(invitation.language ?? c.language).toBe(c.language)
        expect(invitation.html).toContain('/invitations/accept?token=')
        const token = /token=([A-Za-z0-9_-]+)/.exec(invitation.text)?.[1]
        expect(token).toBeTruthy()

        // The link's page only shows a form; posting it creates the account.
        const password = 'fjordlys-vinter-2026-rapport'
        const accepted = await fetch(`${app.url}/v1/invitations/accept`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: app.url },
          body: JSON.stringify({ token, name: 'Kari Fjord', password }),
        })
        expect(accepted.status, await accepted.clone().text()).toBeLessThan(300)
        // Single use: the same link again is refused.
        const again = await fetch(`${app.url}/v1/invitations/accept`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: app.url },
          body: JSON.stringify({ token, name: 'Kari Fjord', password }),
        })
        expect(again.status).toBeGreaterThanOrEqual(400)

        const entrepreneur = await signIn(c.person, password)
        // Now the venture has an admin of its own: only its admins invite, the investor no longer.
        const late = await investor('POST', `/v1/organizations/${ventureId}/invitations`, {
          email: `second.${c.person}`,
          role: 'editor',
        })
        expect(late.status, late.text).toBe(404)
        const started = await entrepreneur('POST', `/v1/ventures/${ventureId}/reports`, { period: '2025-Q1' })
        expect(started.status, started.text).toBe(201)
        const reportId = started.body.id as string
        const draft = await entrepreneur('GET', `/v1/reports/${reportId}`)
        const saved = await entrepreneur(
          'PUT',
          `/v1/reports/${reportId}/values`,
          { values: [{ indicatorCode: 'NO-WORK-01', total: '6' }], highlights: 'Seks i jobb' },
          { 'if-match': draft.headers.get('etag') ?? '*' },
        )
        expect(saved.status, saved.text).toBe(200)
        seen = smtp.mails.length
        const submitted = await entrepreneur('POST', `/v1/reports/${reportId}/submit`)
        expect(submitted.status, submitted.text).toBe(200)

        const toReviewer = await mailTo('investor@demo.effekt.no', seen)
        expect(toReviewer.subject).toContain(c.words.submitted)
        expect(toReviewer.subject).toContain(c.venture)
        const bell = await investor('GET', '/v1/notifications')
        expect(bell.body.unreadCount).toBeGreaterThan(0)
        expect(bell.body.items[0]).toMatchObject({ kind: 'report_submitted', reportId })

        seen = smtp.mails.length
        const reason = c.language === 'nb' ? 'Tallet for mars mangler.' : 'The March figure is missing.'
        const returned = await investor('POST', `/v1/reports/${reportId}/return`, { reason })
        expect(returned.status, returned.text).toBe(200)
        const toVenture = await mailTo(c.person, seen)
        expect(toVenture.subject).toContain(c.words.returned)
        expect(toVenture.text).toContain(reason)
        const theirs = await entrepreneur('GET', '/v1/notifications')
        expect(theirs.body.items[0]).toMatchObject({ kind: 'report_returned', reportId })

        // Every mail of the loop went out once.
        const ids = smtp.mails.map((m) => m.messageId)
        expect(new Set(ids).size).toBe(ids.length)
      }, 120_000)
    }
  },
)
