import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { bearer, makeToken, makeUser, TEST_PASSWORD } from '../helpers/factories.ts'
import { call, login } from '../helpers/http.ts'
import { linkIn, type Mailbox, startMailbox } from '../helpers/mailbox.ts'

let t: TestContext
let mail: Mailbox
const NEW_PASSWORD = 'violet tractor under seven moons'
const OTHER_PASSWORD = 'copper lantern across the tundra'

beforeAll(async () => {
  t = await createTestApp()
  mail = await startMailbox(t.database, t.logger, () => t.clock.now ?? new Date())
})
afterAll(async () => {
  await mail.close()
  await t.close()
})

const reset = (email: string, app = t.app) =>
  call(app, 'POST', '/v1/auth/password-reset', { body: { email } })
const complete = (token: string, password: string) =>
  call(t.app, 'POST', '/v1/auth/password-reset/complete', { body: { token, password } })
const outboxTo = async (to: string) =>
  (await t.database.db.selectFrom('outbox').select('kind').where('toAddress', '=', to).execute()).map(
    (r) => r.kind,
  )

describe('password reset', () => {
  it('reset → link → new password works; old sessions and API tokens are gone', async () => {
    const user = await makeUser(t.database.db, { email: 'reset@example.test' })
    const oldCookie = await login(t.app, user.email)
    const { token: apiToken } = await makeToken(t.database.db, user.id)
    expect((await call(t.app, 'GET', '/v1/me', { headers: bearer(apiToken) })).status).toBe(200)

    const res = await reset('Reset@Example.test')
    expect(res.status).toBe(202)
    expect(res.body).toEqual({ status: 'accepted' })
    const [got] = await mail.take(user.email)
    expect(got!.subject).toBe('Nytt passord i Effekt')
    expect(got!.text).toContain('gjelder i én time')
    const { url, token } = linkIn(got!)
    expect(url.pathname).toBe('/password-reset')

    expect((await complete(token, NEW_PASSWORD)).status).toBe(204)
    expect((await call(t.app, 'GET', '/v1/me', { cookie: oldCookie })).status).toBe(401)
    expect((await call(t.app, 'GET', '/v1/me', { headers: bearer(apiToken) })).status).toBe(401)
    const cookie = await login(t.app, user.email, NEW_PASSWORD)
    expect((await call(t.app, 'GET', '/v1/me', { cookie })).status).toBe(200)
    const wrong = await call(t.app, 'POST', '/v1/auth/login', {
      body: { email: user.email, password: TEST_PASSWORD },
    })
    expect(wrong.status).toBe(401)
    // Single use.
    const again = await complete(token, OTHER_PASSWORD)
    expect(again.status).toBe(422)
    expect(again.body.code).toBe('password_reset.token_invalid')
    // A notice of the change, which cannot be turned off.
    const [notice] = await mail.take(user.email)
    expect(notice!.subject).toBe('Passordet ditt i Effekt er endret')
  })

  it('answers 202 for an unknown address and sends nothing', async () => {
    const res = await reset('nobody@example.test')
    expect(res.status).toBe(202)
    expect(res.body).toEqual({ status: 'accepted' })
    expect(await outboxTo('nobody@example.test')).toEqual([])
  })

  it('writes the mail in the user’s own language', async () => {
    const user = await makeUser(t.database.db, { email: 'english@example.test' })
    const cookie = await login(t.app, user.email)
    expect((await call(t.app, 'PUT', '/v1/me/language', { cookie, body: { language: 'en' } })).status).toBe(
      204,
    )
    await reset(user.email)
    const [got] = await mail.take(user.email)
    expect(got!.subject).toBe('New password for Effekt')
    expect(got!.language).toBe('en')
    expect(got!.text).toContain('valid for one hour')
    expect(got!.html).toContain('<html lang="en">')
  })

  it('refuses an expired link, a weak password and bad input, and changes nothing', async () => {
    const user = await makeUser(t.database.db, { email: 'expiring@example.test' })
    await reset(user.email)
    const [got] = await mail.take(user.email)
    const { token } = linkIn(got!)
    const hashBefore = (
      await t.database.db
        .selectFrom('users')
        .select('passwordHash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow()
    ).passwordHash
    for (const [body, code] of [
      [{ token, password: 'short' }, 'password.too_short'],
      [{ token, password: 'expiring12345' }, 'password.too_common'],
      [{ token }, 'validation.failed'],
      [{ token: 'x'.repeat(43), password: NEW_PASSWORD }, 'password_reset.token_invalid'],
    ] as const) {
      const res = await call(t.app, 'POST', '/v1/auth/password-reset/complete', { body })
      expect(res.status, JSON.stringify(body)).toBe(422)
      expect(res.body.code).toBe(code)
    }
    expect((await reset('')).body.code).toBe('validation.failed')
    const hashAfter = (
      await t.database.db
        .selectFrom('users')
        .select('passwordHash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow()
    ).passwordHash
    expect(hashAfter).toBe(hashBefore)
    t.clock.now = new Date(Date.now() + 61 * 60_000)
    try {
      const late = await complete(token, NEW_PASSWORD)
      expect(late.status).toBe(422)
      expect(late.body.code).toBe('password_reset.token_invalid')
    } finally {
      t.clock.now = undefined
    }
  })

  it('limits requests per address (silently) and per client (429)', async () => {
    const user = await makeUser(t.database.db, { email: 'flood@example.test' })
    for (let i = 0; i < 5; i++) expect((await reset(user.email)).status).toBe(202)
    expect(await outboxTo(user.email)).toEqual(['password_reset', 'password_reset', 'password_reset'])

    const behind = await createTestApp({}, t.database, { clientAddress: () => '203.0.113.9' })
    for (let i = 0; i < 10; i++)
      expect((await reset(`client-${i}@example.test`, behind.app)).status).toBe(202)
    const res = await reset('client-10@example.test', behind.app)
    expect(res.status).toBe(429)
    expect(res.body.code).toBe('password_reset.rate_limited')
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})

describe('changing password and email while signed in', () => {
  it('changes the password with the current one; other sessions end, this one stays', async () => {
    const user = await makeUser(t.database.db, { email: 'changer@example.test' })
    const here = await login(t.app, user.email)
    const elsewhere = await login(t.app, user.email)
    const wrong = await call(t.app, 'POST', '/v1/me/password', {
      cookie: here,
      body: { currentPassword: 'not my password', newPassword: NEW_PASSWORD },
    })
    expect(wrong.status).toBe(422)
    expect(wrong.body.code).toBe('password.current_wrong')
    const weak = await call(t.app, 'POST', '/v1/me/password', {
      cookie: here,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'changer12345' },
    })
    expect(weak.body.code).toBe('password.too_common')
    expect((await call(t.app, 'GET', '/v1/me', { cookie: elsewhere })).status).toBe(200)

    const ok = await call(t.app, 'POST', '/v1/me/password', {
      cookie: here,
      body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    })
    expect(ok.status).toBe(204)
    expect((await call(t.app, 'GET', '/v1/me', { cookie: here })).status).toBe(200)
    expect((await call(t.app, 'GET', '/v1/me', { cookie: elsewhere })).status).toBe(401)
    await login(t.app, user.email, NEW_PASSWORD)
    const [notice] = await mail.take(user.email)
    expect(notice!.subject).toBe('Passordet ditt i Effekt er endret')
  })

  it('throttles guesses of the current password', async () => {
    const user = await makeUser(t.database.db, { email: 'guesser@example.test' })
    const cookie = await login(t.app, user.email)
    for (let i = 0; i < 5; i++) {
      const res = await call(t.app, 'POST', '/v1/me/password', {
        cookie,
        body: { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD },
      })
      expect(res.body.code).toBe('password.current_wrong')
    }
    const res = await call(t.app, 'POST', '/v1/me/password', {
      cookie,
      body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    })
    expect(res.status).toBe(429)
    expect(res.body.code).toBe('password.change_throttled')
  })

  it('changes the email only when the link sent to the new address is used; the old address is told', async () => {
    const user = await makeUser(t.database.db, { email: 'old@example.test' })
    const cookie = await login(t.app, user.email)
    const same = await call(t.app, 'POST', '/v1/me/email', {
      cookie,
      body: { newEmail: 'OLD@example.test', currentPassword: TEST_PASSWORD },
    })
    expect(same.body.code).toBe('email.unchanged')
    const wrong = await call(t.app, 'POST', '/v1/me/email', {
      cookie,
      body: { newEmail: 'new@example.test', currentPassword: 'nope' },
    })
    expect(wrong.body.code).toBe('password.current_wrong')
    expect(
      (
        await call(t.app, 'POST', '/v1/me/email', {
          cookie,
          body: { newEmail: 'bad', currentPassword: TEST_PASSWORD },
        })
      ).body.code,
    ).toBe('validation.failed')
    expect(await outboxTo('new@example.test')).toEqual([])

    const res = await call(t.app, 'POST', '/v1/me/email', {
      cookie,
      body: { newEmail: 'New@Example.test', currentPassword: TEST_PASSWORD },
    })
    expect(res.status).toBe(202)
    const [verify] = await mail.take('new@example.test')
    const [notice] = await mail.take('old@example.test')
    expect(verify!.subject).toBe('Bekreft ny e-postadresse i Effekt')
    expect(notice!.text).toContain('new@example.test')
    expect(notice!.text).not.toContain('token=')
    // Not changed yet.
    expect((await call(t.app, 'GET', '/v1/me', { cookie })).body.email).toBe('old@example.test')

    const { url, token } = linkIn(verify!)
    expect(url.pathname).toBe('/account/email/confirm')
    const confirmed = await call(t.app, 'POST', '/v1/auth/email-change/confirm', { body: { token } })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body).toEqual({ email: 'new@example.test' })
    expect((await call(t.app, 'GET', '/v1/me', { cookie })).body.email).toBe('new@example.test')
    await login(t.app, 'new@example.test')
    const reuse = await call(t.app, 'POST', '/v1/auth/email-change/confirm', { body: { token } })
    expect(reuse.status).toBe(422)
    expect(reuse.body.code).toBe('email_change.token_invalid')
  })

  it('refuses a confirmation when another account took the address meanwhile', async () => {
    const user = await makeUser(t.database.db, { email: 'slow@example.test' })
    const cookie = await login(t.app, user.email)
    await call(t.app, 'POST', '/v1/me/email', {
      cookie,
      body: { newEmail: 'contested@example.test', currentPassword: TEST_PASSWORD },
    })
    const [verify] = await mail.take('contested@example.test')
    await makeUser(t.database.db, { email: 'contested@example.test' })
    const res = await call(t.app, 'POST', '/v1/auth/email-change/confirm', {
      body: { token: linkIn(verify!).token },
    })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('email.taken')
    expect((await call(t.app, 'GET', '/v1/me', { cookie })).body.email).toBe('slow@example.test')
  })
})
