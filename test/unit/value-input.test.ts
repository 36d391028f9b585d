import { describe, expect, it } from 'vitest'
import { requirePeriod } from '../../src/domain/periods.ts'
import { type AssignmentWithIndicator, checkValues } from '../../src/modules/outcomes/index.ts'

/** checkValues' own rules (assignments, the municipality register, each indicator once) carry codes and params. */
const assignments = [
  {
    assignment: {
      id: 'a1',
      indicatorCode: 'NO-WORK-01',
      frequency: 'quarterly',
      startDate: '2019-01-01',
      endDate: null,
    },
    indicator: {
      code: 'NO-WORK-01',
      unit: 'people',
      aggregation: 'sum',
      personal: true,
      allowedBreakdowns: ['gender', 'municipality'],
    },
  },
  {
    assignment: {
      id: 'a2',
      indicatorCode: 'PI3527',
      frequency: 'quarterly',
      startDate: '2026-01-01',
      endDate: '2026-06-30',
    },
    indicator: {
      code: 'PI3527',
      unit: 'percent',
      aggregation: 'ratio',
      personal: true,
      allowedBreakdowns: [],
    },
  },
] as unknown as AssignmentWithIndicator[]

const problemsOf = (values: Parameters<typeof checkValues>[0], period: string) =>
  checkValues(values, requirePeriod(period), assignments).problems.map(({ index, path, code, params }) => ({
    index,
    path,
    code,
    params,
  }))

describe('checkValues: codes and params', () => {
  it('codes a municipality number unknown, or not in use during the period', () => {
    const cells = [
      { dimension: 'municipality', category: '9999', value: '1' },
      { dimension: 'municipality', category: '3207', value: '1' },
      { dimension: 'municipality', category: '0213', value: '1' },
    ]
    expect(problemsOf([{ indicatorCode: 'NO-WORK-01', total: '3', breakdowns: cells }], '2024-Q1')).toEqual([
      {
        index: 0,
        path: 'breakdowns.0.category',
        code: 'value.municipality_unknown',
        params: { code: '9999' },
      },
      {
        index: 0,
        path: 'breakdowns.2.category',
        code: 'value.municipality_not_in_period',
        params: { code: '0213', period: '2024-Q1' },
      },
    ])
  })

  it('codes a cell without a value, an unassigned indicator, a period outside, a repeat', () => {
    expect(
      problemsOf(
        [
          {
            indicatorCode: 'NO-WORK-01',
            total: '3',
            breakdowns: [{ dimension: 'gender', category: 'male' }],
          },
          { indicatorCode: 'NO-ECON-01', total: '1' },
          { indicatorCode: 'PI3527', numerator: '1', denominator: '2' },
          { indicatorCode: 'NO-WORK-01', total: '3' },
        ],
        '2026-Q3',
      ),
    ).toEqual([
      { index: 0, path: 'breakdowns.0.value', code: 'value.required', params: undefined },
      { index: 1, path: 'indicatorCode', code: 'value.not_assigned', params: { code: 'NO-ECON-01' } },
      {
        index: 2,
        path: 'indicatorCode',
        code: 'value.outside_assignment',
        params: {
          code: 'PI3527',
          period: '2026-Q3',
          frequency: 'quarterly',
          startDate: '2026-01-01',
          endDate: '2026-06-30',
        },
      },
      {
        index: 3,
        path: 'indicatorCode',
        code: 'value.duplicate',
        params: { what: 'NO-WORK-01', code: 'NO-WORK-01' },
      },
    ])
  })
})
