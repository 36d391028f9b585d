import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import {
  ACTIVITY_DATE_TYPE,
  ACTIVITY_STATUS_CODES,
  buildIatiXml,
  type IatiActivity,
  type IatiIndicator,
  type IatiInput,
  IatiInputError,
  type IatiTransaction,
  iatiActivityIdentifier,
  norwegianOrgRef,
  ORGANISATION_ROLE,
  TRANSACTION_TYPE_CODES,
} from '../../src/domain/iati.ts'
import { INSTRUMENT_CLASSIFICATION } from '../../src/domain/iati-classification.ts'
import { Decimal } from '../../src/domain/money.ts'

const fixtures = new URL('../fixtures/iati-2.03/', import.meta.url)
const fixture = (name: string) => ({
  fileName: name,
  contents: readFileSync(new URL(name, fixtures), 'utf8'),
})
const schema = fixture('iati-activities-schema.xsd')
const preload = [fixture('iati-common.xsd'), fixture('xml.xsd')]

/** Validates against the official IATI 2.03 schema; returns xmllint's messages (none when valid). */
async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'activities.xml', contents: xml }], schema, preload })
  expect(result.valid).toBe(result.errors.length === 0)
  return result.errors.map((e) => e.rawMessage)
}

const codes = (codelist: string) =>
  [...fixture(`codelists/${codelist}.xml`).contents.matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1])
const attrs = (xml: string, element: string, attr: string) =>
  [...xml.matchAll(new RegExp(`<${element}\\b[^>]*?\\s${attr}="([^"]*)"`, 'g'))].map((m) => m[1])
const count = (xml: string, element: string) => xml.split(`<${element}`).length - 1

const d = (s: string) => new Decimal(s)
const INVESTOR = { ref: 'NO-BRC-998877660', name: 'Fjordkapital Sosiale Investeringer AS', type: '70' }
const VENTURE = { ref: 'NO-BRC-810022337', name: 'Arbeidsglede AS', type: '70' }
const PAYER = { ref: 'NO-BRC-920000010', name: 'Nordre Follo kommune', type: '11' }

const nok = (id: string, type: IatiTransaction['type'], date: string, amount: string): IatiTransaction => ({
  id,
  type,
  date,
  amount: d(amount),
  currency: 'NOK',
  rateToNok: null,
  reversesId: null,
})

const peopleIntoWork: IatiIndicator = {
  code: 'NO-WORK-01',
  title: 'Personer som har gått over i arbeid',
  description: 'Deltakere som har fått ordinær jobb i perioden.',
  level: 'outcome',
  measure: 'unit',
  ascending: true,
  baseline: { date: '2025-12-31', value: d('0'), comment: 'Oppstart av tiltaket' },
  periods: [
    {
      start: '2026-01-01',
      end: '2026-03-31',
      targets: [{ value: d('10') }],
      actuals: [
        { value: d('12'), comment: 'Verifisert mot NAV-vedtak' },
        { value: d('7'), dimensions: [{ name: 'gender', value: 'female' }] },
        { value: d('5'), dimensions: [{ name: 'gender', value: 'male' }] },
        { value: d('8'), dimensions: [{ name: 'age_band', value: '16-29' }] },
        { value: d('4'), dimensions: [{ name: 'age_band', value: '30-49' }] },
      ],
    },
    {
      start: '2026-04-01',
      end: '2026-06-30',
      targets: [{ value: d('10') }, { value: d('5'), dimensions: [{ name: 'gender', value: 'female' }] }],
      actuals: [],
    },
  ],
}

