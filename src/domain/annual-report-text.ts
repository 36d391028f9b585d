import type { ReportLanguage } from './annual-report.ts'

/**
 * The words of the annual impact report, in bokmål and English: one set for the print page and
 * the PDF, so both say the same.
 */
export interface AnnualReportText {
  ventureTitle: (name: string, year: number) => string
  portfolioTitle: (name: string, year: number) => string
  subtitle: (asOf: string) => string
  investor: string
  commentary: string
  noCommentary: string
  capital: string
  inYear: (year: number) => string
  toDate: string
  committed: string
  disbursed: string
  repaid: string
  outcomePayments: string
  undisbursed: string
  outstanding: string
  supportHours: string
  supportValue: string
  keyFigures: string
  /** The name of the report's headline figures (the key-figure cards), distinct from the key-figures section. */
  summary: string
  /** The head of a table's first column when its rows are named measures (capital, cost, SROI). */
  item: string
  value: string
  noKeyFigures: string
  indicator: string
  venture: string
  actual: string
  baseline: string
  target: string
  progress: string
  status: string
  statusName: Record<'green' | 'amber' | 'red', string>
  chartTitle: (name: string) => string
  period: string
  costPerOutcome: string
  costNote: string
  units: string
  costPerUnit: string
  attributedUnits: string
  attributionShare: string
  otherFunding: string
  totalCost: string
  sroi: string
  noSroi: string
  sroiRatio: string
  netSroi: string
  presentValue: string
  inputs: string
  discountRate: string
  sroiWindow: string
  assumptions: string
  quantity: string
  proxy: string
  proxySource: string
  deadweight: string
  attribution: string
  displacement: string
  dropOff: string
  duration: string
  narrative: string
  noNarrative: string
  highlights: string
  challenges: string
  nextSteps: string
  ventures: string
  peopleReached: string
  people: string
  notes: string
  page: (n: number, of: number) => string
  open: string
}

const nb: AnnualReportText = {
  ventureTitle: (name, year) => `Årsrapport for samfunnseffekt ${year}: ${name}`,
  portfolioTitle: (name, year) => `Årsrapport for samfunnseffekt ${year}: porteføljen til ${name}`,
  subtitle: (asOf) => `Tall per ${asOf}. Beløp i norske kroner.`,
  investor: 'Investor',
  commentary: 'Investors kommentar',
  noCommentary: 'Investoren har ikke skrevet en kommentar for dette året.',
  capital: 'Kapital og støtte',
  inYear: (year) => `I ${year}`,
  toDate: 'Til nå',
  committed: 'Forpliktet',
  disbursed: 'Utbetalt',
  repaid: 'Tilbakebetalt',
  outcomePayments: 'Resultatbetalinger',
  undisbursed: 'Ikke utbetalt',
  outstanding: 'Utestående lån',
  supportHours: 'Kompetansetimer',
  supportValue: 'Verdi av støtte',
  keyFigures: 'Nøkkeltall mot mål og utgangspunkt',
  summary: 'Sammendrag',
  item: 'Post',
  value: 'Verdi',
  noKeyFigures: 'Ingen verifiserte verdier for året.',
  indicator: 'Indikator',
  venture: 'Virksomhet',
  actual: 'Resultat',
  baseline: 'Utgangspunkt',
  target: 'Mål',
  progress: 'Framdrift',
  status: 'Status',
  statusName: { green: 'på mål', amber: 'nær mål', red: 'bak mål' },
  chartTitle: (name) => `${name}: resultat og mål per periode`,
  period: 'Periode',
  costPerOutcome: 'Kostnad per resultat',
  costNote: 'Utbetalt kapital og annen finansiering i året delt på verifiserte resultater.',
  units: 'Enheter',
  costPerUnit: 'Kostnad per enhet',
  attributedUnits: 'Tilskrevet investor',
  attributionShare: 'Investors andel',
  otherFunding: 'Annen finansiering',
  totalCost: 'Kostnad i alt',
  sroi: 'Sosial avkastning (SROI)',
  noSroi: 'Ingen SROI-modell.',
  sroiRatio: 'SROI',
  netSroi: 'Netto SROI',
  presentValue: 'Nåverdi',
  inputs: 'Innsats',
  discountRate: 'Diskonteringsrente',
  sroiWindow: 'Periode for modellen',
  assumptions: 'Forutsetninger',
  quantity: 'Antall',
  proxy: 'Verdi per enhet',
  proxySource: 'Kilde',
  deadweight: 'Dødvekt',
  attribution: 'Andre bidrag',
  displacement: 'Fortrengning',
  dropOff: 'Avtagende effekt',
  duration: 'Varighet (år)',
  narrative: 'Historien bak tallene',
  noNarrative: 'Ingen verifiserte rapporter med fortelling for året.',
  highlights: 'Høydepunkter',
  challenges: 'Utfordringer',
  nextSteps: 'Neste steg',
  ventures: 'Virksomhetene',
  peopleReached: 'Personer nådd',
  people: 'Personer',
  notes: 'Merknader',
  page: (n, of) => `Side ${n} av ${of}`,
  open: 'åpen',
}

