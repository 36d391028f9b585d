import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  computeSroi,
  formatSroiResult,
  fromPercent,
  parseSroiAssumptions,
  type SroiAssumptionsDraft,
  type SroiInput,
  type SroiOutcome,
  sensitivity,
  validateSroiAssumptions,
} from '../../src/domain/sroi.ts'

const d = (value: string | number) => new Decimal(value)
// Sums of results must be taken at the results' own precision: the global Decimal keeps 20 digits.
const Wide = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN })

/** PRODUCT.md §5 check value. */
const checkValue: SroiInput = {
  discountRate: d('0.04'),
  inputs: d('2000000'),
  outcomes: [
    {
      indicatorCode: 'NO-WORK-01',
      quantity: d(20),
      proxy: d('250000'),
      deadweight: d('0.25'),
      attribution: d('0.20'),
      displacement: d('0.10'),
      dropOff: d('0.30'),
      durationYears: 3,
    },
  ],
}

describe('computeSroi: the check value of PRODUCT.md §5', () => {
  // year 1 = 20 × 250,000 = 5,000,000
  //          × (1 − 0.25) = 3,750,000  × (1 − 0.20) = 3,000,000  × (1 − 0.10) = 2,700,000
  // year 2 = 2,700,000 × (1 − 0.30) = 1,890,000
  // year 3 = 1,890,000 × 0.70       = 1,323,000
  // (1.04)^1 = 1.04, (1.04)^2 = 1.0816, (1.04)^3 = 1.124864
  // PV = 2,700,000 / 1.04     = 2,596,153.846153…
  //    + 1,890,000 / 1.0816   = 1,747,411.242603…
  //    + 1,323,000 / 1.124864 = 1,176,142.182521…
  //    = 5,519,707.271279…  → 5,519,707.27
  // SROI    = 5,519,707.271279 / 2,000,000                 = 2.759853… → 2.76
  // net     = (5,519,707.271279 − 2,000,000) / 2,000,000   = 1.759853… → 1.76
  // payback = 2,000,000 / (2,700,000 / 12) = 2,000,000 / 225,000 = 8.888… months → 8.9
  const result = computeSroi(checkValue)

  it('gives PV 5,519,707.27 and SROI 2.76', () => {
    const out = formatSroiResult(result)
    expect(out.presentValue).toBe('5519707.27')
    expect(out.ratio).toBe('2.76')
    expect(out.netRatio).toBe('1.76')
    expect(out.paybackMonths).toBe('8.9')
    expect(out.impactByYear).toEqual(['2700000.00', '1890000.00', '1323000.00'])
    expect(out.outcomes).toEqual([
      {
        indicatorCode: 'NO-WORK-01',
        impactByYear: ['2700000.00', '1890000.00', '1323000.00'],
        presentValue: '5519707.27',
      },
    ])
  })

  it('keeps full precision internally, even when given 20-digit Decimals', () => {
    expect(result.presentValue.toFixed(20)).toBe('5519707.27127901684114701866')
    expect(result.ratio?.toFixed(12)).toBe('2.759853635640')
    expect(result.paybackMonths?.toFixed(12)).toBe('8.888888888889')
  })
})

