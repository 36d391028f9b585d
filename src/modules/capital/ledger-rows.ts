import type { InvestmentFigures, LedgerEntry, Valuation } from '../../domain/ledger.ts'
import { Decimal, formatMoney } from '../../domain/money.ts'
import { badRequest } from '../../http/problem.ts'
import type { DateSeqKey, TransactionRow, ValuationRow } from './repo.ts'

type EntryFields = Pick<
  TransactionRow,
  'id' | 'type' | 'date' | 'amount' | 'currency' | 'rateToNok' | 'reversesId' | 'overCommitment'
>

/** Stored rows as the domain's ledger entries (numeric strings → Decimal). */
export const toEntry = (t: EntryFields): LedgerEntry => ({
  id: t.id,
  type: t.type,
  date: t.date,
  amount: new Decimal(t.amount),
  currency: t.currency,
  rateToNok: t.rateToNok === null ? null : new Decimal(t.rateToNok),
  reversesId: t.reversesId,
  overCommitment: t.overCommitment,
})

export const toValuation = (v: ValuationRow): Valuation => ({ date: v.date, value: new Decimal(v.value) })

/** The figures as the API writes them: NOK decimal strings with 2 decimals. */
export const figuresOut = (f: InvestmentFigures) => ({
  committed: formatMoney(f.committed),
  disbursed: formatMoney(f.disbursed),
  undisbursed: formatMoney(f.undisbursed),
  overDisbursed: formatMoney(f.overDisbursed),
  repaid: formatMoney(f.repaid),
  interest: formatMoney(f.interest),
  writtenOff: formatMoney(f.writtenOff),
  outstanding: formatMoney(f.outstanding),
  equityPurchased: formatMoney(f.equityPurchased),
  equitySold: formatMoney(f.equitySold),
  outcomePayments: formatMoney(f.outcomePayments),
  latestValuation: f.latestValuation
    ? { date: f.latestValuation.date, value: formatMoney(f.latestValuation.value) }
    : null,
})

const OSLO_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** Today's calendar date in Norway, YYYY-MM-DD: what "a date in the future" is measured against. */
export function osloToday(now: Date): string {
  const parts = Object.fromEntries(OSLO_DATE.formatToParts(now).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}`
}

/** A date-and-sequence cursor (as issued by toPage) back into its typed key. */
export function dateSeqKey(key: [string, string] | null): DateSeqKey | null {
  if (!key) return null
  const [date, seq] = key
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{1,18}$/.test(seq)) {
    throw badRequest('request.cursor_invalid', [
      { in: 'query', path: 'cursor', message: 'Not a cursor this API issued.' },
    ])
  }
  return [date, Number(seq)]
}

/** Groups rows by a key, keeping their order within each group. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = groups.get(k)
    if (list) list.push(row)
    else groups.set(k, [row])
  }
  return groups
}
