import { BASE_CURRENCY, Decimal, formatMoney, isCurrency, roundMoney, toNok } from './money.ts'

export const INSTRUMENTS = ['grant', 'loan', 'equity', 'convertible', 'outcome_contract'] as const
export type Instrument = (typeof INSTRUMENTS)[number]

export const TRANSACTION_TYPES = [
  'commitment',
  'disbursement',
  'repayment',
  'interest',
  'equity_purchase',
  'equity_sale',
  'write_off',
  'outcome_payment',
] as const
export type TransactionType = (typeof TRANSACTION_TYPES)[number]

/**
 * One row of an investment's append-only ledger. A reversal has the original's type, amount,
 * currency and rate and `reversesId` set; it counts negatively in every total.
 */
export interface LedgerEntry {
  id: string
  type: TransactionType
  /** YYYY-MM-DD */
  date: string
  /** > 0, in `currency` */
  amount: Decimal
  currency: string
  /** NOK per unit of `currency`; null for NOK */
  rateToNok: Decimal | null
  reversesId: string | null
  /** The user confirmed a disbursement beyond what is committed. */
  overCommitment: boolean
}

/** Fair value in NOK (equity and convertibles). */
export interface Valuation {
  date: string
  value: Decimal
}

/** All in NOK, 2 decimals. */
export interface InvestmentFigures {
  committed: Decimal
  disbursed: Decimal
  /** committed − disbursed, floored at 0: an over-disbursed investment has nothing left to pay out. */
  undisbursed: Decimal
  /** disbursed − committed when that is positive, else 0; so undisbursed − overDisbursed = committed − disbursed. */
  overDisbursed: Decimal
  repaid: Decimal
  interest: Decimal
  writtenOff: Decimal
  /** Debt instruments only (0 for others): disbursed − repaid − writtenOff; negative if overpaid. */
  outstanding: Decimal
  equityPurchased: Decimal
  equitySold: Decimal
  outcomePayments: Decimal
  latestValuation: Valuation | null
}

export interface FieldError {
  path: string
  message: string
}

/** Instruments where money lent can be owed back; a convertible is a loan until it converts. */
const DEBT_INSTRUMENTS: ReadonlySet<Instrument> = new Set<Instrument>(['loan', 'convertible'])

const signOf = (e: LedgerEntry) => (e.reversesId === null ? 1 : -1)

/** Exact (unrounded) signed NOK total per type. */
function nokTotals(entries: readonly LedgerEntry[]): Record<TransactionType, Decimal> {
  const totals = Object.fromEntries(TRANSACTION_TYPES.map((t) => [t, new Decimal(0)])) as Record<
    TransactionType,
    Decimal
  >
  for (const e of entries) {
    totals[e.type] = totals[e.type].plus(toNok(e.amount, e.currency, e.rateToNok).times(signOf(e)))
  }
  return totals
}

const max0 = (d: Decimal) => Decimal.max(d, 0)

/**
 * Each entry converts at its own rate; each per-type total is rounded half-even once, at the
 * end. Derived figures (undisbursed, outstanding) are computed from those rounded totals, so the
 * figures a person sees add up to the cent. Without `instrument`, outstanding is computed as for
 * a loan; pass it so grants and equity report 0.
 */
export function investmentFigures(
  entries: readonly LedgerEntry[],
  valuations: readonly Valuation[],
  instrument?: Instrument,
): InvestmentFigures {
  const t = nokTotals(entries)
  const committed = roundMoney(t.commitment)
  const disbursed = roundMoney(t.disbursement)
  const repaid = roundMoney(t.repayment)
  const writtenOff = roundMoney(t.write_off)
  const isDebt = instrument === undefined || DEBT_INSTRUMENTS.has(instrument)
  return {
    committed,
    disbursed,
    undisbursed: max0(committed.minus(disbursed)),
    overDisbursed: max0(disbursed.minus(committed)),
    repaid,
    interest: roundMoney(t.interest),
    writtenOff,
    outstanding: isDebt ? disbursed.minus(repaid).minus(writtenOff) : new Decimal(0),
    equityPurchased: roundMoney(t.equity_purchase),
    equitySold: roundMoney(t.equity_sale),
    outcomePayments: roundMoney(t.outcome_payment),
    latestValuation: latestOf(valuations),
  }
}

/** The newest by date; on a tie, the later in the list (callers pass them in recording order). */
function latestOf(valuations: readonly Valuation[]): Valuation | null {
  let latest: Valuation | null = null
  for (const v of valuations) if (latest === null || v.date >= latest.date) latest = v
  return latest && { date: latest.date, value: roundMoney(latest.value) }
}

const MONEY_FIELDS = [
  'committed',
  'disbursed',
  'undisbursed',
  'overDisbursed',
  'repaid',
  'interest',
  'writtenOff',
  'outstanding',
  'equityPurchased',
  'equitySold',
  'outcomePayments',
] as const satisfies readonly (keyof InvestmentFigures)[]

