import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  axeViolationsOfAnyImpact,
  type Browser,
  chartsDrawn,
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

/** axe-core inside Chromium: WCAG 2.1 A/AA and best practices, no violation of any impact on the page as shown. */
async function expectAccessible(page: Page, name: string) {
  const violations = await axeViolationsOfAnyImpact(page)
  expect(violations, `${name}: ${JSON.stringify(violations, null, 2)}`).toEqual([])
}

describe.skipIf(!hasChromium)(
  `accessibility of every page (${hasChromium ? 'Chromium' : SKIP_REASON})`,
  () => {
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

    it('the login page, its error state and the 404 page, by keyboard', async () => {
      const { page, problems } = await newPage(browser)
      await page.goto(`${server.url}/login`)
      await expectAccessible(page, 'login')
      // The skip link is the first stop and takes keyboard users past the header.
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hopp til hovedinnholdet')
      await page.keyboard.press('Enter')
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
      // Sign in with the keyboard alone.
      await page.getByLabel('E-post').focus()
      await page.keyboard.type(DEMO.investor)
      await page.keyboard.press('Tab')
      await page.keyboard.type('effekt-demo')
      await Promise.all([page.waitForURL(/\/portfolio$/), page.keyboard.press('Enter')])

      await page.context().clearCookies()
      await page.goto(`${server.url}/login`)
      await page.getByRole('button', { name: 'Logg inn' }).click()
      await page.waitForLoadState()
      expect(await page.locator('#f-email-error').innerText()).toContain('Skriv inn e-postadressen din.')
      expect(await page.locator('#f-password-error').innerText()).toContain('Skriv inn passordet ditt.')
      await expectAccessible(page, 'login with errors')

      const res = await page.goto(`${server.url}/no/such/page`)
      expect(res?.status()).toBe(404)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Fant ikke siden')
      expect(await page.title()).toBe('Fant ikke siden – Effekt')
      await expectAccessible(page, '404')
      await screenshot(page, 'not-found')
      expect(problems).toEqual([])
      await page.close()
    })

    it('the investor’s pages: portfolio, ventures, a venture, its edit form, the organization', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.investor)
      await chartsDrawn(page)
      // Each chart keeps its figures in a table, reachable behind the toggle.
      const themes = page.locator('#chart-themes')
      expect(await themes.locator('canvas').getAttribute('aria-label')).toBe(
        'Virksomheter etter tema. Tallene står i tabellen som følger.',
      )
      await themes.getByText('Vis tallene som tabell').click()
      expect(await themes.locator('tbody tr').first().innerText()).toMatch(/^Arbeid\s+8$/)
      await expectAccessible(page, 'portfolio')

      await page.getByRole('link', { name: 'Virksomheter', exact: true }).click()
      await page.waitForURL(/\/ventures$/)
      await expectAccessible(page, 'ventures')
      await page.getByLabel('Navn').fill('finnes ikke')
      await Promise.all([
        page.waitForURL(/q=finnes/),
        page.getByRole('button', { name: 'Vis virksomheter' }).click(),
      ])
      expect(await page.locator('.empty-title').innerText()).toBe('Ingen virksomheter passer')
      await expectAccessible(page, 'ventures, none match')
      await screenshot(page, 'ventures-empty')

      await page.getByRole('link', { name: 'Fjern filtre' }).first().click()
      await page.getByRole('link', { name: 'Kafé Inkludert' }).click()
      await page.waitForURL(/\/ventures\/[0-9a-f-]{36}$/)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Kafé Inkludert')
      await expectAccessible(page, 'venture')
      await page.getByRole('link', { name: 'Rediger profil' }).click()
      await page.getByLabel('Navn').fill('')
      await page.getByRole('button', { name: 'Lagre profil' }).click()
      await page.waitForLoadState()
      expect(await page.locator('#f-name-error').innerText()).toContain('Skriv et navn på 1 til 200 tegn.')
      await expectAccessible(page, 'venture edit with errors')

      await page.getByRole('link', { name: 'Organisasjon' }).click()
      await page.waitForURL(/\/organizations\//)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Nordlys Sosial Kapital')
      await expectAccessible(page, 'organization')

      // Adding a member: the message stands by the field, then the member is in the list. The
      // page has more than one form (invite by email, SSO, IATI sectors): fill this one's fields.
      const addForm = () => page.locator('#add-member')
      await addForm().getByLabel('E-post', { exact: true }).fill('ikke en adresse')
      await page.getByRole('button', { name: 'Legg til medlem' }).click()
      await page.waitForLoadState()
      expect(await page.locator('#f-email-error').innerText()).toContain('Skriv en e-postadresse')
      await expectAccessible(page, 'organization with errors')
      await addForm().getByLabel('E-post', { exact: true }).fill('ny.analytiker@demo.effekt.no')
      await addForm().getByLabel('Navn (valgfritt)').fill('Nora Analytiker')
      await addForm().getByLabel('Rolle', { exact: true }).selectOption('viewer')
      await page.getByRole('button', { name: 'Legg til medlem' }).click()
      await page.waitForLoadState()
      expect(await page.locator('[role=status]').first().innerText()).toBe(
        'ny.analytiker@demo.effekt.no er invitert som Leser: det gjelder når invitasjonen er godtatt.',
      )
      // An invitation shows the address typed, never the user's name, until it is accepted.
      const row = page.locator('#members tbody tr', { hasText: 'ny.analytiker@demo.effekt.no' })
      expect(await row.innerText()).toContain('invitert, ikke godtatt ennå')
      expect(await row.innerText()).not.toContain('Nora Analytiker')
      await row.getByLabel('Rolle for ny.analytiker@demo.effekt.no').selectOption('editor')
      await row.getByRole('button', { name: 'Lagre rolle: ny.analytiker@demo.effekt.no' }).click()
      await page.waitForLoadState()
      expect(await page.locator('[role=status]').first().innerText()).toBe(
        'ny.analytiker@demo.effekt.no er nå Redaktør.',
      )
      await screenshot(page, 'organization')
      page.once('dialog', (d) => d.accept())
      await page.getByRole('button', { name: 'Fjern ny.analytiker@demo.effekt.no' }).click()
      await page.waitForLoadState()
      expect(await page.locator('[role=status]').first().innerText()).toBe(
        'ny.analytiker@demo.effekt.no er ikke lenger medlem.',
      )
      expect(
        await page.locator('#members tbody tr', { hasText: 'ny.analytiker@demo.effekt.no' }).count(),
      ).toBe(0)
      expect(problems).toEqual([])
      await page.close()
    })

    it('API tokens: the secret is shown once, then the token can be revoked', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.venture)
      await page.getByRole('link', { name: 'API-nøkler' }).click()
      await page.waitForURL(/\/settings\/tokens$/)
      expect(await page.locator('.empty-title').innerText()).toBe('Ingen API-nøkler ennå')
      await expectAccessible(page, 'tokens, empty')

      await page.getByRole('button', { name: 'Lag nøkkel' }).click()
      await page.waitForLoadState()
      expect(await page.locator('#f-name-error').innerText()).toContain('Skriv et navn på 1 til 100 tegn.')

      await page.getByLabel('Navn').fill('Rapportering')
      await page.getByLabel('Utløper etter').selectOption('30')
      await page.getByLabel(/Bare lesing/).check()
      await page.getByRole('button', { name: 'Lag nøkkel' }).click()
      await page.waitForLoadState()
      const secret = await page.getByLabel('Nøkkelens hemmelighet').inputValue()
      expect(secret).toMatch(/^eff_[A-Za-z0-9_-]{20,}$/)
      expect(await page.getByRole('button', { name: 'Kopier nøkkel' }).isVisible()).toBe(true)
      const row = page.locator('#tokens tbody tr', { hasText: 'Rapportering' })
      expect(await row.innerText()).toContain('Bare lesing')
      expect(await row.innerText()).toContain('Aktiv')
      await expectAccessible(page, 'tokens, created')
      await screenshot(page, 'tokens')

      // The secret is never shown again.
      await page.goto(`${server.url}/settings/tokens`)
      expect(await page.content()).not.toContain(secret)
      page.once('dialog', (d) => d.accept())
      await page.getByRole('button', { name: 'Trekk tilbake Rapportering' }).click()
      await page.waitForLoadState()
      expect(await page.locator('[role=status]').first().innerText()).toBe(
        '«Rapportering» er trukket tilbake.',
      )
      expect(await page.locator('#tokens tbody tr', { hasText: 'Rapportering' }).innerText()).toContain(
        'Trukket tilbake',
      )
      expect(problems).toEqual([])
      await page.close()
    })

    it('a page the person may not open, and the English pages', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.kommune)
      expect(new URL(page.url()).pathname).toBe('/impact')
      await chartsDrawn(page)
      await expectAccessible(page, 'municipality home: impact')
      const invalid = await page.goto(`${server.url}/impact?from=2025&to=2023`)
      expect(invalid?.status()).toBe(422)
      await expectAccessible(page, 'impact with a field error')
      const res = await page.goto(`${server.url}/portfolio`)
      expect(res?.status()).toBe(403)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Ikke tillatt')
      await expectAccessible(page, '403')
      await page.goto(`${server.url}/ventures/00000000-0000-4000-8000-000000000000`)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Fant ikke siden')

      await signIn(page, server.url, DEMO.admin)
      await page.goto(`${server.url}/organizations?lang=en`)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Organizations')
      expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(17)
      await expectAccessible(page, 'organizations (en)')
      expect(problems).toEqual([])
      await page.close()
    })

    it('the error page when the server fails, with the reference to quote (last: it stops the database)', async () => {
      const { page } = await newPage(browser)
      await signIn(page, server.url, DEMO.investor)
      await server.database.close()
      const res = await page.goto(`${server.url}/ventures?lang=en`)
      expect(res?.status()).toBe(500)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Something went wrong')
      const reference = await page.locator('.request-id code').innerText()
      expect(reference).toBe(await res?.headerValue('x-request-id'))
      expect(server.logs.some((l) => l.msg === 'unhandled error' && l.requestId === reference)).toBe(true)
      await expectAccessible(page, '500')
      await screenshot(page, 'server-error')
      await page.close()
    })
  },
)
