import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import { defaultConfig } from '../../src/config.ts'
import { DEMO_PASSWORD } from '../../src/demo/ids.ts'
import { loadDemo } from '../../src/demo/load-demo.ts'
import { registerInteropExportRoutes } from '../../src/modules/exports/interop-register.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { call, login } from '../helpers/http.ts'
import { codelistFailures } from '../helpers/iati-codelists.ts'
import { evaluateRuleset, type RuleFailure, standardRuleset } from '../helpers/iati-ruleset.ts'

/**
 * The IATI Standard Ruleset (what the IATI validator checks beyond the schema) and the codelists,
 * over the demo investor's export. NO-BRC is the Brønnøysund register's prefix in the org-id
 * list (the validator takes that list from the IATI Registry; offline, we name the one we use).
 */
const check = (xml: string, now = new Date()) =>
  evaluateRuleset(xml, standardRuleset(), { now, idSets: { 'ORG-ID-PREFIX': ['NO-BRC'] } })
const errors = (failures: RuleFailure[]) =>
  failures.filter((f) => f.severity === 'error' || f.severity === 'unsupported')

const fixtures = new URL('../fixtures/iati-2.03/', import.meta.url)
const fixture = (name: string) => ({
  fileName: name,
  contents: readFileSync(new URL(name, fixtures), 'utf8'),
})
async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'activities.xml', contents: xml }],
    schema: fixture('iati-activities-schema.xsd'),
    preload: [fixture('iati-common.xsd'), fixture('xml.xsd')],
  })
  return result.errors.map((e) => e.rawMessage)
}

let t: TestContext
let xml: string
beforeAll(async () => {
  t = await createTestApp()
  registerInteropExportRoutes(t.app)
  await loadDemo({
    db: t.database.db,
    principal: null,
    requestId: null,
    now: new Date(),
    config: defaultConfig(),
  })
  const cookie = await login(t.app, 'investor@demo.effekt.no', DEMO_PASSWORD)
  const res = await call(t.app, 'GET', '/v1/exports/iati.xml', { cookie })
  expect(res.status, res.text).toBe(200)
  xml = res.text
})
afterAll(() => t.close())

describe('the demo IATI export against the IATI Standard Ruleset', () => {
  it('has 0 errors and 0 warnings, passes the codelists and stays valid against the schema', async () => {
    const failures = check(xml)
    expect(failures).toEqual([])
    expect(codelistFailures(xml)).toEqual([])
    expect(await schemaErrors(xml)).toEqual([])
  })

  it('classifies every activity: sector, finance, flow and aid type and tied status by instrument', () => {
    const activities = xml.split('<iati-activity ').slice(1)
    expect(activities.length).toBeGreaterThan(10)
    for (const a of activities) {
      expect(a).toMatch(/<sector vocabulary="1" code="\d{5}"/)
      expect(a).toMatch(/<default-flow-type code="\d+"\/>/)
      expect(a).toMatch(/<default-finance-type code="\d+"\/>/)
      expect(a).toMatch(/<default-aid-type code="C01" vocabulary="1"\/>/)
      expect(a).toContain('<default-tied-status code="5"/>')
    }
    // a loan, equity and a grant no longer look the same
    const financeTypes = new Set([...xml.matchAll(/<default-finance-type code="(\d+)"/g)].map((m) => m[1]))
    expect([...financeTypes].sort()).toEqual(expect.arrayContaining(['110', '421', '510']))
  })

  it('names the provider and the receiver on every transaction; outcome payments come from the municipality', async () => {
    const transactions = xml.split('<transaction ').slice(1)
    expect(transactions.length).toBeGreaterThan(20)
    for (const tx of transactions) {
      expect(tx).toContain('<provider-org')
      expect(tx).toContain('<receiver-org')
    }
    const fromMunicipality =
      /<provider-org ref="NO-BRC-\d{9}" type="11">\s*<narrative>Nordre Follo kommune<\/narrative>/
    // Outcome payments made by an approved statement of an outcome contract name its payer.
    const fromStatements = await t.database.db
      .selectFrom('outcomeStatements')
      .select('transactionId')
      .where('transactionId', 'is not', null)
      .execute()
    expect(fromStatements.length).toBeGreaterThan(0)
    for (const { transactionId } of fromStatements) {
      const tx = transactions.find((x) => x.startsWith(`ref="${transactionId}"`))
      expect(tx).toMatch(fromMunicipality)
    }
    // Those recorded by hand name the payer recorded on the ledger entry.
    const byHand = await t.database.db
      .selectFrom('transactions')
      .select('id')
      .where('payerOrgId', 'is not', null)
      .execute()
    expect(byHand).toHaveLength(4)
    for (const { id } of byHand) {
      const tx = transactions.find((x) => x.startsWith(`ref="${id}"`))
      expect(tx).toContain('<transaction-type code="1"/>')
      expect(tx).toMatch(fromMunicipality)
    }
  })

  it('marks English text as English in the Norwegian file, and gives indicator names in both languages', () => {
    expect(xml).toContain('<iati-activity xml:lang="nb"')
    expect(xml).toContain(
      '<narrative xml:lang="en">Bicycle repair and training in Ski for young adults.</narrative>',
    )
    expect(xml).not.toMatch(/<narrative xml:lang="nb">/) // nb is the default: never marked again
    expect(xml).toMatch(
      /<title>\s*<narrative>[^<]+<\/narrative>\s*<narrative xml:lang="en">[^<]+<\/narrative>\s*<\/title>/,
    )
  })
})

describe('the evaluator catches a broken export', () => {
  it('reports 6.2.2 and 6.7.2 for an activity without a sector', () => {
    const broken = xml.replace(/\s*<sector [^>]*\/>/g, '')
    const ids = errors(check(broken)).map((f) => f.id)
    const activities = xml.split('<iati-activity ').length - 1
    expect(ids.filter((id) => id === '6.2.2')).toHaveLength(activities)
    expect(ids.filter((id) => id === '6.7.2')).toHaveLength(activities)
  })

  it('reports sector percentages that do not sum to 100, a future transaction and a title without text', () => {
    const first = xml.indexOf('<sector ')
    const broken = (
      xml.slice(0, first) +
      '<sector vocabulary="1" code="16020" percentage="60"/><sector vocabulary="1" code="16010" percentage="30"/>' +
      xml.slice(xml.indexOf('/>', first) + 2)
    ).replace(/(<title>\s*<narrative)>[^<]*</, '$1><')
    const failures = errors(check(broken, new Date('2000-01-01T00:00:00Z')))
    const ids = new Set(failures.map((f) => f.id))
    expect(ids).toContain('2.1.2') // 60 + 30 ≠ 100
    expect(ids).toContain('11.2.1') // transactions after "now"
    expect(ids).toContain('4.3.1') // a title needs text
    expect(codelistFailures(broken.replace('code="16020"', 'code="16021"'))).toContainEqual(
      expect.objectContaining({ codelist: 'Sector', value: '16021', reason: 'unknown' }),
    )
  })

  it('fails loudly on a rule type it does not implement', () => {
    const failures = check(xml).concat(
      evaluateRuleset(
        xml,
        {
          '/iati-activities/iati-activity': {
            dependent: {
              cases: [{ paths: ['sector'], ruleInfo: { id: 'x.1', severity: 'error', message: 'm' } }],
            },
          },
        },
        { now: new Date() },
      ),
    )
    expect(failures.filter((f) => f.severity === 'unsupported').length).toBe(
      xml.split('<iati-activity ').length - 1,
    )
  })
})
