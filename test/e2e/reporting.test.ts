import { readFileSync } from 'node:fs'
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

/**
 * The entrepreneur's reporting (PRODUCT.md §9): the demo venture Arbeidsglede AS owes a draft for
 * 2026-Q3 and a returned 2026-Q2. These tests fill in and submit the draft as a person would,
 * meet a validation error next to the field, fix it, and upload values as CSV.
 */
describe.skipIf(!hasChromium)(
  `reporting in the dashboard (${hasChromium ? 'Chromium' : SKIP_REASON})`,
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

    it('lands the entrepreneur on what is due, with the overdue reports and who sees the data', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.venture)
      expect(new URL(page.url()).pathname).toMatch(/^\/ventures\/[0-9a-f-]{36}\/reports$/)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Rapportering')
      const due = page.locator('#due tbody tr')
      expect(await due.count()).toBe(2)
      expect(await due.nth(0).innerText()).toContain('3. kvartal 2026')
      expect(await due.nth(0).innerText()).toContain('Utkast')
      expect(await due.nth(0).innerText()).toContain('Forfalt')
      expect(await due.nth(1).innerText()).toContain('2. kvartal 2026')
      expect(await due.nth(1).innerText()).toContain('Sendt tilbake')
      const sharing = await page.locator('#sharing').innerText()
      expect(sharing).toContain('Nordlys Sosial Kapital')
      expect(sharing).toContain('Nordre Follo')
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'reporting')
      expect(problems).toEqual([])
      await page.close()
    })

    it('shows a validation error next to the field, keeps what was typed, and submits once it is fixed', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.venture)
      await Promise.all([
        page.waitForURL(/\/reports\/[0-9a-f-]{36}$/),
        page.getByRole('link', { name: 'Fyll ut 3. kvartal 2026' }).click(),
      ])
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Rapport for 3. kvartal 2026')

      const total = page.getByLabel('Totalt (personer)').first()
      await total.fill('12')
      const block = page.locator('section.report-indicator').first()
      const genderGroup = block.getByRole('group', { name: 'Etter kjønn' })
      const women = genderGroup.getByRole('textbox', { name: 'Kvinner Verdi' })
      const men = genderGroup.getByRole('textbox', { name: 'Menn Verdi' })
      await women.fill('7')
      await men.fill('6')
      await genderGroup.getByRole('textbox', { name: 'Annet Verdi' }).fill('0')
      await genderGroup.getByRole('textbox', { name: 'Ukjent Verdi' }).fill('0')
      // A note long enough to be worth keeping across the failed attempt.
      await block.getByLabel(/Merknad/).fill('To av dem hos Coop Ski')
      await Promise.all([
        page.waitForLoadState('domcontentloaded'),
        page.getByRole('button', { name: 'Send inn til gjennomgang' }).click(),
      ])
      await page.waitForSelector('.error-summary')

      // The error is announced in the summary and stands next to the gender breakdown.
      expect(await genderGroup.locator('.field-error').innerText()).toContain(
        'Tallene for kjønn summerer seg til 13, men totalen er 12.',
      )
      expect(await page.locator('.error-summary').innerText()).toContain('summerer seg til 13')
      expect(await women.inputValue()).toBe('7')
      expect(await block.getByLabel(/Merknad/).inputValue()).toBe('To av dem hos Coop Ski')
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Rapport for 3. kvartal 2026')
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'report-validation', false)

      // The summary links to the field with the problem.
      await page.locator('.error-summary a').first().click()
      await men.fill('5')
      await Promise.all([
        page.waitForURL(/\/reports$/),
        page.getByRole('button', { name: 'Send inn til gjennomgang' }).click(),
      ])
      expect(await page.locator('.notice-success').innerText()).toContain(
        'Rapporten for 3. kvartal 2026 er sendt til gjennomgang.',
      )
      expect(await page.locator('#due tbody tr').count()).toBe(1)
      const sent = page.locator('#sent tbody tr').first()
      expect(await sent.innerText()).toContain('3. kvartal 2026')
      expect(await sent.innerText()).toContain('Sendt inn')

      // The submitted report is locked, shows what was sent and its history.
      await Promise.all([
        page.waitForURL(/\/reports\/[0-9a-f-]{36}$/),
        sent.getByRole('link', { name: '3. kvartal 2026' }).click(),
      ])
      expect(await page.locator('form#report-form').count()).toBe(0)
      const values = await page.locator('#values').innerText()
      expect(values).toContain('NO-WORK-01')
      expect(values).toContain('Kvinner: 7')
      expect(values).toContain('To av dem hos Coop Ski')
      const history = await page.locator('#history tbody').innerText()
      expect(history).toContain('Sendt inn')
      expect(history).toContain(DEMO.venture)
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'report-submitted')
      expect(problems).toEqual([])
      await page.close()
    })

    it('lets the investor verify the submitted report on its page', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.investor)
      const venture = await server.database.db
        .selectFrom('organizations')
        .select('id')
        .where('name', '=', 'Arbeidsglede AS')
        .executeTakeFirstOrThrow()
      const report = await server.database.db
        .selectFrom('reports')
        .select('id')
        .where('ventureOrgId', '=', venture.id)
        .where('period', '=', '2026-Q3')
        .executeTakeFirstOrThrow()
      await page.goto(`${server.url}/ventures/${venture.id}/reports/${report.id}`)
      expect(await page.locator('#review').count()).toBe(1)
      await Promise.all([
        page.waitForURL(/\/reports\/[0-9a-f-]{36}$/),
        page.locator('#review').getByRole('button', { name: 'Verifiser' }).click(),
      ])
      expect(await page.locator('.notice-success').innerText()).toContain('er verifisert')
      expect(await page.locator('.page-meta').innerText()).toContain('Verifisert')
      expect(problems).toEqual([])
      await page.close()
    })

    it('uploads the downloaded template with values, and lists every problem of a bad file by line', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.venture)
      const desk = page.url()
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Last ned CSV-malen' }).click(),
      ])
      const template = readFileSync((await download.path())!, 'utf8')
      expect(template.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
        'period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level',
      )
      expect(template).toContain('2026-Q2;NO-WORK-01')

      const upload = async (name: string, text: string) => {
        await page
          .getByLabel('CSV-fil')
          .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })
        await Promise.all([
          page.waitForLoadState('domcontentloaded'),
          page.getByRole('button', { name: 'Last opp', exact: true }).click(),
        ])
      }
      const header =
        'period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level'
      await upload(
        'bad.csv',
        `${header}\r\n2026-Q2;NO-WORK-01;;;-3;;;;;\r\n2026-Q2;NO-WORK-01;gender;female;x;;;;;\r\n`,
      )
      const errors = page.locator('#upload .error-summary')
      await errors.waitFor()
      expect(await errors.innerText()).toContain('Ingenting ble lagret')
      expect(await errors.innerText()).toMatch(/Linje 2/)

      // A file over the body limit is refused before any page runs; the browser still gets a page.
      await upload('huge.csv', `${header}\r\n${'x'.repeat(1024 * 1024)}`)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
        'Forespørselen ble ikke forstått',
      )
      expect(await page.locator('main').innerText()).toContain('større enn 1 MB')
      await page.goto(desk)

      await upload('q2.csv', `${header}\r\n2026-Q2;NO-WORK-01;;;9;;;Rettet etter tilbakemelding;;\r\n`)
      expect(await page.locator('.notice-success').innerText()).toContain(
        '1 verdier importert (2. kvartal 2026)',
      )
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      expect(problems).toEqual([])
      await page.close()
    })

    it('shows an English report page with English validation messages', async () => {
      const { page } = await newPage(browser)
      await signIn(page, server.url, DEMO.venture)
      await page.goto(`${page.url()}?lang=en`)
      await Promise.all([
        page.waitForURL(/\/reports\/[0-9a-f-]{36}$/),
        page.getByRole('link', { name: 'Correct and resubmit Q2 2026' }).click(),
      ])
      expect(await page.locator('.notice-info').first().innerText()).toContain('Returned for correction:')
      await page.getByLabel('Total (people)').first().fill('tolv')
      await Promise.all([
        page.waitForLoadState('domcontentloaded'),
        page.getByRole('button', { name: 'Save draft' }).click(),
      ])
      expect(await page.locator('.field-error').first().innerText()).toContain(
        'Write a number, such as 12 or 12,5.',
      )
      await page.close()
    })
  },
)
