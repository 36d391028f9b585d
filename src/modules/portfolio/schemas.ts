import { z } from '@hono/zod-openapi'
import { AGGREGATIONS } from '../../domain/aggregation-kind.ts'
import { CapitalFigures, Instrument, SupportTotals } from '../capital/index.ts'
import { EconomicsWindowQuery, VentureEconomics } from '../economics/index.ts'
import { Theme, VentureStatus } from '../ventures/index.ts'

const Money = (description: string, example = '1250000.00') =>
  z.string().openapi({ description, example, pattern: '^-?[0-9]+\\.[0-9]{2}$' })

export const OrganizationQuery = EconomicsWindowQuery.extend({
  organization: z.uuid().optional().openapi({
    description:
      'The investor organization; required when you belong to several, and for platform administrators',
  }),
})

/** Capital figures plus non-financial support, for a venture or the whole portfolio. */
export const PortfolioFigures = CapitalFigures.extend({
  supportHours: z.string().openapi({ description: 'Competence hours given', example: '120.50' }),
  supportValue: Money(
    'Valued non-financial support: competence hours × hourly value + valued introductions',
    '180750.00',
  ),
  totalSupportValue: Money(
    'PRODUCT.md §2 support value: disbursed capital + valued non-financial support',
    '2180750.00',
  ),
}).openapi('PortfolioFigures')

export const PortfolioInvestment = z
  .object({
    id: z.uuid(),
    name: z.string(),
    instrument: Instrument,
    currency: z.string(),
    startDate: z.string(),
    figures: CapitalFigures,
  })
  .openapi('PortfolioInvestment')

const PortfolioIndicator = z
  .object({
    indicatorCode: z.string().openapi({ example: 'NO-WORK-01' }),
    nameNb: z.string(),
    nameEn: z.string(),
    unit: z.string(),
    aggregation: z.enum(AGGREGATIONS),
    direction: z.enum(['increase', 'decrease']),
    frequency: z.enum(['monthly', 'quarterly', 'yearly']),
    period: z.string().nullable().openapi({ description: 'The period of the latest verified value' }),
    value: z.string().nullable(),
    baseline: z.string().nullable(),
    target: z.string().nullable().openapi({ description: 'The target for that period' }),
    progress: z
      .string()
      .nullable()
      .openapi({ description: 'Fraction of the way from baseline to target (1 = on target)' }),
    status: z.enum(['green', 'amber', 'red']).nullable(),
  })
  .openapi('PortfolioIndicator')

const PortfolioReport = z
  .object({
    reportId: z.uuid().nullable().openapi({ description: 'Null for a due report not started yet' }),
    period: z.string().openapi({ example: '2026-Q3' }),
    dueDate: z.string().openapi({ example: '2026-10-30' }),
    status: z.enum(['draft', 'submitted', 'returned', 'verified', 'not_started']),
  })
  .openapi('PortfolioReport')

export const PeopleReached = z
  .object({
    total: z.string().openapi({
      description:
        'Σ of the verified units, in the window, of every outcome or impact indicator counted in people',
      example: '42',
      pattern: '^[0-9]+(\\.[0-9]+)?$',
    }),
    ventureCount: z.number().int().openapi({ description: 'Ventures with at least one person counted' }),
    indicatorCodes: z.array(z.string()).openapi({ description: 'The indicators counted, by code' }),
  })
  .openapi('PortfolioPeopleReached', {
    description:
      'People reached over the portfolio: summed over indicators and ventures, not de-duplicated. A person placed in work by two ventures, or counted by two indicators of one venture, counts twice (PRODUCT.md §3), so this is an upper bound, not a head count.',
  })

export const PortfolioSroi = z
  .object({
    ratio: z.string().nullable().openapi({
      description: 'Σ present value / Σ inputs, half-even to 2 decimals; null when the inputs are 0',
      example: '2.17',
    }),
    presentValue: Money('Σ present value of the evaluated ventures’ social value', '6519707.27'),
    inputs: Money('Σ inputs of the evaluated ventures', '3000000.00'),
    ventureCount: z.number().int().openapi({ description: 'Ventures with an SROI model' }),
  })
  .nullable()
  .openapi('PortfolioSroi', {
    description:
      'The portfolio’s SROI over the ventures with an SROI model, each over its own model’s window (latest version); null when no venture has one.',
  })

export const PortfolioVenture = z
  .object({
    id: z.uuid(),
    name: z.string().openapi({ example: 'Arbeidsglede AS' }),
    status: VentureStatus,
    themes: z.array(Theme),
    municipalities: z.array(z.string()),
    instruments: z.array(Instrument).openapi({ description: 'The instruments of its investments' }),
    figures: PortfolioFigures,
    investments: z.array(PortfolioInvestment),
    outcomes: z
      .array(PortfolioIndicator)
      .openapi({ description: 'Each assigned indicator against its target' }),
    reportsAwaitingVerification: z.array(PortfolioReport),
    overdueReports: z.array(PortfolioReport),
    economics: VentureEconomics.openapi({
      description: 'Cost per outcome, attribution and SROI for the window (`from`, `to`)',
    }),
  })
  .openapi('PortfolioVenture', {
    description:
      'A venture the investor has standing with. More sections (outcomes, reports) are added over time.',
  })

export const Portfolio = z
  .object({
    organization: z.object({ id: z.uuid(), name: z.string() }),
    currency: z.literal('NOK'),
    asOf: z.string().openapi({ description: 'Today in Norway', example: '2026-11-27' }),
    ventures: z.array(PortfolioVenture).openapi({ description: 'By name' }),
    totals: z.object({
      ventureCount: z.number().int(),
      investmentCount: z.number().int(),
      figures: PortfolioFigures,
      peopleReached: PeopleReached,
      sroi: PortfolioSroi,
    }),
    byInstrument: z
      .array(
        z.object({
          instrument: Instrument,
          investmentCount: z.number().int(),
          ventureCount: z.number().int(),
          figures: CapitalFigures,
        }),
      )
      .openapi({ description: 'Every instrument, in a fixed order, zeros included' }),
    disbursementsByYear: z
      .array(
        z.object({
          year: z.number().int().openapi({ example: 2024 }),
          committed: Money('Σ commitments dated that year'),
          disbursed: Money('Σ disbursements dated that year'),
          repaid: Money('Σ repayments dated that year', '100000.00'),
          outcomePayments: Money('Σ outcome payments dated that year', '0.00'),
        }),
      )
      .openapi({ description: 'From the first year with a transaction to the last, without gaps' }),
    support: SupportTotals,
    reports: z
      .object({
        awaitingVerification: z.number().int(),
        overdue: z.number().int(),
      })
      .openapi({ description: 'Counts over all ventures' }),
  })
  .openapi('Portfolio', {
    description:
      'An investor’s portfolio in NOK: each venture with its figures, totals, totals by instrument, flows by year and non-financial support. Roll-ups are sums of the per-investment figures (each rounded half-even once).',
  })
