import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { codesRollingInto } from '../../src/domain/municipalities.ts'
import {
  auditPlace,
  type Printed,
  readImpactCsv,
  readImpactJson,
  readOpenJson,
} from '../../src/modules/impact/audit.ts'
import { auditMunicipality } from '../../src/modules/impact/audit-service.ts'
import { placeViews, resolvePlace } from '../../src/modules/impact/municipal-data.ts'
import * as repo from '../../src/modules/impact/repo.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'

/**
 * Issue 15: the disclosure attacker downloads every anonymous view of the demo's Nordre Follo —
 * open data as JSON and CSV under 3207 and every old number (0213, 0217, 3020), and /v1/impact of
 * each municipality organization at both granularities, verified and with submitted values — over
 * real HTTP, and combines every additive relation. It recovers nothing from what is served; with
 * each table protected on its own, as before, it recovered small counts.
 */
let t: TestContext
const config = defaultConfig()
beforeAll(async () => {
  t = await createTestApp()
  await loadDemo({ db: t.database.db, principal: null, requestId: null, now: new Date(), config })
})
afterAll(() => t.close())

describe('the disclosure audit of the demo', () => {
  it('recovers 0 protected cells from every view of Nordre Follo (table by table it recovered some)', async () => {
    const db = t.database.db
    const place = resolvePlace('3207', 'query')
    const indicators = await repo.shareableIndicators(db, undefined)
    const { views, orgs } = await placeViews(db, place, indicators, null)
    expect(views.map((v) => v.key)).toContain('open')
    const printed = new Map<string, Printed>()
    const problems: string[] = []
    const into = (key: string) => printed.get(key) ?? (printed.set(key, new Map()).get(key) as Printed)
    for (const code of codesRollingInto('3207')) {
      const json = await call(t.app, 'GET', `/v1/open/impact/${code}.json`)
      expect(json.status, code).toBe(200)
      readOpenJson(json.body, into('open'), problems, `${code}.json`)
      for (const query of ['decimal=point', 'decimal=comma', 'sep=semicolon', 'sep=comma']) {
        const csv = await call(t.app, 'GET', `/v1/open/impact/${code}.csv?${query}`)
        expect(csv.status).toBe(200)
        readImpactCsv(csv.text, into('open'), problems, `${code}.csv ${query}`)
      }
    }
    for (const org of orgs) {
      const token = (await makeToken(db, (await makeMember(db, org.id, 'viewer')).id)).token
      for (const basis of ['verified', 'unverified'])
        for (const granularity of ['quarter', 'year']) {
          const res = await call(
            t.app,
            'GET',
            `/v1/impact?municipality=3020&granularity=${granularity}&includeUnverified=${basis === 'unverified'}`,
            { token },
          )
          expect(res.status).toBe(200)
          readImpactJson(
            res.body,
            into(`org:${org.id}:${basis}`),
            problems,
            `${org.name} ${basis} ${granularity}`,
          )
        }
    }
    const a = auditPlace(indicators, views, printed, config.SUPPRESSION_THRESHOLD, problems)
    expect(a.problems).toEqual([])
    expect(a.served.protectedCells).toBeGreaterThan(20)
    expect(a.served.recovered).toEqual([])
    // What each table protected on its own lets through.
    expect(a.tableByTable.recovered.length).toBeGreaterThan(0)
    // The loss stays small: fewer than twice the cells that table-by-table protection hides.
    expect(a.served.suppressed).toBeLessThan(2 * a.tableByTable.suppressed)
    console.log(
      `demo 3207: ${a.views.length} views, ${a.served.cells} cells; suppressed: primary only ${a.primaryOnly.suppressed}, table by table ${a.tableByTable.suppressed} (${a.tableByTable.recovered.length} of ${a.tableByTable.protectedCells} protected recovered), all views together ${a.served.suppressed} (0 recovered)`,
    )

    // The anonymous attacker alone (open data only) recovers nothing either; once the reason no
    // longer says which cells are small, what table-by-table protection let through came from
    // combining open data with /v1/impact.
    const open = auditPlace(
      indicators,
      views.filter((v) => v.key === 'open'),
      new Map([['open', printed.get('open') as Printed]]),
      config.SUPPRESSION_THRESHOLD,
    )
    expect(open.served.recovered).toEqual([])
    console.log(
      `demo 3207 open data alone: ${open.served.cells} cells; table by table ${open.tableByTable.recovered.length} of ${open.tableByTable.protectedCells} protected recovered (${open.tableByTable.suppressed} suppressed), now 0 (${open.served.suppressed} suppressed)`,
    )

    // The operator command reads the same documents through the services and agrees.
    const cli = await auditMunicipality(
      { db, principal: null, requestId: null, now: new Date(), config },
      '3207',
    )
    expect(cli.served).toEqual(a.served)
    expect(cli.problems).toEqual([])
  })
})
