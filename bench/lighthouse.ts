import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import {
  CHROMIUM,
  DEMO,
  hasChromium,
  newPage,
  openBrowser,
  SKIP_REASON,
  signIn,
  startServer,
} from '../test/e2e/harness.ts'

/**
 * Lighthouse, mobile (its default: a 412 px phone, slow 4G and a 4× slower CPU, simulated), on the
 * dashboard pages people open on a phone: the investor's portfolio and a venture, the
 * entrepreneur's report form and the municipality's impact page, each signed in as that person.
 * Prints the performance score and the metrics behind it per page, and exits non-zero when a page
 * scores under the target. Everything is served from this machine: nothing is downloaded.
 *
 *   npm run lighthouse                (RUNS=3 takes each page's median of three runs)
 *   LIGHTHOUSE_REPORTS=dir npm run lighthouse    also writes each page's report to dir (.html, .json)
 */
const TARGET = 95
const RUNS = Number(process.env.RUNS ?? 1)
const REPORTS = process.env.LIGHTHOUSE_REPORTS

if (!hasChromium) {
  console.log(`lighthouse: ${SKIP_REASON}`)
  process.exit(0)
}

execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/build-assets.ts'], { stdio: 'inherit' })
const server = await startServer()

/** Signs each person in through the form (as the browser tests do) and finds their page's address. */
async function pagesToAudit() {
  const browser = await openBrowser('nb-NO')
  try {
    const { page } = await newPage(browser)
    const cookieOf = async () => {
      const session = (await page.context().cookies()).find((c) => c.name === 'effekt_session')
      if (!session) throw new Error('signing in set no session cookie')
      return `${session.name}=${session.value}`
    }
    await signIn(page, server.url, DEMO.investor)
    const investor = await cookieOf()
    const venture = await page.locator('#ventures tbody a').first().getAttribute('href')
    await signIn(page, server.url, DEMO.venture)
    const entrepreneur = await cookieOf()
    // The entrepreneur lands on what is due; the first of it is a report form (a draft).
    const report = await page.locator('#due tbody a').first().getAttribute('href')
    await signIn(page, server.url, DEMO.kommune)
    const municipality = await cookieOf()
    if (!venture || !report) throw new Error('the demo has no venture or no report due')
    return [
      { name: 'portfolio', path: '/portfolio', cookie: investor },
      { name: 'venture', path: venture, cookie: investor },
      { name: 'report form', path: report, cookie: entrepreneur },
      { name: 'impact', path: '/impact', cookie: municipality },
    ]
  } finally {
    await browser.close()
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN

const profile = mkdtempSync(join(tmpdir(), 'effekt-lighthouse-'))
let chrome: chromeLauncher.LaunchedChrome | undefined
let failed = false
try {
  const pages = await pagesToAudit()
  chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    userDataDir: profile,
    chromeFlags: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  if (REPORTS) mkdirSync(REPORTS, { recursive: true })
  const rows: string[][] = []
  for (const p of pages) {
    const scores: number[] = []
    let metrics: Record<string, string> = {}
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(
        `${server.url}${p.path}`,
        {
          port: chrome.port,
          output: 'html',
          logLevel: 'error',
          onlyCategories: ['performance'],
          extraHeaders: { Cookie: p.cookie },
        },
        undefined,
      )
      if (!result) throw new Error(`lighthouse returned nothing for ${p.path}`)
      const { lhr } = result
      if (lhr.runtimeError) throw new Error(`${p.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
      scores.push(Math.round((lhr.categories.performance?.score ?? 0) * 100))
      const audit = (id: string) => lhr.audits[id]?.displayValue ?? '–'
      metrics = {
        FCP: audit('first-contentful-paint'),
        LCP: audit('largest-contentful-paint'),
        TBT: audit('total-blocking-time'),
        CLS: audit('cumulative-layout-shift'),
        SI: audit('speed-index'),
      }
      if (REPORTS && i === 0) {
        const html = Array.isArray(result.report) ? result.report[0] : result.report
        const file = join(REPORTS, p.name.replace(/\W+/g, '-'))
        writeFileSync(`${file}.html`, html ?? '')
        writeFileSync(`${file}.json`, JSON.stringify(lhr, null, 2))
      }
    }
    const score = median(scores)
    if (score < TARGET) failed = true
    rows.push([
      p.name,
      String(score),
      ...Object.entries(metrics).map(([k, v]) => `${k} ${v}`),
      RUNS > 1 ? `runs ${scores.join(' ')}` : '',
    ])
  }
  console.log(`Lighthouse mobile performance (target ≥ ${TARGET}):`)
  for (const row of rows) console.log(`  ${row[0]?.padEnd(12)} ${row.slice(1).join('  ')}`)
} finally {
  await chrome?.kill()
  await server.close()
  rmSync(profile, { recursive: true, force: true })
}
if (failed) {
  console.log(`A page scores under ${TARGET}.`)
  process.exit(1)
}
