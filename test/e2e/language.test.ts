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
  startServer,
  type TestServer,
} from './harness.ts'

describe.skipIf(!hasChromium)(`language (${hasChromium ? 'Chromium' : SKIP_REASON})`, () => {
  let server: TestServer
  let browser: Browser
  beforeAll(async () => {
    server = await startServer(inject('e2eDemoDump'))
    browser = await openBrowser('nb-NO')
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('follows the browser, switches on request and remembers the choice', async () => {
    const { page, problems } = await newPage(browser)
    await signIn(page, server.url, DEMO.investor)
    await chartsDrawn(page)

    // Norwegian from the browser's Accept-Language (nb-NO).
    expect(await page.locator('html').getAttribute('lang')).toBe('nb')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Portefølje')
    expect(await page.title()).toBe('Portefølje: Nordlys Sosial Kapital – Effekt')
    const row = page.locator('#ventures tbody tr', { hasText: 'Ungt Håp' })
    expect(await row.locator('td.num').innerText()).toBe('15. aug. 2016')
    expect(await page.locator('#chart-themes summary').innerText()).toBe('Vis tallene som tabell')

    // Switch to English: the same page, in English, with English dates.
    await Promise.all([page.waitForURL(/\/portfolio$/), page.getByRole('link', { name: 'English' }).click()])
    await chartsDrawn(page)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Portfolio')
    expect(await page.title()).toBe('Portfolio: Nordlys Sosial Kapital – Effekt')
    expect(await row.locator('td.num').innerText()).toBe('15 Aug 2016')
    expect(await page.getByRole('region', { name: 'Key figures' }).innerText()).toMatch(/Active\s+11 of 12/)
    expect(await page.getByRole('link', { name: 'Ventures' }).first().isVisible()).toBe(true)
    await screenshot(page, 'investor-portfolio-en')

    // The choice sticks on the next page, although the browser still asks for Norwegian.
    await page.goto(
      `${server.url}/ventures/${await row
        .locator('a')
        .getAttribute('href')
        .then((h) => h?.split('/').pop())}`,
    )
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.getByRole('heading', { level: 2, name: 'Profile' }).isVisible()).toBe(true)
    expect(await page.locator('.fact', { hasText: 'Founded' }).locator('dd').innerText()).toBe(
      '15 August 2016',
    )

    // And back.
    await page.getByRole('link', { name: 'Norsk' }).click()
    await page.waitForLoadState()
    expect(await page.locator('html').getAttribute('lang')).toBe('nb')
    expect(await page.locator('.fact', { hasText: 'Etablert' }).locator('dd').innerText()).toBe(
      '15. august 2016',
    )
    expect(problems).toEqual([])
    await page.close()
  })
})
