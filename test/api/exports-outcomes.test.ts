import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerInteropExportRoutes } from '../../src/modules/exports/interop-register.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import { assign, type OutcomesWorld, outcomesWorld } from './outcomes-setup.ts'

let t: TestContext
let a: OutcomesWorld
let b: OutcomesWorld
beforeAll(async () => {
  t = await createTestApp()
  registerInteropExportRoutes(t.app)
  a = await outcomesWorld(t)
  // A fresh venture onboarded by the same investor, with the same assignments.
  const created = await call(t.app, 'POST', '/v1/ventures', {
    token: a.investorEditor,
    body: { name: 'Kopi AS', municipalities: ['3207'] },
  })
  expect(created.status, created.text).toBe(201)
  const db = t.database.db
  b = {
    ...a,
    ventureId: created.body.id,
    ventureEditor: (await makeToken(db, (await makeMember(db, created.body.id, 'editor')).id)).token,
  }
  for (const w of [a, b]) {
    await assign(t, w, { indicatorCode: 'NO-WORK-01' })
    await assign(t, w, { indicatorCode: 'PI3527' })
  }
})
afterAll(() => t.close())

const HEADER =
  'period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level'
const SOURCE = [
  HEADER,
  '2025-Q1;NO-WORK-01;;;12;;;"Two at Coop; one at Kiwi";https://example.org/a.pdf https://example.org/b.pdf;document_checked',
  '2025-Q1;NO-WORK-01;gender;female;5;;;;;',
  '2025-Q1;NO-WORK-01;gender;male;7;;;;;',
  '2025-Q1;PI3527;;;37,5;15;40;;;',
  '2025-Q2;NO-WORK-01;;;3;;;;;',
].join('\r\n')

async function upload(w: OutcomesWorld, csv: string) {
  const res = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/reports/import`, {
    token: w.ventureEditor,
    body: csv,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  })
  expect(res.status, res.text).toBe(200)
  return res.body.reports as { reportId: string; period: string }[]
}

async function verify(w: OutcomesWorld, reportId: string) {
  const submitted = await call(t.app, 'POST', `/v1/reports/${reportId}/submit`, { token: w.ventureEditor })
  expect(submitted.status, submitted.text).toBe(200)
  const verified = await call(t.app, 'POST', `/v1/reports/${reportId}/verify`, { token: w.investorEditor })
  expect(verified.status, verified.text).toBe(200)
}

// Norwegian callers get `;` and decimal commas (the one CSV rule); `sep=comma` asks for `,` and `.`.
const exportOf = (query: string, token = a.investorEditor) =>
  call(t.app, 'GET', `/v1/exports/outcomes.csv?${query}`, { token, headers: { 'accept-language': 'nb' } })
const lines = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n')

describe('GET /v1/exports/outcomes.csv', () => {
  let exportedA: string
  it('writes one row per value and breakdown cell, with revision and status', async () => {
    for (const r of await upload(a, SOURCE)) if (r.period === '2025-Q1') await verify(a, r.reportId)
    const res = await exportOf(`venture=${a.ventureId}`)
    expect(res.status, res.text).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="outcomes-testarbeid-as-.*\.csv"$/,
    )
    const name = (
      await t.database.db
        .selectFrom('organizations')
        .select('name')
        .where('id', '=', a.ventureId)
        .executeTakeFirstOrThrow()
    ).name
    const v = `${a.ventureId};${name}`
    expect(lines(res.text)).toEqual([
      `${HEADER};venture_id;venture;period_start;period_end;revision;status`,
      `2025-Q1;NO-WORK-01;;;12;;;"Two at Coop; one at Kiwi";https://example.org/a.pdf https://example.org/b.pdf;document_checked;${v};2025-01-01;2025-03-31;1;verified`,
      `2025-Q1;NO-WORK-01;gender;female;5;;;;;;${v};2025-01-01;2025-03-31;1;verified`,
      `2025-Q1;NO-WORK-01;gender;male;7;;;;;;${v};2025-01-01;2025-03-31;1;verified`,
      `2025-Q1;PI3527;;;"37,5";15;40;;;self_reported;${v};2025-01-01;2025-03-31;1;verified`,
      `2025-Q2;NO-WORK-01;;;3;;;;;self_reported;${v};2025-04-01;2025-06-30;1;draft`,
      '',
    ])
    exportedA = res.text
  })

  it('round-trips: export, import into a fresh venture, export again gives the same rows', async () => {
    const forImport = await exportOf(`venture=${a.ventureId}&layout=import`)
    expect(forImport.status).toBe(200)
    expect(lines(forImport.text)[0]).toBe(HEADER)
    for (const r of await upload(b, forImport.text)) if (r.period === '2025-Q1') await verify(b, r.reportId)
    const exportedB = await exportOf(`venture=${b.ventureId}`)
    expect(exportedB.status).toBe(200)
    // venture_id and venture are the only differences (venture names hold no separator)
    const withoutVenture = (text: string, id: string) =>
      lines(text).map((l) => l.replace(new RegExp(`;${id};[^;]*;`), ';;'))
    expect(withoutVenture(exportedB.text, b.ventureId)).toEqual(withoutVenture(exportedA, a.ventureId))
    expect(lines(exportedB.text)).toHaveLength(7)
  })

  it('exports every venture of the investor without `venture`, comma-separated on request', async () => {
    const res = await exportOf('sep=comma&excel=1')
    expect(res.status, res.text).toBe(200)
    const rows = lines(res.text)
    expect(rows[0]).toBe('sep=,')
    expect(rows[1]).toBe(
      `${HEADER.replaceAll(';', ',')},venture_id,venture,period_start,period_end,revision,status`,
    )
    expect(rows.filter((r) => r.includes(a.ventureId))).toHaveLength(5)
    expect(rows.filter((r) => r.includes(b.ventureId))).toHaveLength(5)
    expect(rows.find((r) => r.startsWith('2025-Q1,PI3527'))).toContain(',37.5,15,40,')
  })

  it('refuses callers without detailed access and bad parameters', async () => {
    expect((await exportOf(`venture=${a.ventureId}`, a.municipality)).status).toBe(404)
    expect((await exportOf(`venture=${a.ventureId}`, a.otherInvestor)).status).toBe(404)
    expect((await exportOf('', a.municipality)).status).toBe(403)
    expect((await call(t.app, 'GET', '/v1/exports/outcomes.csv')).status).toBe(401)
    const bad = await exportOf('venture=nope&layout=wide')
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['layout', 'venture'])
  })

  it('lets the venture itself export its own outcomes', async () => {
    const res = await exportOf(`venture=${a.ventureId}&layout=import`, a.ventureViewer)
    expect(res.status).toBe(200)
    expect(lines(res.text)).toHaveLength(7)
  })
})
