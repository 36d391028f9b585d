import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerInteropExportRoutes } from '../../src/modules/exports/interop-register.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call } from '../helpers/http.ts'
import { evaluateRuleset, standardRuleset } from '../helpers/iati-ruleset.ts'
import { type OutcomesWorld, outcomesWorld } from './outcomes-setup.ts'

let t: TestContext
let w: OutcomesWorld
beforeAll(async () => {
  t = await createTestApp()
  registerInteropExportRoutes(t.app)
  w = await outcomesWorld(t)
})
afterAll(() => t.close())

const path = () => `/v1/organizations/${w.investorId}/iati-sectors`
const get = (token: string) => call(t.app, 'GET', path(), { token })
const put = (token: string, sectors: unknown) => call(t.app, 'PUT', path(), { token, body: { sectors } })
const codeOf = (body: { sectors: { theme: string; sectorCode: string }[] }, theme: string) =>
  body.sectors.find((s) => s.theme === theme)?.sectorCode

describe('GET|PUT /v1/organizations/{id}/iati-sectors', () => {
  it('lists every theme with the shipped default until the investor chooses', async () => {
    const res = await get(w.investorViewer)
    expect(res.status, res.text).toBe(200)
    expect(res.body.sectors.map((s: { theme: string }) => s.theme)).toEqual([
      'employment',
      'youth',
      'inclusion',
      'education',
      'health',
      'environment',
      'other',
    ])
    expect(res.body.sectors[0]).toEqual({
      theme: 'employment',
      sectorCode: '16020',
      sectorName: 'Employment creation',
      isDefault: true,
      defaultSectorCode: '16020',
    })
  })

  it('refuses unknown, withdrawn and repeated entries with field errors and changes nothing', async () => {
    const before = (await get(w.investorViewer)).body
    const unknown = await put(w.investorEditor, [
      { theme: 'youth', sectorCode: '11231' },
      { theme: 'health', sectorCode: '99999' },
    ])
    expect(unknown.status).toBe(422)
    expect(unknown.body.code).toBe('iati.sector_unknown')
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ path: 'sectors.1.sectorCode', code: 'iati.sector_unknown' }),
    ])
    // 15120 is in the codelist, withdrawn: not for new data
    const withdrawn = await put(w.investorEditor, [{ theme: 'health', sectorCode: '15120' }])
    expect(withdrawn.status).toBe(422)
    const repeated = await put(w.investorEditor, [
      { theme: 'youth', sectorCode: '11231' },
      { theme: 'youth', sectorCode: '11230' },
    ])
    expect(repeated.status).toBe(422)
    expect(repeated.body.errors).toEqual([
      expect.objectContaining({ path: 'sectors.1.theme', code: 'iati.theme_repeated' }),
    ])
    for (const body of [
      { sectors: [{ theme: 'sport', sectorCode: '16065' }] },
      { sectors: [{ theme: 'youth', sectorCode: '1602' }] },
      {},
    ]) {
      const res = await call(t.app, 'PUT', path(), { token: w.investorEditor, body })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    }
    expect((await get(w.investorViewer)).body).toEqual(before)
  })

  it('lets editors choose, audits the change, shows it to every member and to nobody else', async () => {
    const res = await put(w.investorEditor, [
      { theme: 'youth', sectorCode: '11231' },
      { theme: 'employment', sectorCode: '16020' }, // the default: stored as "follow the default"
    ])
    expect(res.status, res.text).toBe(200)
    expect(res.body.sectors.find((s: { theme: string }) => s.theme === 'youth')).toEqual({
      theme: 'youth',
      sectorCode: '11231',
      sectorName: 'Basic life skills for youth',
      isDefault: false,
      defaultSectorCode: '16015',
    })
    const rows = await t.database.db
      .selectFrom('iatiSectorMappings')
      .select(['theme', 'sectorCode'])
      .where('investorOrgId', '=', w.investorId)
      .execute()
    expect(rows).toEqual([{ theme: 'youth', sectorCode: '11231' }])
    const audit = await t.database.db
      .selectFrom('auditEvents')
      .select(['action', 'before', 'after'])
      .where('entityId', '=', w.investorId)
      .where('action', '=', 'iati_sectors.update')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.before).toMatchObject({ youth: '16015' })
    expect(audit[0]!.after).toMatchObject({ youth: '11231', employment: '16020' })

    expect(codeOf((await get(w.investorViewer)).body, 'youth')).toBe('11231')
    expect(codeOf((await get(w.platformAdmin)).body, 'youth')).toBe('11231')
    for (const token of [w.otherInvestor, w.ventureAdmin, w.municipality])
      expect((await get(token)).status).toBe(404)
    expect((await put(w.investorViewer, [])).status).toBe(403)
    expect((await put(w.otherInvestor, [])).status).toBe(404)
    // another investor's list is untouched
    const other = await call(t.app, 'GET', '/v1/me', { token: w.otherInvestor })
    const otherOrg = other.body.memberships[0].organizationId as string
    const theirs = await call(t.app, 'GET', `/v1/organizations/${otherOrg}/iati-sectors`, {
      token: w.otherInvestor,
    })
    expect(codeOf(theirs.body, 'youth')).toBe('16015')
    // a venture is not an investor: 404 even for its own admin
    expect(
      (await call(t.app, 'GET', `/v1/organizations/${w.ventureId}/iati-sectors`, { token: w.ventureAdmin }))
        .status,
    ).toBe(404)
  })

  it('publishes the chosen sectors in the IATI file, split evenly across themes, and still passes the ruleset', async () => {
    const patch = await call(t.app, 'PATCH', `/v1/ventures/${w.ventureId}`, {
      token: w.ventureAdmin,
      body: { themes: ['youth', 'employment', 'inclusion'] },
    })
    expect(patch.status, patch.text).toBe(200)
    const inv = await call(t.app, 'POST', `/v1/ventures/${w.ventureId}/investments`, {
      token: w.investorEditor,
      body: { name: 'Lån', instrument: 'loan', startDate: '2025-01-01' },
    })
    expect(inv.status, inv.text).toBe(201)
    const res = await call(t.app, 'GET', '/v1/exports/iati.xml', { token: w.investorViewer })
    expect(res.status, res.text).toBe(200)
    expect(res.text).toContain('<sector vocabulary="1" code="11231" percentage="33.34"/>')
    expect(res.text).toContain('<sector vocabulary="1" code="16020" percentage="33.33"/>')
    expect(res.text).toContain('<sector vocabulary="1" code="16010" percentage="33.33"/>')
    expect(res.text).toContain('<default-finance-type code="421"/>')
    const failures = evaluateRuleset(res.text, standardRuleset(), {
      now: t.clock.now ?? new Date(),
      idSets: { 'ORG-ID-PREFIX': ['NO-BRC'] },
    })
    expect(failures).toEqual([])
    // back to the defaults: an empty list
    expect((await put(w.investorEditor, [])).status).toBe(200)
    expect(codeOf((await get(w.investorViewer)).body, 'youth')).toBe('16015')
  })
})
