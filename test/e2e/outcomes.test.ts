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

describe.skipIf(!hasChromium)(`outcomes in the dashboard (${hasChromium ? 'Chromium' : SKIP_REASON})`, () => {
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

  it('finds PI4060 in the indicator catalogue, reached from the menu', async () => {
    const { page, problems } = await newPage(browser)
    await signIn(page, server.url, DEMO.investor)
    await Promise.all([
      page.waitForURL(/\/indicators$/),
      page.getByRole('link', { name: 'Indikatorer' }).click(),
    ])
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Indikatorkatalog')
    await page.getByLabel('Søk på kode, navn eller IRIS+-referanse').fill('PI4060')
    await Promise.all([
      page.waitForURL(/q=PI4060/),
      page.getByRole('button', { name: 'Søk', exact: true }).click(),
    ])
    const rows = page.locator('table.table tbody tr')
    expect(await rows.count()).toBe(1)
    expect(await rows.first().innerText()).toContain('PI4060')
    expect(await axeViolationsOfAnyImpact(page)).toEqual([])
    await screenshot(page, 'indicators')
    expect(problems).toEqual([])
    await page.close()
  })

  it('lets the investor verify a submitted report, and asks for a reason before returning one', async () => {
    const { page, problems } = await newPage(browser)
    await signIn(page, server.url, DEMO.investor)
    await page.goto(`${server.url}/ventures?q=Sykkelverkstedet`)
    await Promise.all([
      page.waitForURL(/\/ventures\/[0-9a-f-]{36}$/),
      page.getByRole('link', { name: 'Sykkelverkstedet Ski' }).first().click(),
    ])
    await chartsDrawn(page)
    expect(await page.locator('#outcomes figure.chart').count()).toBeGreaterThan(0)
    const reports = page.locator('#reports')
    const submitted = reports.locator('tr', { hasText: 'Sendt inn' })
    const before = await submitted.count()
    expect(before).toBeGreaterThan(0)
    expect(await axeViolationsOfAnyImpact(page)).toEqual([])
    await screenshot(page, 'venture-outcomes')

    // Returning without a reason: the message stands next to the reason field.
    const row = submitted.first()
    const period = await row.locator('th').innerText()
    await Promise.all([page.waitForLoadState(), row.getByRole('button', { name: 'Send tilbake' }).click()])
    const reason = page.getByLabel(`Begrunnelse for å sende tilbake ${period}`)
    expect(await reason.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('.field-error').first().innerText()).toContain(
      'Skriv hvorfor rapporten sendes tilbake',
    )

    await Promise.all([
      page.waitForURL(/\/ventures\/[0-9a-f-]{36}/),
      reports.locator('tr', { hasText: period }).getByRole('button', { name: 'Verifiser' }).click(),
    ])
    expect(await page.locator('[role=status]').first().innerText()).toBe(`Rapport ${period} er verifisert.`)
    expect(await reports.locator('tr', { hasText: period }).innerText()).toContain('Verifisert')
    expect(await reports.locator('tr', { hasText: 'Sendt inn' }).count()).toBe(before - 1)
    expect(problems).toEqual([])
    await page.close()
  })
})
