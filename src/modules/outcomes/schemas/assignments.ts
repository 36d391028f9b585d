import { z } from '@hono/zod-openapi'
import { DecimalString, Frequency, IsoDate, PeriodKey } from './common.ts'
import { Indicator } from './indicators.ts'

const Baseline = z
  .object({
    value: DecimalString,
    date: IsoDate,
  })
  .openapi('Baseline', {
    description:
      'The value before the venture’s work, per reporting period (a quarter’s flow for a quarterly flow indicator), and the date it describes',
  })

const TargetIn = z.object({
  period: PeriodKey.openapi({ example: '2026' }),
  value: DecimalString.openapi({ example: '40' }),
})

export const Target = z
  .object({
    period: z.string().openapi({ example: '2026' }),
    value: z.string().openapi({ example: '40' }),
    locked: z.boolean().openapi({
      description: 'The report that closes this period is verified: the target can no longer change',
    }),
  })
  .openapi('Target')

export const Assignment = z
  .object({
    id: z.uuid(),
    ventureId: z.uuid(),
    indicatorCode: z.string().openapi({ example: 'NO-WORK-01' }),
    indicator: Indicator,
    frequency: Frequency,
    startDate: z.string().openapi({ example: '2024-01-01' }),
    endDate: z.string().nullable(),
    baseline: Baseline.nullable(),
    targets: z.array(Target),
    createdByOrgId: z.uuid().nullable().openapi({ description: 'The organization that set it up' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Assignment')

export const CreateAssignment = z
  .object({
    indicatorCode: z.string().max(40).openapi({ example: 'NO-WORK-01' }),
    frequency: Frequency,
    startDate: IsoDate,
    endDate: IsoDate.nullable().optional(),
    baseline: Baseline.nullable().optional(),
    targets: z
      .array(TargetIn)
      .max(500)
      .optional()
      .openapi({ description: 'Per period of the assignment’s frequency, or per year' }),
  })
  .openapi('CreateAssignment')

export const UpdateAssignment = z
  .object({
    endDate: IsoDate.nullable().optional(),
    baseline: Baseline.nullable().optional(),
    targets: z
      .array(z.object({ period: PeriodKey, value: DecimalString.nullable() }))
      .max(500)
      .optional()
      .openapi({
        description:
          'Targets to set (or remove, with `value: null`); others stay. A locked target answers 409.',
      }),
  })
  .strict()
  .openapi('UpdateAssignment')

export const AssignmentIdParam = z.object({
  id: z.uuid().openapi({
    param: { name: 'id', in: 'path' },
    description: 'The assignment',
    example: '5a1c7a0e-3b0f-4f57-9a3e-9d1f6c0a2b44',
  }),
})
