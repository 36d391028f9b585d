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
  startServer,
  type TestServer,
} from './harness.ts'

/** The investor's IATI sector form on its organization page, at phone and desktop width. */
describe.skipIf(!hasChromium)(
  `IATI sectors in the dashboard (${hasChromium ? 'Chromium' : SKIP_REASON})`,
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

    for (const [width, label] of [
      [390, 'phone'],
      [1280, 'desktop'],
    ] as const) {
      it(`an investor editor changes a theme's sector, sees a refused code by its field, and the IATI file follows (${label})`, async () => {
        const { page, problems } = await newPage(browser)
        await page.setViewportSize({ width, height: 900 })
        await signIn(page, server.url, DEMO.investor)
        await page.goto(`${server.url}/portfolio`)
        await page.getByRole('link', { name: 'Organisasjon' }).first().click()
        await page.waitForURL(/\/organizations\//)
        const section = page.locator('#iati-sectors')
        expect(await section.getByRole('heading', { level: 2 }).innerText()).toBe('Sektorer i IATI-filen')
        expect(await section.locator('tbody tr').count()).toBe(7)

        await section.getByLabel('Unge', { exact: true }).fill('99999')
        await section.getByRole('button', { name: 'Lagre sektorer' }).click()
        await page.waitForLoadState()
        expect(await page.locator('#f-sector-youth-error').innerText()).toContain('femsifret kode')
        expect(await axeViolationsOfAnyImpact(page)).toEqual([])
        await screenshot(page, `iati-sectors-error-${label}`)

        const code = width === 390 ? '11231' : '16015'
        await page.getByLabel('Unge', { exact: true }).fill(code)
        await page.getByRole('button', { name: 'Lagre sektorer' }).click()
        await page.waitForURL(/#iati-sectors$/)
        expect(await page.locator('[role=status]').first().innerText()).toContain('Sektorene er lagret')
        const row = page.locator('#iati-sectors tbody tr', { hasText: 'Unge' })
        expect(await row.innerText()).toContain(code)
        expect(await axeViolationsOfAnyImpact(page)).toEqual([])
        await screenshot(page, `iati-sectors-${label}`)

        const cookie = (await page.context().cookies()).find((c) => c.name === 'effekt_session')!
        const xml = await (
          await fetch(`${server.url}/v1/exports/iati.xml`, {
            headers: { cookie: `effekt_session=${cookie.value}` },
          })
        ).text()
        if (code === '11231') expect(xml).toContain('code="11231"')
        expect(problems).toEqual([])
        await page.close()
      })
    }
  },
)
