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

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

describe.skipIf(!hasChromium)(
  `the annual impact report page (${hasChromium ? 'Chromium' : SKIP_REASON})`,
  () => {
    let server: TestServer
    let browser: Browser
    let ventureId: string
    beforeAll(async () => {
      server = await startServer(inject('e2eDemoDump'))
      browser = await openBrowser()
      const org = await server.database.db
        .selectFrom('organizations')
        .select('id')
        .where('name', '=', 'Arbeidsglede AS')
        .executeTakeFirstOrThrow()
      ventureId = org.id
    })
    afterAll(async () => {
      await browser?.close()
      await server?.close()
    })

    for (const width of [1280, 390]) {
      it(`reads as a report at ${width} px, prints without the menus, and links its PDF`, async () => {
        const { page, problems } = await newPage(browser)
        await page.setViewportSize({ width, height: 900 })
        await signIn(page, server.url, DEMO.investor)
        await page.goto(`${server.url}/ventures/${ventureId}`)
        await page.getByRole('link', { name: 'Årsrapport for samfunnseffekt' }).click()
        await page.waitForURL(/annual-report/)
        await page.goto(`${server.url}/ventures/${ventureId}/annual-report?year=2025`)
        await chartsDrawn(page)
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
          'Årsrapport for samfunnseffekt 2025: Arbeidsglede AS',
        )
        const capital = page.locator('#capital')
        expect(plain(await capital.innerText())).toMatch(/Forpliktet\s+0 kr\s+2 300 000 kr/)
        // Every chart has its table.
        const charts = page.locator('.annual-charts figure')
        expect(await charts.count()).toBeGreaterThan(0)
        expect(await page.locator('.annual-charts figure table').count()).toBe(await charts.count())
        expect(await axeViolationsOfAnyImpact(page)).toEqual([])
        const href = await page.getByRole('link', { name: 'Last ned PDF' }).getAttribute('href')
        const pdf = await page.request.get(`${server.url}${href}`)
        expect(pdf.status()).toBe(200)
        expect(pdf.headers()['content-type']).toBe('application/pdf')
        await page.emulateMedia({ media: 'print' })
        expect(await page.locator('.site-header').isVisible()).toBe(false)
        expect(await page.locator('.annual-toolbar').isVisible()).toBe(false)
        if (width === 1280) await screenshot(page, 'annual-report-print')
        expect(problems).toEqual([])
      })
    }
  },
)
