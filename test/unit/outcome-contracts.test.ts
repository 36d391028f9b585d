import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type ApprovedStatement,
  computeStatement,
  type OutcomeContract,
  OutcomeContractError,
  type OutcomeStatement,
  type PricedMetric,
  recomputePayments,
  toApprovedStatement,
  type VerifiedUnits,
  validateOutcomeContract,
} from '../../src/domain/outcome-contracts.ts'

const d = (value: string | number) => new Decimal(value)

const metric = (
  indicatorCode: string,
  price: string,
  baseline = '0',
  unitCap: string | null = null,
): PricedMetric => ({
  indicatorCode,
  pricePerUnit: d(price),
  baselineUnitsPerPeriod: d(baseline),
  unitCap: unitCap === null ? null : d(unitCap),
})
const units = (period: string, indicatorCode: string, n: string | number): VerifiedUnits => ({
  period,
  indicatorCode,
  units: d(n),
})

/** Compact view of the period's own lines: code, paid units, amount, why capped. */
const lines = (s: OutcomeStatement) =>
  s.lines.map((l) => [l.indicatorCode, l.paidUnits.toString(), l.amount.toFixed(2), l.cappedBy])
const adjustments = (s: OutcomeStatement) =>
  s.adjustments.map((a) => [a.forPeriod, a.indicatorCode, a.units.toString(), a.amount.toFixed(2)])

/** Computes and approves statements for the periods in order, the way the service will. */
function approveInOrder(contract: OutcomeContract, verifiedUnits: VerifiedUnits[], periods: string[]) {
  const approvedStatements: ApprovedStatement[] = []
  const statements: OutcomeStatement[] = []
  for (const period of periods) {
    const s = computeStatement({ contract, verifiedUnits, approvedStatements, period })
    statements.push(s)
    approvedStatements.push(toApprovedStatement(s))
  }
  return { statements, approvedStatements }
}

describe('computeStatement: caps', () => {
  it('pays only up to a unit cap hit mid-period, then nothing', () => {
    // 10,000 per unit above a baseline of 2 per quarter, at most 10 paid units over the contract.
    // Q1: 8 − 2 = 6 eligible, 6 paid = 60,000.   Q2: 9 − 2 = 7 eligible, 10 − 6 = 4 left → 40,000.
    // Q3: 5 − 2 = 3 eligible, 0 left → 0.
    const contract = { totalCap: null, metrics: [metric('NO-WORK-01', '10000', '2', '10')] }
    const verified = [
      units('2026-Q1', 'NO-WORK-01', 8),
      units('2026-Q2', 'NO-WORK-01', 9),
      units('2026-Q3', 'NO-WORK-01', 5),
    ]
    const { statements } = approveInOrder(contract, verified, ['2026-Q1', '2026-Q2', '2026-Q3'])
    expect(statements.map(lines)).toEqual([
      [['NO-WORK-01', '6', '60000.00', null]],
      [['NO-WORK-01', '4', '40000.00', 'unit_cap']],
      [['NO-WORK-01', '0', '0.00', 'unit_cap']],
    ])
    const q2 = statements[1]!.lines[0]!
    expect([q2.units, q2.baseline, q2.eligibleUnits].map(String)).toEqual(['9', '2', '7'])
    expect(q2.capped).toBe(true)
    expect(statements.map((s) => s.cumulativePaid.toFixed(2))).toEqual(['60000.00', '100000.00', '100000.00'])
    expect(statements.every((s) => s.remainingTotalCap === null)).toBe(true)
  })

  it('pays only up to a total cap hit mid-period, in the order the contract lists its metrics', () => {
    // Total cap 100,000. A at 30,000, B at 10,000 per unit.
    // Q1: A 2 → 60,000, B 2 → 20,000: 80,000 paid, 20,000 left.
    // Q2: A 1 → 30,000 > 20,000 left → 20,000, i.e. 20,000 / 30,000 = 0.666666 units (rounded down);
    //     B 3 → 30,000 but nothing left → 0.
    // Q3: nothing left at all.
    const contract = { totalCap: d('100000'), metrics: [metric('A', '30000'), metric('B', '10000')] }
    const verified = [
      units('2026-Q1', 'A', 2),
      units('2026-Q1', 'B', 2),
      units('2026-Q2', 'A', 1),
      units('2026-Q2', 'B', 3),
      units('2026-Q3', 'A', 5),
    ]
    const { statements } = approveInOrder(contract, verified, ['2026-Q1', '2026-Q2', '2026-Q3'])
    expect(statements.map(lines)).toEqual([
      [
        ['A', '2', '60000.00', null],
        ['B', '2', '20000.00', null],
      ],
      [
        ['A', '0.666666', '20000.00', 'total_cap'],
        ['B', '0', '0.00', 'total_cap'],
      ],
      [
        ['A', '0', '0.00', 'total_cap'],
        ['B', '0', '0.00', null],
      ],
    ])
    expect(statements.map((s) => [s.total.toFixed(2), s.remainingTotalCap?.toFixed(2)])).toEqual([
      ['80000.00', '20000.00'],
      ['20000.00', '0.00'],
      ['0.00', '0.00'],
    ])
  })

  it('pays 0 when the baseline is above the verified units, and the excess when below', () => {
    // Baseline 10 per period at 5,000: Q1 7 → max(0, 7 − 10) = 0; Q2 10 → 0; Q3 13 → 3 × 5,000 = 15,000.
    const contract = { totalCap: null, metrics: [metric('NO-YOUTH-02', '5000', '10')] }
    const verified = [
      units('P1', 'NO-YOUTH-02', 7),
      units('P2', 'NO-YOUTH-02', 10),
      units('P3', 'NO-YOUTH-02', 13),
    ]
    const { statements } = approveInOrder(contract, verified, ['P1', 'P2', 'P3'])
    expect(statements.map(lines)).toEqual([
      [['NO-YOUTH-02', '0', '0.00', null]],
      [['NO-YOUTH-02', '0', '0.00', null]],
      [['NO-YOUTH-02', '3', '15000.00', null]],
    ])
    expect(statements[0]!.lines[0]!.eligibleUnits.toString()).toBe('0')
    expect(statements[0]!.lines[0]!.capped).toBe(false)
  })
})