const en: AnnualReportText = {
  ventureTitle: (name, year) => `Annual impact report ${year}: ${name}`,
  portfolioTitle: (name, year) => `Annual impact report ${year}: ${name} portfolio`,
  subtitle: (asOf) => `Figures as of ${asOf}. Amounts in Norwegian kroner.`,
  investor: 'Investor',
  commentary: 'Investor’s commentary',
  noCommentary: 'The investor has written no commentary for this year.',
  capital: 'Capital and support',
  inYear: (year) => `In ${year}`,
  toDate: 'To date',
  committed: 'Committed',
  disbursed: 'Disbursed',
  repaid: 'Repaid',
  outcomePayments: 'Outcome payments',
  undisbursed: 'Undisbursed',
  outstanding: 'Loans outstanding',
  supportHours: 'Competence hours',
  supportValue: 'Value of support',
  keyFigures: 'Key figures against targets and baseline',
  summary: 'Summary',
  item: 'Item',
  value: 'Value',
  noKeyFigures: 'No verified values for the year.',
  indicator: 'Indicator',
  venture: 'Venture',
  actual: 'Actual',
  baseline: 'Baseline',
  target: 'Target',
  progress: 'Progress',
  status: 'Status',
  statusName: { green: 'on track', amber: 'close', red: 'behind' },
  chartTitle: (name) => `${name}: actual and target per period`,
  period: 'Period',
  costPerOutcome: 'Cost per outcome',
  costNote: 'Capital disbursed and other funding in the year divided by verified outcomes.',
  units: 'Units',
  costPerUnit: 'Cost per unit',
  attributedUnits: 'Attributed to the investor',
  attributionShare: 'Investor’s share',
  otherFunding: 'Other funding',
  totalCost: 'Total cost',
  sroi: 'Social return on investment (SROI)',
  noSroi: 'No SROI model.',
  sroiRatio: 'SROI',
  netSroi: 'Net SROI',
  presentValue: 'Present value',
  inputs: 'Inputs',
  discountRate: 'Discount rate',
  sroiWindow: 'Model window',
  assumptions: 'Assumptions',
  quantity: 'Quantity',
  proxy: 'Value per unit',
  proxySource: 'Source',
  deadweight: 'Deadweight',
  attribution: 'Attribution',
  displacement: 'Displacement',
  dropOff: 'Drop-off',
  duration: 'Duration (years)',
  narrative: 'The story behind the numbers',
  noNarrative: 'No verified reports with a narrative for the year.',
  highlights: 'Highlights',
  challenges: 'Challenges',
  nextSteps: 'Next steps',
  ventures: 'The ventures',
  peopleReached: 'People reached',
  people: 'People',
  notes: 'Notes',
  page: (n, of) => `Page ${n} of ${of}`,
  open: 'open',
}

export const annualReportText = (lang: ReportLanguage): AnnualReportText => (lang === 'nb' ? nb : en)