/**
 * Venture and portfolio roll-ups: the sum of the already-rounded per-investment figures. Exact
 * (no further rounding), so a roll-up equals the sum of the rows shown beneath it; it may differ
 * by a few øre from rounding every entry of the portfolio once, which we accept. undisbursed is
 * the sum of each investment's floored value: one investment's over-disbursement does not
 * reduce what another still has to pay out. latestValuation sums the investments that have one,
 * dated by the newest of them; null when none has.
 */
export function sumFigures(list: readonly InvestmentFigures[]): InvestmentFigures {
  const sum = Object.fromEntries(
    MONEY_FIELDS.map((k) => [k, list.reduce((acc, f) => acc.plus(f[k]), new Decimal(0))]),
  ) as Record<(typeof MONEY_FIELDS)[number], Decimal>
  const valued = list.flatMap((f) => (f.latestValuation ? [f.latestValuation] : []))
  const latestValuation: Valuation | null =
    valued.length === 0
      ? null
      : {
          date: valued
            .map((v) => v.date)
            .toSorted()
            .at(-1)!,
          value: valued.reduce((acc, v) => acc.plus(v.value), new Decimal(0)),
        }
  return { ...sum, latestValuation }
}

export interface LedgerContext {
  instrument: Instrument
  /** Every entry already on the investment, reversals included. */
  existing: readonly LedgerEntry[]
  /** YYYY-MM-DD */
  today: string
  /** How far ahead a transaction may be dated (planned disbursements). */
  horizonDays: number
}

const EQUITY_TYPES: ReadonlySet<TransactionType> = new Set<TransactionType>([
  'equity_purchase',
  'equity_sale',
])
const EQUITY_INSTRUMENTS: ReadonlySet<Instrument> = new Set<Instrument>(['equity', 'convertible'])

/**
 * Rules for appending `candidate` to the ledger; [] when it may be recorded. Paths are the JSON
 * field names. The figures above assume every stored entry passed these rules.
 */
export function validateNewEntry(ctx: LedgerContext, candidate: LedgerEntry): FieldError[] {
  const errors: FieldError[] = []
  const fail = (path: string, message: string) => errors.push({ path, message })
  const c = candidate

  if (!c.amount.isFinite() || !c.amount.gt(0)) fail('amount', 'Must be greater than 0.')
  const moneyOk = checkCurrencyAndRate(c, fail)
  checkDate(ctx, c.date, fail)

  if (ctx.instrument === 'grant' && (c.type === 'repayment' || c.type === 'interest')) {
    fail('type', `A grant is not paid back: ${c.type} cannot be recorded on it.`)
  }
  if (EQUITY_TYPES.has(c.type) && !EQUITY_INSTRUMENTS.has(ctx.instrument)) {
    fail(
      'type',
      `${c.type} is only possible on an equity or convertible investment, not on a ${ctx.instrument}.`,
    )
  }

  if (c.reversesId !== null) {
    const reversal = reversalErrors(ctx.existing, c)
    errors.push(...reversal)
    // Withdrawing a commitment can leave more disbursed than committed, just as a disbursement can.
    if (reversal.length === 0 && moneyOk && c.type === 'commitment' && !c.overCommitment) {
      const over = overCommitment([...ctx.existing, c])
      if (over) fail('reversesId', `${over}; set overCommitment to reverse this commitment anyway.`)
    }
  } else if (c.type === 'disbursement' && moneyOk && !c.overCommitment) {
    const over = overCommitment([...ctx.existing, c])
    if (over) fail('amount', `${over}; set overCommitment to record it anyway.`)
  }
  return errors
}