describe('computeStatement: a milestone contract', () => {
  // 100,000 per participant, paid 20 % at enrolment, 40 % at job start and 40 % at six months in
  // work: three priced indicators with no baseline, each capped at the 12 contracted participants,
  // and a total cap of 12 × 100,000 = 1,200,000.
  const contract: OutcomeContract = {
    totalCap: d('1200000'),
    metrics: [
      metric('ENROLLED', '20000', '0', '12'),
      metric('JOB-START', '40000', '0', '12'),
      metric('JOB-6M', '40000', '0', '12'),
    ],
  }
  const verified = [
    units('2026-Q1', 'ENROLLED', 10),
    units('2026-Q2', 'ENROLLED', 5),
    units('2026-Q2', 'JOB-START', 6),
    units('2026-Q3', 'JOB-START', 5),
    units('2026-Q3', 'JOB-6M', 6),
    units('2026-Q4', 'JOB-START', 3),
    units('2026-Q4', 'JOB-6M', 5),
    units('2027-Q1', 'JOB-6M', 2),
  ]

  it('pays each milestone and stops at the contracted participants', () => {
    // Q1: 10 enrolled × 20,000 = 200,000
    // Q2: 5 enrolled but 12 − 10 = 2 left → 40,000; 6 job starts × 40,000 = 240,000 → 280,000
    // Q3: 5 job starts → 200,000; 6 at six months → 240,000 → 440,000
    // Q4: 3 job starts, 12 − 11 = 1 left → 40,000; 5 at six months → 200,000 → 240,000
    // 2027-Q1: 2 at six months, 12 − 11 = 1 left → 40,000 → cumulative 1,200,000 = the total cap,
    //          i.e. exactly 100,000 for each of the 12 participants.
    const { statements } = approveInOrder(contract, verified, [
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
      '2027-Q1',
    ])
    expect(statements.map((s) => s.total.toFixed(2))).toEqual([
      '200000.00',
      '280000.00',
      '440000.00',
      '240000.00',
      '40000.00',
    ])
    expect(lines(statements[1]!)).toEqual([
      ['ENROLLED', '2', '40000.00', 'unit_cap'],
      ['JOB-START', '6', '240000.00', null],
      ['JOB-6M', '0', '0.00', null],
    ])
    expect(lines(statements[4]!)).toEqual([
      ['ENROLLED', '0', '0.00', null],
      ['JOB-START', '0', '0.00', null],
      ['JOB-6M', '1', '40000.00', 'unit_cap'],
    ])
    expect(statements[4]!.cumulativePaid.toFixed(2)).toBe('1200000.00')
    expect(statements[4]!.remainingTotalCap?.toFixed(2)).toBe('0.00')
  })
})

