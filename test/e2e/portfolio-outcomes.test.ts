import Decimal from 'decimal.js'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { formatMoney, formatNumber, formatPercent } from '../../web/ui/format.ts'
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

/** A quarter as the Norwegian pages write it (pages/reporting-common.tsx periodLabel): 2. kvartal 2026. */
const quarter = (key: string) => key.replace(/^(\d{4})-Q(\d)$/, '$2. kvartal $1')

/** Intl groups Norwegian thousands with a no-break space; people read it as a space. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')
/** Text laid out over lines (flex rows) read as one line. */
const flat = (text: string) => plain(text).replace(/\s+/g, ' ').trim()
const money = (value: string) => plain(formatMoney('nb', value))
const number = (value: string, decimals = 2) => plain(formatNumber('nb', value, decimals))

interface ApiPortfolio {
  organization: { id: string; name: string }
  ventures: {
    id: string
    name: string
    reportsAwaitingVerification: { reportId: string; period: string }[]
    overdueReports: { period: string }[]
    economics: {
      window: { from: string | null; to: string | null }
      includeSupport: boolean
      cost: { total: string }
      attribution: { share: string | null } | null
      outcomes: { indicatorCode: string; unit: string; units: string; costPerUnit: string | null }[]
      sroi: { inputs: string; presentValue: string; ratio: string | null } | null
    }
  }[]
}

async function expectNoAxe(page: Page) {
  const violations = await axeViolationsOfAnyImpact(page)
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([])
}

/** What the API says, read with the page's own session: the figures the page must show. */
async function api<T>(page: Page, url: string): Promise<{ status: number; body: T }> {
  const res = await page.request.get(url)
  return { status: res.status(), body: (await res.json()) as T }
}

