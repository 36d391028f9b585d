import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AGE_BANDS,
  aggregateAcrossVentures,
  aggregateOverPeriods,
  GENDERS,
  type IndicatorRules,
  type PeriodValue,
  progressStatus,
  progressToTarget,
  ratioTotal,
  regroup,
  scaleForUnit,
  type ValueInput,
  validateValue,
} from '../../src/domain/aggregation.ts'
import type { Aggregation } from '../../src/domain/aggregation-kind.ts'

const d = (v: Decimal.Value) => new Decimal(v)
const str = (v: Decimal | null) => (v === null ? null : v.toString())
const pv = (period: string, value: Decimal.Value): PeriodValue => ({ period, value: d(value) })
const rv = (period: string, numerator: number, denominator: number): PeriodValue => ({
  period,
  value: d(numerator).times(100).div(denominator),
  numerator: d(numerator),
  denominator: d(denominator),
})
const simple = (values: PeriodValue[]) => values.map((v) => ({ period: v.period, value: str(v.value) }))

describe('aggregateOverPeriods', () => {
  // Apprentices employed now, reported each quarter (a stock).
  const apprentices = [pv('2026-Q2', 7), pv('2026-Q1', 5), pv('2026-Q4', 6), pv('2026-Q3', 9)]
  // People placed into work in the quarter (a flow).
  const placed = [pv('2026-Q1', 4), pv('2026-Q2', 3), pv('2026-Q3', 0), pv('2026-Q4', 5)]

  it('sums a flow', () => {
    expect(str(aggregateOverPeriods('sum', placed))).toBe('12')
  })
  it('takes the latest period of a stock, whatever the input order', () => {
    expect(str(aggregateOverPeriods('last', apprentices))).toBe('6')
    expect(str(aggregateOverPeriods('last', apprentices.slice(0, 2)))).toBe('7')
  })
  it('divides summed numerators by summed denominators, not the mean of the rates', () => {
    // 9 of 10 (90 %) and 10 of 100 (10 %): the mean would be 50 %, the rate is 19/110.
    const rates = [rv('2026-Q1', 9, 10), rv('2026-Q2', 10, 100)]
    const rate = aggregateOverPeriods('ratio', rates, scaleForUnit('percent'))!
    expect(rate.toFixed(2)).toBe('17.27')
    expect(rate.toSignificantDigits(10).toString()).toBe('17.27272727')
    // Without a scale the result is the plain fraction.
    expect(aggregateOverPeriods('ratio', rates)!.toSignificantDigits(12).toString()).toBe('0.172727272727')
  })
  it('is null when there is nothing', () => {
    expect(aggregateOverPeriods('sum', [])).toBeNull()
    expect(aggregateOverPeriods('last', [])).toBeNull()
    expect(aggregateOverPeriods('ratio', [], 100)).toBeNull()
  })
  it('is null for a ratio over a zero denominator', () => {
    const zero = { period: '2026-Q1', value: d(0), numerator: d(0), denominator: d(0) }
    expect(aggregateOverPeriods('ratio', [zero], 100)).toBeNull()
  })
  it('refuses a ratio value without its parts', () => {
    expect(() => aggregateOverPeriods('ratio', [pv('2026-Q1', 50)], 100)).toThrow(RangeError)
  })
  it('refuses overlapping periods, which would count a flow twice', () => {
    expect(() => aggregateOverPeriods('sum', [pv('2026-Q1', 1), pv('2026-Q1', 2)])).toThrow(/Overlapping/)
    expect(() => aggregateOverPeriods('sum', [pv('2026-02', 1), pv('2026-Q1', 2)])).toThrow(/Overlapping/)
    expect(() => aggregateOverPeriods('sum', [pv('2026', 1), pv('2026-12', 2)])).toThrow(/Overlapping/)
  })
  it('keeps full precision (no float drift)', () => {
    expect(str(aggregateOverPeriods('sum', [pv('2026-01', '0.1'), pv('2026-02', '0.2')]))).toBe('0.3')
  })
})

