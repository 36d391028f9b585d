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
 * The bell, the notification list and the settings, as a venture member reads them: the count in
 * the bell's accessible name, marking read, choosing a digest — at phone and desktop width.
 */
describe.skipIf(!hasChromium)(`notifications (${hasChromium ? 'Chromium' : SKIP_REASON})`, () => {
  let server: TestServer
  let browser: Browser
  let userId: string
  let ventureId: string
  beforeAll(async () => {
    server = await startServer(inject('e2eDemoDump'))
    browser = await openBrowser('nb-NO')
    const db = server.database.db
    userId = (
      await db.selectFrom('users').select('id').where('email', '=', DEMO.venture).executeTakeFirstOrThrow()
    ).id
    ventureId = (
      await db
        .selectFrom('memberships')
        .select('organizationId')
        .where('userId', '=', userId)
        .executeTakeFirstOrThrow()
    ).organizationId
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const notice = (
    kind: 'report_returned' | 'report_due',
    minutesAgo: number,
    params: Record<string, string>,
  ) =>
    server.database.db
      .insertInto('notifications')
      .values({
        id: crypto.randomUUID(),
        userId,
        kind,
        ventureOrgId: ventureId,
        reportId: null,
        params: JSON.stringify(params),
        delivery: 'off',
        dedupeKey: null,
        createdAt: new Date(Date.now() - minutesAgo * 60_000),
      })
      .execute()

  for (const width of [390, 1280]) {
    it(`shows the unread count and lets the owner read and choose (${width} px)`, async () => {
      await server.database.db.deleteFrom('notifications').where('userId', '=', userId).execute()
      await server.database.db.deleteFrom('notificationPreferences').where('userId', '=', userId).execute()
      await notice('report_due', 60, { ventureName: 'Demo', period: '2026-Q3', dueDate: '2026-10-30' })
      await notice('report_returned', 5, { ventureName: 'Demo', period: '2026-Q2', reason: 'Kilde mangler' })
      const { page, problems } = await newPage(browser)
      await page.setViewportSize({ width, height: 900 })
      await signIn(page, server.url, DEMO.venture)

      const bell = page.getByRole('link', { name: 'Varsler, 2 uleste' })
      expect(await bell.isVisible()).toBe(true)
      await Promise.all([page.waitForURL(/\/notifications$/), bell.click()])
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Varsler')
      const items = page.locator('.notification')
      expect(await items.count()).toBe(2)
      expect(await items.first().innerText()).toContain('Begrunnelse: Kilde mangler')
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, `notifications-${width}`)

      // The page posts and comes back to the same address: wait for what changed, not the URL.
      await page
        .getByRole('button', { name: 'Merk som lest: Rapporten for 2026-Q2 ble sendt tilbake' })
        .click()
      await page.getByRole('link', { name: 'Varsler, 1 ulest' }).waitFor()
      await page.getByRole('button', { name: 'Merk alle som lest' }).click()
      await page.getByRole('link', { name: 'Varsler, ingen uleste' }).waitFor()
      expect(await page.getByRole('status').first().innerText()).toContain('Alle varsler er merket som lest.')

      await Promise.all([
        page.waitForURL(/\/notifications\/settings$/),
        page.getByRole('link', { name: 'Velg hvordan du får beskjed' }).click(),
      ])
      const reminders = page.getByRole('group', {
        name: 'Påminnelser om rapporter som forfaller eller er forsinket',
      })
      await reminders.getByLabel('Daglig oppsummering').check()
      expect(await axeViolationsOfAnyImpact(page)).toEqual([])
      await screenshot(page, `notification-settings-${width}`)
      await page.getByRole('button', { name: 'Lagre innstillingene' }).click()
      await page.getByText('Innstillingene for varsler er lagret.').waitFor()
      expect(await reminders.getByLabel('Daglig oppsummering').isChecked()).toBe(true)
      const saved = await server.database.db
        .selectFrom('notificationPreferences')
        .select(['kind', 'delivery'])
        .where('userId', '=', userId)
        .orderBy('kind')
        .execute()
      expect(saved).toContainEqual({ kind: 'reminder', delivery: 'daily' })
      expect(problems).toEqual([])
      await page.close()
    }, 60_000)
  }
})
