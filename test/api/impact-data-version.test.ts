import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { impactDataVersion } from '../../src/modules/impact/repo.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import {
  assign,
  makeMunicipalityOrg,
  makeReport,
  makeVentureOrg,
  shareData,
} from '../helpers/outcome-data.ts'

/**
 * The loaded views of a place are kept per impact data version (municipal-data.ts): the version
 * must change in the same commit as anything a view shows, once per transaction, and a view read
 * right after a change must show it.
 */
let t: TestContext
const db = () => t.database.db
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('the impact data version', () => {
  it('moves with every commit that changes what a view shows, and views follow it', async () => {
    const org = await makeMunicipalityOrg(db(), ['3207'], { openData: true })
    const token = (await makeToken(db(), (await makeMember(db(), org, 'viewer')).id)).token
    const v = await makeVentureOrg(db(), { municipalities: ['3207'], publishOpenData: true })
    await shareData(db(), v, org)
    const a = await assign(db(), v, 'NO-WORK-01')
    await makeReport(db(), { ventureId: v, period: '2024-Q1', values: [{ assignmentId: a, total: 12 }] })
    const before = await impactDataVersion(db())
    const q1 = async () => {
      const [open, member] = await Promise.all([
        call(t.app, 'GET', '/v1/open/impact/3207.json'),
        call(t.app, 'GET', '/v1/impact?municipality=3207&granularity=year', { token }),
      ])
      return [
        open.body.indicators.find((i: { indicator: { code: string } }) => i.indicator.code === 'NO-WORK-01')
          ?.years[0]?.value.value,
        member.body.indicators.find((i: { indicator: { code: string } }) => i.indicator.code === 'NO-WORK-01')
          ?.periods[0]?.value.value,
      ]
    }
    expect(await q1()).toEqual(['12', '12'])
    // Reading changes nothing.
    expect(await impactDataVersion(db())).toBe(before)

    // A second verified report: one bump for the whole transaction, and both views show 20.
    await makeReport(db(), { ventureId: v, period: '2024-Q2', values: [{ assignmentId: a, total: 8 }] })
    const after = await impactDataVersion(db())
    expect(BigInt(after)).toBeGreaterThan(BigInt(before))
    expect(await q1()).toEqual(['20', '20'])

    // Withdrawing the open-data view changes no fact, but what is published: the version moves.
    await db().deleteFrom('municipalityOpenData').where('organizationId', '=', org).execute()
    expect(BigInt(await impactDataVersion(db()))).toBe(BigInt(after) + 1n)
    expect((await call(t.app, 'GET', '/v1/open/impact/3207.json')).status).toBe(404)

    // Many rows in one transaction still bump once.
    const start = BigInt(await impactDataVersion(db()))
    await db()
      .transaction()
      .execute(async (trx) => {
        await sql`update ventures set publish_open_data = not publish_open_data`.execute(trx)
        await sql`update ventures set publish_open_data = not publish_open_data`.execute(trx)
        expect(BigInt(await impactDataVersion(trx))).toBe(start) // bumped at commit, not before
      })
    expect(BigInt(await impactDataVersion(db()))).toBe(start + 1n)
  })
})
