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

/**
 * One Lighthouse run of a page. A run whose trace went wrong (Lighthouse says to run it again,
 * e.g. NO_NAVSTART on a busy machine) is run again, up to three times.
 */
async function audit(port: number, p: { name: string; path: string; cookie: string }) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(
      `${server.url}${p.path}`,
      {
        port,
        output: 'html',
        logLevel: 'error',
        onlyCategories: ['performance'],
        extraHeaders: { Cookie: p.cookie },
      },
      undefined,
    )
    if (!result) throw new Error(`lighthouse returned nothing for ${p.path}`)
    const error = result.lhr.runtimeError
    if (!error) return result
    if (attempt === 3) throw new Error(`${p.name}: ${error.code} ${error.message}`)
    console.log(`${p.name}: ${error.code}, running it again`)
  }
}

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
    const runs: { score: number; metrics: string[] }[] = []
    for (let i = 0; i < RUNS; i++) {
      const result = await audit(chrome.port, p)
      const { lhr } = result
      const shown = (id: string) => lhr.audits[id]?.displayValue ?? '–'
      runs.push({
        score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        metrics: [
          `FCP ${shown('first-contentful-paint')}`,
          `LCP ${shown('largest-contentful-paint')}`,
          `TBT ${shown('total-blocking-time')}`,
          `CLS ${shown('cumulative-layout-shift')}`,
          `SI ${shown('speed-index')}`,
        ],
      })
      if (REPORTS && i === 0) {
        const html = Array.isArray(result.report) ? result.report[0] : result.report
        const file = join(REPORTS, p.name.replace(/\W+/g, '-'))
        writeFileSync(`${file}.html`, html ?? '')
        writeFileSync(`${file}.json`, JSON.stringify(lhr, null, 2))
      }
    }
    // The median run by score, with the metrics of that run.
    const mid = [...runs].sort((x, y) => x.score - y.score)[Math.floor(runs.length / 2)]
    if (!mid || mid.score < TARGET) failed = true
    rows.push([
      p.name,
      String(mid?.score ?? '–'),
      ...(mid?.metrics ?? []),
      RUNS > 1 ? `runs ${runs.map((r) => r.score).join(' ')}` : '',
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
