import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { runTick } from '../../src/modules/mail/index.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeUser } from '../helpers/factories.ts'
import { call, login, ORIGIN } from '../helpers/http.ts'
import { linkIn, type Mailbox, startMailbox } from '../helpers/mailbox.ts'

/** The dashboard's pages for mail: forgot password, invitation, account, and Admin → Outbox. */
let t: TestContext
let mail: Mailbox
const NEW_PASSWORD = 'violet tractor under seven moons'

beforeAll(async () => {
  t = await createTestApp()
  mail = await startMailbox(t.database, t.logger)
})
afterAll(async () => {
  await mail.close()
  await t.close()
})

const page = async (
  path: string,
  opts: { cookie?: string; form?: Record<string, string>; lang?: 'nb' | 'en' } = {},
) => {
  const res = await t.app.request(`${ORIGIN}${path}`, {
    method: opts.form ? 'POST' : 'GET',
    headers: {
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      origin: ORIGIN,
      accept: 'text/html',
      'accept-language': opts.lang ?? 'en',
      ...(opts.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(opts.form ? { body: new URLSearchParams(opts.form).toString() } : {}),
  })
  return { status: res.status, location: res.headers.get('location'), html: await res.text() }
}

describe('mail in the dashboard', () => {
  it('forgot password: login link → form → mail → new password page → sign in', async () => {
    const user = await makeUser(t.database.db, { email: 'forgetful@example.test' })
    expect((await page('/login')).html).toContain('href="/password-reset"')
    const form = await page('/password-reset')
    expect(form.status).toBe(200)
    expect(form.html).toContain('action="/password-reset"')
    const bad = await page('/password-reset', { form: { email: 'nope' } })
    expect(bad.status).toBe(422)
    const sent = await page('/password-reset', { form: { email: user.email } })
    expect(sent.status).toBe(202)
    expect(sent.html).toContain('a link is on its way')
    const [got] = await mail.take(user.email)
    const { url, token } = linkIn(got!)
    // Opening the link spends nothing; the form posts the token.
    const open = await page(`${url.pathname}${url.search}`)
    expect(open.status).toBe(200)
    expect(open.html).toContain(`value="${token}"`)
    const weak = await page('/password-reset/complete', { form: { token, password: 'short' } })
    expect(weak.status).toBe(422)
    expect(weak.html).toContain('Use at least 12 characters.')
    const done = await page('/password-reset/complete', { form: { token, password: NEW_PASSWORD } })
    expect(done.status).toBe(303)
    expect(done.location).toBe('/login')
    await login(t.app, user.email, NEW_PASSWORD)
    const spent = await page('/password-reset/complete', { form: { token, password: NEW_PASSWORD } })
    expect(spent.status).toBe(422)
    expect(spent.html).toContain('This link does not work')
  })

  it('invitation: the admin invites on the organization page, the invitee sets name and password', async () => {
    const org = await makeOrg(t.database.db, { name: 'Dashboard Invest' })
    const admin = await makeMember(t.database.db, org.id, 'admin')
    const cookie = await login(t.app, admin.email)
    const orgPage = await page(`/organizations/${org.id}`, { cookie })
    expect(orgPage.html).toContain(`action="/organizations/${org.id}/invitations"`)
    expect(orgPage.html).toContain('No open invitations.')
    const bad = await page(`/organizations/${org.id}/invitations`, {
      cookie,
      form: { inviteEmail: 'x', inviteRole: 'viewer', inviteLanguage: 'en' },
    })
    expect(bad.status).toBe(422)
    const sent = await page(`/organizations/${org.id}/invitations`, {
      cookie,
      form: { inviteEmail: 'newcomer@example.test', inviteRole: 'editor', inviteLanguage: 'en' },
    })
    expect(sent.status).toBe(303)
    const listed = await page(`/organizations/${org.id}`, { cookie })
    expect(listed.html).toContain('newcomer@example.test')
    expect(listed.html).toContain('Revoke the invitation of newcomer@example.test')

    const [got] = await mail.take('newcomer@example.test')
    expect(got!.subject).toBe('Invitation to Dashboard Invest on Effekt')
    const { url, token } = linkIn(got!)
    const accept = await page(`${url.pathname}${url.search}`, { lang: 'nb' })
    expect(accept.status).toBe(200)
    expect(accept.html).toContain('Bli med i Dashboard Invest')
    const weak = await page('/invitations/accept', {
      form: { token, name: 'Ny Person', password: 'password1234' },
    })
    expect(weak.status).toBe(422)
    const done = await page('/invitations/accept', {
      form: { token, name: 'Ny Person', password: NEW_PASSWORD },
    })
    expect(done.status).toBe(303)
    expect(done.location).toBe('/login?email=newcomer%40example.test')
    const signedIn = await login(t.app, 'newcomer@example.test', NEW_PASSWORD)
    expect((await call(t.app, 'GET', '/v1/me', { cookie: signedIn })).body.memberships[0].role).toBe('editor')
    const used = await page(`${url.pathname}${url.search}`)
    expect(used.status).toBe(422)
    expect(used.html).toContain('This invitation does not work')
  })

  it('an existing account signs in from the invitation page and accepts', async () => {
    const org = await makeOrg(t.database.db, { name: 'Existing Invest' })
    const admin = await makeMember(t.database.db, org.id, 'admin')
    const user = await makeUser(t.database.db, { email: 'has-account@example.test' })
    const adminCookie = await login(t.app, admin.email)
    await call(t.app, 'POST', `/v1/organizations/${org.id}/invitations`, {
      cookie: adminCookie,
      body: { email: user.email, role: 'viewer' },
    })
    const [got] = await mail.take(user.email)
    const { url } = linkIn(got!)
    const anonymous = await page(`${url.pathname}${url.search}`)
    expect(anonymous.html).toContain(
      `href="/login?next=${encodeURIComponent(`${url.pathname}${url.search}`)}"`,
    )
    const cookie = await login(t.app, user.email)
    const signedIn = await page(`${url.pathname}${url.search}`, { cookie })
    expect(signedIn.html).toContain(`action="/organizations/invitations/${org.id}/accept"`)
    const other = await page(`${url.pathname}${url.search}`, { cookie: adminCookie })
    expect(other.html).toContain('This invitation is for has-account@example.test')
    const accepted = await page(`/organizations/invitations/${org.id}/accept`, { cookie, form: {} })
    expect(accepted.status).toBe(303)
    expect((await page(`/organizations/${org.id}`, { cookie })).status).toBe(200)
  })

  it('the account page changes the password, the email (after confirmation) and the mail language', async () => {
    const user = await makeUser(t.database.db, { email: 'account@example.test' })
    const cookie = await login(t.app, user.email)
    const account = await page('/account', { cookie })
    expect(account.status).toBe(200)
    expect(account.html).toContain('Signed in as account@example.test.')
    const wrong = await page('/account/password', {
      cookie,
      form: { currentPassword: 'wrong', newPassword: NEW_PASSWORD },
    })
    expect(wrong.status).toBe(422)
    expect(wrong.html).toContain('The current password is not right.')
    const changed = await page('/account/password', {
      cookie,
      form: { currentPassword: 'correct horse battery staple', newPassword: NEW_PASSWORD },
    })
    expect(changed.status).toBe(303)
    expect((await page('/account', { cookie })).status).toBe(200)
    await login(t.app, user.email, NEW_PASSWORD)
    const language = await page('/account/language', { cookie, form: { language: 'en' } })
    expect(language.status).toBe(303)
    const email = await page('/account/email', {
      cookie,
      form: { newEmail: 'moved@example.test', emailPassword: NEW_PASSWORD },
    })
    expect(email.status).toBe(303)
    const [verify] = await mail.take('moved@example.test')
    expect(verify!.subject).toBe('Confirm your new email address for Effekt')
    const { url, token } = linkIn(verify!)
    expect((await page(`${url.pathname}${url.search}`)).html).toContain(`value="${token}"`)
    const confirmed = await page('/account/email/confirm', { cookie, form: { token } })
    expect(confirmed.status).toBe(303)
    expect(confirmed.location).toBe('/account')
    expect((await page('/account', { cookie })).html).toContain('Signed in as moved@example.test.')
  })

  it('Admin → Outbox shows mail kept without SMTP to the platform admin only', async () => {
    const admin = await makeUser(t.database.db, { platformAdmin: true })
    const cookie = await login(t.app, admin.email)
    await page('/password-reset', { form: { email: 'forgetful@example.test' } })
    // No transport: the mail is logged and kept.
    await runTick(t.database.db, new Date(), {
      config: defaultConfig(),
      logger: t.logger,
      transport: undefined,
      holder: 'no-smtp',
    })
    const outbox = await page('/admin/outbox?status=pending', { cookie })
    expect(outbox.status).toBe(200)
    expect(outbox.html).toContain('SMTP_URL is not set')
    expect(outbox.html).toContain('forgetful@example.test')
    expect(outbox.html).toContain('/password-reset?token=')
    expect(outbox.html).toContain('Send again: the mail to forgetful@example.test')
    expect((await page('/account', { cookie })).html).toContain('href="/admin/outbox"')
    const member = await makeUser(t.database.db)
    const memberCookie = await login(t.app, member.email)
    expect((await page('/admin/outbox', { cookie: memberCookie })).status).toBe(403)
    expect((await page('/account', { cookie: memberCookie })).html).not.toContain('href="/admin/outbox"')
  })
})