describe('computeSroi: a worked example with two outcomes of different durations', () => {
  // r = 25 % so that every discount factor is exact: 1 / 1.25^t = 0.8^t
  //   t=1: 0.8   t=2: 0.64   t=3: 0.512   t=4: 0.4096
  // A, people into work: 10 × 200,000 = 2,000,000 × 0.80 (dw 20 %) = 1,600,000
  //    × 0.75 (attr 25 %) = 1,200,000 × 0.90 (displ 10 %) = 1,080,000 in year 1
  //    year 2 = 1,080,000 × 0.50 (drop-off 50 %) = 540,000; 2 years
  //    PV_A = 1,080,000 × 0.8 + 540,000 × 0.64 = 864,000 + 345,600 = 1,209,600
  // B, youth in activity: 40 × 50,000 = 2,000,000 × 0.50 (dw 50 %) = 1,000,000 (no attr/displ)
  //    year 2 = 800,000, year 3 = 640,000, year 4 = 512,000 (drop-off 20 %); 4 years
  //    PV_B = 800,000 + 512,000 + 327,680 + 209,715.20 = 1,849,395.20
  // per year: 1 = 2,080,000   2 = 1,340,000   3 = 640,000 (A has ended)   4 = 512,000
  // PV = 1,209,600 + 1,849,395.20 = 3,058,995.20
  //    (check: 2,080,000×0.8 + 1,340,000×0.64 + 640,000×0.512 + 512,000×0.4096
  //          = 1,664,000 + 857,600 + 327,680 + 209,715.20 = 3,058,995.20)
  // inputs 1,500,000: SROI = 3,058,995.20 / 1,500,000 = 2.0393301… → 2.04
  //                   net  = 1,558,995.20 / 1,500,000 = 1.0393301… → 1.04
  //                   payback = 1,500,000 / (2,080,000 / 12) = 18,000,000 / 2,080,000 = 8.653846… → 8.7
  const input: SroiInput = {
    discountRate: d('0.25'),
    inputs: d('1500000'),
    outcomes: [
      {
        indicatorCode: 'NO-WORK-01',
        quantity: d(10),
        proxy: d('200000'),
        deadweight: d('0.2'),
        attribution: d('0.25'),
        displacement: d('0.1'),
        dropOff: d('0.5'),
        durationYears: 2,
      },
      {
        indicatorCode: 'NO-YOUTH-02',
        quantity: d(40),
        proxy: d('50000'),
        deadweight: d('0.5'),
        attribution: d(0),
        displacement: d(0),
        dropOff: d('0.2'),
        durationYears: 4,
      },
    ],
  }

  it('matches the hand calculation exactly', () => {
    const result = computeSroi(input)
    expect(result.outcomes.map((o) => o.impactByYear.map(String))).toEqual([
      ['1080000', '540000'],
      ['1000000', '800000', '640000', '512000'],
    ])
    expect(result.outcomes.map((o) => o.presentValue.toString())).toEqual(['1209600', '1849395.2'])
    expect(result.impactByYear.map(String)).toEqual(['2080000', '1340000', '640000', '512000'])
    expect(result.presentValue.toString()).toBe('3058995.2')
    expect(formatSroiResult(result)).toMatchObject({
      presentValue: '3058995.20',
      ratio: '2.04',
      netRatio: '1.04',
      paybackMonths: '8.7',
    })
  })
})

describe('computeSroi: edges', () => {
  it('answers null ratios when inputs are 0, and payback 0 months', () => {
    const out = formatSroiResult(computeSroi({ ...checkValue, inputs: d(0) }))
    expect(out).toMatchObject({
      presentValue: '5519707.27',
      ratio: null,
      netRatio: null,
      paybackMonths: '0.0',
    })
  })

  it('answers null payback when year-1 impact is 0 (deadweight 100 %)', () => {
    const outcome = { ...checkValue.outcomes[0]!, deadweight: d(1) }
    const out = formatSroiResult(computeSroi({ ...checkValue, outcomes: [outcome] }))
    expect(out).toMatchObject({ presentValue: '0.00', ratio: '0.00', netRatio: '-1.00', paybackMonths: null })
  })

  it('answers PV 0 and null payback for a model without outcomes', () => {
    const result = computeSroi({ ...checkValue, outcomes: [] })
    expect(result.presentValue.isZero()).toBe(true)
    expect(result.impactByYear).toEqual([])
    expect(result.paybackMonths).toBeNull()
  })

  it('rounds half to even for output', () => {
    // r = 25 %, 1 year, no reductions: PV = proxy × 0.8
    // 0.15625 × 0.8 = 0.125 → 0.12 (half-up would give 0.13); 0.46875 × 0.8 = 0.375 → 0.38
    const one = (proxy: string): SroiOutcome => ({
      indicatorCode: 'X',
      quantity: d(1),
      proxy: d(proxy),
      deadweight: d(0),
      attribution: d(0),
      displacement: d(0),
      dropOff: d(0),
      durationYears: 1,
    })
    const pv = (proxy: string) =>
      formatSroiResult(computeSroi({ discountRate: d('0.25'), inputs: d(1), outcomes: [one(proxy)] }))
        .presentValue
    expect(pv('0.15625')).toBe('0.12')
    expect(pv('0.46875')).toBe('0.38')
  })

  it('refuses a duration outside 1..50', () => {
    const outcome = { ...checkValue.outcomes[0]!, durationYears: 0 }
    expect(() => computeSroi({ ...checkValue, outcomes: [outcome] })).toThrow(RangeError)
  })
})

