import { z } from '@hono/zod-openapi'
import { IsoDate, Text } from '../capital/index.ts'

/**
 * SROI request and response shapes (PRODUCT.md §5). Decimals travel as strings; percentages in
 * percent ("25" is 25 %). Ranges are checked by the domain (validateSroiAssumptions) so the API
 * and the domain give the same messages; zod only checks shapes here.
 */
const DecimalText = (description: string, example: string) =>
  z.string().max(30).openapi({ type: 'string', description, example })

export const SroiOutcomeInput = z
  .object({
    indicatorCode: z.string().max(40).openapi({ example: 'NO-WORK-01' }),
    proxy: DecimalText('Financial proxy: NOK of value per unit per year (0 or more)', '250000'),
    proxySource: z.string().trim().min(1).max(2000).openapi({
      description: 'Where the proxy comes from, for readers to judge it',
      example: 'Average public saving per person leaving benefits for work (NAV 2024)',
    }),
    deadweight: DecimalText('Percent of the outcome that would have happened anyway (0–100)', '25'),
    attribution: DecimalText('Percent of the outcome due to others (0–100)', '20'),
    displacement: DecimalText('Percent of the outcome that displaces outcomes elsewhere (0–100)', '10'),
    dropOff: DecimalText('Percent by which the outcome declines each year after the first (0–100)', '30'),
    durationYears: z.number().openapi({
      type: 'integer',
      description: 'How many years the outcome lasts (whole years, 1–50)',
      example: 3,
    }),
  })
  .strict()
  .openapi('SroiOutcomeInput')

export const PutSroi = z
  .object({
    discountRate: DecimalText(
      'Percent per year (0–100); default 4, Norwegian public guidance',
      '4',
    ).optional(),
    inputs: z.string().max(30).nullable().optional().openapi({
      type: 'string',
      description:
        'NOK invested, to override the default (disbursed capital + other funding + valued support in the window); null or absent for the default',
      example: '2000000.00',
    }),
    inputsNote: Text(2000, 'Why the inputs are overridden', 'Includes the founders’ unpaid time').optional(),
    window: z
      .object({
        from: IsoDate('First day counted (outcomes: whole periods from this day)', '2025-01-01').optional(),
        to: IsoDate('Last day counted', '2025-12-31').optional(),
      })
      .strict()
      .optional()
      .openapi({ description: 'Which verified outcomes and inputs count; open on a side left out' }),
    note: Text(2000, 'What changed in this version', 'Proxy updated to NAV 2024 figures').optional(),
    outcomes: z.array(SroiOutcomeInput).max(50).openapi({ description: 'One per valued indicator' }),
  })
  .strict()
  .openapi('PutSroi', {
    example: {
      discountRate: '4',
      window: { from: '2025-01-01', to: '2025-12-31' },
      outcomes: [
        {
          indicatorCode: 'NO-WORK-01',
          proxy: '250000',
          proxySource: 'Average public saving per person into work (NAV 2024)',
          deadweight: '25',
          attribution: '20',
          displacement: '10',
          dropOff: '30',
          durationYears: 3,
        },
      ],
    },
  })
export type PutSroiInput = z.infer<typeof PutSroi>

export const SroiQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: 'A model version; the newest when left out', example: 1 }),
})

const Money = (description: string, example = '2000000.00') =>
  z.string().openapi({ description, example, pattern: '^-?[0-9]+\\.[0-9]{2}$' })

const SensitivityPoint = z.object({
  value: z.string().nullable().openapi({
    description:
      'The assumption after the move (percent for rates, NOK for proxies, years for durations); null when outcomes differ',
    example: '35',
  }),
  outcomeValues: z
    .array(z.string())
    .openapi({ description: 'Per outcome, in model order; empty for the discount rate' }),
  ratio: z.string().nullable().openapi({ example: '2.39' }),
})