describe('regroup', () => {
  it('a stock reported quarterly: the year is its last quarter', () => {
    const values = [pv('2025-Q4', 3), pv('2026-Q1', 5), pv('2026-Q2', 7), pv('2026-Q3', 9), pv('2026-Q4', 6)]
    expect(simple(regroup('last', values, 'year'))).toEqual([
      { period: '2025', value: '3' },
      { period: '2026', value: '6' },
    ])
  })
  it('a stock in a year still running: its latest quarter so far', () => {
    const values = [pv('2026-Q1', 5), pv('2026-Q2', 7), pv('2026-Q3', 9)]
    expect(simple(regroup('last', values, 'year'))).toEqual([{ period: '2026', value: '9' }])
  })
  it('a flow reported quarterly: the year is the sum of its quarters', () => {
    const values = [pv('2026-Q1', 4), pv('2026-Q2', 3), pv('2026-Q3', 0), pv('2026-Q4', 5), pv('2027-Q1', 2)]
    expect(simple(regroup('sum', values, 'year'))).toEqual([
      { period: '2026', value: '12' },
      { period: '2027', value: '2' },
    ])
  })
  it('a flow reported monthly, per quarter', () => {
    const values = [pv('2026-01', 1), pv('2026-02', 2), pv('2026-03', 3), pv('2026-04', 4)]
    expect(simple(regroup('sum', values, 'quarter'))).toEqual([
      { period: '2026-Q1', value: '6' },
      { period: '2026-Q2', value: '4' },
    ])
  })
  it('a rate: Σ numerator / Σ denominator per year, keeping the sums', () => {
    const [year] = regroup('ratio', [rv('2026-Q1', 9, 10), rv('2026-Q2', 10, 100)], 'year', 100)
    expect(year!.period).toBe('2026')
    expect(str(year!.numerator!)).toBe('19')
    expect(str(year!.denominator!)).toBe('110')
    expect(year!.value.toFixed(2)).toBe('17.27')
  })
  it('refuses a rate group with nothing to divide by', () => {
    const zero = { period: '2026-Q1', value: d(0), numerator: d(0), denominator: d(0) }
    expect(() => regroup('ratio', [zero], 'year', 100)).toThrow(RangeError)
  })

  const monthArb = fc.integer({ min: 0, max: 47 }).map((i) => {
    const year = 2024 + Math.floor(i / 12)
    return `${year}-${String((i % 12) + 1).padStart(2, '0')}`
  })
  const monthsArb = fc
    .uniqueArray(
      fc.record({
        period: monthArb,
        numerator: fc.integer({ min: 0, max: 500 }),
        extra: fc.integer({ min: 1, max: 500 }),
        value: fc.integer({ min: -1000, max: 1000 }),
      }),
      { selector: (r) => r.period, maxLength: 30 },
    )
    .map((rows) =>
      rows.map(
        (r): PeriodValue => ({
          period: r.period,
          value: d(r.value).div(100),
          numerator: d(r.numerator),
          denominator: d(r.numerator + r.extra),
        }),
      ),
    )

  it.each<Aggregation>(['sum', 'last', 'ratio'])(
    'property (%s): months → quarters → years equals months → years equals the raw months',
    (aggregation) => {
      fc.assert(
        fc.property(monthsArb, (months) => {
          const viaQuarters = regroup(aggregation, regroup(aggregation, months, 'quarter', 100), 'year', 100)
          const direct = regroup(aggregation, months, 'year', 100)
          expect(simple(viaQuarters)).toEqual(simple(direct))
          for (const year of direct) {
            const inYear = months.filter((m) => m.period.startsWith(year.period))
            expect(str(aggregateOverPeriods(aggregation, inYear, 100))).toBe(str(year.value))
          }
          expect(str(aggregateOverPeriods(aggregation, viaQuarters, 100))).toBe(
            str(aggregateOverPeriods(aggregation, months, 100)),
          )
        }),
      )
    },
  )
})