describe('computeStatement: amended reports after payment', () => {
  const contract = { totalCap: null, metrics: [metric('NO-WORK-01', '50000')] }
  const approvedQ1 = approveInOrder(
    contract,
    [units('2026-Q1', 'NO-WORK-01', 5)],
    ['2026-Q1'],
  ).approvedStatements

  it('pays an upward amendment as a positive adjustment in the next statement', () => {
    // Q1 was approved with 5 × 50,000 = 250,000. Q1 is amended and re-verified at 7.
    // Q2 statement: 3 × 50,000 = 150,000 for Q2, and for Q1 7 × 50,000 − 250,000 = +100,000.
    const verified = [units('2026-Q1', 'NO-WORK-01', 7), units('2026-Q2', 'NO-WORK-01', 3)]
    const s = computeStatement({
      contract,
      verifiedUnits: verified,
      approvedStatements: approvedQ1,
      period: '2026-Q2',
    })
    expect(lines(s)).toEqual([['NO-WORK-01', '3', '150000.00', null]])
    expect(adjustments(s)).toEqual([['2026-Q1', 'NO-WORK-01', '2', '100000.00']])
    expect(s.adjustments[0]!.recomputed.amount.toFixed(2)).toBe('350000.00')
    expect(s.adjustments[0]!.approved.amount.toFixed(2)).toBe('250000.00')
    expect(
      [s.currentTotal, s.adjustmentTotal, s.total, s.paidBefore, s.cumulativePaid].map((v) => v.toFixed(2)),
    ).toEqual(['150000.00', '100000.00', '250000.00', '250000.00', '500000.00'])
  })

  it('reclaims a downward amendment as a negative adjustment', () => {
    // Q1 re-verified at 3: 3 × 50,000 − 250,000 = −100,000; Q2 pays 150,000 → total 50,000.
    const verified = [units('2026-Q1', 'NO-WORK-01', 3), units('2026-Q2', 'NO-WORK-01', 3)]
    const s = computeStatement({
      contract,
      verifiedUnits: verified,
      approvedStatements: approvedQ1,
      period: '2026-Q2',
    })
    expect(adjustments(s)).toEqual([['2026-Q1', 'NO-WORK-01', '-2', '-100000.00']])
    expect([s.total, s.payable, s.clawback].map((v) => v.toFixed(2))).toEqual([
      '50000.00',
      '50000.00',
      '0.00',
    ])
  })

  it('reports a negative total as a clawback, and sets it off against the next statement if not approved', () => {
    // Q1 re-verified at 3 and nothing in Q2: total −100,000, payable 0, clawback 100,000.
    const verified = [units('2026-Q1', 'NO-WORK-01', 3)]
    const q2 = computeStatement({
      contract,
      verifiedUnits: verified,
      approvedStatements: approvedQ1,
      period: '2026-Q2',
    })
    expect([q2.total, q2.payable, q2.clawback, q2.cumulativePaid].map((v) => v.toFixed(2))).toEqual([
      '-100000.00',
      '0.00',
      '100000.00',
      '150000.00',
    ])
    // Set-off: Q2's statement is not approved. Q3 has 4 units → 200,000, and the Q1 adjustment of
    // −100,000 comes back (Q2 recomputes to 0 and was paid 0: no line) → 100,000 payable.
    const withQ3 = [...verified, units('2026-Q3', 'NO-WORK-01', 4)]
    const q3 = computeStatement({
      contract,
      verifiedUnits: withQ3,
      approvedStatements: approvedQ1,
      period: '2026-Q3',
    })
    expect(adjustments(q3)).toEqual([['2026-Q1', 'NO-WORK-01', '-2', '-100000.00']])
    expect(q3.total.toFixed(2)).toBe('100000.00')
    // Recovery instead: Q2 approved at −100,000 (repaid); Q3 then owes only its own 200,000.
    const recovered = [...approvedQ1, toApprovedStatement(q2)]
    const q3b = computeStatement({
      contract,
      verifiedUnits: withQ3,
      approvedStatements: recovered,
      period: '2026-Q3',
    })
    expect(q3b.adjustments).toEqual([])
    expect(q3b.total.toFixed(2)).toBe('200000.00')
  })

  it('moves money between periods when an amendment changes how a unit cap was used up', () => {
    // Unit cap 10, baseline 2, 10,000 per unit. Approved: Q1 8 → 6 units, Q2 9 → 4 units (cap).
    // Q1 is re-verified at 6 → 4 eligible. Recomputed: Q1 4 units, Q2 min(7, 10 − 4) = 6 units.
    // Q3 statement: Q1 −2 units −20,000, Q2 +2 units +20,000, total 0: still 10 paid units.
    const capped = { totalCap: null, metrics: [metric('W', '10000', '2', '10')] }
    const before = [units('Q1', 'W', 8), units('Q2', 'W', 9)]
    const { approvedStatements } = approveInOrder(capped, before, ['Q1', 'Q2'])
    const after = [units('Q1', 'W', 6), units('Q2', 'W', 9)]
    const s = computeStatement({ contract: capped, verifiedUnits: after, approvedStatements, period: 'Q3' })
    expect(adjustments(s)).toEqual([
      ['Q1', 'W', '-2', '-20000.00'],
      ['Q2', 'W', '2', '20000.00'],
    ])
    expect([s.total, s.cumulativePaid].map((v) => v.toFixed(2))).toEqual(['0.00', '100000.00'])
  })

  it('never pays past the total cap when an earlier period is amended upwards', () => {
    // Cap 100,000 at 30,000 per unit. Approved: Q1 2 → 60,000; Q2 2 → 40,000 (cap).
    // Q1 re-verified at 3 → 90,000, so Q2 recomputes to 10,000: +30,000 and −30,000, total 0.
    const capped = { totalCap: d('100000'), metrics: [metric('A', '30000')] }
    const { approvedStatements } = approveInOrder(
      capped,
      [units('Q1', 'A', 2), units('Q2', 'A', 2)],
      ['Q1', 'Q2'],
    )
    const s = computeStatement({
      contract: capped,
      verifiedUnits: [units('Q1', 'A', 3), units('Q2', 'A', 2), units('Q3', 'A', 1)],
      approvedStatements,
      period: 'Q3',
    })
    expect(adjustments(s)).toEqual([
      ['Q1', 'A', '1', '30000.00'],
      ['Q2', 'A', '-1', '-30000.00'],
    ])
    expect(lines(s)).toEqual([['A', '0', '0.00', 'total_cap']])
    expect([s.total, s.cumulativePaid].map((v) => v.toFixed(2))).toEqual(['0.00', '100000.00'])
  })

  it('catches up a period that never had a statement', () => {
    const verified = [
      units('2026-Q1', 'NO-WORK-01', 5),
      units('2026-Q2', 'NO-WORK-01', 1),
      units('2026-Q3', 'NO-WORK-01', 2),
    ]
    const s = computeStatement({
      contract,
      verifiedUnits: verified,
      approvedStatements: approvedQ1,
      period: '2026-Q3',
    })
    expect(adjustments(s)).toEqual([['2026-Q2', 'NO-WORK-01', '1', '50000.00']])
    expect(s.total.toFixed(2)).toBe('150000.00')
  })

  it('attributes lines stored without forPeriod to the statement period, and totals still add up', () => {
    const bare = approvedQ1.map((a) => ({ ...a, lines: a.lines.map(({ forPeriod: _, ...l }) => l) }))
    const verified = [units('2026-Q1', 'NO-WORK-01', 6)]
    const s = computeStatement({
      contract,
      verifiedUnits: verified,
      approvedStatements: bare,
      period: '2026-Q2',
    })
    expect(adjustments(s)).toEqual([['2026-Q1', 'NO-WORK-01', '1', '50000.00']])
  })
})

