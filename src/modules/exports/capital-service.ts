import { type CsvCell, type CsvSeparator, writeCsv } from '../../domain/csv.ts'
import { formatMoney } from '../../domain/money.ts'
import { badRequest } from '../../http/problem.ts'
import * as capitalRepo from '../capital/index.ts'
import { amountNokOf, osloToday } from '../capital/index.ts'
import type { Ctx } from '../context.ts'
import { loadPortfolio, resolveInvestorOrg } from '../portfolio/index.ts'

export interface CsvOptions {
  organization?: string | undefined
  sep: 'semicolon' | 'comma'
  excel: boolean
}

export interface CsvFile {
  filename: string
  body: string
}

const csvOptions = (o: CsvOptions) => ({
  separator: (o.sep === 'comma' ? ',' : ';') as CsvSeparator,
  bom: true,
  excelSepLine: o.excel,
})

/** A file name people can keep apart: what, whose, as of when. */
const fileName = (what: string, org: { name: string }, asOf: string) =>
  `${what}-${
    org.name
      .normalize('NFKD')
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'investor'
  }-${asOf}.csv`

export const TRANSACTION_COLUMNS = [
  'transaction_id',
  'date',
  'venture_id',
  'venture',
  'investment_id',
  'investment',
  'instrument',
  'type',
  'amount',
  'currency',
  'rate_to_nok',
  'amount_nok',
  'signed_amount_nok',
  'reverses_id',
  'over_commitment',
  'note',
]

/**
 * Every ledger entry of the investor's investments, by venture, investment, date and recording
 * order. Amounts and rates are written as stored (`.` decimal mark); amount_nok is the entry at
 * its own rate, and signed_amount_nok counts a reversal negatively, so a column sum per type
 * gives the totals (to rounding of each entry).
 */
export async function transactionsCsv(
  ctx: Ctx,
  q: CsvOptions & { from?: string | undefined; to?: string | undefined },
): Promise<CsvFile> {
  if (q.from && q.to && q.from > q.to) {
    throw badRequest('export.period_empty', [
      { in: 'query', path: 'to', message: 'Must not be before from.' },
    ])
  }
  const org = await resolveInvestorOrg(ctx, q.organization)
  const [investments, transactions] = await Promise.all([
    capitalRepo.investmentsOfInvestor(ctx.db, org.id),
    capitalRepo.transactionsOfInvestor(ctx.db, org.id),
  ])
  const byId = new Map(investments.map((i) => [i.id, i]))
  // Entries of a pending or declined investment stay out, as the investment does (it is not in
  // investmentsOfInvestor): before, looking it up failed with a 500.
  const rows = transactions
    .filter((t) => (!q.from || t.date >= q.from) && (!q.to || t.date <= q.to))
    .flatMap((t) => {
      const i = byId.get(t.investmentId)
      return i ? [{ t, i }] : []
    })
    .sort(
      (a, b) =>
        a.i.ventureName.localeCompare(b.i.ventureName, 'nb') ||
        a.i.ventureOrgId.localeCompare(b.i.ventureOrgId) ||
        a.i.startDate.localeCompare(b.i.startDate) ||
        a.i.id.localeCompare(b.i.id) ||
        a.t.date.localeCompare(b.t.date) ||
        a.t.seq - b.t.seq,
    )
    .map(({ t, i }): CsvCell[] => {
      const nok = amountNokOf(t)
      return [
        t.id,
        t.date,
        i.ventureOrgId,
        i.ventureName,
        i.id,
        i.name,
        i.instrument,
        t.type,
        t.amount,
        t.currency,
        t.rateToNok,
        nok,
        t.reversesId && nok !== '0.00' ? `-${nok}` : nok,
        t.reversesId,
        t.overCommitment ? 'true' : 'false',
        t.note,
      ]
    })
  const asOf = osloToday(ctx.now)
  return {
    filename: fileName('transactions', org, asOf),
    body: writeCsv(TRANSACTION_COLUMNS, rows, csvOptions(q)),
  }
}

export const PORTFOLIO_COLUMNS = [
  'venture_id',
  'venture',
  'status',
  'investments',
  'instruments',
  'committed_nok',
  'disbursed_nok',
  'undisbursed_nok',
  'over_disbursed_nok',
  'repaid_nok',
  'interest_nok',
  'written_off_nok',
  'outstanding_nok',
  'equity_purchased_nok',
  'equity_sold_nok',
  'outcome_payments_nok',
  'latest_valuation_nok',
  'latest_valuation_date',
  'support_hours',
  'support_value_nok',
  'total_support_value_nok',
]

/** One row per venture of the portfolio, with the same figures as GET /v1/portfolio. */
export async function portfolioCsv(ctx: Ctx, q: CsvOptions): Promise<CsvFile> {
  const portfolio = await loadPortfolio(ctx, await resolveInvestorOrg(ctx, q.organization))
  const rows = portfolio.ventures.map(
    ({ venture, investments, instruments, figures: f, support: s }): CsvCell[] => [
      venture.id,
      venture.name,
      venture.status,
      investments.length,
      instruments.join('|'),
      formatMoney(f.committed),
      formatMoney(f.disbursed),
      formatMoney(f.undisbursed),
      formatMoney(f.overDisbursed),
      formatMoney(f.repaid),
      formatMoney(f.interest),
      formatMoney(f.writtenOff),
      formatMoney(f.outstanding),
      formatMoney(f.equityPurchased),
      formatMoney(f.equitySold),
      formatMoney(f.outcomePayments),
      f.latestValuation ? formatMoney(f.latestValuation.value) : null,
      f.latestValuation?.date ?? null,
      s.hours.toFixed(2),
      formatMoney(s.value),
      formatMoney(f.disbursed.plus(s.value)),
    ],
  )
  return {
    filename: fileName('portfolio', portfolio.organization, portfolio.asOf),
    body: writeCsv(PORTFOLIO_COLUMNS, rows, csvOptions(q)),
  }
}
