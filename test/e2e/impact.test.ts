import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { parseCsv } from '../../src/domain/csv.ts'
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

/** One indicator's block on the page, found by its code. */
const indicator = (page: Page, code: string) =>
  page.locator('article.impact-indicator', { has: page.locator('.impact-code', { hasText: code }) })

/** The visible figures table of an indicator: the row of a period. */
const periodRow = (page: Page, code: string, period: string) =>
  indicator(page, code).locator('table.impact-figures tbody tr', {
    has: page.locator('th', { hasText: new RegExp(`^${period}`) }),
  })

describe.skipIf(!hasChromium)(
  `the municipality impact page (${hasChromium ? 'Chromium' : SKIP_REASON})`,
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

    it('lands the municipality on its figures, with suppressed cells marked and explained', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.kommune)
      expect(new URL(page.url()).pathname).toBe('/impact')
      await chartsDrawn(page)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Resultater i Nordre Follo')
      expect(await page.getByRole('link', { name: 'Resultater' }).getAttribute('aria-current')).toBe('page')
      const figures = page.getByRole('region', { name: 'Nøkkeltall' })
      expect(await figures.innerText()).toMatch(/Virksomheter som deler data\s+6/)
      expect(await figures.innerText()).toMatch(/Periode\s+1\. kvartal 2023 til 4\. kvartal 2025/)

      // PI4060: the latest quarter and its change from a year before, as the table has them.
      const pi4060 = indicator(page, 'PI4060')
      expect(await pi4060.locator('.impact-latest').innerText()).toBe(
        'Siste, 4. kvartal 2025: 89 ned 18 fra 4. kvartal 2024 (107) Svakere',
      )
      expect(await periodRow(page, 'PI4060', '4. kvartal 2025').innerText()).toMatch(
        /^4\. kvartal 2025\s+89\s+3$/,
      )

      // A small count is not shown: the cell says so in words, and the legend says why.
      const hidden = periodRow(page, 'NO-YOUTH-04', '4. kvartal 2025')
      expect(await hidden.locator('td').first().innerText()).toBe('Skjermet')
      const legend = page.getByRole('region', { name: 'Skjulte tall' })
      expect(await legend.innerText()).toContain('Et antall personer mellom 1 og 3 (under terskelen på 4)')
      expect(await legend.innerText()).toContain(
        'tall som ellers ville la en leser regne ut et slikt tall fra de andre',
      )
      // The chart leaves a gap there; its table says why.
      await indicator(page, 'NO-YOUTH-04').getByText('Vis tallene som tabell').click()
      expect(
        await indicator(page, 'NO-YOUTH-04').locator('details.chart-table tbody tr').last().innerText(),
      ).toMatch(/^4\. kvartal 2025\s+Skjermet$/)

      const caveats = page.getByRole('region', { name: 'Dette bør du vite om tallene' })
      expect(await caveats.innerText()).toContain('Personer kan telles mer enn én gang')
      expect(await caveats.innerText()).toContain('Oppegård (0217)')
      const open = page.getByRole('region', { name: 'Åpne data' })
      expect(await open.getByRole('link', { name: 'Åpne data for 3207 som CSV' }).getAttribute('href')).toBe(
        '/v1/open/impact/3207.csv',
      )
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      expect(problems).toEqual([])
      await page.close()
    })

    it('changes period, granularity and theme, and downloads exactly the figures shown', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.kommune)
      await page.getByLabel('Fra', { exact: true }).fill('2019')
      await page.getByLabel('Til', { exact: true }).fill('2021')
      await page.getByLabel('Vis per').selectOption('year')
      await page.getByLabel('Tema').selectOption('youth')
      await Promise.all([
        page.waitForURL(/theme=youth/),
        page.getByRole('button', { name: 'Vis tall' }).click(),
      ])
      await chartsDrawn(page)
      const codes = await page.locator('.impact-code').allInnerTexts()
      expect(codes).toEqual([
        'NO-YOUTH-01',
        'NO-YOUTH-02',
        'NO-YOUTH-03',
        'NO-YOUTH-04',
        'NO-YOUTH-05',
        'PI4060',
      ])
      expect(await periodRow(page, 'NO-YOUTH-01', '2019').innerText()).toMatch(/^2019\s+42\s+3$/)
      // 2019's summer jobs: young men were too few to show.
      const summer = periodRow(page, 'NO-YOUTH-04', '2019')
      expect(await summer.innerText()).toContain('Skjermet')
      expect(await page.getByRole('region', { name: 'Nøkkeltall' }).innerText()).toMatch(
        /Periode\s+2019 til 2021/,
      )
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'impact')

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Last ned CSV' }).click(),
      ])
      expect(download.suggestedFilename()).toBe('effekt-impact_3207_2019_2021_youth.csv')
      const csv = parseCsv(readFileSync(await download.path(), 'utf8'))
      expect(csv.header.slice(0, 6)).toEqual([
        'indicator_code',
        'indicator_nb',
        'indicator_en',
        'unit',
        'aggregation',
        'period',
      ])
      const col = (name: string) => csv.header.indexOf(name)
      const line = (code: string, period: string, dimension: string, category = '') =>
        csv.rows.find(
          (r) =>
            r.cells[col('indicator_code')] === code &&
            r.cells[col('period')] === period &&
            r.cells[col('dimension')] === dimension &&
            r.cells[col('category')] === category,
        )?.cells
      expect(line('NO-YOUTH-01', '2019', 'total')?.[col('value')]).toBe('42')
      const men = line('NO-YOUTH-04', '2019', 'gender', 'male')
      expect([men?.[col('value')], men?.[col('suppressed')], men?.[col('reason')]]).toEqual([
        '',
        'true',
        'disclosure-control',
      ])
      expect(new Set(csv.rows.map((r) => r.cells[col('period')]))).toEqual(new Set(['2019', '2020', '2021']))
      expect(problems).toEqual([])
      await page.close()
    })

    it('explains a period that cannot be, next to the field', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.kommune)
      await page.getByLabel('Fra', { exact: true }).fill('2025')
      await page.getByLabel('Til', { exact: true }).fill('2023')
      await page.getByRole('button', { name: 'Vis tall' }).click()
      await page.waitForURL(/to=2023/)
      expect(await page.getByLabel('Til', { exact: true }).getAttribute('aria-invalid')).toBe('true')
      expect(await page.locator('#f-to-error').innerText()).toContain('«Til» kan ikke være før «Fra».')
      expect(await page.locator('.error-summary').innerText()).toContain('«Til» kan ikke være før «Fra».')
      expect(await page.locator('.empty-title').innerText()).toBe('Ingen tall før valgene er rettet')
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'impact-invalid')
      expect(problems).toEqual([])
      await page.close()
    })

    it('lets a platform administrator choose another municipality; ventures have no impact page', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.admin)
      await page.getByRole('link', { name: 'Resultater' }).click()
      await page.waitForURL(/\/impact$/)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Resultater i hele landet')
      await page.getByLabel('Kommune').selectOption('3301')
      await Promise.all([
        page.waitForURL(/municipality=3301/),
        page.getByRole('button', { name: 'Vis tall' }).click(),
      ])
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Resultater i Drammen')
      expect(await page.getByRole('region', { name: 'Virksomheter som bidrar' }).innerText()).toContain(
        '1 virksomhet deler sine data med Drammen kommune.',
      )
      expect(await page.getByRole('region', { name: 'Åpne data' }).innerText()).toContain(
        'Drammen kommune publiserer ikke disse tallene som åpne data.',
      )
      expect(await page.locator('.impact-code').count()).toBeGreaterThan(0)
      await chartsDrawn(page)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])

      await signIn(page, server.url, DEMO.venture)
      expect(await page.getByRole('link', { name: 'Resultater' }).count()).toBe(0)
      const res = await page.goto(`${server.url}/impact`)
      expect(res?.status()).toBe(404)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Fant ikke siden')
      expect(problems).toEqual([])
      await page.close()
    })
  },
)