describe('computeStatement: refusals', () => {
  const contract = { totalCap: null, metrics: [metric('A', '100')] }

  it('refuses when a statement for this or a later period is already approved', () => {
    const approvedStatements = [{ period: 'Q2', lines: [] }]
    expect(() => computeStatement({ contract, verifiedUnits: [], approvedStatements, period: 'Q2' })).toThrow(
      OutcomeContractError,
    )
    try {
      computeStatement({ contract, verifiedUnits: [], approvedStatements, period: 'Q1' })
      expect.unreachable()
    } catch (err) {
      expect((err as OutcomeContractError).problems.map((p) => p.path)).toEqual([
        'approvedStatements.0.period',
      ])
    }
  })

  it('refuses two verified figures for one indicator and period', () => {
    const verifiedUnits = [units('Q1', 'A', 1), units('Q1', 'A', 2)]
    expect(() => computeStatement({ contract, verifiedUnits, approvedStatements: [], period: 'Q1' })).toThrow(
      /verifiedUnits\.1/,
    )
  })

  it('validates the contract', () => {
    const bad: OutcomeContract = {
      totalCap: d('-1'),
      metrics: [metric('A', '10.005'), { ...metric('A', '-1', '-2'), unitCap: d(-1) }],
    }
    expect(validateOutcomeContract(bad).map((e) => e.path)).toEqual([
      'totalCap',
      'metrics.0.pricePerUnit',
      'metrics.1.indicatorCode',
      'metrics.1.pricePerUnit',
      'metrics.1.baselineUnitsPerPeriod',
      'metrics.1.unitCap',
    ])
    expect(validateOutcomeContract({ totalCap: null, metrics: [] }).map((e) => e.path)).toEqual(['metrics'])
    expect(() => recomputePayments(bad, [])).toThrow(OutcomeContractError)
    expect(validateOutcomeContract(contract)).toEqual([])
  })
})