function checkCurrencyAndRate(c: LedgerEntry, fail: (path: string, message: string) => void): boolean {
  if (!isCurrency(c.currency)) {
    fail('currency', 'Must be an active ISO 4217 currency code in capitals, such as "NOK" or "EUR".')
    return false
  }
  if (c.currency === BASE_CURRENCY) {
    if (c.rateToNok !== null && !c.rateToNok.eq(1)) {
      fail('rateToNok', 'A NOK amount takes no rate to NOK (or exactly 1).')
      return false
    }
    return true
  }
  if (c.rateToNok === null) {
    fail('rateToNok', `A ${c.currency} amount needs its rate to NOK on the transaction date.`)
    return false
  }
  if (!c.rateToNok.isFinite() || !c.rateToNok.gt(0)) {
    fail('rateToNok', 'Must be greater than 0.')
    return false
  }
  return true
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** UTC calendar arithmetic on YYYY-MM-DD; null for anything that is not a real date. */
function parseDate(s: string): Date | null {
  const m = DATE.exec(s)
  if (!m) return null
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === s ? d : null
}

function checkDate(ctx: LedgerContext, date: string, fail: (path: string, message: string) => void) {
  if (parseDate(date) === null) {
    fail('date', 'Must be a calendar date written YYYY-MM-DD.')
    return
  }
  const today = parseDate(ctx.today)
  if (today === null) throw new Error(`today is not a YYYY-MM-DD date: ${ctx.today}`)
  const limit = new Date(today.getTime() + ctx.horizonDays * 86_400_000).toISOString().slice(0, 10)
  if (date > limit) fail('date', `Must not be after ${limit} (today plus ${ctx.horizonDays} days).`)
}

/** Errors that make `c` an invalid reversal; [] when it cancels an open original exactly. */
function reversalErrors(existing: readonly LedgerEntry[], c: LedgerEntry): FieldError[] {
  const original = existing.find((e) => e.id === c.reversesId)
  if (!original) return [{ path: 'reversesId', message: 'No transaction with this id on this investment.' }]
  if (original.reversesId !== null) {
    const message =
      'That transaction is itself a reversal and cannot be reversed; record the entry again instead.'
    return [{ path: 'reversesId', message }]
  }
  if (existing.some((e) => e.reversesId === original.id)) {
    return [{ path: 'reversesId', message: 'That transaction has already been reversed.' }]
  }
  const errors: FieldError[] = []
  if (c.type !== original.type) {
    errors.push({
      path: 'type',
      message: `Must be "${original.type}", the type of the transaction it reverses.`,
    })
  }
  if (!c.amount.eq(original.amount)) {
    const message = `Must equal the amount of the transaction it reverses, ${formatMoney(original.amount)}.`
    errors.push({ path: 'amount', message })
  }
  if (c.currency !== original.currency) {
    const message = `Must be ${original.currency}, the currency of the transaction it reverses.`
    errors.push({ path: 'currency', message })
  }
  // The same rate too, or the reversal would not cancel the original in NOK.
  const sameRate =
    c.rateToNok === null || original.rateToNok === null
      ? c.rateToNok === original.rateToNok
      : c.rateToNok.eq(original.rateToNok)
  if (!sameRate) {
    const rate = original.rateToNok === null ? 'empty' : original.rateToNok.toString()
    errors.push({ path: 'rateToNok', message: `Must be ${rate}, the rate of the transaction it reverses.` })
  }
  return errors
}

/**
 * Describes how far disbursements exceed commitments, or null when they do not. When every
 * commitment and disbursement is in one currency the comparison is in that currency, so a
 * EUR commitment paid out in full at a higher rate is not flagged; otherwise it is in NOK at
 * each entry's own rate, unrounded.
 */
function overCommitment(entries: readonly LedgerEntry[]): string | null {
  const relevant = entries.filter((e) => e.type === 'commitment' || e.type === 'disbursement')
  const currencies = new Set(relevant.map((e) => e.currency))
  const [only] = currencies
  const unit = currencies.size === 1 && only !== undefined ? only : BASE_CURRENCY
  const inUnit = (e: LedgerEntry) =>
    (unit === e.currency ? new Decimal(e.amount) : toNok(e.amount, e.currency, e.rateToNok)).times(signOf(e))
  let committed = new Decimal(0)
  let disbursed = new Decimal(0)
  for (const e of relevant) {
    if (e.type === 'commitment') committed = committed.plus(inUnit(e))
    else disbursed = disbursed.plus(inUnit(e))
  }
  if (disbursed.lte(committed)) return null
  return `Disbursed would be ${unit} ${formatMoney(disbursed)}, above the ${unit} ${formatMoney(committed)} committed`
}

export interface Contribution {
  kind: 'network' | 'competence'
  hours?: Decimal | null
  /** NOK per hour */
  hourlyValue?: Decimal | null
  /** NOK; network contributions only, when the investor put a value on the introduction */
  value?: Decimal | null
}

export interface SupportTotals {
  /** Competence hours, exact. */
  hours: Decimal
  /** NOK, rounded half-even to 2 decimals once, after summing. */
  value: Decimal
  count: number
}

/**
 * Unrounded NOK value: competence is hours × hourly value (0 while either is unknown, since hours
 * given without a price are still worth reporting as hours); network is its value, or 0.
 */
export function contributionValue(c: Contribution): Decimal {
  if (c.kind === 'competence') {
    if (c.hours == null || c.hourlyValue == null) return new Decimal(0)
    return new Decimal(c.hours).times(c.hourlyValue)
  }
  return c.value == null ? new Decimal(0) : new Decimal(c.value)
}

/** Non-financial support in a period or for a venture; hours count competence contributions only. */
export function supportTotals(contributions: readonly Contribution[]): SupportTotals {
  let hours = new Decimal(0)
  let value = new Decimal(0)
  for (const c of contributions) {
    if (c.kind === 'competence' && c.hours != null) hours = hours.plus(c.hours)
    value = value.plus(contributionValue(c))
  }
  return { hours, value: roundMoney(value), count: contributions.length }
}
