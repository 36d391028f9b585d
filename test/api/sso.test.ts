import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROBLEM_CODES, type ProblemCode } from '../../src/http/problem-codes.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeUser } from '../helpers/factories.ts'
import { freePort } from '../helpers/free-port.ts'
import { call, login, ORIGIN } from '../helpers/http.ts'
import { signInAtProvider, startTestProvider, type TestProvider } from '../helpers/oidc-provider.ts'

/**
 * Single sign-on against a real OpenID provider (oidc-provider) started here: the whole
 * authorization code flow through HTTP, the browser's part followed by hand with its cookies.
 */
let t: TestContext
let op: TestProvider
const dns = new Map<string, string[]>()
let orgId: string
let adminCookie: string
let platformCookie: string

const en = { 'accept-language': 'en' }

async function configure(organizationId: string, cookie: string, issuer = op.issuer) {
  return call(t.app, 'PUT', `/v1/organizations/${organizationId}/sso`, {
    cookie,
    body: { issuer, clientId: op.clientId, clientSecret: op.clientSecret },
  })
}

async function addDomain(organizationId: string, cookie: string, domain: string) {
  return call(t.app, 'POST', `/v1/organizations/${organizationId}/sso/domains`, { cookie, body: { domain } })
}

/** Start at Effekt, sign in at the provider as `account`, come back: the callback's answer. */
async function signIn(organizationId: string, account: string, tamper?: (callback: URL) => void) {
  const start = await t.app.request(`${ORIGIN}/auth/oidc/${organizationId}/start`, { headers: en })
  expect(start.status, await start.clone().text()).toBe(303)
  const stateCookie = start.headers.get('set-cookie')!.split(';')[0]!
  const callback = await signInAtProvider(start.headers.get('location')!, account)
  expect(callback.pathname).toBe('/auth/oidc/callback')
  tamper?.(callback)
  const res = await t.app.request(`${ORIGIN}${callback.pathname}${callback.search}`, {
    headers: { cookie: stateCookie, ...en },
  })
  const session = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('effekt_session='))
    ?.split(';')[0]
  return { res, session, stateCookie, callback }
}

const refusedWith = async (res: Response, code: ProblemCode) => {
  expect(res.status).toBe(PROBLEM_CODES[code].status)
  const html = await res.text()
  expect(html).toContain(PROBLEM_CODES[code].title.en)
  expect(html).toContain('Sign-in through your organisation failed')
}

const auditActions = async (organizationId: string) =>
  (
    await t.database.db
      .selectFrom('auditEvents')
      .select(['action', 'after'])
      .where('organizationId', '=', organizationId)
      .orderBy('id')
      .execute()
  ).map((e) => e.action)

beforeAll(async () => {
  op = await startTestProvider(`${ORIGIN}/auth/oidc/callback`)
  t = await createTestApp({ SSO_ALLOW_HTTP_ISSUERS: true }, undefined, {
    resolveTxt: async (host) => dns.get(host) ?? [],
  })
  const db = t.database.db
  orgId = (await makeOrg(db, { kind: 'municipality', name: 'SSO Kommune' })).id
  adminCookie = await login(t.app, (await makeMember(db, orgId, 'admin')).email)
  platformCookie = await login(t.app, (await makeUser(db, { platformAdmin: true })).email)
  expect((await configure(orgId, adminCookie)).status).toBe(200)
  expect((await addDomain(orgId, adminCookie, 'kommune.test')).status).toBe(201)
})
afterAll(async () => {
  await t?.close()
  await op?.close()
})

