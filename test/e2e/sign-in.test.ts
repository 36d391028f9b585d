import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  type Browser,
  chartsDrawn,
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

describe.skipIf(!hasChromium)(`signing in (${hasChromium ? 'Chromium' : SKIP_REASON})`, () => {
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

  it('sends a logged-out visitor to the login page and back to where they were going', async () => {
    const { page, problems } = await newPage(browser)
    const res = await page.goto(`${server.url}/ventures?theme=youth`)
    expect(res?.status()).toBe(200)
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(new URL(page.url()).searchParams.get('next')).toBe('/ventures?theme=youth')
    await expect(page.title()).resolves.toBe('Logg inn – Effekt')
    expect(await page.locator('[role=status]').innerText()).toBe('Logg inn for å fortsette.')
    await screenshot(page, 'login')

    // A wrong password is named in words, at the top of the form.
    await page.getByLabel('E-post').fill(DEMO.investor)
    await page.getByLabel('Passord').fill('not the password')
    await page.getByRole('button', { name: 'Logg inn' }).click()
    await page.waitForLoadState()
    expect(await page.locator('.error-summary').innerText()).toContain(
      'E-postadressen eller passordet er feil.',
    )
    expect(await page.getByLabel('E-post').inputValue()).toBe(DEMO.investor)
    await screenshot(page, 'login-error')

    await page.getByLabel('Passord').fill('effekt-demo')
    await Promise.all([
      page.waitForURL(/\/ventures\?theme=youth$/),
      page.getByRole('button', { name: 'Logg inn' }).click(),
    ])
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Virksomheter')
    expect(await page.getByLabel('Tema').inputValue()).toBe('youth')
    expect(problems).toEqual([])
    await page.close()
  })

  it('lands each demo user on their own home page', async () => {
    const { page, problems } = await newPage(browser)

    await signIn(page, server.url, DEMO.investor)
    expect(new URL(page.url()).pathname).toBe('/portfolio')
    await chartsDrawn(page)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Portefølje')
    const figures = page.getByRole('region', { name: 'Nøkkeltall' })
    expect(await figures.locator('.key-figure').first().innerText()).toMatch(/Virksomheter\s+12/)
    expect(await figures.innerText()).toMatch(/Aktive\s+11 av 12/)
    expect(await page.locator('#ventures tbody tr').count()).toBe(12)
    expect(
      await page.getByRole('link', { name: 'Portefølje', exact: true }).getAttribute('aria-current'),
    ).toBe('page')
    await screenshot(page, 'investor-portfolio')
    await signOut(page)
    expect(await page.locator('[role=status]').innerText()).toBe('Du er logget ut.')

    await signIn(page, server.url, DEMO.venture)
    // An entrepreneur starts on what is due; the profile is one click away.
    expect(page.url()).toMatch(/\/ventures\/[0-9a-f-]{36}\/reports$/)
    expect(await page.getByRole('link', { name: 'Rapportering' }).getAttribute('aria-current')).toBe('page')
    await Promise.all([
      page.waitForURL(/\/ventures\/[0-9a-f-]{36}$/),
      page.getByRole('link', { name: 'Vår virksomhet' }).click(),
    ])
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Arbeidsglede AS')
    expect(await page.getByRole('link', { name: 'Vår virksomhet' }).getAttribute('aria-current')).toBe('page')
    expect(await page.getByRole('link', { name: 'Rediger profil' }).isVisible()).toBe(true)
    await screenshot(page, 'venture-profile')
    await signOut(page)

    await signIn(page, server.url, DEMO.kommune)
    expect(new URL(page.url()).pathname).toBe('/impact')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Resultater i Nordre Follo')
    expect(await page.getByRole('link', { name: 'Resultater' }).getAttribute('aria-current')).toBe('page')
    expect(await page.locator('.user-org').innerText()).toBe('Nordre Follo kommune')
    await chartsDrawn(page)
    await screenshot(page, 'municipality-home', false)
    await signOut(page)

    await signIn(page, server.url, DEMO.admin)
    expect(new URL(page.url()).pathname).toBe('/ventures')
    expect(await page.locator('#results-title').innerText()).toBe('12 virksomheter')
    expect(await page.locator('.user-org').innerText()).toBe('Plattformadministrator')
    await signOut(page)

    // After signing out, the pages are closed again.
    await page.goto(`${server.url}/portfolio`)
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(problems).toEqual([])
    await page.close()
  })
})
