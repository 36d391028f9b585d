/**
 * The annual impact report (issue 20): one document per venture or investor portfolio and year,
 * assembled by the annual-report module from the same services as the venture and portfolio
 * pages, then rendered as JSON, a print page and a PDF. Pure: figures are exact decimal strings,
 * formatted for a language only here, at the edge.
 */

import { Decimal } from './money.ts'

export type ReportLanguage = 'nb' | 'en'
export type ProgressStatusName = 'green' | 'amber' | 'red'

export interface AnnualCapital {
  committedInYear: string
  disbursedInYear: string
  repaidInYear: string
  outcomePaymentsInYear: string
  committedToDate: string
  disbursedToDate: string
  undisbursedToDate: string
  outstandingToDate: string
  supportHoursInYear: string
  supportValueInYear: string
}

export interface AnnualKeyFigure {
  ventureName: string | null
  indicatorCode: string
  name: string
  unit: string
  value: string | null
  baseline: string | null
  target: string | null
  /** Progress to target as a fraction (0.75 = 75 %). */
  progress: string | null
  status: ProgressStatusName | null
  /** A count of people from 1 to below the suppression threshold: hidden in municipal and open views. */
  smallCount: boolean
  /** The year's quarters (or the year alone for yearly indicators), for the chart. */
  points: { period: string; value: string | null; target: string | null }[]
}

export interface AnnualOutcomeCost {
  ventureName: string | null
  indicatorCode: string
  name: string
  unit: string
  units: string
  costPerUnit: string | null
  attributedUnits: string | null
}

export interface AnnualSroiAssumption {
  indicatorCode: string
  name: string
  quantity: string
  proxy: string
  proxySource: string
  deadweight: string
  attribution: string
  displacement: string
  dropOff: string
  durationYears: number
}

export interface AnnualSroi {
  ventureName: string | null
  version: number | null
  window: { from: string | null; to: string | null }
  inputs: string
  presentValue: string
  ratio: string | null
  netRatio: string | null
  discountRate: string | null
  assumptions: AnnualSroiAssumption[]
}

export interface AnnualNarrative {
  ventureName: string
  period: string
  highlights: string
  challenges: string
  nextSteps: string
}

export interface AnnualVentureLine {
  ventureId: string
  name: string
  committedInYear: string
  disbursedInYear: string
  disbursedToDate: string
  peopleInYear: string
  sroiRatio: string | null
}

export interface AnnualReportDocument {
  kind: 'venture' | 'portfolio'
  year: number
  language: ReportLanguage
  /** The day the figures were read (Oslo). */
  asOf: string
  title: string
  subject: { id: string; name: string }
  investor: { id: string; name: string } | null
  capital: AnnualCapital
  /** Cost per outcome: disbursed capital (plus other funding) in the year / verified units. */
  cost: { disbursed: string; otherFunding: string; support: string; total: string }
  attributionShare: string | null
  keyFigures: AnnualKeyFigure[]
  outcomeCosts: AnnualOutcomeCost[]
  sroi: AnnualSroi[]
  /** Portfolio only: Σ PV / Σ inputs over the evaluated ventures. */
  portfolioSroi: { ratio: string | null; presentValue: string; inputs: string; ventureCount: number } | null
  peopleReached: string | null
  ventures: AnnualVentureLine[]
  narrative: AnnualNarrative[]
  commentary: { text: string; updatedAt: string } | null
  notes: { code: string; text: string }[]
}

/** The notes every annual report carries, in its language (PRODUCT.md §3, §4). */
export function annualNotes(
  lang: ReportLanguage,
  opts: { threshold: number; smallCounts: boolean; portfolio: boolean },
): { code: string; text: string }[] {
  const nb = lang === 'nb'
  const notes = [
    {
      code: 'verified-only',
      text: nb
        ? 'Bare verifiserte verdier er med. Rapporter som ikke er verifisert, teller ikke.'
        : 'Only verified values count. Reports that are not verified are left out.',
    },
    {
      code: 'disclosure-control',
      text: nb
        ? `Rapporten viser detaljerte tall. I kommunenes visning og i åpne data prikkes antall personer fra 1 til ${opts.threshold - 1}, og økonomiske tall bygd på færre enn 3 virksomheter vises ikke.`
        : `This report shows detailed figures. In the municipalities’ view and in open data, counts of people from 1 to ${opts.threshold - 1} are suppressed, and financial figures from fewer than 3 ventures are withheld.`,
    },
  ]
  if (opts.smallCounts)
    notes.push({
      code: 'small-counts',
      text: nb
        ? `Tall merket * er antall personer under ${opts.threshold}: del dem ikke utenfor styret uten å prikke dem.`
        : `Figures marked * are counts of fewer than ${opts.threshold} people: suppress them before sharing beyond the board.`,
    })
  if (opts.portfolio)
    notes.push({
      code: 'double-counting',
      text: nb
        ? 'Personer kan telles mer enn én gang når flere virksomheter følger samme person: summene er ikke antall unike personer.'
        : 'People may be counted more than once when several ventures work with the same person: the sums are not numbers of unique people.',
    })
  return notes
}

/** A count of people in 1 … threshold − 1. */
export const isSmallCount = (unit: string, value: string | null, threshold: number, personal: boolean) =>
  personal && unit === 'people' && value !== null && Number(value) >= 1 && Number(value) < threshold

/** A decimal string for a reader: grouped thousands, the language's decimal mark, `places` decimals (half-even). */
export function formatDecimal(value: string | null, lang: ReportLanguage, places = 0): string {
  if (value === null) return '–'
  const fixed = new Decimal(value).toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).toFixed(places)
  const negative = fixed.startsWith('-') && !/^-0(\.0*)?$/.test(fixed)
  const [int = '0', frac] = fixed.replace(/^-/, '').split('.')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'nb' ? '\u00a0' : ',')
  return `${negative ? '−' : ''}${grouped}${frac ? `${lang === 'nb' ? ',' : '.'}${frac}` : ''}`
}

/** NOK, whole kroner, for tables (the JSON keeps the øre). */
export const formatNok = (value: string | null, lang: ReportLanguage) =>
  value === null ? '–' : `${formatDecimal(value, lang)} kr`

/** A fraction as a percentage (0.753 → 75 %). */
export const formatPercentOf = (fraction: string | null, lang: ReportLanguage): string =>
  fraction === null ? '–' : `${formatDecimal(new Decimal(fraction).times(100).toFixed(), lang)} %`
