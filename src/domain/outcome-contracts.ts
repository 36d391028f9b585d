import Decimal from 'decimal.js'

/**
 * Outcome-contract payments (PRODUCT.md §5): per period, Σ over priced metrics of
 * min(remaining caps, max(0, verified units − baseline) × price).
 *
 * The one rule everything here keeps: after a statement for period P is approved, everything
 * ever paid under the contract equals a from-scratch recomputation of periods up to P with the
 * verified units known today. Approved statements are never changed; differences are paid (or
 * reclaimed) as adjustment lines in the next statement.
 *
 * Caps run cumulatively in period order, and within a period in the order the contract lists its
 * metrics: when the total cap runs out mid-period, earlier-listed metrics are paid first. A
 * milestone contract should therefore list its milestones in the order they happen.
 *
 * Amounts are rounded half-even to øre per line, so a statement's total is exactly the sum of its
 * lines and every figure can become a ledger transaction as it is.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN })

type FieldError = { path: string; message: string }

/** Units paid for when the total cap cuts a line short are amount / price, rounded down to this. */
const UNIT_PLACES = 6

export interface PricedMetric {
  indicatorCode: string
  pricePerUnit: Decimal
  baselineUnitsPerPeriod: Decimal
  /** Most units paid for over the whole contract; null for no cap. */
  unitCap: Decimal | null
}

export interface OutcomeContract {
  /** Most paid over the whole contract; null for no cap. */
  totalCap: Decimal | null
  metrics: PricedMetric[]
}

/** Only verified values belong here: the service filters before calling. */
export interface VerifiedUnits {
  /** Opaque key that sorts in time order as a plain string, e.g. '2026-Q1'. */
  period: string
  indicatorCode: string
  units: Decimal
}

export interface ApprovedLine {
  indicatorCode: string
  amount: Decimal
  /** Paid units (for an adjustment line, the change in paid units). */
  units: Decimal
  /** The period this money paid for; defaults to the statement's period. Store it for adjustments. */
  forPeriod?: string
}

export interface ApprovedStatement {
  period: string
  lines: ApprovedLine[]
}

export type CapReason = 'unit_cap' | 'total_cap'

export interface PaymentLine {
  indicatorCode: string
  period: string
  /** Verified units this period. */
  units: Decimal
  baseline: Decimal
  /** max(0, units − baseline). */
  eligibleUnits: Decimal
  paidUnits: Decimal
  amount: Decimal
  /** True when a cap paid less than eligibleUnits × price. */
  capped: boolean
  cappedBy: CapReason | null
}

export interface PeriodPayments {
  period: string
  lines: PaymentLine[]
  total: Decimal
}

export interface AdjustmentLine {
  indicatorCode: string
  /** The earlier period being corrected. */
  forPeriod: string
  /** recomputed.paidUnits − approved.units. */
  units: Decimal
  /** recomputed.amount − approved.amount: positive pays more, negative reclaims. */
  amount: Decimal
  recomputed: { paidUnits: Decimal; amount: Decimal }
  approved: { units: Decimal; amount: Decimal }
}

export interface OutcomeStatement {
  period: string
  lines: PaymentLine[]
  adjustments: AdjustmentLine[]
  currentTotal: Decimal
  adjustmentTotal: Decimal
  /** currentTotal + adjustmentTotal. Signed: negative is a clawback (see computeStatement). */
  total: Decimal
  /** max(total, 0): what the payer owes the provider for this statement. */
  payable: Decimal
  /** max(−total, 0): what the provider owes back. */
  clawback: Decimal
  /** Σ of all approved statements before this one. */
  paidBefore: Decimal
  /** paidBefore + total; never above the total cap. */
  cumulativePaid: Decimal
  /** totalCap − cumulativePaid; null without a total cap. */
  remainingTotalCap: Decimal | null
}