describe('aggregateAcrossVentures', () => {
  it('sums a flow over all ventures and periods', () => {
    const a = [pv('2026-Q1', 4), pv('2026-Q2', 3)]
    const b = [pv('2026-Q1', 10)]
    expect(str(aggregateAcrossVentures('sum', [a, b, []]))).toBe('17')
  })
  it('sums each venture’s latest value of a stock', () => {
    // Venture A's latest is Q2 (7); venture B has not reported Q2, so its latest is Q1 (20).
    const a = [pv('2026-Q1', 5), pv('2026-Q2', 7)]
    const b = [pv('2026-Q1', 20)]
    expect(str(aggregateAcrossVentures('last', [a, b]))).toBe('27')
  })
  it('divides all numerators by all denominators, never the mean of the ventures’ rates', () => {
    // Venture A: 9 of 10 (90 %); venture B: 10 of 100 (10 %). Mean 50 %, true rate 17.27 %.
    const a = [rv('2026-Q1', 9, 10)]
    const b = [rv('2026-Q1', 4, 40), rv('2026-Q2', 6, 60)]
    expect(aggregateAcrossVentures('ratio', [a, b], 100)!.toFixed(2)).toBe('17.27')
  })
  it('is null when no venture has a value', () => {
    expect(aggregateAcrossVentures('sum', [])).toBeNull()
    expect(aggregateAcrossVentures('last', [[], []])).toBeNull()
    expect(aggregateAcrossVentures('ratio', [[]], 100)).toBeNull()
  })
  it('allows the same period in different ventures but not twice in one', () => {
    expect(str(aggregateAcrossVentures('sum', [[pv('2026-Q1', 1)], [pv('2026-Q1', 2)]]))).toBe('3')
    expect(() => aggregateAcrossVentures('sum', [[pv('2026-Q1', 1), pv('2026-Q1', 2)]])).toThrow(RangeError)
  })
})

describe('progress to target', () => {
  const D = (v: Decimal.Value) => d(v)
  it('increase: (actual − baseline) / (target − baseline)', () => {
    const p = progressToTarget({ direction: 'increase', baseline: D(10), target: D(30), actual: D(25) })
    expect(str(p)).toBe('0.75')
    expect(progressStatus(p)).toBe('amber')
  })
  it('decrease: (baseline − actual) / (baseline − target)', () => {
    // Dropout down from 40 % towards 20 %; now 22 %.
    const p = progressToTarget({ direction: 'decrease', baseline: D(40), target: D(20), actual: D(22) })
    expect(str(p)).toBe('0.9')
    expect(progressStatus(p)).toBe('green')
  })
  it('decrease going the wrong way is negative and red', () => {
    const p = progressToTarget({ direction: 'decrease', baseline: D(40), target: D(20), actual: D(44) })
    expect(str(p)).toBe('-0.2')
    expect(progressStatus(p)).toBe('red')
  })
  it('is not clamped beyond the target', () => {
    const p = progressToTarget({ direction: 'increase', baseline: D(0), target: D(8), actual: D(10) })
    expect(str(p)).toBe('1.25')
  })
  it('is null when the target equals the baseline', () => {
    expect(progressToTarget({ direction: 'increase', baseline: D(5), target: D(5), actual: D(9) })).toBeNull()
    expect(progressStatus(null)).toBeNull()
  })
  it('status boundaries are inclusive', () => {
    expect(progressStatus(D('0.9'))).toBe('green')
    expect(progressStatus(D('0.8999'))).toBe('amber')
    expect(progressStatus(D('0.6'))).toBe('amber')
    expect(progressStatus(D('0.5999'))).toBe('red')
  })
  it('thresholds are configurable', () => {
    expect(progressStatus(D('0.85'), { green: '0.8', amber: '0.5' })).toBe('green')
    expect(progressStatus(D('0.45'), { green: '0.8', amber: '0.5' })).toBe('red')
    expect(() => progressStatus(D('0.5'), { green: '0.5', amber: '0.8' })).toThrow(RangeError)
  })
})