describe('SSO settings', () => {
  it('never returns the client secret, and audits changes without it', async () => {
    const res = await call(t.app, 'GET', `/v1/organizations/${orgId}/sso`, { cookie: adminCookie })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      configured: true,
      issuer: op.issuer,
      clientId: op.clientId,
      clientSecretSet: true,
      enabled: true,
      redirectUri: `${ORIGIN}/auth/oidc/callback`,
      startUrl: `${ORIGIN}/auth/oidc/${orgId}/start`,
    })
    expect(res.text).not.toContain(op.clientSecret)
    // Omitting the secret keeps it.
    const kept = await call(t.app, 'PUT', `/v1/organizations/${orgId}/sso`, {
      cookie: adminCookie,
      body: { issuer: op.issuer, clientId: op.clientId },
    })
    expect(kept.status).toBe(200)
    expect(kept.body.clientSecretSet).toBe(true)
    const row = await t.database.db
      .selectFrom('organizationSso')
      .select('clientSecret')
      .where('organizationId', '=', orgId)
      .executeTakeFirstOrThrow()
    expect(row.clientSecret).toBe(op.clientSecret)
    const audit = await t.database.db
      .selectFrom('auditEvents')
      .select(['action', 'after'])
      .where('organizationId', '=', orgId)
      .where('action', 'in', ['sso.create', 'sso.update'])
      .execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['sso.create', 'sso.update'])
    expect(JSON.stringify(audit)).not.toContain(op.clientSecret)
  })

  it('refuses bad input with problems and writes nothing', async () => {
    const other = (await makeOrg(t.database.db)).id
    const cookie = await login(t.app, (await makeMember(t.database.db, other, 'admin')).email)
    const put = (body: unknown) => call(t.app, 'PUT', `/v1/organizations/${other}/sso`, { cookie, body })
    for (const issuer of [
      'ftp://idp.example',
      'http://idp.example',
      'https://idp.example/?x=1',
      'not a url',
    ]) {
      const res = await put({ issuer, clientId: 'x', clientSecret: 'y' })
      expect(res.status, issuer).toBe(422)
      expect(res.body.errors[0].path).toBe('issuer')
    }
    expect((await put({ issuer: 'https://idp.example', clientId: '', clientSecret: 'y' })).status).toBe(422)
    // Plain http at localhost only where the server allows it (here it does): elsewhere never.
    expect((await put({ issuer: 'http://localhost:9', clientId: 'x', clientSecret: 'y' })).status).toBe(200)
    await call(t.app, 'DELETE', `/v1/organizations/${other}/sso`, { cookie })
    const noSecret = await put({ issuer: 'https://idp.example', clientId: 'x' })
    expect(noSecret.status).toBe(422)
    expect(noSecret.body.code).toBe('sso.secret_required')
    for (const domain of ['user@kommune.no', '*.kommune.no', 'no-dot', '']) {
      const res = await addDomain(other, cookie, domain)
      expect(res.status, domain).toBe(422)
    }
    expect((await call(t.app, 'GET', `/v1/organizations/${other}/sso`, { cookie })).body).toMatchObject({
      configured: false,
      domains: [],
    })
    const unknownDomain = await call(t.app, 'POST', `/v1/organizations/${other}/sso/domains/x.test/verify`, {
      cookie,
    })
    expect(unknownDomain.body.code).toBe('sso_domain.not_found')
    expect((await call(t.app, 'DELETE', `/v1/organizations/${other}/sso`, { cookie })).body.code).toBe(
      'sso.not_found',
    )
  })

  it('proves a domain by its DNS TXT record, one organization at a time', async () => {
    const added = await addDomain(orgId, adminCookie, 'Verified.Kommune.Test')
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ domain: 'verified.kommune.test', verified: false })
    const record: string = added.body.txtRecord.value
    expect(record).toMatch(/^effekt-verify=[\w-]{20,}$/)
    const verify = () =>
      call(t.app, 'POST', `/v1/organizations/${orgId}/sso/domains/verified.kommune.test/verify`, {
        cookie: adminCookie,
      })
    const missing = await verify()
    expect(missing.status).toBe(409)
    expect(missing.body.code).toBe('sso.domain_record_missing')
    dns.set('verified.kommune.test', ['v=spf1 -all', record])
    const ok = await verify()
    expect(ok.status).toBe(200)
    expect(ok.body.verified).toBe(true)

    // Another organization cannot take the domain, even with its own record published.
    const rival = (await makeOrg(t.database.db)).id
    const rivalCookie = await login(t.app, (await makeMember(t.database.db, rival, 'admin')).email)
    const rivalRecord = (await addDomain(rival, rivalCookie, 'verified.kommune.test')).body.txtRecord.value
    dns.set('verified.kommune.test', [record, rivalRecord])
    const taken = await call(
      t.app,
      'POST',
      `/v1/organizations/${rival}/sso/domains/verified.kommune.test/verify`,
      { cookie: rivalCookie },
    )
    expect(taken.status).toBe(409)
    expect(taken.body.code).toBe('sso.domain_taken')

    // Only platform admins may verify without DNS.
    await addDomain(orgId, adminCookie, 'agreed.test')
    const byWord = (cookie: string) =>
      call(t.app, 'POST', `/v1/organizations/${orgId}/sso/domains/agreed.test/verify?method=platform_admin`, {
        cookie,
      })
    expect((await byWord(adminCookie)).body.code).toBe('platform.admin_only')
    expect((await byWord(platformCookie)).body.verified).toBe(true)
    expect(await auditActions(orgId)).toEqual(expect.arrayContaining(['sso.domain_add', 'sso.domain_verify']))
  })
})

