import type { Dimension, Direction } from './aggregation.ts'
import type { Aggregation } from './aggregation-kind.ts'

/**
 * The indicator catalogue every Effekt database starts with (PRODUCT.md §1 Indicator): indicators
 * for work inclusion and social ventures in Norway. IRIS+ metrics are cited by ID and the catalogue
 * version they were checked against; where IRIS+ has no metric that fits the Norwegian context
 * (NAV measures, apprenticeships, VTA), the indicator has an own `NO-…` code.
 *
 * Migration 2026-11-27-0005 seeded a frozen copy of this list (migrations/seed/); a change here
 * needs a new migration that seeds it too (test/api/migrations-frozen.test.ts compares the two). A
 * seeded indicator's semantics (unit, aggregation, direction, personal) never change after values
 * exist, so correct a mistake with a new indicator, never by editing a shipped one.
 */
export const INDICATOR_UNITS = [
  'people',
  'count',
  'NOK',
  'hours',
  'days',
  'percent',
  'tonnes',
  'tonnes_co2e',
] as const
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number]
export const INDICATOR_LEVELS = ['output', 'outcome', 'impact'] as const
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number]

export interface CatalogueIndicator {
  code: string
  nameNb: string
  nameEn: string
  definition: string
  unit: IndicatorUnit
  level: IndicatorLevel
  direction: Direction
  aggregation: Aggregation
  themes: string[]
  /** SDG targets such as `8.5` (full employment and decent work for all). */
  sdgTargets: string[]
  irisMetricId: string | null
  irisVersion: string | null
  /** Counts of people: subject to disclosure control wherever it is published. */
  personal: boolean
  allowedBreakdowns: Dimension[]
  /** May be shown to municipalities and in the open-data view (for ventures that opt in). */
  shareable: boolean
}

const ALL: Dimension[] = ['gender', 'age_band', 'municipality']

type Draft = Omit<CatalogueIndicator, 'irisMetricId' | 'irisVersion' | 'allowedBreakdowns' | 'shareable'> &
  Partial<Pick<CatalogueIndicator, 'irisMetricId' | 'irisVersion' | 'allowedBreakdowns' | 'shareable'>>

/** People counts get every breakdown and are shared by default; other figures neither. */
const indicator = (d: Draft): CatalogueIndicator => ({
  irisMetricId: null,
  irisVersion: null,
  allowedBreakdowns: d.personal ? ALL : [],
  shareable: d.personal,
  ...d,
})