const peopleIndicator: IndicatorRules = {
  unit: 'people',
  aggregation: 'sum',
  personal: true,
  allowedBreakdowns: ['gender', 'age_band', 'municipality'],
}
const percentRate: IndicatorRules = {
  unit: 'percent',
  aggregation: 'ratio',
  personal: true,
  allowedBreakdowns: ['gender'],
}
const nokIndicator: IndicatorRules = {
  unit: 'NOK',
  aggregation: 'sum',
  personal: false,
  allowedBreakdowns: [],
}
const cell = (dimension: string, category: string, value: Decimal.Value) => ({
  dimension,
  category,
  value: d(value),
})
const input = (total: Decimal.Value | null, breakdowns: ValueInput['breakdowns'] = []): ValueInput => ({
  total: total === null ? null : d(total),
  breakdowns,
})
const paths = (errors: { path: string }[]) => errors.map((e) => e.path)

describe('validateValue', () => {
  it('requires a total', () => {
    expect(validateValue(input(5), peopleIndicator)).toEqual([])
    expect(validateValue(input(null), peopleIndicator)).toEqual([
      { path: 'total', code: 'value.required', message: 'A total is required' },
    ])
  })
  it('refuses a total that is not a number', () => {
    expect(paths(validateValue(input(Number.NaN), nokIndicator))).toEqual(['total'])
  })
  it('a people count is a whole number, 0 or more', () => {
    expect(validateValue(input(0), peopleIndicator)).toEqual([])
    expect(paths(validateValue(input('2.5'), peopleIndicator))).toEqual(['total'])
    expect(paths(validateValue(input(-1), peopleIndicator))).toEqual(['total'])
    // Personal indicators count people whatever their unit says.
    const personalCount = { ...nokIndicator, unit: 'count', personal: true }
    expect(paths(validateValue(input('0.5'), personalCount))).toEqual(['total'])
    // Other units may be fractional or negative.
    expect(validateValue(input('-1250.50'), nokIndicator)).toEqual([])
  })
  it('every breakdown cell of a people count is a whole number too', () => {
    expect(validateValue(input(5, [cell('gender', 'female', 2)]), peopleIndicator)).toEqual([])
    expect(paths(validateValue(input(5, [cell('gender', 'female', '2.5')]), peopleIndicator))).toEqual([
      'breakdowns.0.value',
    ])
    expect(paths(validateValue(input(5, [cell('gender', 'female', -2)]), peopleIndicator))).toEqual([
      'breakdowns.0.value',
    ])
  })
  it('a percentage lies within 0–100', () => {
    const share = { unit: 'percent', aggregation: 'last' as const, personal: false, allowedBreakdowns: [] }
    expect(validateValue(input(100), share)).toEqual([])
    expect(validateValue(input(0), share)).toEqual([])
    expect(paths(validateValue(input('100.1'), share))).toEqual(['total'])
    expect(paths(validateValue(input(-1), share))).toEqual(['total'])
  })
  it('only ratio indicators take a numerator and denominator', () => {
    const v = { ...input(5), numerator: d(5), denominator: d(10) }
    expect(paths(validateValue(v, peopleIndicator))).toEqual(['numerator', 'denominator'])
  })

  describe('ratio indicators', () => {
    const rate = (total: Decimal.Value | null, numerator?: Decimal.Value, denominator?: Decimal.Value) => ({
      ...input(total),
      ...(numerator === undefined ? {} : { numerator: d(numerator) }),
      ...(denominator === undefined ? {} : { denominator: d(denominator) }),
    })
    it('accept a total that states numerator / denominator × 100 to its precision', () => {
      expect(validateValue(rate('17.27', 19, 110), percentRate)).toEqual([])
      expect(validateValue(rate('17.3', 19, 110), percentRate)).toEqual([])
      expect(validateValue(rate(17, 19, 110), percentRate)).toEqual([])
      expect(validateValue(rate(90, 9, 10), percentRate)).toEqual([])
    })
    it('refuse a total that does not', () => {
      const errors = validateValue(rate('17.2', 19, 110), percentRate)
      expect(errors).toEqual([
        {
          path: 'total',
          code: 'value.ratio_mismatch',
          params: { numerator: '19', denominator: '110', rate: '17.2727' },
          message: 'Does not match numerator / denominator: 19 / 110 gives 17.2727',
        },
      ])
      expect(paths(validateValue(rate(50, 9, 10), percentRate))).toEqual(['total'])
    })
    it('need a numerator and a denominator', () => {
      expect(paths(validateValue(rate(90), percentRate))).toEqual(['numerator', 'denominator'])
      expect(paths(validateValue(rate(90, 9), percentRate))).toEqual(['denominator'])
    })
    it('need a denominator above 0', () => {
      expect(paths(validateValue(rate(0, 0, 0), percentRate))).toEqual(['denominator'])
    })
    it('count people in numerator and denominator when personal', () => {
      expect(paths(validateValue(rate(50, '4.5', 9), percentRate))).toEqual(['numerator'])
      expect(paths(validateValue(rate(50, 5, '10.5'), percentRate))).toEqual(['denominator'])
      // A non-personal ratio (NOK per participant) may be fractional.
      const perHead = { unit: 'NOK', aggregation: 'ratio' as const, personal: false, allowedBreakdowns: [] }
      expect(validateValue(rate('1250.5', '2501', 2), perHead)).toEqual([])
    })
    it('a share may not exceed its whole', () => {
      expect(paths(validateValue(rate(100, 10, 10), percentRate))).toEqual([])
      expect(paths(validateValue(rate(100, 11, 10), percentRate))).toEqual(['numerator'])
    })
    it('derive the total with ratioTotal', () => {
      expect(str(ratioTotal(d(19), d(110), 100))).toBe('17.27')
      expect(str(ratioTotal(d(1), d(8), 100, 1))).toBe('12.5')
      expect(ratioTotal(d(1), d(0), 100)).toBeNull()
    })
    it('break down by numerator and denominator per cell, which add up when complete', () => {
      const byGender = (female: [number, number], male: [number, number]) => ({
        ...rate('17.27', 19, 110),
        breakdowns: (['female', 'male', 'other', 'unknown'] as const).map((g) => {
          const [n, den] = g === 'female' ? female : g === 'male' ? male : [0, 1]
          return {
            dimension: 'gender',
            category: g,
            value: ratioTotal(d(n), d(den), 100)!,
            numerator: d(n),
            denominator: d(den),
          }
        }),
      })
      // 9/10 + 10/98 + 0/1 + 0/1 = 19/110
      expect(validateValue(byGender([9, 10], [10, 98]), percentRate)).toEqual([])
      const wrong = validateValue(byGender([9, 10], [10, 97]), percentRate)
      expect(wrong).toEqual([
        {
          path: 'breakdowns',
          code: 'value.breakdown_sum_mismatch',
          params: { dimension: 'gender', part: 'denominators', sum: '109', total: '110' },
          message: 'The gender denominators add up to 109, but the total is 110',
        },
      ])
    })
    it('need parts on every cell', () => {
      const v = { ...rate(90, 9, 10), breakdowns: [cell('gender', 'female', 90)] }
      expect(paths(validateValue(v, percentRate))).toEqual([
        'breakdowns.0.numerator',
        'breakdowns.0.denominator',
      ])
    })
  })

  describe('breakdowns', () => {
    it('refuse a dimension the indicator does not allow', () => {
      const youth = { ...peopleIndicator, allowedBreakdowns: ['age_band'] }
      expect(validateValue(input(5, [cell('age_band', '16-29', 5)]), youth)).toEqual([])
      expect(validateValue(input(5, [cell('gender', 'female', 2)]), youth)).toEqual([
        {
          path: 'breakdowns.0.dimension',
          code: 'value.not_broken_down',
          params: { dimension: 'gender' },
          message: 'This indicator is not broken down by gender',
        },
      ])
      expect(paths(validateValue(input(5, [cell('shoe_size', '42', 2)]), peopleIndicator))).toEqual([
        'breakdowns.0.dimension',
      ])
    })
    it('refuse an unknown category', () => {
      expect(
        validateValue(
          input(5, [cell('age_band', '67+', 1), cell('municipality', '3207', 4)]),
          peopleIndicator,
        ),
      ).toEqual([])
      expect(paths(validateValue(input(5, [cell('gender', 'woman', 2)]), peopleIndicator))).toEqual([
        'breakdowns.0.category',
      ])
      expect(paths(validateValue(input(5, [cell('age_band', '16-30', 2)]), peopleIndicator))).toEqual([
        'breakdowns.0.category',
      ])
      expect(paths(validateValue(input(5, [cell('municipality', '301', 2)]), peopleIndicator))).toEqual([
        'breakdowns.0.category',
      ])
    })
    it('refuse a cell given twice', () => {
      const v = input(5, [
        cell('gender', 'female', 2),
        cell('gender', 'male', 1),
        cell('gender', 'female', 2),
      ])
      expect(validateValue(v, peopleIndicator)).toEqual([
        {
          path: 'breakdowns.2',
          code: 'value.duplicate',
          params: { what: 'gender=female', dimension: 'gender', category: 'female' },
          message: 'gender=female is given more than once',
        },
      ])
    })
    it('a complete breakdown adds up to the total exactly', () => {
      const genders = (values: number[]) => GENDERS.map((g, i) => cell('gender', g, values[i]!))
      expect(validateValue(input(10, genders([4, 5, 1, 0])), peopleIndicator)).toEqual([])
      expect(validateValue(input(10, genders([4, 5, 0, 0])), peopleIndicator)).toEqual([
        {
          path: 'breakdowns',
          code: 'value.breakdown_sum_mismatch',
          params: { dimension: 'gender', part: 'values', sum: '9', total: '10' },
          message: 'The gender values add up to 9, but the total is 10',
        },
      ])
      const ages = AGE_BANDS.map((a) => cell('age_band', a, 2))
      expect(paths(validateValue(input(11, ages), peopleIndicator))).toEqual(['breakdowns'])
      expect(validateValue(input(12, ages), peopleIndicator)).toEqual([])
    })
    it('a partial breakdown may not exceed the total; the rest counts as unknown', () => {
      expect(
        validateValue(input(10, [cell('gender', 'female', 4), cell('gender', 'male', 5)]), peopleIndicator),
      ).toEqual([])
      expect(
        validateValue(input(10, [cell('gender', 'female', 6), cell('gender', 'male', 5)]), peopleIndicator),
      ).toEqual([
        {
          path: 'breakdowns',
          code: 'value.breakdown_sum_exceeds',
          params: { dimension: 'gender', part: 'values', sum: '11', total: '10' },
          message: 'The gender values add up to 11, more than the total 10',
        },
      ])
    })
    it('a municipality breakdown is never complete, but may not exceed the total', () => {
      const v = (a: number, b: number) =>
        input(10, [cell('municipality', '3207', a), cell('municipality', '0301', b)])
      expect(validateValue(v(3, 4), peopleIndicator)).toEqual([])
      expect(paths(validateValue(v(6, 5), peopleIndicator))).toEqual(['breakdowns'])
    })
    it('check each dimension on its own', () => {
      const v = input(10, [
        ...GENDERS.map((g, i) => cell('gender', g, [4, 5, 1, 0][i]!)),
        cell('age_band', '16-29', 10),
        cell('municipality', '3207', 10),
      ])
      expect(validateValue(v, peopleIndicator)).toEqual([])
    })
  })

  it('property: whenever a complete breakdown is accepted, its cells add up to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 6, maxLength: 6 }),
        (total, genders, ages) => {
          const v = input(total, [
            ...GENDERS.map((g, i) => cell('gender', g, genders[i]!)),
            ...AGE_BANDS.map((a, i) => cell('age_band', a, ages[i]!)),
          ])
          const errors = validateValue(v, peopleIndicator)
          const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
          if (errors.length === 0) {
            expect(sum(genders)).toBe(total)
            expect(sum(ages)).toBe(total)
          } else {
            expect(sum(genders) !== total || sum(ages) !== total).toBe(true)
          }
        },
      ),
    )
  })
})