describe('sensitivity', () => {
  it('moves each assumption by the step on the check value', () => {
    const rows = sensitivity(checkValue)
    const table = Object.fromEntries(
      rows.map((r) => [
        r.assumption,
        [
          r.low.value?.toString(),
          r.low.ratio?.toFixed(2),
          r.high.value?.toString(),
          r.high.ratio?.toFixed(2),
        ],
      ]),
    )
    // Deadweight, attribution, displacement and proxy scale the ratio linearly:
    //   deadweight 15 %: 2.759854 × 0.85 / 0.75 = 3.1278 → 3.13; 35 %: × 0.65 / 0.75 = 2.3919 → 2.39
    //   attribution 10 %: × 0.90 / 0.80 = 3.1048 → 3.10;        30 %: × 0.70 / 0.80 = 2.4149 → 2.41
    //   displacement 0 %: × 1.00 / 0.90 = 3.0665 → 3.07;        20 %: × 0.80 / 0.90 = 2.4532 → 2.45
    //   proxy 225,000: × 0.9 = 2.4839 → 2.48;                   275,000: × 1.1 = 3.0358 → 3.04
    // Drop-off 20 %: year 2 = 2,160,000, year 3 = 1,728,000;
    //   PV = 2,596,153.85 + 1,997,041.42 + 1,536,185.71 = 6,129,380.98 → 3.0647 → 3.06
    // Drop-off 40 %: year 2 = 1,620,000, year 3 = 972,000;
    //   PV = 2,596,153.85 + 1,497,781.07 + 864,104.46 = 4,958,039.38 → 2.4790 → 2.48
    // Discount 3 %: 2,621,359.22 + 1,781,506.27 + 1,210,732.42 = 5,613,597.91 → 2.8068 → 2.81
    // Discount 5 %: 2,571,428.57 + 1,714,285.71 + 1,142,857.14 = 5,428,571.43 → 2.7143 → 2.71
    // Duration 2 years: 2,596,153.85 + 1,747,411.24 = 4,343,565.09 → 2.1718 → 2.17
    // Duration 4 years: year 4 = 926,100; + 926,100 / 1.16985856 = 791,634.16 → 6,311,341.43 → 3.1557 → 3.16
    expect(table).toEqual({
      deadweight: ['0.15', '3.13', '0.35', '2.39'],
      attribution: ['0.1', '3.10', '0.3', '2.41'],
      displacement: ['0', '3.07', '0.2', '2.45'],
      dropOff: ['0.2', '3.06', '0.4', '2.48'],
      proxy: ['225000', '2.48', '275000', '3.04'],
      discountRate: ['0.03', '2.81', '0.05', '2.71'],
      durationYears: ['2', '2.17', '4', '3.16'],
    })
    expect(rows.every((r) => r.base.ratio?.toFixed(2) === '2.76')).toBe(true)
  })

  it('clamps to valid ranges and applies the step to every outcome at once', () => {
    const a = { ...checkValue.outcomes[0]!, attribution: d('0.05'), durationYears: 1 }
    const b = { ...a, indicatorCode: 'B', attribution: d('0.95'), durationYears: 50 }
    const rows = sensitivity(
      { ...checkValue, discountRate: d('0.005'), outcomes: [a, b] },
      { fraction: d('0.1') },
    )
    const row = (name: string) => rows.find((r) => r.assumption === name)!
    expect(row('attribution').low.outcomeValues.map(String)).toEqual(['0', '0.85'])
    expect(row('attribution').high.outcomeValues.map(String)).toEqual(['0.15', '1'])
    expect(row('attribution').low.value).toBeNull()
    expect(row('durationYears').low.outcomeValues.map(String)).toEqual(['1', '49'])
    expect(row('durationYears').high.outcomeValues.map(String)).toEqual(['2', '50'])
    expect(row('discountRate').low.value?.toString()).toBe('0')
    expect(row('discountRate').low.outcomeValues).toEqual([])
  })

  it('refuses a negative step', () => {
    expect(() => sensitivity(checkValue, { fraction: d('-0.1') })).toThrow(RangeError)
  })
})

