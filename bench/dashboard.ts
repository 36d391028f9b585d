import { execFileSync } from 'node:child_process'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import {
  chartsDrawn,
  DEMO,
  hasChromium,
  openBrowser,
  SKIP_REASON,
  signIn,
  startServer,
} from '../test/e2e/harness.ts'

/**
 * Dashboard speed (issue 8): how soon the demo investor's portfolio is usable — its charts drawn
 * — in headless Chromium, and how much JavaScript each page ships, gzipped. Prints the figures
 * and exits non-zero when a target is missed (usable ≤ 1000 ms at the median, ≤ 150 kB of
 * JavaScript per page).
 *
 *   npm run bench:dashboard            (RUNS=20 for more samples)
 */
const RUNS = Number(process.env.RUNS ?? 10)
const USABLE_TARGET_MS = 1000
const JS_BUDGET_KB = 150

if (!hasChromium) {
  console.log(`bench:dashboard: ${SKIP_REASON}`)
  process.exit(0)
}

execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/build-assets.ts'], { stdio: 'inherit' })
const server = await startServer()
const browser = await openBrowser('nb-NO')

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

/** Milliseconds from navigation start to the charts being drawn, and to the HTML being parsed. */
async function timeToUsable(page: Page, path: string) {
  await page.goto(`${server.url}${path}`)
  await chartsDrawn(page)
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    const drawn = performance.getEntriesByName('effekt:charts-drawn')[0]
    return {
      usable: drawn?.startTime ?? Number.NaN,
      html: nav.responseEnd,
      dom: nav.domContentLoadedEventEnd,
    }
  })
}

async function measureUsable() {
  const page = await browser.context.newPage()
  await signIn(page, server.url, DEMO.investor)
  const cdp = await browser.context.newCDPSession(page)
  const results: Record<'cold' | 'warm', { usable: number[]; html: number[]; dom: number[] }> = {
    cold: { usable: [], html: [], dom: [] },
    warm: { usable: [], html: [], dom: [] },
  }
  await timeToUsable(page, '/portfolio') // warm up the server's first-request work
  for (const mode of ['cold', 'warm'] as const) {
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: mode === 'cold' })
    for (let i = 0; i < RUNS; i++) {
      const t = await timeToUsable(page, '/portfolio')
      results[mode].usable.push(t.usable)
      results[mode].html.push(t.html)
      results[mode].dom.push(t.dom)
    }
  }
  await page.close()
  return results
}

/** A venture page with charts: the first venture of the investor's portfolio. */
async function ventureOfInvestor(page: Page): Promise<string> {
  await page.goto(`${server.url}/portfolio`)
  return (await page.locator('#ventures tbody a').first().getAttribute('href')) ?? '/ventures'
}

/** Every script a page loads (including ones it imports later), gzipped as the server sends them. */
async function javascriptPerPage() {
  const page = await browser.context.newPage()
  const rows: { page: string; scripts: number; rawKb: number; gzipKb: number }[] = []
  // The venture user lands on the venture's reporting desk: its pages are found from there.
  const desk = () => page.url().replace(/\/reports$/, '')
  const firstReport = async () => `${server.url}${await page.locator('#due a').first().getAttribute('href')}`
  const pages: [string, string, () => string | Promise<string>][] = [
    ['login', '', () => `${server.url}/login`],
    ['portfolio', DEMO.investor, () => `${server.url}/portfolio`],
    ['ventures', DEMO.investor, () => `${server.url}/ventures`],
    ['venture', DEMO.investor, async () => `${server.url}${await ventureOfInvestor(page)}`],
    ['venture edit', DEMO.venture, () => `${desk()}/edit`],
    ['reporting', DEMO.venture, () => `${desk()}/reports`],
    ['report form', DEMO.venture, firstReport],
    ['impact', DEMO.kommune, () => `${server.url}/impact`],
    ['indicators', DEMO.investor, () => `${server.url}/indicators`],
    ['organization', DEMO.investor, () => `${server.url}/organizations`],
    ['API tokens', DEMO.investor, () => `${server.url}/settings/tokens`],
  ]
  for (const [name, user, where] of pages) {
    if (!user) await page.context().clearCookies()
    else await signIn(page, server.url, user)
    const target = await where()
    const urls = new Set<string>()
    const collect = (req: import('playwright-core').Request) => {
      if (req.resourceType() === 'script') urls.add(req.url())
    }
    page.on('request', collect)
    await page.goto(target, { waitUntil: 'networkidle' })
    page.off('request', collect)
    // The same bytes the browser got, fetched again (the browser may drop bodies after a navigation).
    const scripts = await Promise.all(
      [...urls].map(async (u) => Buffer.from(await (await fetch(u)).arrayBuffer())),
    )
    const raw = scripts.reduce((n, b) => n + b.length, 0)
    const gz = scripts.reduce((n, b) => n + gzipSync(b, { level: 6 }).length, 0)
    rows.push({ page: name, scripts: scripts.length, rawKb: raw / 1024, gzipKb: gz / 1024 })
  }
  await page.close()
  return rows
}

try {
  const usable = await measureUsable()
  const js = await javascriptPerPage()
  const fmt = (n: number) => `${Math.round(n)} ms`.padStart(8)
  console.log(`\nPortfolio of ${DEMO.investor}: time to usable (charts drawn), ${RUNS} runs each`)
  console.log('                 median      p95      max   (HTML received, DOM ready: median)')
  for (const mode of ['cold', 'warm'] as const) {
    const r = usable[mode]
    console.log(
      `  ${mode === 'cold' ? 'cold cache' : 'warm cache'}   ${fmt(percentile(r.usable, 50))} ${fmt(percentile(r.usable, 95))} ${fmt(Math.max(...r.usable))}   (${Math.round(percentile(r.html, 50))} ms, ${Math.round(percentile(r.dom, 50))} ms)`,
    )
  }
  console.log('\nJavaScript shipped per page')
  console.log('  page            scripts      raw     gzipped')
  for (const r of js) {
    console.log(
      `  ${r.page.padEnd(15)} ${String(r.scripts).padStart(7)} ${r.rawKb.toFixed(1).padStart(8)} kB ${r.gzipKb.toFixed(1).padStart(7)} kB`,
    )
  }
  const usableMs = percentile(usable.cold.usable, 50)
  const heaviest = Math.max(...js.map((r) => r.gzipKb))
  const ok = usableMs <= USABLE_TARGET_MS && heaviest <= JS_BUDGET_KB
  console.log(
    `\nTargets: usable ≤ ${USABLE_TARGET_MS} ms (cold median ${Math.round(usableMs)} ms), JavaScript ≤ ${JS_BUDGET_KB} kB gzipped per page (largest ${heaviest.toFixed(1)} kB): ${ok ? 'met' : 'MISSED'}`,
  )
  process.exitCode = ok ? 0 : 1
} finally {
  await browser.close()
  await server.close()
}
