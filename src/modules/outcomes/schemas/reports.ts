import { z } from '@hono/zod-openapi'
import { httpUrl, nullableRef } from '../../../http/openapi.ts'
import { DecimalString, Frequency, PeriodKey, ReportStatus } from './common.ts'
import { Aggregation, BreakdownDimension, IndicatorUnit } from './indicators.ts'

export const VerificationLevel = z
  .enum(['self_reported', 'document_checked', 'register_verified', 'audited'])
  .openapi('VerificationLevel', { description: 'How well the value is backed: self-reported up to audited' })

const BreakdownCellIn = z.object({
  dimension: z.string().max(20).openapi({ example: 'gender' }),
  category: z.string().max(20).openapi({ example: 'female' }),
  value: DecimalString.optional().openapi({
    description:
      'The category’s value; for a ratio indicator its rate, computed from numerator and denominator when left out',
  }),
  numerator: DecimalString.optional(),
  denominator: DecimalString.optional(),
})

export const ValueIn = z
  .object({
    indicatorCode: z.string().max(40).openapi({ example: 'NO-WORK-01' }),
    total: DecimalString.nullable().optional().openapi({
      description: 'Required; for a ratio indicator computed from numerator and denominator when left out',
    }),
    numerator: DecimalString.optional().openapi({ description: 'Ratio indicators only' }),
    denominator: DecimalString.optional().openapi({ description: 'Ratio indicators only' }),
    breakdowns: z.array(BreakdownCellIn).max(500).optional(),
    note: z.string().max(2000).optional(),
    evidence: z
      .array(httpUrl(1000))
      .max(20)
      .optional()
      .openapi({ description: 'Links to documentation backing the value' }),
    verificationLevel: VerificationLevel.optional(),
  })
  .openapi('ValueInput')

const Narrative = {
  highlights: z.string().max(5000).openapi({ description: 'What went well' }),
  challenges: z.string().max(5000).openapi({ description: 'What was hard' }),
  nextSteps: z.string().max(5000).openapi({ description: 'What happens next' }),
}

export const SaveValues = z
  .object({
    values: z.array(ValueIn).max(200).openapi({
      description: 'Every value of the current revision: values left out are removed from the draft',
    }),
    highlights: Narrative.highlights.optional(),
    challenges: Narrative.challenges.optional(),
    nextSteps: Narrative.nextSteps.optional(),
  })
  .strict()
  .openapi('SaveReportValues', {
    example: {
      values: [
        {
          indicatorCode: 'NO-WORK-01',
          total: '12',
          breakdowns: [
            { dimension: 'gender', category: 'female', value: '5' },
            { dimension: 'gender', category: 'male', value: '7' },
            { dimension: 'gender', category: 'other', value: '0' },
            { dimension: 'gender', category: 'unknown', value: '0' },
          ],
          note: 'Two of them at Coop Ski',
          evidence: ['https://example.org/evidence/2026-q3.pdf'],
          verificationLevel: 'document_checked',
        },
        { indicatorCode: 'PI3527', numerator: '12', denominator: '40' },
      ],
      highlights: 'Three new employer partners.',
    },
  })

const BreakdownCell = z.object({
  dimension: BreakdownDimension,
  category: z.string().openapi({ example: 'female' }),
  value: z.string().openapi({ example: '5' }),
  numerator: z.string().nullable(),
  denominator: z.string().nullable(),
})

export const Value = z
  .object({
    indicatorCode: z.string().openapi({ example: 'NO-WORK-01' }),
    assignmentId: z.uuid(),
    total: z.string().openapi({ example: '12' }),
    numerator: z.string().nullable(),
    denominator: z.string().nullable(),
    breakdowns: z.array(BreakdownCell),
    note: z.string(),
    evidence: z.array(z.string()),
    verificationLevel: VerificationLevel,
  })
  .openapi('Value')