describe('validateValue: a code and the values it names for each problem', () => {
  const share: IndicatorRules = { ...nokIndicator, unit: 'percent' }
  const ratio = (total: Decimal.Value | null, numerator?: Decimal.Value, denominator?: Decimal.Value) => ({
    ...input(total),
    ...(numerator !== undefined ? { numerator: d(numerator) } : {}),
    ...(denominator !== undefined ? { denominator: d(denominator) } : {}),
  })
  const coded = (value: ValueInput, rules: IndicatorRules) =>
    validateValue(value, rules).map(({ path, code, params }) => ({ path, code, params }))

  it('codes the figure rules', () => {
    expect(coded(input(null), peopleIndicator)).toEqual([{ path: 'total', code: 'value.required' }])
    expect(coded(input(Number.NaN), nokIndicator)).toEqual([{ path: 'total', code: 'value.not_a_number' }])
    expect(coded(input('2.5'), peopleIndicator)).toEqual([{ path: 'total', code: 'value.people_whole' }])
    expect(coded(input(101), share)).toEqual([{ path: 'total', code: 'value.percent_range' }])
    expect(coded({ ...input(5), denominator: d(2) }, peopleIndicator)).toEqual([
      { path: 'denominator', code: 'value.not_ratio', params: { field: 'denominator' } },
    ])
  })

  it('codes the ratio rules, with the parts and the rate they give', () => {
    expect(coded(ratio(50), percentRate)).toEqual([
      { path: 'numerator', code: 'value.numerator_required' },
      { path: 'denominator', code: 'value.denominator_required' },
    ])
    expect(coded(ratio(50, 0, 0), percentRate)).toEqual([
      { path: 'denominator', code: 'value.denominator_zero' },
    ])
    expect(coded(ratio(50, 11, 10), percentRate)).toEqual([{ path: 'numerator', code: 'value.share_range' }])
    expect(coded(ratio('66.5', 2, 3), percentRate)).toEqual([
      {
        path: 'total',
        code: 'value.ratio_mismatch',
        params: { numerator: '2', denominator: '3', rate: '66.6667' },
      },
    ])
  })

  it('codes the breakdown rules, naming the dimension, category and sums', () => {
    expect(coded(input(2, [cell('sector', 'x', 1)]), peopleIndicator)).toEqual([
      { path: 'breakdowns.0.dimension', code: 'value.unknown_dimension', params: { dimension: 'sector' } },
    ])
    expect(coded(input(2, [cell('gender', 'woman', 1)]), peopleIndicator)).toEqual([
      {
        path: 'breakdowns.0.category',
        code: 'value.unknown_category',
        params: { dimension: 'gender', category: 'woman' },
      },
    ])
    expect(coded(input(2, [cell('age_band', '16-29', 1)]), percentRate).map((e) => e.code)).toContain(
      'value.not_broken_down',
    )
    expect(
      coded(input(3, [cell('municipality', '3207', 2), cell('municipality', '0301', 2)]), peopleIndicator),
    ).toEqual([
      {
        path: 'breakdowns',
        code: 'value.breakdown_sum_exceeds',
        params: { dimension: 'municipality', part: 'values', sum: '4', total: '3' },
      },
    ])
    const ages = AGE_BANDS.map((band) => cell('age_band', band, 1))
    expect(coded(input(1, ages), peopleIndicator)).toEqual([
      {
        path: 'breakdowns',
        code: 'value.breakdown_sum_mismatch',
        params: { dimension: 'age_band', part: 'values', sum: String(AGE_BANDS.length), total: '1' },
      },
    ])
  })

  it('gives every problem a code, whatever the input', () => {
    const rules = [peopleIndicator, percentRate, nokIndicator, share]
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        fc.option(fc.integer({ min: -5, max: 200 }), { nil: null }),
        fc.option(fc.integer({ min: -2, max: 20 }), { nil: undefined }),
        fc.option(fc.integer({ min: -2, max: 20 }), { nil: undefined }),
        (rules, total, numerator, denominator) => {
          for (const e of validateValue(ratio(total, numerator, denominator), rules)) {
            expect(e.code, e.message).toMatch(/^value\.[a-z_]+$/)
            for (const v of Object.values(e.params ?? {})) expect(typeof v).toBe('string')
          }
        },
      ),
    )
  })
})
