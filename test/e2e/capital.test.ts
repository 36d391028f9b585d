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

/** Intl groups Norwegian thousands with a no-break space; people read it as a space. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

describe.skipIf(!hasChromium)(`capital in the dashboard (${hasChromium ? 'Chromium' : SKIP_REASON})`, () => {
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

  it('shows the investor committed and disbursed capital, by instrument and per year, in kroner', async () => {
    const { page, problems } = await newPage(browser)
    await signIn(page, server.url, DEMO.investor)
    expect(new URL(page.url()).pathname).toBe('/portfolio')
    await chartsDrawn(page)

    const figures = page.getByRole('region', { name: 'Kapital og støtte' })
    expect(plain(await figures.innerText())).toMatch(/Tilsagn\s+[\d ]+ kr\s+i \d+ investeringer/)
    expect(plain(await figures.innerText())).toMatch(/Utbetalt\s+[\d ]+ kr/)
    expect(plain(await figures.innerText())).toMatch(/Støttetimer\s+[\d ,]+/)

    // The demo's Arbeidsglede: 300 000 granted and 2 000 000 lent, all paid out, 1 300 000 repaid.
    const row = page.locator('#ventures tbody tr', { hasText: 'Arbeidsglede AS' })
    expect(plain(await row.innerText())).toMatch(/2 300 000 kr\s+2 300 000 kr\s+700 000 kr$/)
    expect(await page.locator('#ventures thead').innerText()).toMatch(/Tilsagn\s+Utbetalt\s+Utestående lån/)

    // Each chart's figures are in its table.
    const instruments = page.locator('#chart-instruments')
    expect(await instruments.locator('canvas').getAttribute('aria-label')).toBe(
      'Kapital etter instrument. Tallene står i tabellen som følger.',
    )
    expect(await instruments.locator('tbody tr th').allTextContents()).toEqual([
      'Tilskudd',
      'Lån',
      'Egenkapital',
      'Konvertibelt lån',
      'Resultatkontrakt',
    ])
    const years = page.locator('#chart-years')
    expect(await years.locator('tbody tr th').allTextContents()).toEqual([
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
    ])
    await years.getByText('Vis tallene som tabell').click()
    expect(plain(await years.locator('tbody tr').first().innerText())).toMatch(
      /^2019\s+[\d ]+ kr\s+[\d ]+ kr$/,
    )
    expect(await axeViolationsOfAnyImpact(page)).toEqual([])
    await screenshot(page, 'investor-portfolio')
    expect(problems).toEqual([])
    await page.close()
  })

  it('shows a venture’s investments with their ledger, a corrected entry marked, and its support', async () => {
    const { page, problems } = await newPage(browser)
    await signIn(page, server.url, DEMO.investor)
    // From the portfolio's venture list (the review queue and economics table name ventures too).
    await page.locator('#ventures').getByRole('link', { name: 'Kafé Inkludert' }).click()
    await page.waitForURL(/\/ventures\/[0-9a-f-]{36}$/)

    const investments = page.getByRole('region', { name: 'Investeringer' })
    const grant = investments.getByRole('article', { name: /Ny kafé på Grønland/ })
    expect(plain(await grant.getByRole('region', { name: /^Tall for/ }).innerText())).toMatch(
      /Tilsagn\s+600 000 kr\s+Utbetalt\s+600 000 kr/,
    )
    const ledger = grant.getByRole('table', { name: 'Hovedbok for Ny kafé på Grønland' })
    const rows = ledger.locator('tbody tr')
    expect(await rows.count()).toBe(5)
    expect(plain(await rows.nth(0).innerText())).toMatch(
      /^1\. mai 2020\s+Tilsagn\s+600 000\s+NOK\s+–\s+600 000,00 kr/,
    )
    // The typing error is marked as reversed, and its correction as a reversal, counted negatively.
    expect(await rows.nth(2).innerText()).toContain('Reversert')
    expect(plain(await rows.nth(3).innerText())).toMatch(/Korrigering[\s\S]*−30 000\s+NOK/)
    expect(await rows.nth(3).innerText()).toContain('Feil beløp: skulle vært 300 000')

    const support = page.getByRole('region', { name: 'Støtte', exact: true })
    expect(await support.isVisible()).toBe(true)
    expect(await axeViolationsOfAnyImpact(page)).toEqual([])
    await investments.scrollIntoViewIfNeeded()
    await screenshot(page, 'venture-ledger')

    // A foreign-currency ledger shows each entry's own rate.
    await page.goto(`${server.url}/ventures`)
    await page.getByRole('link', { name: 'Digital Vei' }).click()
    await page.waitForURL(/\/ventures\/[0-9a-f-]{36}$/)
    const eur = page.getByRole('table', { name: 'Hovedbok for Konvertibelt lån (EUR)' })
    expect(plain(await eur.locator('tbody tr').nth(1).innerText())).toMatch(
      /Utbetaling\s+60 000\s+EUR\s+10,0545\s+603 270,00 kr/,
    )
    expect(problems).toEqual([])
    await page.close()
  })
})