describe('SSO settings: writes by others change nothing', () => {
  it('refuses every write by a non-admin member and a stranger, and the admin sees the same settings', async () => {
    const read = async () =>
      (await call(t.app, 'GET', `/v1/organizations/${orgId}/sso`, { cookie: adminCookie })).body
    const before = await read()
    const editor = await login(t.app, (await makeMember(t.database.db, orgId, 'editor')).email)
    const stranger = await login(
      t.app,
      (await makeMember(t.database.db, (await makeOrg(t.database.db)).id, 'admin')).email,
    )
    const base = `/v1/organizations/${orgId}/sso`
    const writes: [string, string, unknown?][] = [
      ['PUT', base, { issuer: 'https://evil.example', clientId: 'x', clientSecret: 'y' }],
      ['DELETE', base],
      ['POST', `${base}/domains`, { domain: 'evil.example' }],
      ['POST', `${base}/domains/kommune.test/verify?method=platform_admin`],
      ['DELETE', `${base}/domains/kommune.test`],
    ]
    for (const [cookie, status] of [
      [editor, 403],
      [stranger, 404],
    ] as const) {
      for (const [method, path, body] of writes) {
        const res = await call(t.app, method, path, { cookie, body })
        expect(res.status, `${method} ${path}`).toBe(status)
      }
      expect((await call(t.app, 'GET', base, { cookie })).status).toBe(status)
    }
    expect(await read()).toEqual(before)
  })
})

