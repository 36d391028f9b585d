import { z } from '@hono/zod-openapi'
import { parsePeriod } from '../../../domain/periods.ts'

/** Measured values travel as decimal strings, never JSON numbers (PRODUCT.md §2). */
export const DecimalString = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,10})?$/, 'Must be a decimal string such as "12" or "12.5" (a dot, no grouping).')
  .openapi({ type: 'string', example: '12', description: 'A decimal number as a string' })

export const PeriodKey = z
  .string()
  .refine(
    (s) => parsePeriod(s) !== null,
    'Must be a period: YYYY (year), YYYY-Qn (quarter) or YYYY-MM (month).',
  )
  .openapi({
    type: 'string',
    example: '2026-Q3',
    description: 'A reporting period: `2026`, `2026-Q3` or `2026-07`',
  })

export const IsoDate = z.iso.date().openapi({ example: '2024-01-01' })

export const Frequency = z
  .enum(['monthly', 'quarterly', 'yearly'])
  .openapi('Frequency', { description: 'How often the venture reports on an assignment' })

export const ReportStatus = z.enum(['draft', 'submitted', 'returned', 'verified']).openapi('ReportStatus', {
  description: 'draft → submitted → verified, or submitted → returned → submitted; verified is locked',
})

export const IndicatorCodeParam = z.object({
  code: z
    .string()
    .max(40)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'PI4060', description: 'The indicator code' }),
})

export const VentureIdParam = z.object({
  id: z.uuid().openapi({
    param: { name: 'id', in: 'path' },
    example: '0b8f9a3e-8f0e-4a8c-9f1e-2d6f1c0e7a11',
    description: 'The venture’s id',
  }),
})

export const IfMatchHeader = z.object({
  'if-match': z.string().optional().openapi({ description: 'The ETag you read; a stale one answers 412' }),
})