describe('computeStatement: properties', () => {
  const CODES = ['A', 'B', 'C']
  const PERIODS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']
  const contractArb: fc.Arbitrary<OutcomeContract> = fc.record({
    totalCap: fc.option(
      fc.integer({ min: 0, max: 40_000_000 }).map((n) => d(n).div(100)),
      { nil: null },
    ),
    metrics: fc.integer({ min: 1, max: 3 }).chain((n) =>
      fc.tuple(
        ...CODES.slice(0, n).map((code) =>
          fc.record({
            indicatorCode: fc.constant(code),
            pricePerUnit: fc.integer({ min: 0, max: 5_000_000 }).map((c) => d(c).div(100)),
            baselineUnitsPerPeriod: fc.integer({ min: 0, max: 5 }).map(d),
            unitCap: fc.option(fc.integer({ min: 0, max: 40 }).map(d), { nil: null }),
          }),
        ),
      ),
    ),
  })
  const unitsArb = fc.integer({ min: 0, max: 30 }).map((n) => d(n).div(2))
  // Step i first applies its amendments (to any period up to and including its own), then computes
  // the statement for PERIODS[i], and approves it unless told not to (set-off of a clawback, or a
  // statement that simply was not approved yet).
  const stepsArb = fc.array(
    fc.record({
      approve: fc.boolean(),
      amendments: fc.array(fc.record({ back: fc.nat(5), code: fc.constantFrom(...CODES), units: unitsArb }), {
        maxLength: 3,
      }),
    }),
    { minLength: 1, maxLength: PERIODS.length },
  )
  const initialArb = fc.array(fc.array(unitsArb, { minLength: 3, maxLength: 3 }), {
    minLength: PERIODS.length,
    maxLength: PERIODS.length,
  })

  it('cumulative payments never exceed the total cap and equal the from-scratch recomputation', () => {
    fc.assert(
      fc.property(contractArb, initialArb, stepsArb, (contract, initial, steps) => {
        const current = new Map<string, Decimal>()
        initial.forEach((row, p) => {
          row.forEach((u, c) => {
            current.set(`${PERIODS[p]}|${CODES[c]}`, u)
          })
        })
        const verifiedThrough = (i: number): VerifiedUnits[] =>
          [...current]
            .filter(([key]) => key.split('|')[0]! <= PERIODS[i]!)
            .map(([key, u]) => {
              const [period, indicatorCode] = key.split('|') as [string, string]
              return { period, indicatorCode, units: u }
            })
        const approvedStatements: ApprovedStatement[] = []
        let approvedSum = d(0)
        steps.forEach((step, i) => {
          const period = PERIODS[i]!
          for (const a of step.amendments)
            current.set(`${PERIODS[Math.max(0, i - a.back)]}|${a.code}`, a.units)
          const verifiedUnits = verifiedThrough(i)
          const s = computeStatement({ contract, verifiedUnits, approvedStatements, period })
          const fromScratch = recomputePayments(contract, verifiedUnits, period).reduce(
            (sum, p) => sum.plus(p.total),
            d(0),
          )
          expect(s.paidBefore.eq(approvedSum)).toBe(true)
          expect(s.cumulativePaid.eq(fromScratch)).toBe(true)
          expect(s.total.eq(s.currentTotal.plus(s.adjustmentTotal))).toBe(true)
          if (contract.totalCap !== null) expect(s.cumulativePaid.lte(contract.totalCap)).toBe(true)
          if (step.approve) {
            approvedStatements.push(toApprovedStatement(s))
            approvedSum = approvedSum.plus(s.total)
            const stored = approvedStatements
              .flatMap((a) => a.lines)
              .reduce((sum, l) => sum.plus(l.amount), d(0))
            expect(stored.eq(fromScratch)).toBe(true)
          }
        })
      }),
      { numRuns: 300 },
    )
  })
})