describe('SSO sign-in through a real OpenID provider', () => {
  it('signs an existing member in with a session like a password login', async () => {
    const member = await makeMember(t.database.db, orgId, 'editor', { email: 'kari@kommune.test' })
    op.accounts.set('kari', { email: 'Kari@Kommune.test', emailVerified: true, name: 'Kari' })
    const { res, session } = await signIn(orgId, 'kari')
    expect(res.status).toBe(303)
    expect(session).toBeDefined()
    const me = await call(t.app, 'GET', '/v1/me', { cookie: session! })
    expect(me.status).toBe(200)
    expect(me.body.id).toBe(member.id)
    const events = await t.database.db
      .selectFrom('auditEvents')
      .select(['action', 'after', 'actorUserId'])
      .where('action', '=', 'session.create')
      .where('organizationId', '=', orgId)
      .execute()
    expect(events).toHaveLength(1)
    expect(events[0]!.actorUserId).toBe(member.id)
    const after = events[0]!.after
    expect(typeof after === 'string' ? JSON.parse(after) : after).toMatchObject({
      method: 'oidc',
      issuer: op.issuer,
    })
  })

  it('refuses an email the provider does not vouch for, with a clear page', async () => {
    await makeMember(t.database.db, orgId, 'viewer', { email: 'ola@kommune.test' })
    op.accounts.set('ola', { email: 'ola@kommune.test', emailVerified: false })
    const { res, session } = await signIn(orgId, 'ola')
    await refusedWith(res, 'sso.email_unverified')
    expect(session).toBeUndefined()
    expect(await auditActions(orgId)).toContain('sso.login_refused')
  })

  it('refuses an unknown person in a domain the organization has not verified', async () => {
    op.accounts.set('stranger', { email: 'stranger@kommune.test', emailVerified: true })
    await refusedWith((await signIn(orgId, 'stranger')).res, 'sso.no_membership')
    expect(
      await t.database.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'stranger@kommune.test')
        .execute(),
    ).toEqual([])
  })

  it('refuses addresses outside the listed domains', async () => {
    await makeMember(t.database.db, orgId, 'viewer', { email: 'guest@elsewhere.test' })
    op.accounts.set('guest', { email: 'guest@elsewhere.test', emailVerified: true })
    await refusedWith((await signIn(orgId, 'guest')).res, 'sso.email_domain_not_allowed')
  })

  it('does not let an unproven domain speak for someone with access elsewhere', async () => {
    const user = await makeMember(t.database.db, orgId, 'viewer', { email: 'both@kommune.test' })
    const other = (await makeOrg(t.database.db)).id
    await t.database.db
      .insertInto('memberships')
      .values({ userId: user.id, organizationId: other, role: 'admin' })
      .execute()
    op.accounts.set('both', { email: 'both@kommune.test', emailVerified: true })
    await refusedWith((await signIn(orgId, 'both')).res, 'sso.domain_unproven')
  })

  it('lets people in a verified domain join as viewers, and accepts a pending invitation', async () => {
    op.accounts.set('new', {
      email: 'new.person@verified.kommune.test',
      emailVerified: true,
      name: 'Ny Person',
    })
    const { res, session } = await signIn(orgId, 'new')
    expect(res.status).toBe(303)
    const me = await call(t.app, 'GET', '/v1/me', { cookie: session! })
    expect(me.body.name).toBe('Ny Person')
    expect(me.body.memberships).toEqual([expect.objectContaining({ organizationId: orgId, role: 'viewer' })])

    const invited = await makeUser(t.database.db, { email: 'invited@verified.kommune.test' })
    await t.database.db
      .insertInto('memberships')
      .values({ userId: invited.id, organizationId: orgId, role: 'editor', status: 'pending' })
      .execute()
    op.accounts.set('invited', { email: 'invited@verified.kommune.test', emailVerified: true })
    const again = await signIn(orgId, 'invited')
    const meInvited = await call(t.app, 'GET', '/v1/me', { cookie: again.session! })
    expect(meInvited.body.memberships).toEqual([
      expect.objectContaining({ organizationId: orgId, role: 'editor' }),
    ])
    expect(await auditActions(orgId)).toEqual(
      expect.arrayContaining(['membership.sso_join', 'membership.accept']),
    )
  })

  it('refuses a wrong or missing state, a replayed callback and a wrong nonce', async () => {
    op.accounts.set('kari2', { email: 'kari@kommune.test', emailVerified: true })
    const wrongState = await signIn(orgId, 'kari2', (cb) => cb.searchParams.set('state', 'forged'))
    await refusedWith(wrongState.res, 'sso.state_invalid')

    const good = await signIn(orgId, 'kari2')
    expect(good.res.status).toBe(303)
    const replay = await t.app.request(`${ORIGIN}${good.callback.pathname}${good.callback.search}`, {
      headers: { cookie: good.stateCookie, ...en },
    })
    await refusedWith(replay, 'sso.state_invalid')

    // Another browser (no state cookie) cannot finish someone's sign-in.
    const start = await t.app.request(`${ORIGIN}/auth/oidc/${orgId}/start`)
    const cb = await signInAtProvider(start.headers.get('location')!, 'kari2')
    const noCookie = await t.app.request(`${ORIGIN}${cb.pathname}${cb.search}`, { headers: en })
    await refusedWith(noCookie, 'sso.state_invalid')

    // An ID token whose nonce is not the one this attempt sent is rejected.
    const start2 = await t.app.request(`${ORIGIN}/auth/oidc/${orgId}/start`)
    const cookie2 = start2.headers.get('set-cookie')!.split(';')[0]!
    await t.database.db.updateTable('ssoLoginAttempts').set({ nonce: 'not-the-nonce-sent' }).execute()
    const cb2 = await signInAtProvider(start2.headers.get('location')!, 'kari2')
    const res2 = await t.app.request(`${ORIGIN}${cb2.pathname}${cb2.search}`, {
      headers: { cookie: cookie2, ...en },
    })
    await refusedWith(res2, 'sso.token_rejected')
  })

  it('shows the provider’s own refusal (the person cancelled there) as a page', async () => {
    const start = await t.app.request(`${ORIGIN}/auth/oidc/${orgId}/start`)
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!
    const cookie = start.headers.get('set-cookie')!.split(';')[0]!
    const query = new URLSearchParams({ error: 'access_denied', state, iss: op.issuer })
    const res = await t.app.request(`${ORIGIN}/auth/oidc/callback?${query}`, { headers: { cookie, ...en } })
    await refusedWith(res, 'sso.provider_refused')
  })

  it('answers a provider that is down with a clear problem page, not a 500', async () => {
    const down = (await makeOrg(t.database.db)).id
    const cookie = await login(t.app, (await makeMember(t.database.db, down, 'admin')).email)
    expect((await configure(down, cookie, `http://127.0.0.1:${await freePort()}`)).status).toBe(200)
    const res = await t.app.request(`${ORIGIN}/auth/oidc/${down}/start`, { headers: en })
    await refusedWith(res, 'sso.issuer_unreachable')
    const none = await t.app.request(`${ORIGIN}/auth/oidc/${crypto.randomUUID()}/start`, { headers: en })
    await refusedWith(none, 'sso.not_found')
  })
})

