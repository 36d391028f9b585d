import Decimal from 'decimal.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { DEMO_PASSWORD } from '../../src/demo/ids.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { formatNumber } from '../../web/ui/format.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken } from '../helpers/factories.ts'
import { call, login } from '../helpers/http.ts'

/**
 * GET /v1/portfolio's totals.peopleReached and totals.sroi on the demo: the figures the dashboard
 * used to compute for itself, now given by the API and shown by the page from it.
 */
let t: TestContext
let investor: string
beforeAll(async () => {
  t = await createTestApp()
  await loadDemo({
    db: t.database.db,
    principal: null,
    requestId: null,
    now: new Date(),
    config: defaultConfig(),
  })
  investor = await login(t.app, 'investor@demo.effekt.no', DEMO_PASSWORD)
})
afterAll(() => t.close())

interface Economics {
  outcomes: { indicatorCode: string; unit: string; units: string }[]
  sroi: { inputs: string; presentValue: string } | null
}

/** What the dashboard computed from the ventures' economics (the e2e test's reading of the page). */
function expectedTotals(ventures: { economics: Economics }[]) {
  const people = ventures.map((v) =>
    v.economics.outcomes.filter((o) => o.unit === 'people' && Number(o.units) > 0),
  )
  const evaluated = ventures.flatMap((v) => (v.economics.sroi ? [v.economics.sroi] : []))
  const pv = evaluated.reduce((s, e) => s.plus(e.presentValue), new Decimal(0))
  const inputs = evaluated.reduce((s, e) => s.plus(e.inputs), new Decimal(0))
  return {
    peopleReached: {
      total: people
        .flat()
        .reduce((s, o) => s.plus(o.units), new Decimal(0))
        .toFixed(),
      ventureCount: people.filter((list) => list.length > 0).length,
      indicatorCodes: [...new Set(people.flat().map((o) => o.indicatorCode))].sort(),
    },
    sroi: evaluated.length
      ? {
          ratio: pv.div(inputs).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2),
          presentValue: pv.toFixed(2),
          inputs: inputs.toFixed(2),
          ventureCount: evaluated.length,
        }
      : null,
  }
}

describe('GET /v1/portfolio totals: people reached and the portfolio SROI', () => {
  it('sums people and SROI over the demo portfolio, as the dashboard shows them', async () => {
    const res = await call(t.app, 'GET', '/v1/portfolio', { cookie: investor })
    expect(res.status, res.text).toBe(200)
    const { peopleReached, sroi } = res.body.totals
    expect({ peopleReached, sroi }).toEqual(expectedTotals(res.body.ventures))
    expect(Number(peopleReached.total)).toBeGreaterThan(0)
    expect(peopleReached.indicatorCodes).toContain('NO-WORK-01')
    expect(sroi.ventureCount).toBe(3)
    expect(sroi.ratio).toMatch(/^[0-9]+\.[0-9]{2}$/)

    const page = await call(t.app, 'GET', '/portfolio', { cookie: investor })
    expect(page.status).toBe(200)
    const plain = (x: string) => x.replace(/[\u00a0\u202f]/g, ' ')
    const figure = (label: string) =>
      plain(page.text).match(new RegExp(`<dt>${label}</dt><dd><span class="key-value">([^<]*)</span>`))?.[1]
    expect(figure('Personer nådd')).toBe(plain(formatNumber('nb', peopleReached.total, 0)))
    expect(figure('SROI')).toBe(plain(formatNumber('nb', sroi.ratio, 2)))
  })

  it('follows the economics window', async () => {
    const all = (await call(t.app, 'GET', '/v1/portfolio', { cookie: investor })).body
    const res = await call(t.app, 'GET', '/v1/portfolio?from=2025-01-01&to=2025-06-30', { cookie: investor })
    expect(res.status, res.text).toBe(200)
    const { peopleReached, sroi } = res.body.totals
    expect({ peopleReached, sroi }).toEqual(expectedTotals(res.body.ventures))
    expect(new Decimal(peopleReached.total).lt(all.totals.peopleReached.total)).toBe(true)
  })

  it('is zero people and no SROI for an investor without ventures', async () => {
    const org = await makeOrg(t.database.db, { kind: 'investor' })
    const { token } = await makeToken(t.database.db, (await makeMember(t.database.db, org.id, 'viewer')).id)
    const res = await call(t.app, 'GET', '/v1/portfolio', { token })
    expect(res.status, res.text).toBe(200)
    expect(res.body.totals.peopleReached).toEqual({ total: '0', ventureCount: 0, indicatorCodes: [] })
    expect(res.body.totals.sroi).toBeNull()
  })
})
