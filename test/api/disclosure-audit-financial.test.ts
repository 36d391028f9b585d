import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { auditMunicipality } from '../../src/modules/impact/audit-service.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import {
  assign,
  makeIndicator,
  makeMunicipalityOrg,
  makeReport,
  makeVentureOrg,
  shareData,
} from '../helpers/outcome-data.ts'

/**
 * Venture confidentiality across views (PRODUCT.md §4): four ventures share a financial figure
 * with Bærum kommune, three of them publish open data. Each view alone has at least 3 ventures,
 * but the member's /v1/impact minus the open data is the fourth venture's figure. The attacker
 * must not get it, in any quarter or in the year.
 */
let t: TestContext
let token: string
const config = defaultConfig()
const AMOUNTS = [
  ['1000.00', '2000.00', '3000.00', '750.25'],
  ['1100.00', '2100.00', '3100.00', '800.00'],
] as const

beforeAll(async () => {
  t = await createTestApp()
  const db = t.database.db
  await makeIndicator(db, { code: 'TEST-NOK-02', unit: 'NOK', aggregation: 'sum', personal: false })
  const org = await makeMunicipalityOrg(db, ['3201'], { name: 'Bærum kommune', openData: true })
  token = (await makeToken(db, (await makeMember(db, org, 'viewer')).id)).token
  for (let v = 0; v < 4; v++) {
    const id = await makeVentureOrg(db, { municipalities: ['3201'], publishOpenData: v < 3 })
    await shareData(db, id, org)
    const a = await assign(db, id, 'TEST-NOK-02')
    for (const [q, amounts] of AMOUNTS.entries())
      await makeReport(db, {
        ventureId: id,
        period: `2024-Q${q + 1}`,
        values: [{ assignmentId: a, total: amounts[v] as string }],
      })
  }
})
afterAll(() => t.close())

describe('financial aggregates across views', () => {
  it('never isolate one venture by differencing open data against /v1/impact', async () => {
    const a = await auditMunicipality(
      { db: t.database.db, principal: null, requestId: null, now: new Date(), config },
      '3201',
    )
    expect(a.problems).toEqual([])
    // Each view protected on its own shows both: the difference is the fourth venture's figures.
    expect(a.tableByTable.recovered.map((r) => [r.id.split('|').slice(-2).join(' '), r.value])).toEqual(
      expect.arrayContaining([
        ['2024-Q1 value', 750.25],
        ['2024-Q2 value', 800],
      ]),
    )
    expect(a.served.recovered).toEqual([])

    // Read over HTTP: for every period, the open figure or the member's is withheld.
    const open = await call(t.app, 'GET', '/v1/open/impact/3201.json')
    const member = await call(t.app, 'GET', '/v1/impact?municipality=3201', { token })
    const memberYear = await call(t.app, 'GET', '/v1/impact?municipality=3201&granularity=year', { token })
    const openInd = open.body.indicators.find(
      (i: { indicator: { code: string } }) => i.indicator.code === 'TEST-NOK-02',
    )
    const memberInd = [member, memberYear].flatMap(
      (r) =>
        r.body.indicators.find((i: { indicator: { code: string } }) => i.indicator.code === 'TEST-NOK-02')
          ?.periods ?? [],
    )
    for (const p of [...openInd.quarters, ...openInd.years]) {
      const m = memberInd.find((x: { period: string }) => x.period === p.period)
      expect(p.ventures).toBe(3)
      expect(m.ventures).toBe(4)
      expect(p.value.suppressed || m.value.suppressed, p.period).toBe(true)
    }
  })
})
