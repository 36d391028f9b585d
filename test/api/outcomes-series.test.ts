import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aggregateOverPeriods, scaleForUnit } from '../../src/domain/aggregation.ts'
import type { Aggregation } from '../../src/domain/aggregation-kind.ts'
import type { AssignmentRow } from '../../src/modules/outcomes/assignments-repo.ts'
import type { IndicatorRow } from '../../src/modules/outcomes/indicators-repo.ts'
import { buildSeries } from '../../src/modules/outcomes/series.ts'
import { baselineFor, targetFor } from '../../src/modules/outcomes/targets.ts'

/** The pure parts of the time series (no database): regrouping by semantics, targets, baselines. */
const assignment = (frequency: AssignmentRow['frequency'], baseline: string | null = null) =>
  ({ id: 'a', frequency, startDate: '2020-01-01', endDate: null, baselineValue: baseline }) as AssignmentRow
const indicator = (aggregation: Aggregation, unit = aggregation === 'ratio' ? 'percent' : 'people') =>
  ({ code: 'X', aggregation, unit, direction: 'increase' }) as IndicatorRow

const quarterValues = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 200 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((pairs) =>
    pairs.map(([a, b], i) => {
      const period = `${2020 + Math.floor(i / 4)}-Q${(i % 4) + 1}`
      const numerator = Math.min(a, b)
      return {
        period,
        total: new Decimal(numerator).times(100).div(b).toFixed(),
        numerator: String(numerator),
        denominator: String(b),
        raw: a,
        unverified: false,
      }
    }),
  )

describe('time series semantics', () => {
  it('a year is its quarters aggregated by the indicator’s semantics, for any values', () => {
    fc.assert(
      fc.property(
        quarterValues,
        fc.constantFrom<Aggregation>('sum', 'last', 'ratio'),
        (rows, aggregation) => {
          const values = rows.map((r) =>
            aggregation === 'ratio' ? r : { ...r, total: String(r.raw), numerator: null, denominator: null },
          )
          const series = buildSeries(assignment('quarterly'), indicator(aggregation), values, new Map(), {
            granularity: 'year',
          })
          const scale = scaleForUnit(indicator(aggregation).unit)
          const asPeriodValues = (vs: typeof values) =>
            vs.map((v) => ({
              period: v.period,
              value: new Decimal(v.total),
              ...(v.numerator !== null
                ? { numerator: new Decimal(v.numerator), denominator: new Decimal(v.denominator!) }
                : {}),
            }))
          for (const point of series.points) {
            const expected = aggregateOverPeriods(
              aggregation,
              asPeriodValues(values.filter((v) => v.period.startsWith(point.period))),
              scale,
            )
            expect(point.value!.eq(expected!)).toBe(true)
          }
          expect(
            series.window.value!.eq(aggregateOverPeriods(aggregation, asPeriodValues(values), scale)!),
          ).toBe(true)
        },
      ),
    )
  })

  it('a yearly assignment is shown per year even when quarters are asked for', () => {
    const series = buildSeries(
      assignment('yearly'),
      indicator('last'),
      [{ period: '2024', total: '5', numerator: null, denominator: null, unverified: true }],
      new Map([['2025', new Decimal(9)]]),
      { granularity: 'quarter' },
    )
    expect(series.granularity).toBe('year')
    expect(
      series.points.map((p) => [p.period, p.value?.toFixed() ?? null, p.target?.toFixed() ?? null]),
    ).toEqual([
      ['2024', '5', null],
      ['2025', null, '9'],
    ])
    expect(series.includesUnverified).toBe(true)
  })

  it('derives a year’s target from complete quarterly targets, by semantics', () => {
    const quarters = new Map(
      ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'].map((p, i) => [p, new Decimal(i + 1)]),
    )
    expect(targetFor('sum', 'quarterly', quarters, '2025')!.toFixed()).toBe('10')
    expect(targetFor('last', 'quarterly', quarters, '2025')!.toFixed()).toBe('4')
    expect(targetFor('ratio', 'quarterly', quarters, '2025')!.toFixed()).toBe('4')
    quarters.delete('2025-Q2')
    expect(targetFor('sum', 'quarterly', quarters, '2025')).toBeNull()
    quarters.set('2025', new Decimal(12))
    expect(targetFor('sum', 'quarterly', quarters, '2025')!.toFixed()).toBe('12')
    expect(targetFor('sum', 'quarterly', quarters, '2025-Q2')).toBeNull()
  })

  it('scales a flow’s per-period baseline to the period shown, and leaves stocks and rates alone', () => {
    expect(baselineFor('sum', 'quarterly', new Decimal(3), 'year')!.toFixed()).toBe('12')
    expect(baselineFor('sum', 'monthly', new Decimal(3), 'quarter')!.toFixed()).toBe('9')
    expect(baselineFor('sum', 'quarterly', new Decimal(3), 'quarter')!.toFixed()).toBe('3')
    expect(baselineFor('last', 'quarterly', new Decimal(3), 'year')!.toFixed()).toBe('3')
    expect(baselineFor('ratio', 'monthly', new Decimal(55), 'year')!.toFixed()).toBe('55')
    expect(baselineFor('sum', 'quarterly', null, 'year')).toBeNull()
  })
})
