import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { serveStatic } from '@hono/node-server/serve-static'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import type { Database } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { renderAnnualReportPdf } from '../../src/entry/node-annual-pdf.ts'
import { createPgliteDatabase } from '../../src/entry/node-database.ts'
import { exceljsSheets } from '../../src/entry/sheets.ts'
import { createLogger } from '../../src/http/logger.ts'

export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)
export const SKIP_REASON = `${CHROMIUM} is missing, so the browser tests are skipped (apt-get install chromium to run them)`
if (!hasChromium) console.warn(`e2e: ${SKIP_REASON}`)

export const DEMO_PASSWORD = 'effekt-demo'
export const DEMO = {
  admin: 'admin@demo.effekt.no',
  investor: 'investor@demo.effekt.no',
  venture: 'venture@demo.effekt.no',
  kommune: 'kommune@demo.effekt.no',
} as const

export interface TestServer {
  url: string
  database: Database
  logs: Record<string, unknown>[]
  close(): Promise<void>
}

/**
 * The real server as src/entry/node.ts builds it — PGlite in a fresh DATA_DIR, migrations, the
 * demo portfolio, /assets from dist/public with the immutable cache header — on a free port.
 * `demoDump` (made by the e2e global setup) starts the database from an already migrated demo;
 * without it the server migrates and loads the demo itself, exactly as on first start. `env`
 * adds configuration variables.
 */
export async function startServer(demoDump?: string, env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'effekt-e2e-data-'))
  const config = loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'always', LOG_LEVEL: 'warn', ...env })
  const database = await createPgliteDatabase(
    config.DATA_DIR,
    demoDump ? new Blob([readFileSync(demoDump)]) : undefined,
  )
  await migrateToLatest(database.db)
  if (!demoDump)
    await loadDemo({ db: database.db, principal: null, requestId: null, now: new Date(), config })
  const logs: Record<string, unknown>[] = []
  const app = createApp({
    database,
    config,
    logger: createLogger('warn', (line) => logs.push(JSON.parse(line))),
    clientAddress: (c) => getConnInfo(c).remote.address,
    renderAnnualReportPdf,
    sheets: exceljsSheets,
    serveAssets: serveStatic({
      root: './dist/public',
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable')
      },
    }),
  })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    logs,
    close: async () => {
      ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await database.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

/** Debian's Chromium, headless, in a fresh profile; Norwegian unless asked otherwise. */
export async function openBrowser(locale = 'nb-NO'): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'effekt-e2e-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale,
    viewport: DESKTOP,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/**
 * A page that records what a person would never want to see: script errors and anything the
 * Content-Security-Policy refused (an inline script or style would show up here).
 */
export async function newPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage()
  const problems: string[] = []
  page.on('pageerror', (err) => problems.push(`script error: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) {
      problems.push(`CSP: ${msg.text()}`)
    }
  })
  return { page, problems }
}

/** Signs in through the login form, as a person would (any earlier session is forgotten first). */
export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.context().clearCookies({ name: 'effekt_session' })
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel(/E-post|Email/).fill(email)
  await page.getByLabel(/Passord|Password/).fill(password)
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    page.locator('form[action="/login"] button[type=submit]').click(),
  ])
}

export async function signOut(page: Page) {
  await Promise.all([page.waitForURL(/\/login$/), page.locator('form[action="/logout"] button').click()])
}

/** Waits until every chart on the page is drawn (the chart script marks the document). */
export async function chartsDrawn(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.charts === 'drawn')
}

const SHOTS = 'test-results/screenshots'

/**
 * Saves what the person saw, as a test artifact; with UPDATE_SCREENSHOTS=1 also into
 * docs/screenshots for the README.
 */
export async function screenshot(page: Page, name: string, fullPage = true) {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage })
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync('docs/screenshots', { recursive: true })
    await page.screenshot({ path: join('docs/screenshots', `${name}.png`), fullPage })
  }
}

const AXE_SOURCE = readFileSync(join('node_modules', 'axe-core', 'axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  /** The viewport width (px) at which axe found it. */
  width?: number
  nodes: { target: string[]; failureSummary?: string }[]
}

/** A phone (an iPhone 12–15's CSS width) and the desktop width every browser test opens with. */
export const PHONE = { width: 390, height: 844 } as const
export const DESKTOP = { width: 1280, height: 900 } as const

/** Lets the page lay itself out (and the charts redraw) at a new viewport size. */
async function resizeTo(page: Page, size: { width: number; height: number }) {
  await page.setViewportSize(size)
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  )
}

async function axeOnce(page: Page, width: number): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (...args: unknown[]) => Promise<{ violations: AxeViolation[] }> } }
    ).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }))
  })
  return violations.map((v) => ({ ...v, width }))
}

/**
 * What makes a page unusable on a phone without axe noticing: the page itself wider than the
 * screen (so everything scrolls sideways, not just a table in its own region). Reported in axe's
 * shape, so one assertion covers both.
 */
async function phoneOverflow(page: Page): Promise<AxeViolation[]> {
  const wide = await page.evaluate(() => {
    const root = document.documentElement
    if (root.scrollWidth <= root.clientWidth) return []
    // What sticks out past the right edge, outside any region that scrolls on its own.
    const inScroller = (el: HTMLElement) => {
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX)) return true
      }
      return false
    }
    const out: string[] = []
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (out.length >= 5) break
      const r = el.getBoundingClientRect()
      if (r.right <= root.clientWidth + 1 || r.width === 0 || inScroller(el)) continue
      out.push(el.id ? `#${el.id}` : [el.tagName.toLowerCase(), ...el.classList].join('.'))
    }
    return [`the page is ${root.scrollWidth}px wide on a ${root.clientWidth}px screen: ${out.join(', ')}`]
  })
  return wide.map((summary) => ({
    id: 'page-overflows-phone-width',
    impact: 'serious',
    help: 'The page must fit a 390 px screen; wide content scrolls in its own region',
    width: PHONE.width,
    nodes: [{ target: ['html'], failureSummary: summary }],
  }))
}

/**
 * Runs axe-core inside the page against WCAG 2.1 A and AA and axe's best practices, and returns
 * every violation whatever its impact (minor, moderate, serious, critical), at phone width
 * (390 px) and at desktop width: the page is resized to a phone, checked (also that nothing but a table's own scroll region is wider than the screen), and
 * resized back to the width it had, where the test goes on. axe is evaluated through the
 * DevTools protocol, which the page's CSP (rightly) does not allow a <script> tag to do.
 */
export async function axeViolationsOfAnyImpact(page: Page): Promise<AxeViolation[]> {
  const original = page.viewportSize() ?? DESKTOP
  const sizes = original.width === PHONE.width ? [PHONE, DESKTOP] : [PHONE, original]
  const found: AxeViolation[] = []
  for (const size of sizes) {
    await resizeTo(page, size)
    found.push(...(await axeOnce(page, size.width)))
    if (size.width === PHONE.width) found.push(...(await phoneOverflow(page)))
  }
  if (page.viewportSize()?.width !== original.width) await resizeTo(page, original)
  return found
}
