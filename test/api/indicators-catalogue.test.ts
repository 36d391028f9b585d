import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INDICATOR_CATALOGUE } from '../../src/domain/indicator-catalogue.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeToken } from '../helpers/factories.ts'
import { call } from '../helpers/http.ts'
import { assign, type OutcomesWorld, outcomesWorld, report } from './outcomes-setup.ts'

let t: TestContext
let w: OutcomesWorld
beforeAll(async () => {
  t = await createTestApp()
  w = await outcomesWorld(t)
})
afterAll(() => t.close())

const list = async (query: string, token = w.ventureViewer) => {
  const res = await call(t.app, 'GET', `/v1/indicators?${query}`, { token })
  expect(res.status).toBe(200)
  return res.body as { items: { code: string }[]; nextCursor: string | null }
}
const own = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  nameNb: 'Deltakere i jobbklubb',
  nameEn: 'Job club participants',
  level: 'output',
  unit: 'people',
  aggregation: 'sum',
  direction: 'increase',
  personal: true,
  allowedBreakdowns: ['gender'],
  ...extra,
})

describe('indicator catalogue', () => {
  it('is seeded in every database with at least 25 indicators, citing IRIS+ where one applies', async () => {
    const all: { code: string }[] = []
    let cursor: string | null = null
    do {
      const page = await list(`owner=catalogue&limit=10${cursor ? `&cursor=${cursor}` : ''}`)
      all.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    expect(all.length).toBe(INDICATOR_CATALOGUE.length)
    expect(all.length).toBeGreaterThanOrEqual(25)
    expect(all.map((i) => i.code)).toEqual([...all.map((i) => i.code)].sort())
    const pi4060 = await call(t.app, 'GET', '/v1/indicators/PI4060', { token: w.municipality })
    expect(pi4060.body).toMatchObject({
      code: 'PI4060',
      nameEn: 'Client individuals: total',
      unit: 'people',
      aggregation: 'sum',
      personal: true,
      irisMetricId: 'PI4060',
      irisVersion: '5.3',
      irisCitation: 'IRIS+ Client individuals: total (PI4060), v5.3',
      ownerOrgId: null,
    })
    expect(pi4060.headers.get('etag')).toBe('"indicator-PI4060-v1"')
    const rate = (await call(t.app, 'GET', '/v1/indicators/PI3527', { token: w.municipality })).body
    expect(rate).toMatchObject({ unit: 'percent', aggregation: 'ratio', level: 'outcome' })
    for (const i of INDICATOR_CATALOGUE) {
      expect(i.nameNb && i.nameEn && i.definition, i.code).toBeTruthy()
      expect(i.themes.length, i.code).toBeGreaterThan(0)
      if (i.unit === 'percent') expect(i.aggregation, i.code).not.toBe('sum')
      if (i.irisMetricId) expect(i.irisMetricId).toBe(i.code)
      else expect(i.code).toMatch(/^NO-[A-Z]+-\d{2}$/)
    }
  })

  it('searches codes, names in both languages, definitions and IRIS+ IDs, and filters by theme', async () => {
    expect((await list('q=lærling')).items.map((i) => i.code)).toEqual(['NO-YOUTH-02'])
    expect((await list('q=placement rate')).items.map((i) => i.code)).toEqual(['PI3527'])
    expect((await list('q=pi4060')).items.map((i) => i.code)).toEqual(['PI4060'])
    expect((await list('q=100%25')).items).toEqual([])
    const environment = (await list('theme=environment')).items.map((i) => i.code)
    expect(environment).toEqual(['NO-ENV-01', 'NO-ENV-02', 'OI1479', 'OI4862'])
    expect((await call(t.app, 'GET', '/v1/indicators/NOPE-1', { token: w.ventureViewer })).status).toBe(404)
    expect((await call(t.app, 'GET', '/v1/indicators')).status).toBe(401)
  })

  it('lets organizations add their own indicators, owned by them', async () => {
    const created = await call(t.app, 'POST', '/v1/indicators', {
      token: w.ventureEditor,
      body: own('TESTARBEID-01'),
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({
      code: 'TESTARBEID-01',
      ownerOrgId: w.ventureId,
      shareable: false,
      irisCitation: null,
    })
    expect((await list(`owner=${w.ventureId}`)).items.map((i) => i.code)).toEqual(['TESTARBEID-01'])
    const again = await call(t.app, 'POST', '/v1/indicators', {
      token: w.investorEditor,
      body: own('TESTARBEID-01'),
    })
    expect(again.status).toBe(409)
    // Platform admins add to the shared catalogue.
    const shared = await call(t.app, 'POST', '/v1/indicators', {
      token: w.platformAdmin,
      body: own('NO-TEST-99'),
    })
    expect(shared.body.ownerOrgId).toBeNull()
  })

  it('refuses invalid indicators with field errors and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [own('PI9999'), 'code'],
      [own('lower-case'), 'code'],
      [own('TEST-RATE', { unit: 'percent', aggregation: 'sum' }), 'aggregation'],
      [own('TEST-RATE', { unit: 'people', aggregation: 'ratio' }), 'unit'],
      [own('TEST-IRIS', { irisVersion: '5.3' }), 'irisVersion'],
      [own('TEST-SDG', { sdgTargets: ['18.1'] }), 'sdgTargets.0'],
      [own('TEST-UNIT', { unit: 'kroner' }), 'unit'],
    ]
    for (const [body, path] of cases) {
      const res = await call(t.app, 'POST', '/v1/indicators', { token: w.ventureEditor, body })
      expect(res.status, path).toBe(422)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path)
      expect(
        (await call(t.app, 'GET', `/v1/indicators/${body.code}`, { token: w.ventureEditor })).status,
      ).toBe(404)
    }
    expect(
      (await call(t.app, 'POST', '/v1/indicators', { token: w.ventureViewer, body: own('TEST-VIEWER') }))
        .status,
    ).toBe(403)
    const twoOrgs = await makeMember(t.database.db, w.investorId, 'editor')
    await t.database.db
      .insertInto('memberships')
      .values({ userId: twoOrgs.id, organizationId: w.ventureId, role: 'editor' })
      .execute()
    const token = (await makeToken(t.database.db, twoOrgs.id)).token
    const ambiguous = await call(t.app, 'POST', '/v1/indicators', { token, body: own('TEST-TWO') })
    expect(ambiguous.status).toBe(403)
    expect(ambiguous.body.detail).toContain('ownerOrgId')
    const named = await call(t.app, 'POST', '/v1/indicators', {
      token,
      body: own('TEST-TWO', { ownerOrgId: w.investorId }),
    })
    expect(named.body.ownerOrgId).toBe(w.investorId)
  })

  it('lets owners edit, but never an indicator’s semantics once values exist', async () => {
    await call(t.app, 'POST', '/v1/indicators', {
      token: w.investorEditor,
      body: own('TEST-SEM-01', { ownerOrgId: w.investorId }),
    })
    const etag = (
      await call(t.app, 'GET', '/v1/indicators/TEST-SEM-01', { token: w.investorEditor })
    ).headers.get('etag')!
    // Before any value: unit and aggregation may still change.
    const early = await call(t.app, 'PATCH', '/v1/indicators/TEST-SEM-01', {
      token: w.investorEditor,
      headers: { 'if-match': etag },
      body: { unit: 'count', personal: false },
    })
    expect(early.status, JSON.stringify(early.body)).toBe(200)
    const stale = await call(t.app, 'PATCH', '/v1/indicators/TEST-SEM-01', {
      token: w.investorEditor,
      headers: { 'if-match': etag },
      body: { nameEn: 'Stale' },
    })
    expect(stale.status).toBe(412)
    expect(
      (
        await call(t.app, 'PATCH', '/v1/indicators/TEST-SEM-01', {
          token: w.ventureEditor,
          body: { nameEn: 'x' },
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await call(t.app, 'PATCH', '/v1/indicators/PI4060', {
          token: w.investorEditor,
          body: { nameEn: 'x' },
        })
      ).status,
    ).toBe(403)

    await assign(t, w, { indicatorCode: 'TEST-SEM-01' })
    await report(t, w, '2025-Q1', [{ indicatorCode: 'TEST-SEM-01', total: '3' }], 'draft')
    const late = await call(t.app, 'PATCH', '/v1/indicators/TEST-SEM-01', {
      token: w.investorEditor,
      body: { aggregation: 'last', nameEn: 'Job club participants (end of quarter)' },
    })
    expect(late.status).toBe(409)
    expect(late.body.detail).toContain('aggregation')
    const renamed = await call(t.app, 'PATCH', '/v1/indicators/TEST-SEM-01', {
      token: w.investorEditor,
      body: {
        nameEn: 'Job club participants',
        definition: 'People who took part in the job club',
        unit: 'count',
      },
    })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({
      unit: 'count',
      aggregation: 'sum',
      definition: 'People who took part in the job club',
    })

    // A seeded indicator: platform admins may rename it, never change its semantics once used.
    await assign(t, w, { indicatorCode: 'PI4060' })
    await call(
      t.app,
      'PUT',
      `/v1/reports/${(await call(t.app, 'GET', `/v1/ventures/${w.ventureId}/reports?status=draft`, { token: w.ventureEditor })).body.items[0].reportId}/values`,
      {
        token: w.ventureEditor,
        body: {
          values: [
            { indicatorCode: 'TEST-SEM-01', total: '3' },
            { indicatorCode: 'PI4060', total: '12' },
          ],
        },
      },
    )
    expect(
      (
        await call(t.app, 'PATCH', '/v1/indicators/PI4060', {
          token: w.platformAdmin,
          body: { unit: 'count' },
        })
      ).status,
    ).toBe(409)
    expect(
      (
        await call(t.app, 'PATCH', '/v1/indicators/PI4060', {
          token: w.platformAdmin,
          body: { nameNb: 'Deltakere' },
        })
      ).status,
    ).toBe(200)
    // The database refuses it too, whoever asks.
    await expect(
      sql`update indicators set aggregation = 'last' where code = 'PI4060'`.execute(t.database.db),
    ).rejects.toMatchObject({
      code: '55000',
    })
    expect(
      (await call(t.app, 'GET', '/v1/indicators/PI4060', { token: w.ventureEditor })).body.aggregation,
    ).toBe('sum')
  })
})
