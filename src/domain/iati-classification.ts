import { DAC_SECTORS } from './iati-sectors.ts'
import type { Instrument } from './ledger.ts'
import { Decimal } from './money.ts'

/**
 * How an investment is classified in IATI: its sectors (from the venture's themes) and the
 * default finance type, flow type, aid type and tied status of its instrument. Codes are from the
 * codelists in test/fixtures/iati-2.03/codelists; test/unit/iati-classification.test.ts checks
 * every code below against them.
 */

/** The venture themes of ventures/schemas.ts (kept as strings here: domain/ imports no module). */
export const IATI_THEMES = [
  'employment',
  'youth',
  'inclusion',
  'education',
  'health',
  'environment',
  'other',
] as const
export type IatiTheme = (typeof IATI_THEMES)[number]

/**
 * Shipped defaults, theme → DAC 5-digit purpose code (SectorVocabulary 1). An investor may map
 * any theme to another active code for its own exports.
 */
export const DEFAULT_THEME_SECTORS: Readonly<Record<IatiTheme, string>> = {
  employment: '16020', // Employment creation
  youth: '16015', // Social services (incl youth development and women+ children)
  inclusion: '16010', // Social Protection
  education: '11330', // Vocational training
  health: '12220', // Basic health care
  environment: '41010', // Environmental policy and administrative management
  other: '99810', // Sectors not specified
}

export const isDacSector = (code: string): boolean => Object.hasOwn(DAC_SECTORS, code)
export const dacSectorName = (code: string): string | undefined =>
  Object.hasOwn(DAC_SECTORS, code) ? DAC_SECTORS[code] : undefined

export interface IatiSector {
  /** DAC 5-digit code. */
  code: string
  /** Share of the activity in percent; absent when the activity has one sector (it is 100). */
  percentage?: string
}

/**
 * An activity's sectors: one per distinct code its venture's themes map to, in theme order. A
 * venture without themes is classified as `other`. With several codes the 100 % is split evenly
 * in two decimals and the rounding rest goes to the first, so the percentages sum to exactly 100
 * (ruleset 2.1.1/2.1.2: every sector has a percentage and they sum to 100).
 */
export function activitySectors(
  themes: readonly string[],
  mapping: Readonly<Record<string, string>>,
): IatiSector[] {
  const known = themes.filter((t): t is IatiTheme => (IATI_THEMES as readonly string[]).includes(t))
  const codes = [
    ...new Set((known.length > 0 ? known : (['other'] as const)).map((t) => sectorOf(t, mapping))),
  ]
  if (codes.length === 1) return [{ code: codes[0]! }]
  const share = new Decimal(100).div(codes.length).toDecimalPlaces(2, Decimal.ROUND_DOWN)
  const first = new Decimal(100).minus(share.times(codes.length - 1))
  return codes.map((code, i) => ({ code, percentage: (i === 0 ? first : share).toFixed(2) }))
}

const sectorOf = (theme: IatiTheme, mapping: Readonly<Record<string, string>>) =>
  mapping[theme] ?? DEFAULT_THEME_SECTORS[theme]

export interface InstrumentClassification {
  /** FinanceType */
  financeType: string
  /** FlowType */
  flowType: string
  /** AidType (vocabulary 1, OECD DAC) */
  aidType: string
  /** TiedStatus */
  tiedStatus: string
}

/**
 * Per instrument. Flow type 30 Private Development Finance is the DAC's flow for private
 * philanthropic money (grants); loans and equity from a private investor are 37 Other private
 * flows at market terms. Finance types: 110 Standard grant, 421 Standard loan, 510 Common equity,
 * 433 Other hybrid instruments for a convertible (debt that may become equity) and for an outcome
 * contract (capital repaid from outcome payments, neither a plain loan nor a grant). Aid type C01
 * Project-type interventions: the money funds one venture's work. Tied status 5 Untied: nothing
 * obliges the venture to buy from the investor's country.
 */
export const INSTRUMENT_CLASSIFICATION: Readonly<Record<Instrument, InstrumentClassification>> = {
  grant: { financeType: '110', flowType: '30', aidType: 'C01', tiedStatus: '5' },
  loan: { financeType: '421', flowType: '37', aidType: 'C01', tiedStatus: '5' },
  equity: { financeType: '510', flowType: '37', aidType: 'C01', tiedStatus: '5' },
  convertible: { financeType: '433', flowType: '37', aidType: 'C01', tiedStatus: '5' },
  outcome_contract: { financeType: '433', flowType: '30', aidType: 'C01', tiedStatus: '5' },
}

// ---- the language a text is written in, for narrative/@xml:lang ----

// Frequent function words that occur in one of the two languages only ("for", "i"/"I", "per",
// "a" are left out: they are words in both).
const NB_WORDS = new Set(
  'og på til av med som er det den de ei et ikke å fra om har ved etter mot seg sin sitt sine eller men vi unge også nye hvor mer innen gjennom kommune lån tilskudd utbetaling resultatkontrakt'.split(
    ' ',
  ),
)
const EN_WORDS = new Set(
  'the and of to in with is are an on from by that this at as or not who young people their its into new more within through was were be been has have outcome outcomes contract statement payment payments loan grant'.split(
    ' ',
  ),
)

/**
 * `nb` or `en` when a text's words say which it is, otherwise undefined (a name such as
 * "Sykkelverkstedet Ski" says neither: it takes the activity's language). Letters æ, ø, å count
 * for Norwegian.
 */
export function textLanguage(text: string): 'nb' | 'en' | undefined {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? []
  let nb = (text.match(/[æøåÆØÅ]/g) ?? []).length > 0 ? 1 : 0
  let en = 0
  for (const w of words) {
    if (NB_WORDS.has(w)) nb++
    if (EN_WORDS.has(w)) en++
  }
  return nb > en ? 'nb' : en > nb ? 'en' : undefined
}