const Expected = z
  .object({
    assignmentId: z.uuid(),
    indicatorCode: z.string(),
    nameNb: z.string(),
    nameEn: z.string(),
    unit: IndicatorUnit,
    aggregation: Aggregation,
    personal: z.boolean(),
    allowedBreakdowns: z.array(BreakdownDimension),
    reported: z.boolean().openapi({ description: 'The current revision has a value for it' }),
  })
  .openapi('ExpectedValue', { description: 'An indicator the report must carry a value for' })

const Revision = z
  .object({
    revision: z.number().int().openapi({ example: 1 }),
    status: ReportStatus,
    reason: z.string().nullable().openapi({ description: 'Why it was opened (an amendment’s reason)' }),
    openedAt: z.iso.datetime(),
    openedByUserId: z.uuid().nullable(),
    ...Narrative,
    values: z.array(Value),
  })
  .openapi('ReportRevision')

const Transition = z
  .object({
    revision: z.number().int(),
    action: z.enum(['create', 'submit', 'verify', 'return', 'amend']),
    fromStatus: nullableRef(ReportStatus),
    toStatus: ReportStatus,
    reason: z.string().nullable(),
    actorUserId: z.uuid().nullable(),
    actorLabel: z.string().openapi({ example: 'investor@demo.effekt.no' }),
    actorOrgId: z.uuid().nullable(),
    at: z.iso.datetime(),
    submittedValues: z.array(Value).nullable().openapi({
      description: 'For a submission: the values as submitted (a returned revision is corrected in place)',
    }),
  })
  .openapi('ReportTransition')

const periodFields = {
  period: z.string().openapi({ example: '2026-Q3' }),
  frequency: Frequency,
  periodStart: z.string().openapi({ example: '2026-07-01' }),
  periodEnd: z.string().openapi({ example: '2026-09-30' }),
  dueDate: z.string().openapi({ example: '2026-10-30', description: 'Period end + REPORT_DUE_DAYS' }),
  overdue: z.boolean().openapi({ description: 'Past the due date and not yet submitted (or returned)' }),
}

export const Report = z
  .object({
    id: z.uuid(),
    ventureId: z.uuid(),
    ...periodFields,
    status: ReportStatus,
    revision: z
      .number()
      .int()
      .openapi({ description: 'The current revision; every earlier one was verified' }),
    ...Narrative,
    expected: z.array(Expected),
    values: z.array(Value).openapi({ description: 'The current revision’s values' }),
    revisions: z.array(Revision),
    transitions: z.array(Transition),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Report')

export const ReportSummary = z
  .object({
    reportId: z.uuid().nullable().openapi({ description: 'null while the due report has not been started' }),
    ...periodFields,
    status: z.enum(['not_started', 'draft', 'submitted', 'returned', 'verified']),
    revision: z.number().int().nullable(),
    expectedCount: z.number().int().openapi({ description: 'Indicators the report must carry' }),
    updatedAt: z.iso.datetime().nullable(),
  })
  .openapi('ReportSummary')

export const ReportListQuery = z.object({
  status: z
    .enum(['not_started', 'draft', 'submitted', 'returned', 'verified'])
    .optional()
    .openapi({ description: 'Only reports in this state (`not_started`: due periods without a report)' }),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: '`true`: only overdue reports; `false`: only the others' }),
})

export const CreateReport = z.object({ period: PeriodKey }).openapi('CreateReport')

export const ReportIdParam = z.object({
  id: z.uuid().openapi({
    param: { name: 'id', in: 'path' },
    description: 'The report',
    example: '7d1e2f3a-4b5c-4d6e-8f90-1a2b3c4d5e6f',
  }),
})

export const Reason = z
  .object({
    reason: z
      .string({ error: 'A reason is required.' })
      .trim()
      .min(1, 'A reason is required.')
      .max(2000)
      .openapi({ example: 'The number placed in work counts two people twice.' }),
  })
  .openapi('Reason')

export const OptionalComment = z
  .object({ comment: z.string().trim().max(2000).optional() })
  .openapi('TransitionComment')
