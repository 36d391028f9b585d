import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
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
  signOut,
  startServer,
  type TestServer,
} from './harness.ts'

/**
 * Invitation and password reset in a real browser, on the embedded default without SMTP: the
 * platform admin reads the link in Admin → Outbox, as an operator would. Phone and desktop width.
 */
describe.skipIf(!hasChromium)(`mail pages (${hasChromium ? 'Chromium' : SKIP_REASON})`, () => {
  let server: TestServer
  let browser: Browser
  beforeAll(async () => {
    server = await startServer(inject('e2eDemoDump'))
    browser = await openBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const width of [390, 1280]) {
    it(`invite → Outbox → accept → sign in, and forgot password, at ${width} px`, async () => {
      const { page, problems } = await newPage(browser)
      await page.setViewportSize({ width, height: 900 })
      const invitee = `nyansatt-${width}@example.test`

      await signIn(page, server.url, DEMO.investor)
      const orgLink = await page.evaluate(
        () =>
          [...document.querySelectorAll<HTMLAnchorElement>('a[href^="/organizations/"]')].map((a) =>
            a.getAttribute('href'),
          )[0],
      )
      await page.goto(`${server.url}${orgLink}`)
      await page.getByLabel('E-postadresse').fill(invitee)
      await Promise.all([
        page.waitForURL(/#invite$/),
        page.getByRole('button', { name: 'Send invitasjonen' }).click(),
      ])
      expect(await page.locator('[role=status]').first().innerText()).toContain(
        `Invitasjonen til ${invitee} er på vei.`,
      )
      expect(await page.locator('#invite').innerText()).toContain(invitee)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, `organization-invite-${width}`)
      await signOut(page)

      await signIn(page, server.url, DEMO.admin)
      await page.goto(`${server.url}/admin/outbox`)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Utboks')
      const row = page.locator('#mails .outbox-mail', { hasText: invitee })
      await row.locator('summary').click()
      const text = await row.locator('pre').innerText()
      const link = /https?:\/\/\S+\/invitations\/accept\?token=\S+/.exec(text)?.[0]
      expect(link).toBeDefined()
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, `admin-outbox-${width}`)
      await signOut(page)

      // PUBLIC_URL is the default; the path and token are what the person follows.
      const url = new URL(link!)
      await page.goto(`${server.url}${url.pathname}${url.search}`)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^Bli med i /)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await page.getByLabel('Navnet ditt').fill('Nora Nyansatt')
      await page.getByLabel('Passord', { exact: true }).fill('short')
      await page.getByRole('button', { name: 'Lag kontoen og bli med' }).click()
      await page.waitForLoadState()
      expect(await page.locator('.error-summary').innerText()).toContain('Bruk minst 12 tegn.')
      await page.getByLabel('Passord', { exact: true }).fill('violet tractor under seven moons')
      await Promise.all([
        page.waitForURL(/\/login\?email=/),
        page.getByRole('button', { name: 'Lag kontoen og bli med' }).click(),
      ])
      expect(await page.getByLabel('E-post').inputValue()).toBe(invitee)
      await signIn(page, server.url, invitee, 'violet tractor under seven moons')
      expect(new URL(page.url()).pathname).toBe('/portfolio')

      await page.goto(`${server.url}/account`)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, `account-${width}`)
      await signOut(page)

      await page.getByRole('link', { name: 'Glemt passordet?' }).click()
      await page.getByLabel('E-post').fill(invitee)
      await page.getByRole('button', { name: 'Send lenken' }).click()
      await page.waitForLoadState()
      expect(await page.locator('[role=status]').first().innerText()).toContain(`Har ${invitee} en konto`)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, `forgot-password-${width}`)
      // Nothing on the page is wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      expect(problems).toEqual([])
      await page.close()
    })
  }
})
