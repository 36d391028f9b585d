import { type Definition, definitionsSheet, type SheetLanguage, type Table } from '../../domain/sheets.ts'

/**
 * The definitions sheet of the capital and outcomes exports: every column, its unit and what it
 * means, in the workbook's language. A column without words here is a programming error (the
 * test reads every export's definitions), not a blank row.
 */
type Words = { unit: string; en: string; nb: string }

const W = (unit: string, en: string, nb: string): Words => ({ unit, en, nb })

const COLUMNS: Record<string, Words> = {
  transaction_id: W('', 'The ledger entry', 'Posteringen'),
  date: W('', 'Date of the entry', 'Dato for posteringen'),
  venture_id: W('', 'The venture (organization id)', 'Virksomheten (organisasjons-id)'),
  venture: W('', 'The venture’s name', 'Virksomhetens navn'),
  investment_id: W('', 'The investment', 'Investeringen'),
  investment: W('', 'The investment’s name', 'Investeringens navn'),
  instrument: W('', 'loan, equity, grant, …', 'lån, egenkapital, tilskudd, …'),
  type: W('', 'commitment, disbursement, repayment, …', 'tilsagn, utbetaling, tilbakebetaling, …'),
  amount: W('currency', 'Amount in its own currency', 'Beløp i egen valuta'),
  currency: W('ISO 4217', 'Currency of amount', 'Valuta for beløpet'),
  rate_to_nok: W('NOK', 'Rate to NOK on the entry’s date', 'Kurs til NOK på posteringsdatoen'),
  amount_nok: W('NOK', 'amount × rate_to_nok, rounded to øre', 'beløp × kurs, avrundet til øre'),
  signed_amount_nok: W(
    'NOK',
    'amount_nok, negative for a reversal: a sum per type gives the totals',
    'amount_nok, negativt for en reversering: summen per type gir totalene',
  ),
  reverses_id: W('', 'The entry this one reverses', 'Posteringen denne reverserer'),
  over_commitment: W('', 'true when disbursed beyond the commitment', 'true når utbetalt over tilsagnet'),
  note: W('', 'Free text', 'Fritekst'),
  status: W('', 'Status', 'Status'),
  investments: W('count', 'Investments in the venture', 'Investeringer i virksomheten'),
  instruments: W('', 'Instruments, separated by |', 'Instrumenter, skilt med |'),
  committed_nok: W('NOK', 'Committed (sum)', 'Tilsagn (sum)'),
  disbursed_nok: W('NOK', 'Disbursed (sum)', 'Utbetalt (sum)'),
  undisbursed_nok: W('NOK', 'Committed, not yet disbursed', 'Tilsagn som ikke er utbetalt'),
  over_disbursed_nok: W('NOK', 'Disbursed beyond the commitment', 'Utbetalt over tilsagnet'),
  repaid_nok: W('NOK', 'Repaid (sum)', 'Tilbakebetalt (sum)'),
  interest_nok: W('NOK', 'Interest received (sum)', 'Renter mottatt (sum)'),
  written_off_nok: W('NOK', 'Written off (sum)', 'Avskrevet (sum)'),
  outstanding_nok: W('NOK', 'Loans outstanding', 'Utestående lån'),
  equity_purchased_nok: W('NOK', 'Equity bought (sum)', 'Egenkapital kjøpt (sum)'),
  equity_sold_nok: W('NOK', 'Equity sold (sum)', 'Egenkapital solgt (sum)'),
  outcome_payments_nok: W('NOK', 'Outcome payments (sum)', 'Resultatbetalinger (sum)'),
  latest_valuation_nok: W('NOK', 'Latest valuation', 'Siste verdsettelse'),
  latest_valuation_date: W('', 'Date of the latest valuation', 'Dato for siste verdsettelse'),
  support_hours: W('hours', 'Support given (sum)', 'Støtte gitt (sum)'),
  support_value_nok: W('NOK', 'Value of the support given', 'Verdien av støtten'),
  total_support_value_nok: W('NOK', 'disbursed_nok + support_value_nok', 'disbursed_nok + support_value_nok'),
  period: W(
    '',
    'The report’s period: YYYY, YYYY-Qn or YYYY-MM',
    'Rapportens periode: ÅÅÅÅ, ÅÅÅÅ-Kn eller ÅÅÅÅ-MM',
  ),
  indicator: W('', 'Indicator code (see the indicator catalogue)', 'Indikatorkode (se indikatorkatalogen)'),
  dimension: W(
    '',
    'Empty for the total; gender, age_band or municipality for a breakdown cell',
    'Tom for totalen; gender, age_band eller municipality for en fordelingscelle',
  ),
  category: W(
    '',
    'The breakdown cell (a municipality as its 4-digit number, as text)',
    'Fordelingscellen (en kommune som firesifret nummer, som tekst)',
  ),
  value: W('indicator’s unit', 'The value (empty for a ratio)', 'Verdien (tom for en andel)'),
  numerator: W('', 'Numerator of a ratio', 'Teller i en andel'),
  denominator: W('', 'Denominator of a ratio', 'Nevner i en andel'),
  evidence: W('', 'Links, separated by spaces', 'Lenker, skilt med mellomrom'),
  verification_level: W(
    '',
    'self_reported, document_checked, register_verified or audited',
    'self_reported, document_checked, register_verified eller audited',
  ),
  period_start: W('', 'First day of the period', 'Første dag i perioden'),
  period_end: W('', 'Last day of the period', 'Siste dag i perioden'),
  revision: W('', 'The report’s revision', 'Rapportens revisjon'),
}

/** The definitions of the tables' columns, with notes below them. */
export function capitalDefinitions(
  language: SheetLanguage,
  tables: readonly Table[],
  notes: readonly string[] = [],
) {
  const defs: Definition[] = tables.flatMap((t) =>
    t.columns.map((c) => {
      const words = COLUMNS[c.header]
      if (!words) throw new Error(`No definition for the column ${c.header}`)
      return { table: t.name, column: c.header, kind: c.kind, unit: words.unit, meaning: words[language] }
    }),
  )
  return definitionsSheet(language, defs, notes)
}