const loan: IatiActivity = {
  investmentId: '6f1c2b1e-8d4a-4c1e-9a57-2b9f0e3d7a10',
  title: 'Lån til Arbeidsglede AS',
  description: 'Lån som finansierer arbeidstrening for unge utenfor arbeidslivet i Nordre Follo.',
  status: 'active',
  currency: 'NOK',
  startDate: '2026-01-10',
  plannedEndDate: '2030-12-31',
  lastUpdatedAt: '2027-07-01T08:30:00Z',
  venture: VENTURE,
  sectors: [{ code: '16020' }],
  classification: INSTRUMENT_CLASSIFICATION.loan,
  transactions: [
    // given out of order on purpose: the export sorts by date
    nok('tx-repay', 'repayment', '2027-06-30', '250000'),
    nok('tx-commit', 'commitment', '2026-01-15', '2000000.00'),
    nok('tx-d1', 'disbursement', '2026-02-01', '1000000'),
    nok('tx-d2', 'disbursement', '2026-08-01', '1000000'),
    nok('tx-int', 'interest', '2026-12-31', '45000.50'),
  ],
  results: [
    peopleIntoWork,
    {
      code: 'PI4060',
      referenceUri: 'https://iris.thegiin.org/metric/5.3/id/PI4060/',
      title: 'Client individuals: total',
      level: 'output',
      measure: 'unit',
      ascending: true,
      periods: [
        {
          start: '2026-01-01',
          end: '2026-12-31',
          targets: [{ value: d('40') }],
          actuals: [{ value: d('52') }],
        },
      ],
    },
  ],
}

const input = (activities: IatiActivity[], extra: Partial<IatiInput> = {}): IatiInput => ({
  generatedAt: '2027-07-01T09:00:00Z',
  reportingOrg: INVESTOR,
  activities,
  ...extra,
})

describe('IATI codes', () => {
  it('uses only codes that exist in the 2.03 codelists', () => {
    expect(codes('TransactionType')).toEqual(expect.arrayContaining(Object.values(TRANSACTION_TYPE_CODES)))
    expect(codes('ActivityStatus')).toEqual(expect.arrayContaining(Object.values(ACTIVITY_STATUS_CODES)))
    expect(codes('OrganisationRole')).toEqual(expect.arrayContaining(Object.values(ORGANISATION_ROLE)))
    expect(codes('ActivityDateType')).toEqual(expect.arrayContaining(Object.values(ACTIVITY_DATE_TYPE)))
    expect(TRANSACTION_TYPE_CODES).toEqual({
      outcome_payment: '1',
      commitment: '2',
      disbursement: '3',
      interest: '5',
      repayment: '6',
      equity_purchase: '8',
      equity_sale: '9',
    })
    expect(ACTIVITY_STATUS_CODES).toEqual({ active: '2', exited: '4', closed: '3' })
  })

  it('builds identifiers from the Brønnøysund number and the investment id', () => {
    expect(norwegianOrgRef('998877660')).toBe('NO-BRC-998877660')
    expect(norwegianOrgRef('998877661')).toBeNull()
    expect(iatiActivityIdentifier('NO-BRC-998877660', 'abc-1')).toBe('NO-BRC-998877660-abc-1')
  })
})