export const INDICATOR_CATALOGUE: readonly CatalogueIndicator[] = Object.freeze([
  // IRIS+ metrics
  indicator({
    code: 'PI4060',
    nameNb: 'Deltakere (unike personer)',
    nameEn: 'Client individuals: total',
    definition:
      'Number of unique individuals who were clients (participants) of the venture during the reporting period. A person who takes part in several periods is counted in each.',
    unit: 'people',
    level: 'output',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['employment', 'inclusion', 'youth'],
    sdgTargets: ['8.5', '10.2'],
    irisMetricId: 'PI4060',
    irisVersion: '5.3',
    personal: true,
  }),
  indicator({
    code: 'PI3527',
    nameNb: 'Andel formidlet til arbeid',
    nameEn: 'Job placement rate',
    definition:
      'Percentage of the venture’s participants who were placed in part-time, full-time, temporary or permanent jobs and began work during the reporting period. Numerator: participants placed; denominator: participants.',
    unit: 'percent',
    level: 'outcome',
    direction: 'increase',
    aggregation: 'ratio',
    themes: ['employment'],
    sdgTargets: ['8.5'],
    irisMetricId: 'PI3527',
    irisVersion: '5.3',
    personal: true,
  }),
  indicator({
    code: 'PI2998',
    nameNb: 'Personer som har fått opplæring',
    nameEn: 'Individuals trained: total',
    definition: 'Number of individuals who received training from the venture during the reporting period.',
    unit: 'people',
    level: 'output',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['education', 'employment'],
    sdgTargets: ['4.4'],
    irisMetricId: 'PI2998',
    irisVersion: '5.3',
    personal: true,
  }),
  indicator({
    code: 'OI8869',
    nameNb: 'Faste ansatte',
    nameEn: 'Permanent employees: total',
    definition:
      'Number of people employed by the venture on permanent (full-time or part-time) contracts at the end of the reporting period.',
    unit: 'people',
    level: 'output',
    direction: 'increase',
    aggregation: 'last',
    themes: ['employment'],
    sdgTargets: ['8.5'],
    irisMetricId: 'OI8869',
    irisVersion: '5.3',
    personal: true,
    allowedBreakdowns: ['gender', 'age_band'],
  }),
  indicator({
    code: 'PI5184',
    nameNb: 'Kundetransaksjoner',
    nameEn: 'Client transactions',
    definition: 'Number of sales or client transactions during the reporting period.',
    unit: 'count',
    level: 'output',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['other'],
    sdgTargets: ['8.3'],
    irisMetricId: 'PI5184',
    irisVersion: '5.3',
    personal: false,
  }),
  indicator({
    code: 'OI4862',
    nameNb: 'Reduserte klimagassutslipp',
    nameEn: 'Greenhouse gas emissions reduced: total',
    definition:
      'Greenhouse gas emissions reduced by the venture’s activities during the reporting period (reuse and repair instead of new production), in tonnes of CO2 equivalent.',
    unit: 'tonnes_co2e',
    level: 'impact',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['environment'],
    sdgTargets: ['13.2'],
    irisMetricId: 'OI4862',
    irisVersion: '5.1',
    personal: false,
    shareable: true,
  }),
  indicator({
    code: 'OI1479',
    nameNb: 'Klimagassutslipp fra egen drift',
    nameEn: 'Greenhouse gas emissions: total',
    definition:
      'Greenhouse gases emitted by the venture’s own operations (direct and indirect sources) during the reporting period, in tonnes of CO2 equivalent.',
    unit: 'tonnes_co2e',
    level: 'output',
    direction: 'decrease',
    aggregation: 'sum',
    themes: ['environment'],
    sdgTargets: ['13.2'],
    irisMetricId: 'OI1479',
    irisVersion: '5.3',
    personal: false,
  }),
  // Work inclusion
  indicator({
    code: 'NO-WORK-01',
    nameNb: 'Personer over i ordinært arbeid',
    nameEn: 'People into ordinary employment',
    definition:
      'Participants who started in ordinary, unsubsidised paid work (at least 50 % of a full-time position) during the reporting period.',
    unit: 'people',
    level: 'outcome',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['employment', 'inclusion'],
    sdgTargets: ['8.5'],
    personal: true,
  }),
  indicator({
    code: 'NO-WORK-02',
    nameNb: 'Deltakere i arbeidstrening',
    nameEn: 'Participants in work training',
    definition:
      'Participants in work training (arbeidsforberedende trening or arbeidstrening) at the end of the reporting period.',
    unit: 'people',
    level: 'output',
    direction: 'increase',
    aggregation: 'last',
    themes: ['employment', 'inclusion'],
    sdgTargets: ['8.5'],
    personal: true,
  }),
  indicator({
    code: 'NO-WORK-03',
    nameNb: 'Andel fortsatt i arbeid etter 6 måneder',
    nameEn: 'Still employed after 6 months',
    definition:
      'Of the participants who started work six months before the reporting period, the percentage still in work. Numerator: still employed; denominator: started work six months earlier.',
    unit: 'percent',
    level: 'outcome',
    direction: 'increase',
    aggregation: 'ratio',
    themes: ['employment'],
    sdgTargets: ['8.5'],
    personal: true,
  }),
  indicator({
    code: 'NO-WORK-04',
    nameNb: 'Plasser i varig tilrettelagt arbeid (VTA) i bruk',
    nameEn: 'Sheltered employment places (VTA) in use',
    definition:
      'Places in permanent adapted work (varig tilrettelagt arbeid) filled at the end of the reporting period.',
    unit: 'people',
    level: 'output',
    direction: 'increase',
    aggregation: 'last',
    themes: ['employment', 'inclusion'],
    sdgTargets: ['8.5', '10.2'],
    personal: true,
  }),
  indicator({
    code: 'NO-WORK-05',
    nameNb: 'Timer arbeidstrening',
    nameEn: 'Hours of work training',
    definition: 'Hours of work training delivered to participants during the reporting period.',
    unit: 'hours',
    level: 'output',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['employment'],
    sdgTargets: ['8.5'],
    personal: false,
  }),
  indicator({
    code: 'NO-WORK-06',
    nameNb: 'Personer over i utdanning',
    nameEn: 'People into education',
    definition:
      'Participants who started formal education (upper secondary or higher) during the reporting period.',
    unit: 'people',
    level: 'outcome',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['education', 'employment'],
    sdgTargets: ['4.3', '8.6'],
    personal: true,
  }),
  indicator({
    code: 'NO-WORK-07',
    nameNb: 'Lønn utbetalt til deltakere',
    nameEn: 'Wages paid to participants',
    definition:
      'Gross wages paid by the venture to participants in work training or adapted work during the period.',
    unit: 'NOK',
    level: 'outcome',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['employment'],
    sdgTargets: ['1.2', '8.5'],
    personal: false,
  }),
  indicator({
    code: 'NO-WORK-08',
    nameNb: 'Personer ut av offentlige ytelser',
    nameEn: 'People leaving public benefits',
    definition:
      'Participants whose work assessment allowance (AAP), social assistance or disability benefit stopped or was reduced because of paid work during the reporting period.',
    unit: 'people',
    level: 'impact',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['employment', 'inclusion'],
    sdgTargets: ['1.2', '8.5'],
    personal: true,
  }),
  indicator({
    code: 'NO-WORK-09',
    nameNb: 'Andel som fullfører programmet',
    nameEn: 'Programme completion rate',
    definition:
      'Of the participants who ended the programme during the period, the percentage who completed it as planned. Numerator: completed; denominator: ended.',
    unit: 'percent',
    level: 'output',
    direction: 'increase',
    aggregation: 'ratio',
    themes: ['employment', 'education'],
    sdgTargets: ['4.4'],
    personal: true,
  }),
  // Youth
  indicator({
    code: 'NO-YOUTH-01',
    nameNb: 'Unge over i aktivitet (arbeid eller skole)',
    nameEn: 'Young people into activity (work or school)',
    definition:
      'Participants aged 16–29 who were outside work and education when they joined and started work, school or training during the reporting period.',
    unit: 'people',
    level: 'outcome',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['youth', 'employment', 'education'],
    sdgTargets: ['8.6'],
    personal: true,
  }),
  indicator({
    code: 'NO-YOUTH-02',
    nameNb: 'Lærlinger i lære',
    nameEn: 'Apprentices employed',
    definition: 'Apprentices with a signed apprenticeship contract at the end of the reporting period.',
    unit: 'people',
    level: 'output',
    direction: 'increase',
    aggregation: 'last',
    themes: ['youth', 'education', 'employment'],
    sdgTargets: ['4.3', '8.6'],
    personal: true,
  }),
  indicator({
    code: 'NO-YOUTH-03',
    nameNb: 'Bestått fag- eller svennebrev',
    nameEn: 'Trade or journeyman certificates passed',
    definition:
      'Apprentices or candidates who passed the trade or journeyman examination during the reporting period.',
    unit: 'people',
    level: 'outcome',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['youth', 'education'],
    sdgTargets: ['4.4'],
    personal: true,
  }),
  indicator({
    code: 'NO-YOUTH-04',
    nameNb: 'Sommerjobber for ungdom',
    nameEn: 'Summer jobs for young people',
    definition:
      'Young people (15–24) who had a paid summer job through the venture during the reporting period.',
    unit: 'people',
    level: 'output',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['youth', 'employment'],
    sdgTargets: ['8.6'],
    personal: true,
  }),
  indicator({
    code: 'NO-YOUTH-05',
    nameNb: 'Andel som fullfører videregående opplæring',
    nameEn: 'Upper secondary completion rate',
    definition:
      'Of the participants expected to finish upper secondary education in the period, the percentage who completed it. Numerator: completed; denominator: expected to finish.',
    unit: 'percent',
    level: 'outcome',
    direction: 'increase',
    aggregation: 'ratio',
    themes: ['youth', 'education'],
    sdgTargets: ['4.1'],
    personal: true,
  }),
  indicator({
    code: 'NO-YOUTH-06',
    nameNb: 'Mentortimer',
    nameEn: 'Mentoring hours',
    definition: 'Hours of one-to-one mentoring given to young participants during the reporting period.',
    unit: 'hours',
    level: 'output',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['youth'],
    sdgTargets: ['8.6'],
    personal: false,
  }),
  // Inclusion and education
  indicator({
    code: 'NO-INCL-01',
    nameNb: 'Deltakere med innvandrerbakgrunn',
    nameEn: 'Participants with an immigrant background',
    definition:
      'Participants who are immigrants or born in Norway to immigrant parents, during the reporting period.',
    unit: 'people',
    level: 'output',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['inclusion'],
    sdgTargets: ['10.2'],
    personal: true,
  }),
  indicator({
    code: 'NO-INCL-02',
    nameNb: 'Deltakere med nedsatt funksjonsevne',
    nameEn: 'Participants with disabilities',
    definition:
      'Participants with a physical, mental or intellectual disability, during the reporting period.',
    unit: 'people',
    level: 'output',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['inclusion'],
    sdgTargets: ['8.5', '10.2'],
    personal: true,
  }),
  indicator({
    code: 'NO-INCL-03',
    nameNb: 'Bestått norskprøve på B1-nivå eller høyere',
    nameEn: 'Norwegian test passed at B1 or higher',
    definition:
      'Participants who passed the Norwegian test (Norskprøven) at level B1 or higher during the period.',
    unit: 'people',
    level: 'outcome',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['inclusion', 'education'],
    sdgTargets: ['4.6'],
    personal: true,
  }),
  indicator({
    code: 'NO-INCL-04',
    nameNb: 'Andel med bedre livskvalitet',
    nameEn: 'Participants reporting better quality of life',
    definition:
      'Of the participants who answered the quality-of-life survey (SSB’s questions) at start and follow-up, the percentage whose score improved. Numerator: improved; denominator: answered both.',
    unit: 'percent',
    level: 'impact',
    direction: 'increase',
    aggregation: 'ratio',
    themes: ['inclusion', 'health'],
    sdgTargets: ['3.4'],
    personal: true,
  }),
  indicator({
    code: 'NO-EDU-01',
    nameNb: 'Fullført kurs i digitale ferdigheter',
    nameEn: 'Digital skills courses completed',
    definition: 'Participants who completed a course in basic digital skills during the reporting period.',
    unit: 'people',
    level: 'output',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['education'],
    sdgTargets: ['4.4'],
    personal: true,
  }),
  // Health
  indicator({
    code: 'NO-HEALTH-01',
    nameNb: 'Sykefravær',
    nameEn: 'Sickness absence rate',
    definition:
      'Days of sickness absence as a percentage of agreed working days among participants in work. Numerator: days absent; denominator: agreed working days.',
    unit: 'percent',
    level: 'outcome',
    direction: 'decrease',
    aggregation: 'ratio',
    themes: ['health', 'employment'],
    sdgTargets: ['3.4', '8.8'],
    personal: false,
    allowedBreakdowns: ['gender', 'age_band'],
  }),
  indicator({
    code: 'NO-HEALTH-02',
    nameNb: 'Personer som beholdt jobben etter oppfølging',
    nameEn: 'People kept in work after follow-up',
    definition:
      'Employees at risk of long-term sick leave who were still in work three months after the venture’s follow-up ended.',
    unit: 'people',
    level: 'outcome',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['health', 'employment'],
    sdgTargets: ['3.4', '8.5'],
    personal: true,
  }),
  // Environment
  indicator({
    code: 'NO-ENV-01',
    nameNb: 'Materialer ombrukt eller gjenvunnet',
    nameEn: 'Materials reused or recycled',
    definition:
      'Weight of materials and products reused, repaired or recycled by the venture during the period.',
    unit: 'tonnes',
    level: 'output',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['environment'],
    sdgTargets: ['12.5'],
    personal: false,
    shareable: true,
  }),
  indicator({
    code: 'NO-ENV-02',
    nameNb: 'Sykler reparert',
    nameEn: 'Bicycles repaired',
    definition: 'Bicycles repaired or refurbished and returned to use during the reporting period.',
    unit: 'count',
    level: 'output',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['environment'],
    sdgTargets: ['12.5'],
    personal: false,
  }),
  // Economy
  indicator({
    code: 'NO-ECON-01',
    nameNb: 'Salgsinntekter',
    nameEn: 'Sales revenue',
    definition: 'Operating revenue from sales of goods and services during the reporting period.',
    unit: 'NOK',
    level: 'output',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['other'],
    sdgTargets: ['8.3'],
    personal: false,
  }),
  indicator({
    code: 'NO-ECON-02',
    nameNb: 'Anslått samfunnsøkonomisk besparelse',
    nameEn: 'Estimated public savings',
    definition:
      'Estimated public savings (benefits no longer paid, taxes paid) from participants in work during the period, using the method stated in the note.',
    unit: 'NOK',
    level: 'impact',
    direction: 'increase',
    aggregation: 'sum',
    themes: ['employment', 'other'],
    sdgTargets: ['1.2'],
    personal: false,
  }),
])
