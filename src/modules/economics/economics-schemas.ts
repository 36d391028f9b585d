import { z } from '@hono/zod-openapi'
import { isValidDate } from '../../domain/periods.ts'

const Money = (description: string, example = '1500000.00') =>
  z.string().openapi({ description, example, pattern: '^-?[0-9]+\\.[0-9]{2}$' })

const QueryDate = (description: string, example: string) =>
  z.string().refine(isValidDate, 'Must be a calendar date written YYYY-MM-DD.').optional().openapi({
    format: 'date',
    description,
    example,
  })

/** The window and options of GET /v1/ventures/{id}/economics (and the portfolio, when wired there). */
export const EconomicsQuery = z.object({
  from: QueryDate('First day of the window (inclusive); open when left out', '2025-01-01'),
  to: QueryDate('Last day of the window (inclusive); open when left out', '2025-12-31'),
  includeSupport: z.enum(['true', 'false']).optional().openapi({
    description: 'Add valued non-financial support to the cost (default false)',
    example: 'true',
  }),
  investor: z.uuid().optional().openapi({
    description:
      'Whose attribution share: an investor organization of yours with standing here; by default your only one (none for the venture’s own members)',
  }),
})

/** The window alone, for GET /v1/portfolio: `EconomicsWindowQuery.shape` extends its query. */
export const EconomicsWindowQuery = EconomicsQuery.pick({ from: true, to: true, includeSupport: true })

export const OutcomeEconomics = z
  .object({
    indicatorCode: z.string().openapi({ example: 'NO-WORK-01' }),
    nameNb: z.string(),
    nameEn: z.string().openapi({ example: 'People into ordinary employment' }),
    unit: z.string().openapi({ example: 'people' }),
    units: z.string().openapi({ description: 'Verified units in the window', example: '20' }),
    periods: z
      .array(z.string())
      .openapi({ description: 'The report periods counted', example: ['2025-Q1', '2025-Q2'] }),
    costPerUnit: Money('cost.total / units; null without units', '75000.00').nullable(),
    attributedUnits: z.string().nullable().openapi({
      description: 'units × attribution.share, 2 decimals; null without a share',
      example: '13.33',
    }),
  })
  .openapi('OutcomeEconomics')

export const VentureEconomics = z
  .object({
    ventureId: z.uuid(),
    window: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    includeSupport: z.boolean(),
    cost: z
      .object({
        disbursed: Money('Disbursed in the window by investors recording it in Effekt'),
        otherFunding: Money('Other funding the venture reports, dated in the window', '0.00'),
        support: Money('Valued non-financial support in the window', '0.00'),
        total: Money('disbursed + otherFunding (+ support when includeSupport)'),
      })
      .openapi({ description: 'What the outcomes cost, NOK' }),
    attribution: z
      .object({
        investorOrgId: z.uuid(),
        investorDisbursed: Money('The investor’s disbursed capital up to the window’s end', '1000000.00'),
        ventureDisbursed: Money(
          'All capital disbursed to the venture up to the window’s end, other funding included',
        ),
        share: z.string().nullable().openapi({
          description: 'investorDisbursed / ventureDisbursed, 6 decimals; null when 0',
          example: '0.666667',
        }),
      })
      .nullable(),
    outcomes: z.array(OutcomeEconomics).openapi({
      description: 'Outcome and impact indicators counted in people or things (flows), by code',
    }),
    sroi: z
      .object({
        version: z.number().int(),
        window: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
        inputs: Money('NOK'),
        presentValue: Money('NOK', '5519707.27'),
        ratio: z.string().nullable().openapi({ example: '2.76' }),
        netRatio: z.string().nullable().openapi({ example: '1.76' }),
      })
      .nullable()
      .openapi({ description: 'The newest SROI model, over its own window; null without a model' }),
  })
  .openapi('VentureEconomics', {
    description:
      'Cost per outcome, the investor’s attribution share and attributed outcomes, and the newest SROI ratio (PRODUCT.md §5). Only verified outcomes count.',
  })