export class OutcomeContractError extends Error {
  constructor(readonly problems: FieldError[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '))
    this.name = 'OutcomeContractError'
  }
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const zero = () => new D(0)
const money = (value: Decimal) => value.toDecimalPlaces(2, D.ROUND_HALF_EVEN)

export function validateOutcomeContract(contract: OutcomeContract): FieldError[] {
  const errors: FieldError[] = []
  const seen = new Set<string>()
  const moneyField = (path: string, value: Decimal) => {
    const d = new D(value)
    if (!d.isFinite() || d.isNeg()) errors.push({ path, message: 'Must be 0 or more.' })
    else if (d.decimalPlaces() > 2) errors.push({ path, message: 'At most 2 decimals (øre).' })
  }
  if (contract.totalCap !== null) moneyField('totalCap', contract.totalCap)
  if (contract.metrics.length === 0) errors.push({ path: 'metrics', message: 'Price at least one metric.' })
  contract.metrics.forEach((m, i) => {
    const at = `metrics.${i}`
    if (m.indicatorCode.trim() === '') errors.push({ path: `${at}.indicatorCode`, message: 'Required.' })
    else if (seen.has(m.indicatorCode)) {
      errors.push({ path: `${at}.indicatorCode`, message: 'Each indicator can be priced only once.' })
    }
    seen.add(m.indicatorCode)
    moneyField(`${at}.pricePerUnit`, m.pricePerUnit)
    const baseline = new D(m.baselineUnitsPerPeriod)
    if (!baseline.isFinite() || baseline.isNeg()) {
      errors.push({ path: `${at}.baselineUnitsPerPeriod`, message: 'Must be 0 or more.' })
    }
    if (m.unitCap !== null) {
      const cap = new D(m.unitCap)
      if (!cap.isFinite() || cap.isNeg())
        errors.push({ path: `${at}.unitCap`, message: 'Must be 0 or more.' })
    }
  })
  return errors
}

function unitsByPeriod(verifiedUnits: VerifiedUnits[]): Map<string, Map<string, Decimal>> {
  const out = new Map<string, Map<string, Decimal>>()
  const problems: FieldError[] = []
  verifiedUnits.forEach((v, i) => {
    const period = out.get(v.period) ?? new Map<string, Decimal>()
    out.set(v.period, period)
    // Two figures for one indicator and period usually mean two revisions of a report were passed in:
    // summing them would pay twice, so refuse.
    if (period.has(v.indicatorCode)) {
      problems.push({
        path: `verifiedUnits.${i}`,
        message: `More than one verified figure for ${v.indicatorCode} in ${v.period}.`,
      })
    }
    period.set(v.indicatorCode, new D(v.units))
  })
  if (problems.length > 0) throw new OutcomeContractError(problems)
  return out
}

/**
 * Payments for every period with verified units (and for `throughPeriod` itself when given), in
 * period order, from scratch: what the contract says should have been paid, knowing what is
 * verified now. Periods after `throughPeriod` are left out; they cannot change earlier caps.
 */
export function recomputePayments(
  contract: OutcomeContract,
  verifiedUnits: VerifiedUnits[],
  throughPeriod?: string,
): PeriodPayments[] {
  const problems = validateOutcomeContract(contract)
  if (problems.length > 0) throw new OutcomeContractError(problems)
  const units = unitsByPeriod(verifiedUnits)
  const periods = new Set(units.keys())
  if (throughPeriod !== undefined) periods.add(throughPeriod)
  const ordered = [...periods].filter((p) => throughPeriod === undefined || p <= throughPeriod).sort(byString)

  const totalCap = contract.totalCap === null ? null : new D(contract.totalCap)
  const paidUnitsSoFar = new Map<string, Decimal>()
  let paidSoFar = zero()
  return ordered.map((period): PeriodPayments => {
    const lines = contract.metrics.map((metric): PaymentLine => {
      const price = new D(metric.pricePerUnit)
      const verified = units.get(period)?.get(metric.indicatorCode) ?? zero()
      const baseline = new D(metric.baselineUnitsPerPeriod)
      const eligibleUnits = D.max(verified.minus(baseline), 0)
      const unitsBefore = paidUnitsSoFar.get(metric.indicatorCode) ?? zero()
      let paidUnits = eligibleUnits
      let cappedBy: CapReason | null = null
      if (metric.unitCap !== null) {
        const left = D.max(new D(metric.unitCap).minus(unitsBefore), 0)
        if (paidUnits.gt(left)) [paidUnits, cappedBy] = [left, 'unit_cap']
      }
      let amount = money(paidUnits.times(price))
      if (totalCap !== null) {
        // Rounded down so that a cap given with more than øre precision is still never exceeded.
        const left = D.max(totalCap.minus(paidSoFar), 0).toDecimalPlaces(2, D.ROUND_DOWN)
        if (amount.gt(left)) {
          amount = left
          paidUnits = amount.div(price).toDecimalPlaces(UNIT_PLACES, D.ROUND_DOWN)
          cappedBy = 'total_cap'
        }
      }
      paidUnitsSoFar.set(metric.indicatorCode, unitsBefore.plus(paidUnits))
      paidSoFar = paidSoFar.plus(amount)
      return {
        indicatorCode: metric.indicatorCode,
        period,
        units: verified,
        baseline,
        eligibleUnits,
        paidUnits,
        amount,
        capped: cappedBy !== null,
        cappedBy,
      }
    })
    return { period, lines, total: lines.reduce((sum, l) => sum.plus(l.amount), zero()) }
  })
}

export interface StatementInput {
  contract: OutcomeContract
  /** Every verified figure known now, for all periods (amended revisions replace earlier ones). */
  verifiedUnits: VerifiedUnits[]
  /** Every statement approved so far; all must be for periods before `period`. */
  approvedStatements: ApprovedStatement[]
  period: string
}

type Paid = { units: Decimal; amount: Decimal }

function paidByPeriod(approved: ApprovedStatement[], period: string): Map<string, Map<string, Paid>> {
  const out = new Map<string, Map<string, Paid>>()
  const problems: FieldError[] = []
  const statementPeriods = new Set<string>()
  approved.forEach((statement, i) => {
    if (statement.period >= period) {
      problems.push({
        path: `approvedStatements.${i}.period`,
        message: `A statement for ${statement.period} is already approved; statements go in period order.`,
      })
    }
    if (statementPeriods.has(statement.period)) {
      problems.push({
        path: `approvedStatements.${i}.period`,
        message: `More than one approved statement for ${statement.period}.`,
      })
    }
    statementPeriods.add(statement.period)
    statement.lines.forEach((line, j) => {
      const forPeriod = line.forPeriod ?? statement.period
      if (forPeriod > statement.period) {
        problems.push({
          path: `approvedStatements.${i}.lines.${j}.forPeriod`,
          message: 'A statement cannot pay for a later period.',
        })
      }
      const codes = out.get(forPeriod) ?? new Map<string, Paid>()
      out.set(forPeriod, codes)
      const before = codes.get(line.indicatorCode) ?? { units: zero(), amount: zero() }
      codes.set(line.indicatorCode, {
        units: before.units.plus(new D(line.units)),
        amount: before.amount.plus(new D(line.amount)),
      })
    })
  })
  if (problems.length > 0) throw new OutcomeContractError(problems)
  return out
}

/**
 * The statement for `period`: this period's lines plus adjustment lines for every earlier period
 * whose recomputation (from today's verified units, caps applied from the first period on)
 * differs from what approved statements paid for it. A period that never had a statement is
 * caught up the same way. Deterministic and pure; throws OutcomeContractError on bad input.
 *
 * Negative totals: a downward amendment can leave the total below zero. The function reports it
 * as it is — a signed `total`, with `payable` 0 and the amount in `clawback` — and never floors
 * it, because a floor would quietly forgive the overpayment. The service then chooses:
 *  - set-off (recommended default): do not approve a statement whose total is negative. The next
 *    statement recomputes against approved statements only, so the same negative adjustments
 *    come back and are netted against that period's payments; nothing is counted twice.
 *  - recovery: approve it, and record the repayment. Ledger amounts are positive, so that is a
 *    reversing entry (or a repayment), not a negative `outcome_payment`.
 * Either way cumulative payments equal the from-scratch recomputation and never exceed the cap.
 */
export function computeStatement(input: StatementInput): OutcomeStatement {
  const { contract, period } = input
  const schedule = recomputePayments(contract, input.verifiedUnits, period)
  const paid = paidByPeriod(input.approvedStatements, period)
  const lines = schedule.find((p) => p.period === period)?.lines ?? []

  const due = new Map<string, Map<string, PaymentLine>>()
  for (const p of schedule) {
    if (p.period < period) due.set(p.period, new Map(p.lines.map((l) => [l.indicatorCode, l])))
  }
  const order = new Map(contract.metrics.map((m, i) => [m.indicatorCode, i]))
  const keys = new Map<string, Set<string>>()
  for (const source of [due, paid]) {
    for (const [forPeriod, codes] of source) {
      const set = keys.get(forPeriod) ?? new Set<string>()
      keys.set(forPeriod, set)
      for (const code of codes.keys()) set.add(code)
    }
  }
  const adjustments: AdjustmentLine[] = []
  for (const forPeriod of [...keys.keys()].sort(byString)) {
    const codes = [...(keys.get(forPeriod) ?? [])].sort(
      (a, b) => (order.get(a) ?? order.size) - (order.get(b) ?? order.size) || byString(a, b),
    )
    for (const indicatorCode of codes) {
      const line = due.get(forPeriod)?.get(indicatorCode)
      const recomputed = { paidUnits: line?.paidUnits ?? zero(), amount: line?.amount ?? zero() }
      const approved = paid.get(forPeriod)?.get(indicatorCode) ?? { units: zero(), amount: zero() }
      const amount = recomputed.amount.minus(approved.amount)
      const units = recomputed.paidUnits.minus(approved.units)
      if (amount.isZero() && units.isZero()) continue
      adjustments.push({ indicatorCode, forPeriod, units, amount, recomputed, approved })
    }
  }

  const sum = (values: Decimal[]) => values.reduce((acc, v) => acc.plus(v), zero())
  const currentTotal = sum(lines.map((l) => l.amount))
  const adjustmentTotal = sum(adjustments.map((a) => a.amount))
  const total = currentTotal.plus(adjustmentTotal)
  const paidBefore = sum([...paid.values()].flatMap((codes) => [...codes.values()].map((p) => p.amount)))
  const cumulativePaid = paidBefore.plus(total)
  return {
    period,
    lines,
    adjustments,
    currentTotal,
    adjustmentTotal,
    total,
    payable: D.max(total, 0),
    clawback: D.max(total.neg(), 0),
    paidBefore,
    cumulativePaid,
    remainingTotalCap: contract.totalCap === null ? null : new D(contract.totalCap).minus(cumulativePaid),
  }
}

/** The shape to store when a statement is approved: non-zero lines, each saying which period it paid for. */
export function toApprovedStatement(statement: OutcomeStatement): ApprovedStatement {
  const current = statement.lines
    .filter((l) => !l.amount.isZero() || !l.paidUnits.isZero())
    .map((l) => ({
      indicatorCode: l.indicatorCode,
      amount: l.amount,
      units: l.paidUnits,
      forPeriod: l.period,
    }))
  const adjustments = statement.adjustments.map((a) => ({
    indicatorCode: a.indicatorCode,
    amount: a.amount,
    units: a.units,
    forPeriod: a.forPeriod,
  }))
  return { period: statement.period, lines: [...current, ...adjustments] }
}