export const Sroi = z
  .object({
    ventureId: z.uuid(),
    version: z.number().int().openapi({ example: 2 }),
    createdAt: z.iso.datetime(),
    createdBy: z.uuid().nullable(),
    createdByOrgId: z.uuid().nullable().openapi({ description: 'The organization that wrote this version' }),
    note: z.string(),
    versions: z
      .array(z.object({ version: z.number().int(), createdAt: z.iso.datetime(), note: z.string() }))
      .openapi({ description: 'Every version, newest first; read one with `?version=`' }),
    window: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    discountRate: z.string().openapi({ description: 'Percent per year', example: '4' }),
    inputs: z.object({
      amount: Money('What the ratio divides by, NOK'),
      source: z.enum(['computed', 'override']),
      note: z.string(),
      disbursed: Money('Capital disbursed to the venture in the window by investors recording it in Effekt'),
      otherFunding: Money('Other funding the venture reports in the window', '0.00'),
      support: Money('Valued non-financial support in the window', '0.00'),
    }),
    outcomes: z.array(
      z.object({
        indicatorCode: z.string().openapi({ example: 'NO-WORK-01' }),
        nameNb: z.string(),
        nameEn: z.string(),
        unit: z.string().openapi({ example: 'people' }),
        proxy: z.string().openapi({ example: '250000' }),
        proxySource: z.string(),
        deadweight: z.string().openapi({ example: '25' }),
        attribution: z.string().openapi({ example: '20' }),
        displacement: z.string().openapi({ example: '10' }),
        dropOff: z.string().openapi({ example: '30' }),
        durationYears: z.number().int().openapi({ example: 3 }),
        quantity: z.string().openapi({ description: 'Verified units in the window', example: '20' }),
        periods: z
          .array(
            z.object({
              period: z.string().openapi({ example: '2025-Q1' }),
              value: z.string().openapi({ example: '5' }),
              reportId: z.uuid(),
              revision: z.number().int(),
            }),
          )
          .openapi({ description: 'The verified report values the quantity came from' }),
        impactByYear: z.array(z.string()).openapi({ example: ['2700000.00', '1890000.00', '1323000.00'] }),
        presentValue: Money('Discounted impact of this outcome', '5519707.27'),
      }),
    ),
    impactByYear: z.array(z.string()).openapi({ description: 'All outcomes, year 1 first' }),
    presentValue: Money('Σ impact_t / (1 + r)^t', '5519707.27'),
    ratio: z
      .string()
      .nullable()
      .openapi({ description: 'PV / inputs; null when inputs are 0', example: '2.76' }),
    netRatio: z.string().nullable().openapi({ description: '(PV − inputs) / inputs', example: '1.76' }),
    paybackMonths: z.string().nullable().openapi({
      description: 'inputs / (year-1 impact / 12); null when year-1 impact is 0',
      example: '8.9',
    }),
    sensitivity: z
      .object({
        step: z.object({
          rates: z.string().openapi({
            description: 'Percentage points for deadweight, attribution, displacement, drop-off',
            example: '10',
          }),
          proxy: z.string().openapi({ description: 'Percent of each proxy', example: '10' }),
          discountRate: z.string().openapi({ description: 'Percentage points', example: '1' }),
          durationYears: z.number().int().openapi({ example: 1 }),
        }),
        rows: z.array(
          z.object({
            assumption: z.enum([
              'deadweight',
              'attribution',
              'displacement',
              'dropOff',
              'proxy',
              'discountRate',
              'durationYears',
            ]),
            low: SensitivityPoint,
            base: SensitivityPoint,
            high: SensitivityPoint,
          }),
        ),
      })
      .openapi({
        description: 'The ratio with each assumption moved down and up by a step (clamped to its range)',
      }),
  })
  .openapi('Sroi', {
    description:
      'A venture’s SROI model version evaluated against the verified outcomes known now. Money in NOK, 2 decimals; ratios 2 decimals; payback months 1 decimal.',
  })
