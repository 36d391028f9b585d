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
  PHONE,
  SKIP_REASON,
  screenshot,
  signIn,
  startServer,
  type TestServer,
} from './harness.ts'

/** Every item of the main menu is on the screen: none has scrolled out of sight to the right. */
async function menuInSight(page: Page) {
  const links = page.locator('.main-nav a')
  const count = await links.count()
  expect(count).toBeGreaterThan(0)
  for (let i = 0; i < count; i++) {
    const box = await links.nth(i).boundingBox()
    expect(box, `menu item ${i}`).not.toBeNull()
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width)
  }
}

/**
 * A table wider than the phone scrolls in its own region, which a keyboard user reaches with Tab
 * and scrolls with the arrow keys, and which a screen reader names by the table's caption.
 */
async function wideTableScrollsByKeyboard(page: Page) {
  const regions = page.locator('.table-wrap')
  const index = await regions.evaluateAll((els) =>
    els.findIndex((el) => el.scrollWidth > el.clientWidth && (el as HTMLElement).offsetParent !== null),
  )
  expect(index, 'a table wider than the phone').toBeGreaterThanOrEqual(0)
  const region = regions.nth(index)
  expect(await region.getAttribute('tabindex')).toBe('0')
  const name = await region.evaluate((el) => {
    const label = document.getElementById(el.getAttribute('aria-labelledby') ?? '')
    return label && el.querySelector('caption') === label ? label.textContent : null
  })
  expect(name?.trim()).toBeTruthy()
  // Tab from a button placed just before the region lands on the region itself.
  await region.evaluate((el) => {
    const before = document.createElement('button')
    before.id = 'test-tab-start'
    before.textContent = 'start'
    el.before(before)
    before.focus()
  })
  await page.keyboard.press('Tab')
  const focused = await region.evaluate((el) => {
    document.getElementById('test-tab-start')?.remove()
    return document.activeElement === el ? 'the region' : document.activeElement?.outerHTML.slice(0, 200)
  })
  expect(focused).toBe('the region')
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0)
}

describe.skipIf(!hasChromium)(
  `the dashboard on a phone, 390 px (${hasChromium ? 'Chromium' : SKIP_REASON})`,
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

    async function phonePage() {
      const opened = await newPage(browser)
      await opened.page.setViewportSize(PHONE)
      return opened
    }

    it('signs in, and shows the investor’s portfolio and a venture with its tables in reach', async () => {
      const { page, problems } = await phonePage()
      await page.goto(`${server.url}/login`)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'phone-login', false)

      await signIn(page, server.url, DEMO.investor)
      await chartsDrawn(page)
      await menuInSight(page)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'phone-portfolio', false)

      await page.getByRole('link', { name: 'Virksomheter', exact: true }).click()
      await page.waitForURL(/\/ventures$/)
      await page.getByRole('link', { name: 'Kafé Inkludert' }).click()
      await page.waitForURL(/\/ventures\/[0-9a-f-]{36}$/)
      await chartsDrawn(page)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'phone-venture', false)
      await wideTableScrollsByKeyboard(page)
      await page.locator('.table-wrap:focus').scrollIntoViewIfNeeded()
      await screenshot(page, 'phone-venture-table', false)
      expect(problems).toEqual([])
      await page.close()
    })

    it('shows the entrepreneur the report form, and the municipality its impact figures', async () => {
      const { page, problems } = await phonePage()
      await signIn(page, server.url, DEMO.venture)
      await menuInSight(page)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await page.locator('#due tbody a').first().click()
      await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'phone-report-form', false)

      await signIn(page, server.url, DEMO.kommune)
      expect(new URL(page.url()).pathname).toBe('/impact')
      await chartsDrawn(page)
      await menuInSight(page)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'phone-impact', false)
      await wideTableScrollsByKeyboard(page)
      expect(problems).toEqual([])
      await page.close()
    })
  },
)
