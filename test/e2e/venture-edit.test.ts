import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
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

describe.skipIf(!hasChromium)(`editing a venture profile (${hasChromium ? 'Chromium' : SKIP_REASON})`, () => {
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

  it('shows a validation message next to the field, and saves once it is fixed', async () => {
    const { page, problems } = await newPage(browser)
    await signIn(page, server.url, DEMO.venture)
    await Promise.all([
      page.waitForURL(/\/ventures\/[0-9a-f-]{36}$/),
      page.getByRole('link', { name: 'Vår virksomhet' }).click(),
    ])
    await Promise.all([
      page.waitForURL(/\/edit$/),
      page.getByRole('link', { name: 'Rediger profil' }).click(),
    ])
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Rediger profil')

    const website = page.getByLabel('Nettsted')
    await website.fill('arbeidsglede punktum no')
    await page.getByLabel('Kommuner virksomheten arbeider i').fill('3207, 9998')
    await page.getByRole('checkbox', { name: 'Helse', exact: true }).check()
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Lagre profil' }).click()])

    // The summary is read first, and each message stands by its field.
    const summary = page.locator('.error-summary')
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await summary.innerText()).toContain('Det er et problem')
    expect(await page.locator('#f-website-error').innerText()).toContain(
      'Skriv en fullstendig nettadresse som begynner med https://, for eksempel https://eksempel.no.',
    )
    expect(await website.getAttribute('aria-invalid')).toBe('true')
    expect(await website.getAttribute('aria-describedby')).toContain('f-website-error')
    expect(await website.inputValue()).toBe('arbeidsglede punktum no')
    expect(await page.getByRole('checkbox', { name: 'Helse', exact: true }).isChecked()).toBe(true)
    await screenshot(page, 'venture-edit-errors')

    // The API's schema accepts the municipality format; the service then refuses the unknown number.
    await website.fill('https://arbeidsglede.example.no')
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Lagre profil' }).click()])
    expect(await page.locator('#f-municipalities-error').innerText()).toContain(
      '9998 er ikke et norsk kommunenummer.',
    )
    expect(await page.locator('#f-website-error').count()).toBe(0)

    await page.getByLabel('Kommuner virksomheten arbeider i').fill('3207 3301 0301')
    await Promise.all([
      page.waitForURL(/\/ventures\/[0-9a-f-]{36}$/),
      page.getByRole('button', { name: 'Lagre profil' }).click(),
    ])
    expect(await page.locator('[role=status]').first().innerText()).toBe('Profilen er lagret.')
    expect(await page.locator('.fact', { hasText: 'Nettsted' }).locator('dd').innerText()).toBe(
      'arbeidsglede.example.no',
    )
    const focus = await page.locator('#focus').innerText()
    expect(focus).toContain('Helse')
    expect(focus).toMatch(/Oslo\s+0301/)
    await screenshot(page, 'venture-saved')

    // Saving the form unchanged changes nothing and says so.
    await page.getByRole('link', { name: 'Rediger profil' }).click()
    await Promise.all([
      page.waitForURL(/\/ventures\/[0-9a-f-]{36}$/),
      page.getByRole('button', { name: 'Lagre profil' }).click(),
    ])
    expect(await page.locator('[role=status]').first().innerText()).toBe('Ingenting ble endret.')
    expect(problems).toEqual([])
    await page.close()
  })

  it('tells an editor whose copy is stale that someone else saved first', async () => {
    const { page, problems } = await newPage(browser)
    await signIn(page, server.url, DEMO.venture)
    // The entrepreneur lands on the reporting desk of the venture.
    const venturePath = new URL(page.url()).pathname.replace(/\/reports$/, '')
    await page.goto(`${server.url}${venturePath}/edit`)
    // Someone else saves in the meantime (the investor, in another browser tab).
    const other = await browser.context.newPage()
    await other.goto(`${server.url}${venturePath}/edit`)
    await other.getByLabel('Beskrivelse').fill('Endret av noen andre.')
    await Promise.all([
      other.waitForURL((u) => u.pathname === venturePath),
      other.getByRole('button', { name: 'Lagre profil' }).click(),
    ])
    await other.close()

    await page.getByLabel('Beskrivelse').fill('Min versjon.')
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Lagre profil' }).click()])
    expect(await page.locator('[role=alert]').first().innerText()).toContain(
      'Noen andre lagret denne profilen',
    )
    expect(await page.getByLabel('Beskrivelse').inputValue()).toBe('Min versjon.')
    // Saving again keeps this version.
    await Promise.all([
      page.waitForURL((u) => u.pathname === venturePath),
      page.getByRole('button', { name: 'Lagre profil' }).click(),
    ])
    expect(await page.locator('#profile').innerText()).toContain('Min versjon.')
    expect(problems).toEqual([])
    await page.close()
  })
})
