import { aggregateOverPeriods } from '../../domain/aggregation.ts'
import { type Aggregation, unhandledAggregation } from '../../domain/aggregation-kind.ts'
import type { Instrument } from '../../domain/ledger.ts'
import { investmentFigures } from '../../domain/ledger.ts'
import { Decimal, roundMoney } from '../../domain/money.ts'
import { comparePeriods, periodInWindow } from '../../domain/periods.ts'
import { groupBy, valueOf as supportValue, toEntry } from '../capital/index.ts'
import type { VentureFacts, VentureOutcomeFacts, VerifiedValue } from './data-repo.ts'

/**
 * Windowed figures from loaded facts. Pure: the services load once and call these as often as
 * they need (the portfolio window, each SROI model's own window).
 *
 * A window is two inclusive dates, either open. Money is dated: an entry counts when its date is
 * in the window (a reversal counts, negatively, on its own date, as everywhere in the ledger).
 * Outcomes are periods: a period counts only when it lies wholly inside the window.
 */
export interface Window {
  from?: string | undefined
  to?: string | undefined
}

const dated = (date: string, w: Window) => (!w.from || date >= w.from) && (!w.to || date <= w.to)

export interface CapitalInWindow {
  /** Disbursed per investor organization recording its investments in Effekt, NOK. */
  disbursedByInvestor: Map<string, Decimal>
  /** Σ disbursedByInvestor. */
  disbursed: Decimal
  /** Other funding the venture reports (co-investors, public grants), NOK. */
  otherFunding: Decimal
  /** Valued non-financial support from every investor, NOK. */
  support: Decimal
}

/**
 * Capital in a window: each investment's disbursements through the domain ledger (its own rate
 * per entry, rounded half-even once per investment), then summed; support rounded once.
 */
export function capitalInWindow(facts: VentureFacts, w: Window): CapitalInWindow {
  const disbursedByInvestor = new Map<string, Decimal>()
  let disbursed = new Decimal(0)
  const entries = facts.entries.filter((e) => dated(e.date, w))
  for (const rows of groupBy(entries, (e) => e.investmentId).values()) {
    const first = rows[0]!
    const figures = investmentFigures(rows.map(toEntry), [], first.instrument as Instrument)
    disbursedByInvestor.set(
      first.investorOrgId,
      (disbursedByInvestor.get(first.investorOrgId) ?? new Decimal(0)).plus(figures.disbursed),
    )
    disbursed = disbursed.plus(figures.disbursed)
  }
  const otherFunding = facts.funding
    .filter((f) => dated(f.date, w))
    .reduce((sum, f) => sum.plus(new Decimal(f.amountNok)), new Decimal(0))
  const support = roundMoney(
    facts.support
      .filter((s) => dated(s.date, w))
      .reduce((sum, s) => sum.plus(supportValue(s)), new Decimal(0)),
  )
  return { disbursedByInvestor, disbursed, otherFunding, support }
}

export interface Quantity {
  indicatorCode: string
  /** Σ for a flow, the latest period's value for a stock; 0 when nothing is verified in the window. */
  quantity: Decimal
  /** The verified values used, in period order. */
  sources: VerifiedValue[]
}

/**
 * Verified units of one indicator in a window, by its aggregation (sum or last; a rate has no
 * units and is refused where models and contracts are written).
 */
export function quantityInWindow(facts: VentureOutcomeFacts, indicatorCode: string, w: Window): Quantity {
  const assigned = facts.assigned.get(indicatorCode)
  const sources = facts.values
    .filter((v) => v.indicatorCode === indicatorCode && periodInWindow(v.period, w.from, w.to))
    .sort((a, b) => comparePeriods(a.period, b.period))
  const aggregation = quantityKind(assigned?.indicator.aggregation)
  const total = aggregateOverPeriods(
    aggregation,
    sources.map((v) => ({ period: v.period, value: new Decimal(v.total) })),
  )
  return { indicatorCode, quantity: total === null ? new Decimal(0) : new Decimal(total), sources }
}

/**
 * How a priced quantity adds up over the window: a stock by its latest value, everything else by
 * the sum. Rates never get here (valuations and contract metrics refuse them), and a code that is
 * no longer assigned counts as the flow it was priced as.
 */
function quantityKind(kind: Aggregation | undefined): 'sum' | 'last' {
  switch (kind) {
    case 'last':
      return 'last'
    case 'sum':
    case 'ratio':
    case undefined:
      return 'sum'
    default:
      return unhandledAggregation(kind)
  }
}
