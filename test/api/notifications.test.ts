import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MailTransport } from '../../src/modules/mail/index.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts'
import {
  type NotifyWorld,
  notifyWorld,
  outboxTo,
  type Person,
  tickAt,
  transportFor,
} from './notifications-setup.ts'

let smtp: TestSmtp
let transport: MailTransport
const apps: TestContext[] = []
beforeAll(async () => {
  smtp = await startSmtp()
  transport = transportFor(smtp.url)
})
afterAll(async () => {
  await transport.close?.()
  await smtp.close()
  for (const t of apps) await t.close()
})

async function world(): Promise<{ t: TestContext; w: NotifyWorld }> {
  const t = await createTestApp()
  apps.push(t)
  return { t, w: await notifyWorld(t) }
}

const received = (p: Person) => smtp.mails.filter((m) => m.to.includes(p.email))
/** Waits until the SMTP server has what the outbox says was sent (delivery is over the network). */
async function delivered(t: TestContext) {
  const sent = await t.database.db.selectFrom('outbox').select('id').where('sentAt', 'is not', null).execute()
  const ours = new Set(sent.map((s) => s.id))
  const arrived = () =>
    smtp.mails.filter((m) => ours.has(/^<([^@]+)@/.exec(m.messageId ?? '')?.[1] ?? '')).length
  const until = Date.now() + 10_000
  while (arrived() < ours.size && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
  expect(arrived()).toBe(ours.size)
}

const setLanguage = (t: TestContext, p: Person, language: 'nb' | 'en') =>
  t.database.db.updateTable('users').set({ language }).where('id', '=', p.id).execute()

const setPreference = async (t: TestContext, p: Person, kind: string, delivery: string) => {
  const res = await call(t.app, 'PUT', '/v1/me/notification-preferences', {
    token: p.token,
    body: { items: [{ kind, delivery }] },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
}

async function submitQ3(t: TestContext, w: NotifyWorld, existing?: string): Promise<string> {
  let id = existing
  if (!id) {
    const created = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports`, {
      token: w.ventureEditor.token,
      body: { period: '2026-Q3' },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    id = created.body.id as string
  }
  const saved = await call(t.app, 'PUT', `/v1/reports/${id}/values`, {
    token: w.ventureEditor.token,
    body: { values: [{ indicatorCode: 'NO-WORK-01', total: '4' }] },
  })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  const submitted = await call(t.app, 'POST', `/v1/reports/${id}/submit`, { token: w.ventureEditor.token })
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
  return id
}

const kinds = async (t: TestContext, p: Person) => (await outboxTo(t, p.email)).map((m) => m.kind)

describe('reminders from due dates', () => {
  it('go out N days before (per investor), on the due date and weekly while overdue — each once', async () => {
    const { t, w } = await world()
    const settings = await call(t.app, 'PUT', `/v1/organizations/${w.investorId}/reminder-settings`, {
      token: w.investorAdmin.token,
      body: { daysBefore: 10 },
    })
    expect(settings.status, JSON.stringify(settings.body)).toBe(200)
    expect(settings.body).toEqual({ organizationId: w.investorId, daysBefore: 10, isDefault: false })
    await setLanguage(t, w.ventureAdmin, 'en')

    await tickAt(t, '2026-10-19T10:00:00Z', transport)
    expect(await kinds(t, w.ventureEditor)).toEqual([])
    await tickAt(t, '2026-10-20T10:00:00Z', transport)
    expect(await kinds(t, w.ventureEditor)).toEqual(['notification.report_due_soon'])
    expect(await kinds(t, w.ventureAdmin)).toEqual(['notification.report_due_soon'])
    // Viewers cannot submit and the investor is not the one reporting: neither is reminded.
    for (const p of [w.ventureViewer, w.investorAdmin, w.investorEditor])
      expect(await kinds(t, p)).toEqual([])
    const [nb] = await outboxTo(t, w.ventureEditor.email)
    expect(nb).toMatchObject({
      language: 'nb',
      subject: 'Effekt: Rapporten for 2026-Q3 forfaller 30.10.2026',
    })
    const [en] = await outboxTo(t, w.ventureAdmin.email)
    expect(en).toMatchObject({
      language: 'en',
      subject: 'Effekt: The report for 2026-Q3 is due on 30/10/2026',
    })
    expect(en!.textBody).toContain(`http://localhost:8787/ventures/${w.ventureId}/reports`)

    // A later tick the same day, and a rerun after a crash that lost the day's mark: nothing new.
    await tickAt(t, '2026-10-20T15:00:00Z', transport)
    await t.database.db.deleteFrom('notificationStepRuns').execute()
    await tickAt(t, '2026-10-20T16:00:00Z', transport)
    await tickAt(t, '2026-10-29T10:00:00Z', transport)
    expect(await kinds(t, w.ventureEditor)).toEqual(['notification.report_due_soon'])

    // 06:00 in Oslo is before the reminders' hour; at 11:00 the due-date reminder goes.
    await tickAt(t, '2026-10-30T05:00:00Z', transport)
    expect(await kinds(t, w.ventureEditor)).toHaveLength(1)
    await tickAt(t, '2026-10-30T10:00:00Z', transport)
    expect(await kinds(t, w.ventureEditor)).toEqual([
      'notification.report_due_soon',
      'notification.report_due',
    ])

    await tickAt(t, '2026-11-05T10:00:00Z', transport)
    expect(await kinds(t, w.ventureEditor)).toHaveLength(2)
    await tickAt(t, '2026-11-06T10:00:00Z', transport)
    await tickAt(t, '2026-11-12T10:00:00Z', transport)
    await tickAt(t, '2026-11-13T10:00:00Z', transport)
    const four = await outboxTo(t, w.ventureEditor.email)
    expect(four.map((m) => m.kind)).toEqual([
      'notification.report_due_soon',
      'notification.report_due',
      'notification.report_overdue',
      'notification.report_overdue',
    ])
    expect(four[3]!.textBody).toContain('2 uke(r) siden')

    // Submitted: no more reminders for the period.
    t.clock.now = new Date('2026-11-14T10:00:00Z')
    await submitQ3(t, w)
    await tickAt(t, '2026-11-20T10:00:00Z', transport)
    await tickAt(t, '2026-11-27T10:00:00Z', transport)
    expect(await kinds(t, w.ventureEditor)).toHaveLength(4)

    // Every one of them reached the SMTP server once.
    await delivered(t)
    expect(received(w.ventureEditor).map((m) => m.subject)).toEqual(four.map((m) => m.subject))
    expect(received(w.ventureAdmin)).toHaveLength(4)
    expect(received(w.ventureAdmin).every((m) => m.language === 'en')).toBe(true)
    // The in-app list has the same four reminders.
    const list = await call(t.app, 'GET', '/v1/notifications', { token: w.ventureEditor.token })
    expect(list.body.items.map((n: { kind: string }) => n.kind)).toEqual([
      'report_overdue',
      'report_overdue',
      'report_due',
      'report_due_soon',
    ])
  }, 60_000)
})

describe('preferences and digests', () => {
  it('daily and weekly digests in the user’s language; off sends no mail but keeps the notice', async () => {
    const { t, w } = await world()
    await setLanguage(t, w.ventureAdmin, 'en')
    await setPreference(t, w.ventureAdmin, 'reminder', 'daily')
    await setPreference(t, w.ventureEditor, 'reminder', 'off')
    await setPreference(t, w.investorAdmin, 'report_submitted', 'weekly')

    // The due date (the 7-day reminder window started before the first tick of this world).
    await tickAt(t, '2026-10-23T10:00:00Z', transport)
    await tickAt(t, '2026-10-30T10:00:00Z', transport)
    expect(await kinds(t, w.ventureAdmin)).toEqual(['notification.digest_daily', 'notification.digest_daily'])
    const [first, second] = await outboxTo(t, w.ventureAdmin.email)
    expect(first!.subject).toBe('Effekt: 1 notifications in the last day')
    expect(first!.textBody).toContain('The report for 2026-Q3 is due on 30/10/2026')
    expect(second!.textBody).toContain('The report for 2026-Q3 is due today')
    await tickAt(t, '2026-10-30T14:00:00Z', transport)
    expect(await kinds(t, w.ventureAdmin)).toHaveLength(2)
    // Off: no mail at all, the reminders are in the app.
    expect(await kinds(t, w.ventureEditor)).toEqual([])
    const inApp = await call(t.app, 'GET', '/v1/notifications', { token: w.ventureEditor.token })
    expect(inApp.body.items.map((n: { kind: string }) => n.kind)).toEqual(['report_due', 'report_due_soon'])
    expect(inApp.body.unreadCount).toBe(2)

    // Submitted on Tuesday 3 November: the reviewer who chose weekly hears on Monday the 9th.
    t.clock.now = new Date('2026-11-03T10:00:00Z')
    await submitQ3(t, w)
    expect(await kinds(t, w.investorEditor)).toEqual(['notification.report_submitted'])
    expect(await kinds(t, w.investorViewer)).toEqual([])
    await tickAt(t, '2026-11-04T10:00:00Z', transport)
    await tickAt(t, '2026-11-09T05:00:00Z', transport)
    expect(await kinds(t, w.investorAdmin)).toEqual([])
    await tickAt(t, '2026-11-09T10:00:00Z', transport)
    await tickAt(t, '2026-11-09T14:00:00Z', transport)
    const weekly = await outboxTo(t, w.investorAdmin.email)
    expect(weekly.map((m) => m.kind)).toEqual(['notification.digest_weekly'])
    expect(weekly[0]).toMatchObject({ language: 'nb', subject: 'Effekt: 1 varsler siste uke' })
    expect(weekly[0]!.textBody).toMatch(/Varsel AS .* har levert rapporten for 2026-Q3/)
    await delivered(t)
    expect(received(w.investorAdmin)).toHaveLength(1)
    expect(received(w.ventureAdmin)).toHaveLength(2)
    expect(received(w.ventureEditor)).toHaveLength(0)
  }, 60_000)
})

describe('notices of the report workflow', () => {
  it('tell the reviewers of a submission and the venture of a return (with reason) and a verification', async () => {
    const { t, w } = await world()
    t.clock.now = new Date('2026-10-05T10:00:00Z')
    const created = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports`, {
      token: w.ventureEditor.token,
      body: { period: '2026-Q3' },
    })
    // A submission that fails writes no notice: the notices share the step's transaction.
    const refused = await call(t.app, 'POST', `/v1/reports/${created.body.id}/submit`, {
      token: w.ventureEditor.token,
    })
    expect(refused.status).toBe(422)
    expect(await t.database.db.selectFrom('notifications').select('id').execute()).toEqual([])

    const id = await submitQ3(t, w, created.body.id)
    const returned = await call(t.app, 'POST', `/v1/reports/${id}/return`, {
      token: w.investorEditor.token,
      body: { reason: 'Kilde mangler for tallet' },
    })
    expect(returned.status, JSON.stringify(returned.body)).toBe(200)
    const again = await call(t.app, 'POST', `/v1/reports/${id}/submit`, { token: w.ventureEditor.token })
    expect(again.status).toBe(200)
    const verified = await call(t.app, 'POST', `/v1/reports/${id}/verify`, { token: w.investorAdmin.token })
    expect(verified.status).toBe(200)

    expect(await kinds(t, w.investorAdmin)).toEqual([
      'notification.report_submitted',
      'notification.report_submitted',
    ])
    expect(await kinds(t, w.investorEditor)).toEqual([
      'notification.report_submitted',
      'notification.report_submitted',
    ])
    for (const p of [w.investorViewer, w.stranger]) expect(await kinds(t, p)).toEqual([])
    for (const p of [w.ventureAdmin, w.ventureEditor, w.ventureViewer])
      expect(await kinds(t, p)).toEqual(['notification.report_returned', 'notification.report_verified'])
    const [ret] = await outboxTo(t, w.ventureViewer.email)
    expect(ret!.textBody).toContain('Begrunnelse: Kilde mangler for tallet')
    expect(ret!.textBody).toContain(`/ventures/${w.ventureId}/reports/${id}`)
    await tickAt(t, '2026-10-05T12:00:00Z', transport)
    await delivered(t)
    expect(
      received(w.ventureViewer)
        .map((m) => m.subject)
        .sort(),
    ).toEqual([
      'Effekt: Rapporten for 2026-Q3 ble sendt tilbake',
      'Effekt: Rapporten for 2026-Q3 er godkjent',
    ])
  }, 60_000)
})

describe('the in-app list', () => {
  it('is newest first with the unread count, paged; only the owner reads and marks it', async () => {
    const { t, w } = await world()
    t.clock.now = new Date('2026-10-05T10:00:00Z')
    const id = await submitQ3(t, w)
    t.clock.now = new Date('2026-10-06T10:00:00Z')
    await call(t.app, 'POST', `/v1/reports/${id}/return`, {
      token: w.investorEditor.token,
      body: { reason: 'Mer' },
    })
    t.clock.now = new Date('2026-10-07T10:00:00Z')
    await call(t.app, 'POST', `/v1/reports/${id}/submit`, { token: w.ventureEditor.token })
    await call(t.app, 'POST', `/v1/reports/${id}/verify`, { token: w.investorEditor.token })

    const first = await call(t.app, 'GET', '/v1/notifications?limit=1', {
      token: w.ventureViewer.token,
      headers: { 'accept-language': 'en' },
    })
    expect(first.status).toBe(200)
    expect(first.body.unreadCount).toBe(2)
    expect(first.body.items).toHaveLength(1)
    expect(first.body.items[0]).toMatchObject({
      kind: 'report_verified',
      title: 'The report for 2026-Q3 was verified',
      link: `/ventures/${w.ventureId}/reports/${id}`,
      reportId: id,
      readAt: null,
    })
    const second = await call(t.app, 'GET', `/v1/notifications?limit=1&cursor=${first.body.nextCursor}`, {
      token: w.ventureViewer.token,
      headers: { 'accept-language': 'nb' },
    })
    expect(second.body.items.map((n: { kind: string }) => n.kind)).toEqual(['report_returned'])
    expect(second.body.items[0].body).toBe('Begrunnelse: Mer')
    expect(second.body.nextCursor).toBeNull()

    const returnedId: string = second.body.items[0].id
    // Someone else's notification does not exist for them, whoever they are.
    for (const p of [w.ventureAdmin, w.stranger, w.investorAdmin]) {
      const res = await call(t.app, 'POST', `/v1/notifications/${returnedId}/read`, { token: p.token })
      expect(res.status).toBe(404)
      expect(res.body.code).toBe('notification.not_found')
    }
    const readOnly = (await makeToken(t.database.db, w.ventureViewer.id, { readOnly: true })).token
    expect(
      (await call(t.app, 'POST', `/v1/notifications/${returnedId}/read`, { token: readOnly })).status,
    ).toBe(403)
    const mine = await call(t.app, 'POST', `/v1/notifications/${returnedId}/read`, {
      token: w.ventureViewer.token,
    })
    expect(mine.status).toBe(200)
    expect(mine.body.readAt).toBe('2026-10-07T10:00:00.000Z')
    const unread = await call(t.app, 'GET', '/v1/notifications?unread=true', { token: w.ventureViewer.token })
    expect(unread.body).toMatchObject({ unreadCount: 1 })
    expect(unread.body.items.map((n: { kind: string }) => n.kind)).toEqual(['report_verified'])
    // The venture admin's own copies are untouched.
    const admin = await call(t.app, 'GET', '/v1/notifications', { token: w.ventureAdmin.token })
    expect(admin.body.unreadCount).toBe(2)

    const all = await call(t.app, 'POST', '/v1/notifications/read-all', { token: w.ventureViewer.token })
    expect(all.body).toEqual({ marked: 1, unreadCount: 0 })
    expect(
      (await call(t.app, 'GET', '/v1/notifications', { token: w.ventureViewer.token })).body.unreadCount,
    ).toBe(0)
    expect(
      (await call(t.app, 'GET', '/v1/notifications', { token: w.ventureAdmin.token })).body.unreadCount,
    ).toBe(2)
    const badCursor = await call(t.app, 'GET', '/v1/notifications?cursor=nope', {
      token: w.ventureViewer.token,
    })
    expect(badCursor.status).toBe(400)
    const notUuid = await call(t.app, 'POST', '/v1/notifications/nope/read', { token: w.ventureViewer.token })
    expect(notUuid.status).toBe(400)
  }, 60_000)
})

describe('bad input', () => {
  it('answers problems with stable codes and writes nothing', async () => {
    const { t, w } = await world()
    const put = (p: Person, items: unknown) =>
      call(t.app, 'PUT', '/v1/me/notification-preferences', { token: p.token, body: { items } })
    const security = await put(w.ventureEditor, [{ kind: 'password_reset', delivery: 'off' }])
    expect(security.status).toBe(422)
    expect(security.body.code).toBe('notification.kind_not_optional')
    expect(security.body.errors[0]).toMatchObject({ path: 'items.0.kind' })
    const unknown = await put(w.ventureEditor, [
      { kind: 'reminder', delivery: 'daily' },
      { kind: 'gossip', delivery: 'off' },
    ])
    expect(unknown.status).toBe(422)
    expect(unknown.body.code).toBe('notification.kind_unknown')
    const twice = await put(w.ventureEditor, [
      { kind: 'reminder', delivery: 'daily' },
      { kind: 'reminder', delivery: 'off' },
    ])
    expect(twice.body.code).toBe('notification.kind_repeated')
    const delivery = await put(w.ventureEditor, [{ kind: 'reminder', delivery: 'sometimes' }])
    expect(delivery.status).toBe(422)
    expect(delivery.body.code).toBe('validation.failed')
    const prefs = await call(t.app, 'GET', '/v1/me/notification-preferences', {
      token: w.ventureEditor.token,
    })
    expect(prefs.body).toEqual({
      items: [
        { kind: 'reminder', delivery: 'immediately' },
        { kind: 'report_submitted', delivery: 'immediately' },
        { kind: 'report_returned', delivery: 'immediately' },
        { kind: 'report_verified', delivery: 'immediately' },
      ],
      alwaysSent: ['invitation', 'password_reset', 'email_change'],
    })
    // One user's choice is theirs alone.
    await setPreference(t, w.ventureEditor, 'report_verified', 'weekly')
    const other = await call(t.app, 'GET', '/v1/me/notification-preferences', { token: w.ventureAdmin.token })
    expect(other.body.items[3]).toEqual({ kind: 'report_verified', delivery: 'immediately' })

    const settings = (p: Person, orgId: string, body: unknown) =>
      call(t.app, 'PUT', `/v1/organizations/${orgId}/reminder-settings`, { token: p.token, body })
    for (const days of [0, 61, '7', 2.5]) {
      const res = await settings(w.investorAdmin, w.investorId, { daysBefore: days })
      expect(res.status, String(days)).toBe(422)
    }
    expect((await settings(w.investorViewer, w.investorId, { daysBefore: 5 })).body.code).toBe(
      'organization.admin_only',
    )
    expect((await settings(w.stranger, w.investorId, { daysBefore: 5 })).status).toBe(404)
    const venture = await settings(w.ventureAdmin, w.ventureId, { daysBefore: 5 })
    expect(venture.status).toBe(409)
    expect(venture.body.code).toBe('reminder_settings.investor_only')
    const read = await call(t.app, 'GET', `/v1/organizations/${w.investorId}/reminder-settings`, {
      token: w.investorViewer.token,
    })
    expect(read.body).toEqual({ organizationId: w.investorId, daysBefore: 7, isDefault: true })
    expect(
      (
        await call(t.app, 'GET', `/v1/organizations/${w.investorId}/reminder-settings`, {
          token: w.stranger.token,
        })
      ).status,
    ).toBe(404)
    expect(await t.database.db.selectFrom('reminderSettings').selectAll().execute()).toEqual([])

    const ok = await settings(w.investorAdmin, w.investorId, { daysBefore: 14 })
    expect(ok.body).toMatchObject({ daysBefore: 14, isDefault: false })
    const audit = await t.database.db
      .selectFrom('auditEvents')
      .select(['action', 'organizationId'])
      .where('action', 'in', ['reminder_settings.update', 'notification_preferences.update'])
      .orderBy('action')
      .execute()
    expect(audit).toEqual([
      { action: 'notification_preferences.update', organizationId: null },
      { action: 'reminder_settings.update', organizationId: w.investorId },
    ])
  }, 60_000)
})