describe('sensitivity: properties', () => {
  const fraction = fc.integer({ min: 0, max: 100 }).map((n) => d(n).div(100))
  const outcome: fc.Arbitrary<SroiOutcome> = fc.record({
    indicatorCode: fc.constantFrom('A', 'B', 'C'),
    quantity: fc.integer({ min: 0, max: 500 }).map(d),
    proxy: fc.integer({ min: 0, max: 1_000_000 }).map(d),
    deadweight: fraction,
    attribution: fraction,
    displacement: fraction,
    dropOff: fraction,
    durationYears: fc.integer({ min: 1, max: 12 }),
  })
  const input: fc.Arbitrary<SroiInput> = fc.record({
    discountRate: fc.integer({ min: 0, max: 30 }).map((n) => d(n).div(100)),
    inputs: fc.integer({ min: 1, max: 10_000_000 }).map(d),
    outcomes: fc.array(outcome, { minLength: 1, maxLength: 3 }),
  })
  const step = fc.record({
    fraction: fc.integer({ min: 0, max: 50 }).map((n) => d(n).div(100)),
    proxyRelative: fc.integer({ min: 0, max: 50 }).map((n) => d(n).div(100)),
    discountRate: fc.integer({ min: 0, max: 5 }).map((n) => d(n).div(100)),
    durationYears: fc.integer({ min: 0, max: 3 }),
  })
  const lowering = new Set(['deadweight', 'attribution', 'displacement', 'dropOff', 'discountRate'])

  it('more deadweight, attribution, displacement, drop-off or discount never raises the ratio; more proxy or years never lowers it', () => {
    fc.assert(
      fc.property(input, step, (i, s) => {
        for (const row of sensitivity(i, s)) {
          const [low, base, high] = [row.low.ratio!, row.base.ratio!, row.high.ratio!]
          if (lowering.has(row.assumption)) {
            expect(low.gte(base) && base.gte(high), row.assumption).toBe(true)
          } else {
            expect(low.lte(base) && base.lte(high), row.assumption).toBe(true)
          }
        }
      }),
    )
  })

  it('raising one outcome’s deadweight, attribution, displacement or drop-off alone never raises the ratio', () => {
    const field = fc.constantFrom('deadweight', 'attribution', 'displacement', 'dropOff' as const)
    fc.assert(
      fc.property(input, fc.nat(), field, fraction, (i, pick, f, delta) => {
        const k = pick % i.outcomes.length
        const outcomes = i.outcomes.map((o, j) =>
          j === k ? { ...o, [f]: Decimal.min(o[f].plus(delta), 1) } : o,
        )
        expect(computeSroi({ ...i, outcomes }).ratio!.lte(computeSroi(i).ratio!)).toBe(true)
      }),
    )
  })

  it('totals equal the sum of the outcomes', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = computeSroi(i)
        expect(r.presentValue.eq(r.outcomes.reduce((s, o) => s.plus(o.presentValue), new Wide(0)))).toBe(true)
        r.impactByYear.forEach((total, t) => {
          const parts = r.outcomes.reduce((s, o) => s.plus(o.impactByYear[t] ?? 0), new Wide(0))
          expect(total.eq(parts)).toBe(true)
        })
        expect(r.impactByYear).toHaveLength(Math.max(...i.outcomes.map((o) => o.durationYears)))
      }),
    )
  })
})

