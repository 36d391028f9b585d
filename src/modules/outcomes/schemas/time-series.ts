import { z } from '@hono/zod-openapi'
import { Frequency } from './common.ts'
import { Aggregation, Direction, IndicatorUnit } from './indicators.ts'

export const TimeSeriesQuery = z.object({
  indicator: z
    .string()
    .max(40)
    .optional()
    .openapi({ example: 'NO-WORK-01', description: 'One indicator; all by default' }),
  from: z.string().max(10).optional().openapi({
    example: '2024-01-01',
    description: 'A date or a period (its first day); whole periods only',
  }),
  to: z
    .string()
    .max(10)
    .optional()
    .openapi({ example: '2026-Q3', description: 'A date or a period (its last day); whole periods only' }),
  granularity: z
    .enum(['quarter', 'year'])
    .default('quarter')
    .openapi({ description: 'Points per quarter (default) or per calendar year' }),
  includeUnverified: z
    .enum(['true', 'false'])
    .default('false')
    .openapi({ description: 'Count submitted (not yet verified) values too; the answer says when it did' }),
})

const Point = z
  .object({
    period: z.string().openapi({ example: '2025' }),
    periodStart: z.string(),
    periodEnd: z.string(),
    value: z.string().nullable().openapi({ example: '37', description: 'null where only a target exists' }),
    numerator: z.string().nullable(),
    denominator: z.string().nullable(),
    reportedPeriods: z.number().int().openapi({ description: 'Reporting periods the value is built from' }),
    baseline: z.string().nullable(),
    target: z.string().nullable(),
    progress: z.string().nullable().openapi({
      example: '0.8333',
      description: '(actual − baseline) / (target − baseline), mirrored for decrease; 1 is on target',
    }),
    status: z.enum(['green', 'amber', 'red']).nullable(),
    unverified: z.boolean().openapi({ description: 'Built (partly) from submitted, unverified values' }),
  })
  .openapi('OutcomePoint')

const Series = z
  .object({
    assignmentId: z.uuid(),
    indicator: z.object({
      code: z.string(),
      nameNb: z.string(),
      nameEn: z.string(),
      unit: IndicatorUnit,
      aggregation: Aggregation,
      direction: Direction,
      personal: z.boolean(),
    }),
    frequency: Frequency,
    granularity: z
      .enum(['quarter', 'year'])
      .openapi({ description: 'As asked, except that yearly indicators have no quarters' }),
    baseline: z.string().nullable().openapi({ description: 'For one period of this granularity' }),
    window: z.object({
      value: z.string().nullable().openapi({ description: 'The whole window by the indicator’s semantics' }),
      numerator: z.string().nullable(),
      denominator: z.string().nullable(),
    }),
    points: z.array(Point),
  })
  .openapi('OutcomeSeries')

export const TimeSeries = z
  .object({
    ventureId: z.uuid(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    includeUnverified: z.boolean(),
    includesUnverified: z.boolean().openapi({ description: 'Some value shown is not verified yet' }),
    series: z.array(Series),
  })
  .openapi('OutcomeTimeSeries')
