import { type CsvCell, writeCsv } from '../../domain/csv.ts'
import { formatMoney } from '../../domain/money.ts'
import {
  type SheetColumn,
  type SheetLanguage,
  type Table,
  tableCells,
  tableSheet,
  type Workbook,
} from '../../domain/sheets.ts'
import type { CsvDialect } from '../../http/csv-dialect.ts'
import { badRequest } from '../../http/problem.ts'
import * as capitalRepo from '../capital/index.ts'
import { amountNokOf, osloToday } from '../capital/index.ts'
import type { Ctx } from '../context.ts'
import { loadPortfolio, resolveInvestorOrg } from '../portfolio/index.ts'
import { capitalDefinitions } from './definitions.ts'

export interface CsvOptions {
  organization?: string | undefined
  dialect: CsvDialect
  excel: boolean
}

export interface CsvFile {
  filename: string
  body: string
}

/** An XLSX export: its file name and the workbook the runtime's writer turns into bytes. */
export interface XlsxFile {
  filename: string
  book: Workbook
}

/** A table written as CSV with the dialect's separator and decimal mark (one rule, csv-dialect.ts). */
export const tableCsv = (table: Table, o: { dialect: CsvDialect; excel: boolean }) =>
  writeCsv(
    table.columns.map((c) => c.header),
    tableCells(table, o.dialect.decimal),
    { separator: o.dialect.separator, bom: true, excelSepLine: o.excel },
  )

/** A file name people can keep apart: what, whose, as of when. */
export const fileName = (what: string, org: { name: string }, asOf: string, extension: 'csv' | 'xlsx') =>
  `${what}-${
    org.name
      .normalize('NFKD')
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'investor'
  }-${asOf}.${extension}`

const text = (header: string, width?: number): SheetColumn => ({
  header,
  kind: 'text',
  ...(width ? { width } : {}),
})
const money = (header: string): SheetColumn => ({ header, kind: 'number', decimals: 2, width: 16 })

export const TRANSACTION_SHEET_COLUMNS: readonly SheetColumn[] = [
  text('transaction_id', 38),
  { header: 'date', kind: 'date', width: 12 },
  text('venture_id', 38),
  text('venture', 28),
  text('investment_id', 38),
  text('investment', 28),
  text('instrument'),
  text('type'),
  { header: 'amount', kind: 'number', decimals: 2, width: 16 },
  text('currency', 10),
  { header: 'rate_to_nok', kind: 'number', decimals: 6, width: 14 },
  money('amount_nok'),
  money('signed_amount_nok'),
  text('reverses_id', 38),
  { header: 'over_commitment', kind: 'boolean' },
  text('note', 40),
]
export const TRANSACTION_COLUMNS = TRANSACTION_SHEET_COLUMNS.map((c) => c.header)

/**
 * Every ledger entry of the investor's investments, by venture, investment, date and recording
 * order. Amounts and rates as stored; amount_nok is the entry at its own rate, and
 * signed_amount_nok counts a reversal negatively, so a column sum per type gives the totals (to
 * rounding of each entry).
 */
async function transactionsTable(
  ctx: Ctx,
  q: { organization?: string | undefined; from?: string | undefined; to?: string | undefined },
) {
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
  const table: Table = { name: 'transactions', columns: TRANSACTION_SHEET_COLUMNS, rows }
  return { table, org, asOf: osloToday(ctx.now) }
}

type TransactionsQuery = {
  organization?: string | undefined
  from?: string | undefined
  to?: string | undefined
}

export async function transactionsCsv(ctx: Ctx, q: CsvOptions & TransactionsQuery): Promise<CsvFile> {
  const { table, org, asOf } = await transactionsTable(ctx, q)
  return { filename: fileName('transactions', org, asOf, 'csv'), body: tableCsv(table, q) }
}

/** The same table as the CSV, typed: one sheet of entries and the definitions sheet. */
export async function transactionsXlsx(
  ctx: Ctx,
  q: TransactionsQuery & { language: SheetLanguage },
): Promise<XlsxFile> {
  const { table, org, asOf } = await transactionsTable(ctx, q)
  return {
    filename: fileName('transactions', org, asOf, 'xlsx'),
    book: { language: q.language, sheets: [tableSheet(table), capitalDefinitions(q.language, [table])] },
  }
}

export const PORTFOLIO_SHEET_COLUMNS: readonly SheetColumn[] = [
  text('venture_id', 38),
  text('venture', 28),
  text('status'),
  { header: 'investments', kind: 'integer' },
  text('instruments', 20),
  money('committed_nok'),
  money('disbursed_nok'),
  money('undisbursed_nok'),
  money('over_disbursed_nok'),
  money('repaid_nok'),
  money('interest_nok'),
  money('written_off_nok'),
  money('outstanding_nok'),
  money('equity_purchased_nok'),
  money('equity_sold_nok'),
  money('outcome_payments_nok'),
  money('latest_valuation_nok'),
  { header: 'latest_valuation_date', kind: 'date', width: 14 },
  { header: 'support_hours', kind: 'number', decimals: 2 },
  money('support_value_nok'),
  money('total_support_value_nok'),
]
export const PORTFOLIO_COLUMNS = PORTFOLIO_SHEET_COLUMNS.map((c) => c.header)

/** One row per venture of the portfolio, with the same figures as GET /v1/portfolio. */
async function portfolioTable(ctx: Ctx, organization: string | undefined) {
  const portfolio = await loadPortfolio(ctx, await resolveInvestorOrg(ctx, organization))
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
  const table: Table = { name: 'portfolio', columns: PORTFOLIO_SHEET_COLUMNS, rows }
  return { table, portfolio }
}

export async function portfolioCsv(ctx: Ctx, q: CsvOptions): Promise<CsvFile> {
  const { table, portfolio } = await portfolioTable(ctx, q.organization)
  return {
    filename: fileName('portfolio', portfolio.organization, portfolio.asOf, 'csv'),
    body: tableCsv(table, q),
  }
}

export async function portfolioXlsx(
  ctx: Ctx,
  q: { organization?: string | undefined; language: SheetLanguage },
): Promise<XlsxFile> {
  const { table, portfolio } = await portfolioTable(ctx, q.organization)
  return {
    filename: fileName('portfolio', portfolio.organization, portfolio.asOf, 'xlsx'),
    book: { language: q.language, sheets: [tableSheet(table), capitalDefinitions(q.language, [table])] },
  }
}