describe('validateSroiAssumptions and parseSroiAssumptions', () => {
  const good: SroiAssumptionsDraft = {
    discountRate: '4',
    inputs: '2000000',
    outcomes: [
      {
        indicatorCode: 'NO-WORK-01',
        quantity: '20',
        proxy: '250000',
        deadweight: '25',
        attribution: '20',
        displacement: '10',
        dropOff: '30',
        durationYears: 3,
      },
    ],
  }
  const withOutcome = (patch: Partial<SroiAssumptionsDraft['outcomes'][number]>): SroiAssumptionsDraft => ({
    ...good,
    outcomes: [{ ...good.outcomes[0]!, ...patch }],
  })

  it('accepts percent strings and converts them to fractions', () => {
    expect(validateSroiAssumptions(good)).toEqual([])
    const parsed = parseSroiAssumptions(good)
    if (!parsed.ok) throw new Error('expected the check value to parse')
    expect(parsed.value.discountRate.toString()).toBe('0.04')
    expect(parsed.value.outcomes[0]!.deadweight.toString()).toBe('0.25')
    expect(formatSroiResult(computeSroi(parsed.value)).presentValue).toBe('5519707.27')
  })

  it('defaults the discount rate to 4 %', () => {
    const { discountRate: _omitted, ...rest } = good
    const parsed = parseSroiAssumptions(rest)
    expect(parsed.ok && parsed.value.discountRate.toString()).toBe('0.04')
  })

  it('converts percent with fromPercent', () => {
    expect(fromPercent('12.5').toString()).toBe('0.125')
    expect(fromPercent(d(100)).toString()).toBe('1')
  })

  it.each([
    [withOutcome({ deadweight: '100.01' }), 'outcomes.0.deadweight'],
    [withOutcome({ attribution: '-1' }), 'outcomes.0.attribution'],
    [withOutcome({ displacement: 'ten' }), 'outcomes.0.displacement'],
    [withOutcome({ dropOff: '1e1' }), 'outcomes.0.dropOff'],
    [withOutcome({ durationYears: 0 }), 'outcomes.0.durationYears'],
    [withOutcome({ durationYears: 51 }), 'outcomes.0.durationYears'],
    [withOutcome({ durationYears: 2.5 }), 'outcomes.0.durationYears'],
    [withOutcome({ proxy: '-0.01' }), 'outcomes.0.proxy'],
    [withOutcome({ quantity: '-3' }), 'outcomes.0.quantity'],
    [withOutcome({ indicatorCode: ' ' }), 'outcomes.0.indicatorCode'],
    [{ ...good, discountRate: '101' }, 'discountRate'],
    [{ ...good, discountRate: '-0.5' }, 'discountRate'],
    [{ ...good, inputs: '-1' }, 'inputs'],
    [{ ...good, outcomes: [] }, 'outcomes'],
  ])('refuses %j at %s', (draft, path) => {
    const errors = validateSroiAssumptions(draft)
    expect(errors.map((e) => e.path)).toEqual([path])
    expect(errors[0]!.message).not.toBe('')
    expect(parseSroiAssumptions(draft)).toEqual({ ok: false, errors })
  })

  it('accepts the edges of every range', () => {
    const edges = withOutcome({ deadweight: '0', attribution: '100', proxy: '0', durationYears: 50 })
    expect(validateSroiAssumptions({ ...edges, discountRate: '0', inputs: '0' })).toEqual([])
    expect(validateSroiAssumptions({ ...edges, discountRate: '100' })).toEqual([])
  })

  it('reports every problem at once', () => {
    const draft = { ...withOutcome({ deadweight: '150', durationYears: 0 }), inputs: 'lots' }
    expect(validateSroiAssumptions(draft).map((e) => e.path)).toEqual([
      'inputs',
      'outcomes.0.deadweight',
      'outcomes.0.durationYears',
    ])
  })
})