describe.skipIf(!hasChromium)(
  `portfolio outcomes, economics and SROI in the dashboard (${hasChromium ? 'Chromium' : SKIP_REASON})`,
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

    it('shows the investor people reached, SROI, outcomes against targets and cost per outcome', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.investor)
      expect(new URL(page.url()).pathname).toBe('/portfolio')
      const { body: portfolio } = await api<ApiPortfolio>(page, `${server.url}/v1/portfolio`)

      // People reached: verified people of every outcome indicator, summed over ventures.
      const people = portfolio.ventures
        .flatMap((v) => v.economics.outcomes)
        .filter((o) => o.unit === 'people')
        .reduce((sum, o) => sum.plus(o.units), new Decimal(0))
      expect(people.gt(0)).toBe(true)
      const evaluated = portfolio.ventures.flatMap((v) => (v.economics.sroi ? [v.economics.sroi] : []))
      expect(evaluated.length).toBeGreaterThan(0)
      const pv = evaluated.reduce((s, e) => s.plus(e.presentValue), new Decimal(0))
      const inputs = evaluated.reduce((s, e) => s.plus(e.inputs), new Decimal(0))
      const ratio = pv.div(inputs).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2)

      const figures = plain(await page.getByRole('region', { name: 'Resultater og effekt' }).innerText())
      expect(figures).toContain(`Personer nådd\n${number(people.toFixed(), 0)}`)
      expect(figures).toContain(`SROI\n${number(ratio)}`)
      expect(figures).toContain(`${evaluated.length} virksomheter evaluert`)
      const awaitingCount = portfolio.ventures.reduce((n, v) => n + v.reportsAwaitingVerification.length, 0)
      const overdueCount = portfolio.ventures.reduce((n, v) => n + v.overdueReports.length, 0)
      expect(figures).toContain(`Rapporter å verifisere\n${awaitingCount}`)
      expect(figures).toContain(`Forsinkede rapporter\n${overdueCount}`)
      // The double counting is said plainly beside the figures (PRODUCT.md §3).
      expect(await page.locator('.figure-caveat').first().innerText()).toContain('telles to ganger')

      // Outcomes against targets: status in words, with its colour.
      const targets = page.getByRole('region', { name: 'Resultater mot mål' })
      const arbeidsglede = targets.locator('details', { hasText: 'Arbeidsglede AS' })
      await arbeidsglede.locator('summary').click()
      const table = arbeidsglede.getByRole('table', { name: 'Resultater mot mål: Arbeidsglede AS' })
      const work = table.locator('tbody tr', { hasText: 'NO-WORK-01' })
      const badge = work.locator('.badge')
      expect(['I rute', 'Bak plan', 'Langt bak plan']).toContain(await badge.innerText())
      expect(await badge.getAttribute('class')).toMatch(/badge-(success|warning|danger)/)

      // Cost per outcome and attribution, as the economics service computed them.
      const economics = page.getByRole('region', { name: 'Kostnad per resultat og attribusjon' })
      expect(flat(await economics.locator('.window-state').innerText())).toBe(
        'Periode: alle verifiserte perioder Verdsatt støtte: ikke tatt med i kostnaden',
      )
      const ag = portfolio.ventures.find((v) => v.name === 'Arbeidsglede AS')!
      const agWork = ag.economics.outcomes.find((o) => o.indicatorCode === 'NO-WORK-01')!
      const agRow = plain(
        await economics.locator('tbody', { hasText: 'Arbeidsglede AS' }).locator('tr').first().innerText(),
      )
      expect(agRow).toContain(money(ag.economics.cost.total))
      expect(agRow).toContain(plain(formatPercent('nb', ag.economics.attribution!.share!)))
      expect(agRow).toContain(`${number(agWork.units)} personer`)
      expect(agRow).toContain(money(agWork.costPerUnit!))
      expect(agRow).toContain(number(ag.economics.sroi!.ratio!))
      // The one like-for-like comparison: people into work, drawn with its table.
      await chartsDrawn(page)
      const chart = page.locator('#chart-cost-per-outcome')
      expect(await chart.locator('figcaption').innerText()).toBe(
        'Kostnad per resultat sammenlignet: NO-WORK-01 Personer over i ordinært arbeid',
      )
      expect(
        plain((await chart.locator('tbody tr', { hasText: 'Arbeidsglede AS' }).textContent()) ?? ''),
      ).toContain(money(agWork.costPerUnit!))

      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, 'investor-portfolio-outcomes')

      // Another window, support included: the page says so and shows the service's figures for it.
      await economics.getByLabel('Fra').fill('2025-01-01')
      await economics.getByLabel('Til', { exact: true }).fill('2025-12-31')
      await economics.getByLabel('Ta med verdsatt støtte').check()
      await Promise.all([
        page.waitForURL(/from=2025-01-01/),
        economics.getByRole('button', { name: 'Oppdater' }).click(),
      ])
      const { body: windowed } = await api<ApiPortfolio>(
        page,
        `${server.url}/v1/portfolio?from=2025-01-01&to=2025-12-31&includeSupport=true`,
      )
      const agWindowed = windowed.ventures.find((v) => v.name === 'Arbeidsglede AS')!
      expect(flat(await economics.locator('.window-state').innerText())).toBe(
        'Periode: 1. jan. 2025 – 31. des. 2025 Verdsatt støtte: tatt med i kostnaden',
      )
      expect(
        plain(
          await economics.locator('tbody', { hasText: 'Arbeidsglede AS' }).locator('tr').first().innerText(),
        ),
      ).toContain(`${number(agWindowed.economics.outcomes[0]!.units)} personer`)
      expect(problems).toEqual([])
      await page.close()
    })

    it('links a report awaiting verification to the venture page, where it is verified', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.investor)
      const { body: portfolio } = await api<ApiPortfolio>(page, `${server.url}/v1/portfolio`)
      const queue = portfolio.ventures
        .flatMap((v) => v.reportsAwaitingVerification.map((r) => ({ ...r, venture: v })))
        .sort((a, b) =>
          a.period < b.period
            ? -1
            : a.period > b.period
              ? 1
              : a.venture.name.localeCompare(b.venture.name, 'nb'),
        )
      expect(queue.length).toBeGreaterThan(0)

      const review = page.getByRole('region', { name: 'Rapporter som trenger oppfølging' })
      const rows = review.getByRole('table', { name: 'Venter på verifisering' }).locator('tbody tr')
      expect(await rows.count()).toBe(queue.length)
      const first = queue[0]!
      expect(plain(await rows.first().innerText())).toMatch(
        new RegExp(`^${first.venture.name}\\s+${quarter(first.period)}`),
      )
      await Promise.all([
        page.waitForURL((url) => url.pathname.endsWith(`/reports/${first.reportId}`)),
        rows
          .first()
          .getByRole('link', {
            name: `Gå gjennom rapport ${quarter(first.period)} fra ${first.venture.name}`,
          })
          .click(),
      ])
      // The report's own page: what was submitted, and the review.
      expect(new URL(page.url()).pathname).toBe(`/ventures/${first.venture.id}/reports/${first.reportId}`)
      expect(await page.locator('.page-meta').innerText()).toContain('Sendt inn')
      expect(await page.locator('#values tbody tr').count()).toBeGreaterThan(0)
      await Promise.all([
        page.waitForURL(/\/reports\/[0-9a-f-]{36}$/),
        page.locator('#review').getByRole('button', { name: 'Verifiser' }).click(),
      ])
      expect(await page.locator('[role=status]').first().innerText()).toBe(
        `Rapport ${quarter(first.period)} er verifisert.`,
      )

      await page.goto(`${server.url}/portfolio`)
      const after = page.getByRole('region', { name: 'Rapporter som trenger oppfølging' })
      if (queue.length === 1) {
        expect(await after.locator('.empty-title').first().innerText()).toBe(
          'Ingenting venter på verifisering',
        )
      } else {
        expect(
          await after.getByRole('table', { name: 'Venter på verifisering' }).locator('tbody tr').count(),
        ).toBe(queue.length - 1)
      }
      expect(problems).toEqual([])
      await page.close()
    })

    it('shows a venture’s cost per outcome and its latest SROI evaluation with assumptions and sensitivity', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.investor)
      const { body: portfolio } = await api<ApiPortfolio>(page, `${server.url}/v1/portfolio`)
      const venture = portfolio.ventures.find((v) => v.name === 'Ungt Håp')!
      const { body: sroi } = await api<{
        presentValue: string
        inputs: { amount: string }
        ratio: string
        netRatio: string
        paybackMonths: string
        outcomes: { indicatorCode: string; quantity: string; proxy: string }[]
        sensitivity: { rows: unknown[] }
      }>(page, `${server.url}/v1/ventures/${venture.id}/sroi`)
      const { body: econ } = await api<ApiPortfolio['ventures'][number]['economics']>(
        page,
        `${server.url}/v1/ventures/${venture.id}/economics`,
      )

      await page.goto(`${server.url}/ventures/${venture.id}`)
      const economics = page.getByRole('region', { name: 'Kostnad per resultat', exact: true })
      const costFigures = plain(
        await economics.getByRole('region', { name: 'Kostnad og attribusjon' }).innerText(),
      )
      expect(costFigures).toContain(`Kostnad i perioden\n${money(econ.cost.total)}`)
      expect(costFigures).toContain(
        `Andel for Nordlys Sosial Kapital\n${plain(formatPercent('nb', econ.attribution!.share!))}`,
      )
      const youth = econ.outcomes.find((o) => o.indicatorCode === 'NO-YOUTH-01')!
      expect(plain(await economics.locator('tbody tr', { hasText: 'NO-YOUTH-01' }).innerText())).toContain(
        money(youth.costPerUnit!),
      )

      const section = page.getByRole('region', { name: 'Samfunnsøkonomisk avkastning (SROI)' })
      const figures = plain(await section.getByRole('region', { name: 'SROI-tall' }).innerText())
      expect(figures).toContain(`Nåverdi\n${money(sroi.presentValue)}`)
      expect(figures).toContain(`Innsats\n${money(sroi.inputs.amount)}`)
      expect(figures).toContain(`SROI-forhold\n${number(sroi.ratio)}`)
      expect(figures).toContain(`Netto SROI\n${number(sroi.netRatio)}`)
      expect(figures).toContain(`Tilbakebetalingstid\n${number(sroi.paybackMonths, 1)} måneder`)
      const assumptions = section.getByRole('table', { name: 'Forutsetninger per resultat' })
      expect(await assumptions.locator('tbody tr').count()).toBe(sroi.outcomes.length)
      const firstOutcome = sroi.outcomes[0]!
      expect(plain(await assumptions.locator('tbody tr').first().innerText())).toContain(
        money(firstOutcome.proxy),
      )
      const sensitivity = section.getByRole('table', { name: /^Følsomhet i SROI-forholdet/ })
      expect(await sensitivity.locator('tbody tr').count()).toBe(sroi.sensitivity.rows.length)
      expect(await sensitivity.locator('tbody th').allTextContents()).toContain('Dødvekt')
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await page.locator('#economics').scrollIntoViewIfNeeded()
      await page.evaluate(() => document.getElementById('economics')?.scrollIntoView())
      await screenshot(page, 'venture-sroi', false)

      // A venture without an SROI model: the designed empty state.
      const kafe = portfolio.ventures.find((v) => !v.economics.sroi)!
      expect((await api(page, `${server.url}/v1/ventures/${kafe.id}/sroi`)).status).toBe(404)
      await page.goto(`${server.url}/ventures/${kafe.id}`)
      expect(
        await page
          .getByRole('region', { name: 'Samfunnsøkonomisk avkastning (SROI)' })
          .locator('.empty-title')
          .innerText(),
      ).toBe('Ingen SROI-beregning ennå')
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      expect(problems).toEqual([])
      await page.close()
    })

    it('lets a platform admin open an investor’s portfolio and a venture’s SROI', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.admin)
      await Promise.all([
        page.waitForURL(/\/portfolio/),
        page.getByRole('link', { name: 'Portefølje' }).click(),
      ])
      const investorId = await page.locator('#economics input[name=org]').getAttribute('value')
      const { body: portfolio } = await api<ApiPortfolio>(
        page,
        `${server.url}/v1/portfolio?organization=${investorId}`,
      )
      const org = await page.locator('.page-meta .org-name').innerText()
      const people = portfolio.ventures
        .flatMap((x) => x.economics.outcomes)
        .filter((o) => o.unit === 'people')
        .reduce((sum, o) => sum.plus(o.units), new Decimal(0))
      expect(plain(await page.getByRole('region', { name: 'Resultater og effekt' }).innerText())).toContain(
        `Personer nådd\n${number(people.toFixed(), 0)}`,
      )
      // The ventures listed are the investor's, not every venture of the platform.
      expect(await page.locator('#ventures tbody tr').count()).toBe(portfolio.ventures.length)
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Portefølje')
      expect(org).toBe(portfolio.organization.name)
      await expectNoAxe(page)

      // On a venture page the admin sees cost per outcome and SROI, without an investor's share.
      const withSroi = portfolio.ventures.find((x) => x.economics.sroi)!
      await page.goto(`${server.url}/ventures/${withSroi.id}`)
      expect(plain(await page.getByRole('region', { name: 'SROI-tall' }).innerText())).toContain(
        `SROI-forhold\n${number(withSroi.economics.sroi!.ratio!)}`,
      )
      expect(
        await page.getByRole('region', { name: 'Kostnad per resultat', exact: true }).innerText(),
      ).toContain('Attribusjonsandelen vises for virksomhetens investorer.')
      expect(problems).toEqual([])
      await page.close()
    })

    it('shows the venture its SROI without an investor share, and a municipality with the profile only neither', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.venture)
      const ventureId = new URL(page.url()).pathname.split('/')[2] ?? ''
      await page.goto(`${server.url}/ventures/${ventureId}`)
      const economics = page.getByRole('region', { name: 'Kostnad per resultat', exact: true })
      expect(await economics.innerText()).toContain('Attribusjonsandelen vises for virksomhetens investorer.')
      const { body: sroi } = await api<{ ratio: string }>(page, `${server.url}/v1/ventures/${ventureId}/sroi`)
      expect(plain(await page.getByRole('region', { name: 'SROI-tall' }).innerText())).toContain(
        `SROI-forhold\n${number(sroi.ratio)}`,
      )

      // The municipality sees ventures that share with it; with aggregate sharing, only the profile.
      await signIn(page, server.url, DEMO.kommune)
      await page.goto(`${server.url}/ventures`)
      const links = page.locator('table.table tbody tr th a, table.table tbody tr td a')
      const hrefs = (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).filter(
        (h) => /^\/ventures\/[0-9a-f-]{36}$/.test(h),
      )
      let profileOnly = 0
      for (const href of hrefs) {
        await page.goto(`${server.url}${href}`)
        const access = await page.locator('.page-meta .badge').last().innerText()
        if (access !== 'Bare profil') continue
        profileOnly++
        expect(await page.locator('#sroi').count()).toBe(0)
        expect(await page.locator('#economics').count()).toBe(0)
        expect(
          (await api(page, `${server.url}/v1/ventures${href.slice('/ventures'.length)}/sroi`)).status,
        ).toBe(404)
      }
      expect(profileOnly).toBeGreaterThan(0)
      expect(problems).toEqual([])
      await page.close()
    })

    it('reads in English too, with English number formats (last: it switches the language)', async () => {
      const { page, problems } = await newPage(browser)
      await signIn(page, server.url, DEMO.investor)
      const { body: portfolio } = await api<ApiPortfolio>(page, `${server.url}/v1/portfolio`)
      await page.goto(`${server.url}/portfolio?lang=en`)
      const evaluated = portfolio.ventures.flatMap((v) => (v.economics.sroi ? [v.economics.sroi] : []))
      const ratio = evaluated
        .reduce((s, e) => s.plus(e.presentValue), new Decimal(0))
        .div(evaluated.reduce((s, e) => s.plus(e.inputs), new Decimal(0)))
        .toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN)
        .toFixed(2)
      const figures = await page.getByRole('region', { name: 'Outcomes and impact' }).innerText()
      expect(figures).toContain('People reached')
      expect(figures).toContain(`SROI\n${formatNumber('en', ratio, 2)}`)
      expect(await page.locator('.figure-caveat').first().innerText()).toContain('is counted twice')
      const economics = page.getByRole('region', { name: 'Cost per outcome and attribution' })
      expect(flat(await economics.locator('.window-state').innerText())).toBe(
        'Window: all verified periods Valued support: not included in the cost',
      )
      const ag = portfolio.ventures.find((v) => v.name === 'Arbeidsglede AS')!
      expect(
        await economics.locator('tbody', { hasText: 'Arbeidsglede AS' }).locator('tr').first().innerText(),
      ).toContain(formatMoney('en', ag.economics.cost.total))
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await page.goto(`${server.url}/portfolio?lang=nb`)
      expect(problems).toEqual([])
      await page.close()
    })
  },
)
