import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import { defaultConfig } from '../../src/config.ts'
import { DEMO_PASSWORD } from '../../src/demo/ids.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { registerInteropExportRoutes } from '../../src/modules/exports/interop-register.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { makeMember, makeOrg, makeToken } from '../helpers/factories.ts'
import { call, login } from '../helpers/http.ts'
import { assign, type OutcomesWorld, outcomesWorld, report } from './outcomes-setup.ts'

const fixtures = new URL('../fixtures/iati-2.03/', import.meta.url)
const fixture = (name: string) => ({
  fileName: name,
  contents: readFileSync(new URL(name, fixtures), 'utf8'),
})
const schema = fixture('iati-activities-schema.xsd')
const preload = [fixture('iati-common.xsd'), fixture('xml.xsd')]

/** xmllint's messages against the official IATI 2.03 schema (none when valid). */
async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'activities.xml', contents: xml }], schema, preload })
  return result.errors.map((e) => e.rawMessage)
}
const count = (xml: string, element: string) => xml.split(`<${element}`).length - 1
const activityOf = (xml: string, investmentId: string) => {
  const start = xml.indexOf(`-${investmentId}</iati-identifier>`)
  expect(start).toBeGreaterThan(0)
  return xml.slice(xml.lastIndexOf('<iati-activity ', start), xml.indexOf('</iati-activity>', start))
}

let t: TestContext
beforeAll(async () => {
  t = await createTestApp()
  registerInteropExportRoutes(t.app)
  const ctx = {
    db: t.database.db,
    principal: null,
    requestId: null,
    now: new Date(),
    config: defaultConfig(),
  }
  await loadDemo(ctx)
})
afterAll(() => t.close())

const iati = (auth: { token?: string; cookie?: string }) => call(t.app, 'GET', '/v1/exports/iati.xml', auth)

describe('GET /v1/exports/iati.xml', () => {
  it('publishes the demo portfolio as IATI 2.03 that validates against the official schema', async () => {
    const cookie = await login(t.app, 'investor@demo.effekt.no', DEMO_PASSWORD)
    const res = await iati({ cookie })
    expect(res.status, res.text).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="iati-NO-BRC-\d{9}-.*\.xml"$/,
    )
    expect(await schemaErrors(res.text)).toEqual([])
    const investor = await t.database.db
      .selectFrom('organizations')
      .select(['id', 'orgNumber'])
      .where('kind', '=', 'investor')
      .executeTakeFirstOrThrow()
    const investments = await t.database.db
      .selectFrom('investments')
      .select('id')
      .where('investorOrgId', '=', investor.id)
      .execute()
    expect(investments.length).toBeGreaterThan(0)
    expect(count(res.text, 'iati-activity ')).toBe(investments.length)
    expect(res.text).toContain(`<reporting-org ref="NO-BRC-${investor.orgNumber}" type="70">`)
    expect(count(res.text, 'transaction ')).toBeGreaterThan(0)
    expect(count(res.text, 'result ')).toBeGreaterThan(0)
  })

  it('is refused to callers who belong to no investor', async () => {
    const cookie = await login(t.app, 'kommune@demo.effekt.no', DEMO_PASSWORD)
    const res = await iati({ cookie })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect((await iati({})).status).toBe(401)
  })
})

