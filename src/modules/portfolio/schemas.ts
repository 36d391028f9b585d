import { z } from '@hono/zod-openapi'
import { CapitalFigures, Instrument } from '../capital/schemas.ts'
import { SupportTotals } from '../capital/support-schemas.ts'
import { Theme, VentureStatus } from '../ventures/schemas.ts'

const Money = (description: string, example = '1250000.00') =>
  z.string().openapi({ description, example, pattern: '^-?[0-9]+\\.[0-9]{2}$' })

export const OrganizationQuery = z.object({
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
  })
  .openapi('Portfolio', {
    description:
      'An investor’s portfolio in NOK: each venture with its figures, totals, totals by instrument, flows by year and non-financial support. Roll-ups are sums of the per-investment figures (each rounded half-even once).',
  })
