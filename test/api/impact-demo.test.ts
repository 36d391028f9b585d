import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { DEMO_PASSWORD } from '../../src/demo/ids.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call, login } from '../helpers/http.ts'

/**
 * Issue 6, done when: GET /v1/impact?municipality=3207 as the demo municipality user shows several
 * years of rolled-up, suppressed impact. The demo ventures report under 0213 and 0217 before 2020
 * and 3020 until 2024; the impact trigger builds the facts as the demo loader verifies its reports.
 */
let t: TestContext
let cookie: string
beforeAll(async () => {
  t = await createTestApp()
  await loadDemo({
    db: t.database.db,
    principal: null,
    requestId: null,
    now: new Date(),
    config: defaultConfig(),
  })
  cookie = await login(t.app, 'kommune@demo.effekt.no', DEMO_PASSWORD)
})
afterAll(() => t.close())

// biome-ignore lint/suspicious/noExplicitAny: test reads JSON
type Json = any

describe('the demo municipality’s impact', () => {
  it('shows several years rolled up into 3207, with small counts suppressed', async () => {
    const years = await call(t.app, 'GET', '/v1/impact?municipality=3207&granularity=year', { cookie })
    expect(years.status).toBe(200)
    expect(years.body.municipality.rolledUpFrom).toEqual(['0213', '0217', '3020'])
    expect(years.body.ventureCount).toBeGreaterThan(1)
    const periods = new Set<string>(
      years.body.indicators.flatMap((i: Json) =>
        i.periods.filter((p: Json) => !p.value.suppressed).map((p: Json) => p.period),
      ),
    )
    // Before 2020 the values were reported under 0213 and 0217; from 2024 under 3207.
    for (const year of ['2018', '2019', '2021', '2024']) expect(periods.has(year), year).toBe(true)

    const quarters = await call(t.app, 'GET', '/v1/impact?municipality=3207', { cookie })
    const cells = quarters.body.indicators.flatMap((i: Json) =>
      i.periods.flatMap((p: Json) => [
        p.value,
        ...Object.values(p.breakdowns as Record<string, Record<string, Json>>).flatMap((c) =>
          Object.values(c),
        ),
      ]),
    )
    const suppressed = cells.filter((c: Json) => c.suppressed)
    expect(suppressed.length).toBeGreaterThan(0)
    expect(suppressed.every((c: Json) => c.value === null)).toBe(true)
  })
})

describe('the demo’s open data', () => {
  it('serves Nordre Follo’s figures without login, cacheable, with no suppressed value in it', async () => {
    const res = await t.app.request('/v1/open/impact/3207.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBeTruthy()
    expect(res.headers.get('cache-control')).toContain('public')
    const text = await res.text()
    expect(text).toContain('NLOD')
    const again = await t.app.request('/v1/open/impact/3207.json', {
      headers: { 'if-none-match': res.headers.get('etag')! },
    })
    expect(again.status).toBe(304)
    const csv = await t.app.request('/v1/open/impact/3207.csv')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/)
  })
})