describe('IATI edge cases', () => {
  let w: OutcomesWorld
  const investment = async (ventureId: string, body: Record<string, unknown>) => {
    const res = await call(t.app, 'POST', `/v1/ventures/${ventureId}/investments`, {
      token: w.investorEditor,
      body: { startDate: '2025-01-01', ...body },
    })
    expect(res.status, res.text).toBe(201)
    return res.body.id as string
  }
  const transaction = async (investmentId: string, body: Record<string, unknown>) => {
    const res = await call(t.app, 'POST', `/v1/investments/${investmentId}/transactions`, {
      token: w.investorEditor,
      body,
    })
    expect(res.status, res.text).toBe(201)
  }

  beforeAll(async () => {
    w = await outcomesWorld(t)
  })

  it('answers 409 for an investor without investments: IATI needs at least one activity', async () => {
    const res = await iati({ token: w.investorEditor })
    expect(res.status).toBe(409)
    expect(res.body.detail).toContain('at least one activity')
  })

  it('validates with no transactions, foreign currency, ratio indicators, suppressed breakdowns and a venture without results', async () => {
    await assign(t, w, {
      indicatorCode: 'NO-WORK-01',
      baseline: { value: '2', date: '2024-12-31' },
      targets: [{ period: '2025-Q1', value: '10' }],
    })
    await assign(t, w, { indicatorCode: 'PI3527' })
    const gender = (female: string, male: string) => [
      { dimension: 'gender', category: 'female', value: female },
      { dimension: 'gender', category: 'male', value: male },
    ]
    await report(t, w, '2025-Q1', [
      { indicatorCode: 'NO-WORK-01', total: '12', breakdowns: gender('5', '7') },
      { indicatorCode: 'PI3527', numerator: '15', denominator: '40' },
    ])
    const rate = { indicatorCode: 'PI3527', numerator: '1', denominator: '2' }
    await report(t, w, '2025-Q2', [
      { indicatorCode: 'NO-WORK-01', total: '12', breakdowns: gender('2', '10') },
      rate,
    ])
    await report(t, w, '2025-Q3', [{ indicatorCode: 'NO-WORK-01', total: '9' }, rate], 'submitted')

    const empty = await investment(w.ventureId, { name: 'Lån uten utbetaling', instrument: 'loan' })
    const euro = await investment(w.ventureId, { name: 'EU-tilskudd', instrument: 'grant', currency: 'EUR' })
    await transaction(euro, { type: 'commitment', date: '2025-02-01', amount: '1000.00', rateToNok: '11.5' })
    await transaction(euro, {
      type: 'disbursement',
      date: '2025-02-15',
      amount: '400.00',
      rateToNok: '11.75',
    })
    const other = await call(t.app, 'POST', '/v1/ventures', {
      token: w.investorEditor,
      body: { name: 'Uten resultater AS', municipalities: ['3207'] },
    })
    expect(other.status).toBe(201)
    const bare = await investment(other.body.id, {
      name: 'Egenkapital',
      instrument: 'equity',
      startDate: '2025-03-01',
    })
    await transaction(bare, { type: 'equity_purchase', date: '2025-03-01', amount: '50000.00' })

    const res = await iati({ token: w.investorViewer })
    expect(res.status, res.text).toBe(200)
    expect(await schemaErrors(res.text)).toEqual([])
    expect(count(res.text, 'iati-activity ')).toBe(3)

    const noTx = activityOf(res.text, empty)
    expect(count(noTx, 'transaction ')).toBe(0)
    // results sit on the earliest investment in the venture only (the loan: same start, created first)
    const withResults = [noTx, activityOf(res.text, euro)].filter((a) => a.includes('<result '))
    expect(withResults).toHaveLength(1)
    const results = withResults[0]!
    expect(count(results, 'result ')).toBe(2)
    expect(results).toContain('<indicator measure="2" ascending="true">') // PI3527: percentage
    expect(results).toContain('<baseline year="2024" iso-date="2024-12-31" value="2"/>')
    expect(results).toContain('<target value="10"/>')
    expect(results).toContain('<actual value="37.5"/>')
    // verified periods only: Q3 is submitted, not verified
    expect(results).not.toContain('2025-07-01')
    // Q1's gender cells (5 and 7) are published; Q2's (2 of 12 women) is below the threshold of 4
    expect(results).toContain('<dimension name="gender" value="female"/>')
    expect(count(results, 'dimension ')).toBe(2)
    const q2 = results.slice(results.indexOf('<period-start iso-date="2025-04-01"/>'))
    expect(q2.slice(0, q2.indexOf('</period>'))).not.toContain('<dimension')

    const fx = activityOf(res.text, euro)
    expect(fx).toContain('default-currency="EUR"')
    expect(fx).toContain('<value currency="EUR" value-date="2025-02-15">400.00</value>')
    expect(fx).toContain('NOK 4700.00 (11.75 NOK/EUR, 2025-02-15)')

    const noResults = activityOf(res.text, bare)
    expect(noResults).not.toContain('<result')
    expect(noResults).toContain('<transaction-type code="8"/>')
  })

  it('answers 409 when the investor has no valid organisation number', async () => {
    const investor = await makeOrg(t.database.db, { kind: 'investor', orgNumber: null })
    const token = (await makeToken(t.database.db, (await makeMember(t.database.db, investor.id, 'admin')).id))
      .token
    const res = await iati({ token })
    expect(res.status).toBe(409)
    expect(res.body.detail).toContain('organisation number')
  })

  it('names the recorded payer as provider of an outcome payment, and of its reversal', async () => {
    const payer = (await makeOrg(t.database.db, { kind: 'agency', name: 'Betalende etat' })).id
    const contract = await investment(w.ventureId, { name: 'Resultater', instrument: 'outcome_contract' })
    const record = async (body: Record<string, unknown>) => {
      const res = await call(t.app, 'POST', `/v1/investments/${contract}/transactions`, {
        token: w.investorEditor,
        body,
      })
      expect(res.status, res.text).toBe(201)
      return res.body.id as string
    }
    const paid = await record({
      type: 'outcome_payment',
      date: '2025-04-30',
      amount: '900.00',
      payerOrgId: payer,
    })
    const reversal = await record({ reversesId: paid, date: '2025-05-02' })
    const unnamed = await record({ type: 'outcome_payment', date: '2025-05-31', amount: '100.00' })

    const res = await iati({ token: w.investorViewer })
    expect(res.status, res.text).toBe(200)
    expect(await schemaErrors(res.text)).toEqual([])
    const tx = (id: string) => {
      const from = res.text.indexOf(`<transaction ref="${id}"`)
      return res.text.slice(from, res.text.indexOf('</transaction>', from))
    }
    const fromAgency = /<provider-org ref="NO-BRC-\d{9}" type="10">\s*<narrative>Betalende etat<\/narrative>/
    expect(tx(paid)).toMatch(fromAgency)
    expect(tx(reversal)).toMatch(fromAgency)
    expect(tx(reversal)).toContain('<value currency="NOK" value-date="2025-05-02">-900.00</value>')
    // No payer recorded and no outcome contract behind the investment: nobody to name.
    expect(tx(unnamed)).not.toContain('<provider-org')
  })
})
