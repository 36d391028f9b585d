import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  activitySectors,
  DEFAULT_THEME_SECTORS,
  INSTRUMENT_CLASSIFICATION,
  textLanguage,
} from '../../src/domain/iati-classification.ts'
import { DAC_SECTORS } from '../../src/domain/iati-sectors.ts'
import { evaluateRuleset } from '../helpers/iati-ruleset.ts'

const codelist = (name: string) =>
  readFileSync(new URL(`../fixtures/iati-2.03/codelists/${name}.xml`, import.meta.url), 'utf8')
const activeCodes = (name: string) =>
  [...codelist(name).matchAll(/<codelist-item([^>]*)>\s*<code>([^<]*)<\/code>/g)]
    .filter((m) => !m[1]!.includes('withdrawn'))
    .map((m) => m[2]!)

describe('IATI classification', () => {
  it('ships exactly the active codes of the Sector codelist', () => {
    expect(Object.keys(DAC_SECTORS).sort()).toEqual(activeCodes('Sector').sort())
  })

  it('uses active codes only, for every theme and instrument', () => {
    for (const code of Object.values(DEFAULT_THEME_SECTORS)) expect(activeCodes('Sector')).toContain(code)
    for (const c of Object.values(INSTRUMENT_CLASSIFICATION)) {
      expect(activeCodes('FinanceType')).toContain(c.financeType)
      expect(activeCodes('FlowType')).toContain(c.flowType)
      expect(activeCodes('AidType')).toContain(c.aidType)
      expect(activeCodes('TiedStatus')).toContain(c.tiedStatus)
    }
  })

  it('gives one sector without a percentage, several that sum to exactly 100, and `other` without themes', () => {
    expect(activitySectors(['employment'], {})).toEqual([{ code: '16020' }])
    expect(activitySectors([], {})).toEqual([{ code: '99810' }])
    expect(activitySectors(['youth', 'employment', 'inclusion'], { youth: '11231' })).toEqual([
      { code: '11231', percentage: '33.34' },
      { code: '16020', percentage: '33.33' },
      { code: '16010', percentage: '33.33' },
    ])
    // two themes on one code are one sector
    expect(activitySectors(['youth', 'employment'], { youth: '16020' })).toEqual([{ code: '16020' }])
    const seven = activitySectors(
      ['employment', 'youth', 'inclusion', 'education', 'health', 'environment', 'other'],
      {},
    )
    expect(seven.reduce((s, x) => s + Math.round(Number(x.percentage) * 100), 0)).toBe(10_000)
  })

  it('tells Norwegian from English by their words, and names from neither', () => {
    expect(textLanguage('Bicycle repair and training in Ski for young adults.')).toBe('en')
    expect(textLanguage('Outcome payments from Nordre Follo kommune per completed apprenticeship.')).toBe(
      'en',
    )
    expect(textLanguage('Arbeidstrening for unge utenfor arbeidslivet i Nordre Follo.')).toBe('nb')
    expect(textLanguage('Driftslån 2019 – Sykkelverkstedet Ski')).toBe('nb')
    expect(textLanguage('Sykkelverkstedet Ski')).toBeUndefined()
  })
})

describe('the ruleset evaluator', () => {
  const doc = (activity: string) =>
    `<iati-activities version="2.03"><iati-activity xml:lang="en" default-currency="NOK"><iati-identifier>NO-BRC-1-a</iati-identifier><reporting-org ref="NO-BRC-1"/>${activity}</iati-activity></iati-activities>`
  const now = new Date('2026-01-01T00:00:00Z')
  const ids = (xml: string, ruleset: Parameters<typeof evaluateRuleset>[1]) =>
    evaluateRuleset(xml, ruleset, { now }).map((f) => f.id)
  const info = (id: string) => ({ id, severity: 'error' as const, message: id })

  it('evaluates atleast_one, no_more_than_one, date_order with NOW and strict_sum as SPEC.rst defines them', () => {
    const ruleset = {
      '/iati-activities/iati-activity': {
        atleast_one: { cases: [{ paths: ['sector'], ruleInfo: info('a') }] },
        no_more_than_one: { cases: [{ paths: ['title'], ruleInfo: info('n') }] },
        date_order: {
          cases: [
            {
              less: "activity-date[@type='1']/@iso-date",
              more: "activity-date[@type='3']/@iso-date",
              ruleInfo: info('d'),
            },
            { less: 'transaction/transaction-date/@iso-date', more: 'NOW', ruleInfo: info('now') },
          ],
        },
        strict_sum: {
          cases: [
            { condition: 'count(sector) > 1', paths: ['sector/@percentage'], sum: 100, ruleInfo: info('s') },
          ],
        },
      },
    }
    expect(ids(doc('<title/><sector percentage="33.33"/><sector percentage="66.67"/>'), ruleset)).toEqual([])
    expect(
      ids(
        doc(
          '<title/><title/><activity-date type="1" iso-date="2025-01-02"/><activity-date type="3" iso-date="2025-01-01"/><transaction><transaction-date iso-date="2026-01-02"/></transaction>',
        ),
        ruleset,
      ).sort(),
    ).toEqual(['a', 'd', 'n', 'now'])
    // decimal-exact: 33.33 + 66.66 is not 100
    expect(ids(doc('<sector percentage="33.33"/><sector percentage="66.66"/>'), ruleset)).toEqual(['s'])
  })

  it('substitutes $1 in loops, applies if_then, and reads one_or_all for sector', () => {
    const ruleset = {
      '/iati-activities/iati-activity': {
        loop: {
          cases: [
            {
              foreach: "sector[@vocabulary != '1']/@vocabulary",
              do: {
                strict_sum: {
                  cases: [
                    {
                      condition: "count(sector[@vocabulary = '$1']) > 1",
                      paths: ["sector[@vocabulary = '$1']/@percentage"],
                      sum: 100,
                      ruleInfo: info('loop'),
                    },
                  ],
                },
              },
              subs: ['paths'],
            },
          ],
        },
        if_then: {
          // biome-ignore lint/suspicious/noThenProperty: `then` is the ruleset format's own key (SPEC.rst)
          cases: [{ if: 'count(sector) > 0', then: 'count(transaction/sector) < 1', ruleInfo: info('if') }],
        },
        one_or_all: { cases: [{ one: 'sector', all: 'sector', ruleInfo: info('one') }] },
      },
    }
    expect(
      ids(doc('<sector vocabulary="99" percentage="50"/><sector vocabulary="99" percentage="40"/>'), ruleset),
    ).toEqual(['loop'])
    expect(ids(doc('<sector vocabulary="1"/><transaction><sector/></transaction>'), ruleset)).toEqual(['if'])
    expect(ids(doc('<transaction><sector/></transaction><transaction/>'), ruleset)).toEqual(['one'])
    expect(ids(doc('<transaction><sector/></transaction>'), ruleset)).toEqual([])
  })
})