describe('Sign in with your organisation (login page)', () => {
  it('finds the organization by a verified domain and starts there', async () => {
    const form = (email: string) =>
      t.app.request(`${ORIGIN}/login/sso`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...en },
        body: new URLSearchParams({ email }),
      })
    const found = await form('someone@verified.kommune.test')
    expect(found.status).toBe(200)
    const html = await found.text()
    expect(html).toContain(`href="/auth/oidc/${orgId}/start?login_hint=someone%40verified.kommune.test"`)
    expect(html).toContain('Continue to SSO Kommune')
    // kommune.test is listed but not verified: it finds nothing.
    const unverified = await form('someone@kommune.test')
    expect(unverified.status).toBe(404)
    expect(await unverified.text()).toContain(
      'No organisation with single sign-on has verified this email domain',
    )
    expect((await form('not-an-email')).status).toBe(422)
    const page = await t.app.request(`${ORIGIN}/login`, { headers: en })
    expect(await page.text()).toContain('href="/login/sso"')
  })
})

describe('SSO on a server that does not allow http issuers (the default)', () => {
  it('refuses an http issuer, and no longer signs in through one stored earlier', async () => {
    // A second app on this file's database (shared: not closed here), with the default config.
    const strict = await createTestApp({}, t.database)
    const res = await call(strict.app, 'PUT', `/v1/organizations/${orgId}/sso`, {
      cookie: adminCookie,
      body: { issuer: op.issuer, clientId: op.clientId },
    })
    expect(res.status).toBe(422)
    expect(res.body.code).toBe('sso.issuer_insecure')
    expect(res.body.errors[0].path).toBe('issuer')
    const start = await strict.app.request(`${ORIGIN}/auth/oidc/${orgId}/start`, { headers: en })
    await refusedWith(start, 'sso.not_found')
  })
})

describe('SSO settings page', () => {
  const post = (cookie: string, path: string, form: Record<string, string>) =>
    t.app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...en },
      body: new URLSearchParams(form),
    })

  it('shows the provider to admins without its secret, and refuses other members', async () => {
    const res = await t.app.request(`${ORIGIN}/organizations/${orgId}/sso`, {
      headers: { cookie: adminCookie, ...en },
    })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`${ORIGIN}/auth/oidc/callback`)
    expect(html).toContain('verified.kommune.test')
    expect(html).not.toContain(op.clientSecret)
    const editor = await login(t.app, (await makeMember(t.database.db, orgId, 'editor')).email)
    expect(
      (await t.app.request(`${ORIGIN}/organizations/${orgId}/sso`, { headers: { cookie: editor } })).status,
    ).toBe(403)
    const orgPage = await t.app.request(`${ORIGIN}/organizations/${orgId}`, {
      headers: { cookie: adminCookie, ...en },
    })
    expect(await orgPage.text()).toContain(`href="/organizations/${orgId}/sso"`)
  })

  it('saves settings and domains from forms, with field errors and refusals in place', async () => {
    const other = (await makeOrg(t.database.db)).id
    const cookie = await login(t.app, (await makeMember(t.database.db, other, 'admin')).email)
    const base = `/organizations/${other}/sso`
    const bad = await post(cookie, base, { issuer: 'http://idp.example', clientId: '', clientSecret: '' })
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Enter an https URL without query or fragment.')
    expect(badHtml).toContain('Enter the client ID.')
    const noSecret = await post(cookie, base, { issuer: 'https://idp.example', clientId: 'x' })
    expect(noSecret.status).toBe(422)
    expect(await noSecret.text()).toContain('Enter the client secret.')
    const saved = await post(cookie, base, {
      issuer: 'https://idp.example',
      clientId: 'x',
      clientSecret: 's3cret',
      enabled: 'true',
    })
    expect(saved.status).toBe(303)
    expect((await call(t.app, 'GET', `/v1/organizations/${other}/sso`, { cookie })).body).toMatchObject({
      configured: true,
      enabled: true,
      issuer: 'https://idp.example',
    })
    expect((await post(cookie, `${base}/domains`, { domain: 'x@y' })).status).toBe(422)
    expect((await post(cookie, `${base}/domains`, { domain: 'form.test' })).status).toBe(303)
    const missing = await post(cookie, `${base}/domains/form.test/verify`, {})
    expect(missing.status).toBe(409)
    expect(await missing.text()).toContain('effekt-verify=')
    expect((await post(cookie, `${base}/domains/form.test/remove`, {})).status).toBe(303)
    expect((await post(cookie, `${base}/delete`, {})).status).toBe(303)
    expect((await call(t.app, 'GET', `/v1/organizations/${other}/sso`, { cookie })).body).toMatchObject({
      configured: false,
      domains: [],
    })
  })
})