describe('buildIatiXml', () => {
  it('publishes a loan with its ledger and results as a schema-valid activity', async () => {
    const xml = buildIatiXml(input([loan]))
    expect(await schemaErrors(xml)).toEqual([])

    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03"')).toBe(
      true,
    )
    expect(xml).toContain('generated-datetime="2027-07-01T09:00:00Z"')
    expect(xml).toContain(
      '<iati-identifier>NO-BRC-998877660-6f1c2b1e-8d4a-4c1e-9a57-2b9f0e3d7a10</iati-identifier>',
    )
    expect(xml).toContain('<reporting-org ref="NO-BRC-998877660" type="70">')
    expect(attrs(xml, 'participating-org', 'role')).toEqual(['1', '4'])
    expect(attrs(xml, 'participating-org', 'ref')).toEqual(['NO-BRC-998877660', 'NO-BRC-810022337'])
    expect(xml).toContain('<activity-status code="2"/>')
    expect(xml).toContain('<activity-date type="1" iso-date="2026-01-10"/>')
    expect(xml).toContain('<activity-date type="2" iso-date="2026-01-15"/>')
    expect(xml).toContain('<activity-date type="3" iso-date="2030-12-31"/>')
    expect(count(xml, 'activity-date type="4"')).toBe(0)
    expect(attrs(xml, 'iati-activity', 'default-currency')).toEqual(['NOK'])

    // sorted by date: commitment, two disbursements, interest, loan repayment
    expect(attrs(xml, 'transaction-type', 'code')).toEqual(['2', '3', '3', '5', '6'])
    expect(attrs(xml, 'transaction', 'ref')).toEqual(['tx-commit', 'tx-d1', 'tx-d2', 'tx-int', 'tx-repay'])
    expect(xml).toContain('<value currency="NOK" value-date="2026-12-31">45000.50</value>')
    expect(xml).toContain('<value currency="NOK" value-date="2026-01-15">2000000.00</value>')
    // money flows out to the venture, and interest comes back from it
    expect(xml).toMatch(
      /<transaction-type code="3"\/>[\s\S]*?<provider-org ref="NO-BRC-998877660"[\s\S]*?<receiver-org ref="NO-BRC-810022337"/,
    )
    expect(xml).toMatch(
      /<transaction-type code="5"\/>[\s\S]*?<provider-org ref="NO-BRC-810022337"[\s\S]*?<receiver-org ref="NO-BRC-998877660"/,
    )

    expect(attrs(xml, 'result', 'type')).toEqual(['2', '1'])
    expect(attrs(xml, 'indicator', 'measure')).toEqual(['1', '1'])
    expect(attrs(xml, 'indicator', 'ascending')).toEqual(['true', 'true'])
    expect(xml).toContain('<reference vocabulary="99" code="NO-WORK-01"/>')
    expect(xml).toContain(
      '<reference vocabulary="99" code="PI4060" indicator-uri="https://iris.thegiin.org/metric/5.3/id/PI4060/"/>',
    )
    expect(xml).toContain('<baseline year="2025" iso-date="2025-12-31" value="0">')
    expect(count(xml, 'period>')).toBe(3)
    expect(attrs(xml, 'actual', 'value')).toEqual(['12', '7', '5', '8', '4', '52'])
    expect(attrs(xml, 'target', 'value')).toEqual(['10', '10', '5', '40'])
    expect(attrs(xml, 'dimension', 'name')).toEqual(['gender', 'gender', 'age_band', 'age_band', 'gender'])
    expect(xml).toMatch(/<actual value="7">\s*<dimension name="gender" value="female"\/>\s*<\/actual>/)
  })

  it('the validator is not vacuous: it rejects elements out of schema order', async () => {
    const xml = buildIatiXml(input([loan]))
    const status = '    <activity-status code="2"/>\n'
    const swapped = xml
      .replace(status, '')
      .replace('    <participating-org', `${status}    <participating-org`)
    expect(swapped).not.toBe(xml)
    const errors = await schemaErrors(swapped)
    expect(errors.join('\n')).toContain(
      "Element 'activity-status': This element is not expected. Expected is one of ( description, participating-org ).",
    )
  })

  it('publishes an activity with no transactions and no results', async () => {
    const bare: IatiActivity = { ...loan, plannedEndDate: undefined, transactions: [], results: [] }
    const xml = buildIatiXml(input([bare]))
    expect(await schemaErrors(xml)).toEqual([])
    expect(count(xml, 'transaction')).toBe(0)
    expect(count(xml, 'result')).toBe(0)
    expect(attrs(xml, 'activity-date', 'type')).toEqual(['1'])
  })

  it('publishes a ratio indicator as a percentage measure', async () => {
    const retention: IatiIndicator = {
      code: 'NO-WORK-02',
      title: 'Andel fortsatt i arbeid etter seks måneder',
      level: 'outcome',
      measure: 'percentage',
      ascending: true,
      baseline: { date: '2025-06-30', value: d('55.0') },
      periods: [
        {
          start: '2026-01-01',
          end: '2026-06-30',
          targets: [{ value: d('70') }],
          actuals: [{ value: d('72.5') }],
        },
      ],
    }
    const sickLeave: IatiIndicator = {
      ...retention,
      code: 'NO-HEALTH-03',
      title: 'Sykefravær',
      ascending: false,
    }
    const xml = buildIatiXml(input([{ ...loan, transactions: [], results: [retention, sickLeave] }]))
    expect(await schemaErrors(xml)).toEqual([])
    expect(attrs(xml, 'indicator', 'measure')).toEqual(['2', '2'])
    expect(attrs(xml, 'indicator', 'ascending')).toEqual(['true', 'false'])
    expect(xml).toContain('<baseline year="2025" iso-date="2025-06-30" value="55"/>')
    expect(attrs(xml, 'actual', 'value')).toEqual(['72.5', '72.5'])
  })

  it('keeps a foreign-currency amount in its currency and notes the NOK equivalent', async () => {
    const eur: IatiTransaction = {
      id: 'tx-eur',
      type: 'disbursement',
      date: '2026-03-02',
      amount: d('100.10'),
      currency: 'EUR',
      rateToNok: d('11.25'),
      reversesId: null,
      description: 'Tilskudd fra EU-partner',
    }
    const xml = buildIatiXml(input([{ ...loan, transactions: [eur], results: [] }]))
    expect(await schemaErrors(xml)).toEqual([])
    expect(xml).toContain('<value currency="EUR" value-date="2026-03-02">100.10</value>')
    // 100.10 × 11.25 = 1126.125 → half-even → 1126.12
    expect(xml).toContain(
      // a Norwegian note in an English file says so
      '<narrative xml:lang="nb">Tilskudd fra EU-partner. NOK 1126.12 (11.25 NOK/EUR, 2026-03-02)</narrative>',
    )
  })

  it('publishes an activity without results', async () => {
    const xml = buildIatiXml(input([{ ...loan, results: [] }]))
    expect(await schemaErrors(xml)).toEqual([])
    expect(count(xml, 'result')).toBe(0)
    expect(count(xml, 'transaction-type')).toBe(5)
  })

  it('escapes text and attributes, keeps æøå, and replaces characters XML cannot carry', async () => {
    const odd = 'Ærlig & <Rask> "Arbeid" – \'æøå\'\u0001'
    const xml = buildIatiXml(
      input([
        {
          ...loan,
          title: odd,
          venture: { ...VENTURE, name: 'Bø & Co "Søm"' },
          results: [
            {
              ...peopleIntoWork,
              periods: [
                {
                  start: '2026-01-01',
                  end: '2026-03-31',
                  targets: [],
                  actuals: [{ value: d('3'), dimensions: [{ name: 'kommune "A" & <B>', value: 'Ås\tØst' }] }],
                },
              ],
            },
          ],
        },
      ]),
    )
    expect(await schemaErrors(xml)).toEqual([])
    expect(xml).toContain(
      '<narrative xml:lang="nb">Ærlig &amp; &lt;Rask&gt; "Arbeid" – \'æøå\'\uFFFD</narrative>',
    )
    expect(xml).toContain('<narrative>Bø &amp; Co "Søm"</narrative>')
    expect(xml).toContain('<dimension name="kommune &quot;A&quot; &amp; &lt;B&gt;" value="Ås&#9;Øst"/>')
  })

  it('publishes outcome payments as incoming funds from the payer, equity codes, and reversals as negatives', async () => {
    const contract: IatiActivity = {
      ...loan,
      status: 'exited',
      outcomePayer: PAYER,
      results: [],
      transactions: [
        nok('eq-buy', 'equity_purchase', '2026-01-20', '500000'),
        nok('op-1', 'outcome_payment', '2026-07-15', '120000'),
        {
          ...nok('eq-sell', 'equity_sale', '2027-03-01', '650000'),
          counterparty: { name: 'Kjøper & Sønn AS' },
        },
        { ...nok('op-1-rev', 'outcome_payment', '2026-07-20', '120000'), reversesId: 'op-1' },
      ],
    }
    const xml = buildIatiXml(input([contract]))
    expect(await schemaErrors(xml)).toEqual([])
    expect(attrs(xml, 'transaction-type', 'code')).toEqual(['8', '1', '1', '9'])
    expect(attrs(xml, 'participating-org', 'role')).toEqual(['1', '1', '4'])
    expect(xml).toContain('<value currency="NOK" value-date="2026-07-20">-120000.00</value>')
    expect(xml).toContain('<narrative>Reverses transaction op-1</narrative>')
    expect(xml).toMatch(
      /<transaction-type code="1"\/>[\s\S]*?<provider-org ref="NO-BRC-920000010" type="11">/,
    )
    expect(xml).toContain('<narrative>Kjøper &amp; Sønn AS</narrative>')
    // exited: Closed, ending on the last transaction
    expect(xml).toContain('<activity-status code="4"/>')
    expect(xml).toContain('<activity-date type="4" iso-date="2027-03-01"/>')
  })

  it('leaves write-offs out of the transactions and discloses them in an Other description', async () => {
    const failed: IatiActivity = {
      ...loan,
      status: 'closed',
      actualEndDate: '2027-09-30',
      results: [],
      transactions: [
        nok('c', 'commitment', '2026-01-15', '2000000'),
        nok('d', 'disbursement', '2026-02-01', '1000000'),
        nok('w', 'write_off', '2027-09-01', '750000'),
      ],
    }
    const xml = buildIatiXml(input([failed], { language: 'nb' }))
    expect(await schemaErrors(xml)).toEqual([])
    expect(attrs(xml, 'transaction-type', 'code')).toEqual(['2', '3'])
    expect(attrs(xml, 'description', 'type')).toEqual(['1', '4'])
    // generated English text is marked as such inside a Norwegian activity
    expect(xml).toContain(
      '<narrative xml:lang="en">Written off (no IATI transaction type; not included in the transactions): NOK 750000.00 on 2027-09-01</narrative>',
    )
    expect(xml).toContain(`<narrative>${loan.description}</narrative>`)
    expect(xml).toContain('<activity-status code="3"/>')
    expect(xml).toContain('<activity-date type="4" iso-date="2027-09-30"/>')
  })

  it('publishes several activities in one document', async () => {
    const second = { ...loan, investmentId: 'inv-2', venture: { name: 'Uten orgnummer SA' }, results: [] }
    const xml = buildIatiXml(input([loan, second], { language: 'nb' }))
    expect(await schemaErrors(xml)).toEqual([])
    expect(count(xml, 'iati-activity ')).toBe(2)
    expect(attrs(xml, 'iati-activity', 'xml:lang')).toEqual(['nb', 'nb'])
    expect(xml).toContain('<participating-org role="4">')
  })

  it('reports every invalid field instead of writing an invalid document', () => {
    const bad: IatiActivity = {
      ...loan,
      investmentId: 'a/b',
      currency: 'nok',
      startDate: '2026-02-30',
      transactions: [
        { ...nok('x', 'disbursement', '2026-01-01', '0'), currency: 'EUR' },
        nok('y', 'interest', '01.02.2026', '10'),
      ],
      results: [
        {
          ...peopleIntoWork,
          periods: [{ start: '2026-04-01', end: '2026-03-31', targets: [], actuals: [] }],
        },
      ],
    }
    let error: unknown
    try {
      buildIatiXml(input([bad], { generatedAt: '2027-07-01' }))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(IatiInputError)
    expect((error as IatiInputError).issues.map((i) => i.path)).toEqual([
      'generatedAt',
      'activities.0.investmentId',
      'activities.0.currency',
      'activities.0.startDate',
      'activities.0.transactions.0.amount',
      'activities.0.transactions.0.rateToNok',
      'activities.0.transactions.1.date',
      'activities.0.results.0.periods.0.end',
    ])
  })

  it('refuses an export with no activities, which the schema cannot express', () => {
    expect(() => buildIatiXml(input([]))).toThrow(
      new IatiInputError([
        { path: 'activities', message: 'IATI needs at least one activity: there are no investments' },
      ]),
    )
  })
})
