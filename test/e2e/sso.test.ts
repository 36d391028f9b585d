import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { signInAtProvider, startTestProvider, type TestProvider } from '../helpers/oidc-provider.ts'
import {
  axeViolationsOfAnyImpact,
  type Browser,
  DEMO,
  hasChromium,
  newPage,
  openBrowser,
  SKIP_REASON,
  screenshot,
  signIn,
  startServer,
  type TestServer,
} from './harness.ts'

/**
 * Single sign-on as people do it, in Chromium at phone and desktop width: the municipality's admin
 * sets up the provider on the settings page, then signs in through "Sign in with your
 * organisation" and the provider's own login form (a real oidc-provider).
 */
describe.skipIf(!hasChromium)(
  `single sign-on in the browser (${hasChromium ? 'Chromium' : SKIP_REASON})`,
  () => {
    let server: TestServer
    let browser: Browser
    let op: TestProvider
    let orgId: string
    beforeAll(async () => {
      server = await startServer(inject('e2eDemoDump'), { SSO_ALLOW_HTTP_ISSUERS: 'true' })
      op = await startTestProvider(`${server.url}/auth/oidc/callback`)
      op.accounts.set('kari', { email: DEMO.kommune, emailVerified: true, name: 'Kari Kommune' })
      browser = await openBrowser()
      orgId = (
        await server.database.db
          .selectFrom('organizations')
          .select('id')
          .where('name', '=', 'Nordre Follo kommune')
          .executeTakeFirstOrThrow()
      ).id
    })
    afterAll(async () => {
      await browser?.close()
      await server?.close()
      await op?.close()
    })

    it('the admin sets up the provider and a domain on the settings page', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.kommune)
      await page.goto(`${server.url}/organizations/${orgId}`)
      await Promise.all([
        page.waitForURL(/\/sso$/),
        page.getByRole('link', { name: 'Innstillinger for enkel pålogging' }).click(),
      ])
      expect(await page.locator('main').textContent()).toContain(`${server.url}/auth/oidc/callback`)
      await page.getByLabel('Utsteder-URL (issuer)').fill(op.issuer)
      await page.getByLabel('Klient-ID').fill(op.clientId)
      await page.getByLabel('Klienthemmelighet').fill(op.clientSecret)
      await Promise.all([
        page.waitForLoadState(),
        page.getByRole('button', { name: 'Lagre leverandør' }).click(),
      ])
      expect(await page.locator('.notice').textContent()).toContain('Enkel pålogging er lagret.')
      await page.getByLabel('Domene', { exact: true }).fill('demo.effekt.no')
      await Promise.all([
        page.waitForLoadState(),
        page.getByRole('button', { name: 'Legg til domene' }).click(),
      ])
      expect(await page.locator('#domains').textContent()).toContain('effekt-verify=')
      expect(await page.content()).not.toContain(op.clientSecret)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'sso-settings')
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 })
        // Nothing wider than the screen: the long TXT value wraps or scrolls inside its table.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        expect(overflow, `width ${width}`).toBeLessThanOrEqual(0)
      }
      await page.setViewportSize({ width: 1280, height: 900 })
      expect(problems).toEqual([])
      await page.close()
    })

    it('a member signs in with the organisation from the login page, at phone and desktop width', async () => {
      // The domain proved as the DNS check would (the harness server has no test resolver).
      await server.database.db
        .updateTable('organizationSsoDomains')
        .set({ verifiedAt: new Date() })
        .where('organizationId', '=', orgId)
        .execute()
      for (const width of [390, 1280]) {
        const { page, problems } = await newPage(browser)
        await page.context().clearCookies()
        await page.setViewportSize({ width, height: 900 })
        await page.goto(`${server.url}/login`)
        await Promise.all([
          page.waitForURL(/\/login\/sso$/),
          page.getByRole('link', { name: 'Logg inn med organisasjonen din' }).click(),
        ])
        expect(await axeViolationsOfAnyImpact(page)).toEqual([])
        await screenshot(page, `sso-login-${width}`)
        await page.getByLabel('Jobb-e-post').fill(DEMO.kommune)
        await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Fortsett' }).click()])
        expect(await axeViolationsOfAnyImpact(page)).toEqual([])
        await Promise.all([
          page.waitForURL((url) => url.origin === op.issuer),
          page.getByRole('link', { name: 'Fortsett til Nordre Follo kommune' }).click(),
        ])
        // The provider's own login form: the login name picks the account there.
        await page.locator('input[name="login"]').fill('kari')
        await page.locator('input[name="password"]').fill('any')
        await Promise.all([
          page.waitForURL((url) => url.origin === server.url && !url.pathname.startsWith('/auth/')),
          page.locator('button[type=submit]').click(),
        ])
        expect(new URL(page.url()).pathname).not.toBe('/login')
        const me = await page.evaluate(async () => (await fetch('/v1/me')).json())
        expect(me.email).toBe(DEMO.kommune)
        expect(problems).toEqual([])
        await page.close()
      }
    })

    it('a refusal is a page that says why', async () => {
      op.accounts.set('unverified', { email: DEMO.kommune, emailVerified: false })
      const { page } = await newPage(browser)
      await page.context().clearCookies()
      const start = await fetch(`${server.url}/auth/oidc/${orgId}/start`, { redirect: 'manual' })
      const cookie = start.headers.get('set-cookie')!.split(';')[0]!
      const callback = await signInAtProvider(start.headers.get('location')!, 'unverified')
      const [name, value] = cookie.split('=') as [string, string]
      await page.context().addCookies([{ name, value, url: `${server.url}/auth/oidc` }])
      const res = await page.goto(callback.href)
      expect(res?.status()).toBe(403)
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Innlogging gjennom organisasjonen mislyktes',
      )
      expect(await page.locator('main').textContent()).toContain('E-postadressen er ikke bekreftet')
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'sso-refused')
      await page.close()
    })
  },
)
