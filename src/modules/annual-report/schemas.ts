import { z } from '@hono/zod-openapi'

const Money = (description: string) =>
  z
    .string()
    .openapi({ description: `${description}, NOK`, example: '1500000.00', pattern: '^-?[0-9]+\\.[0-9]{2}$' })
const Dec = (description: string, example = '20') => z.string().openapi({ description, example })
const DecOrNull = (description: string, example = '20') =>
  z.string().nullable().openapi({ description, example })
const VentureName = z
  .string()
  .nullable()
  .openapi({ description: 'The venture a portfolio row is about; null in a venture’s own report' })

const Year = z.coerce
  .number()
  .int()
  .min(1900)
  .max(2999)
  .openapi({ description: 'The calendar year (Oslo time) the report covers', example: 2025 })
const Lang = z.enum(['nb', 'en']).optional().openapi({
  description: 'Language of the report; by default the one Accept-Language asks for (English without one)',
  example: 'nb',
})

export const VentureAnnualReportQuery = z.object({
  year: Year,
  lang: Lang,
  investor: z.uuid().optional().openapi({
    description:
      'Whose attribution share and commentary: an investor organization of yours with standing here; by default your only one (none for the venture’s own members)',
  }),
})

export const PortfolioAnnualReportQuery = z.object({
  year: Year,
  lang: Lang,
  organization: z.uuid().optional().openapi({
    description: 'The investor organization; by default your only one (platform admins name it)',
  }),
})

export const PortfolioCommentaryQuery = PortfolioAnnualReportQuery.pick({ organization: true })

const Commentary = z
  .object({
    text: z.string().openapi({ description: 'The investor’s commentary, plain text with line breaks' }),
    updatedAt: z.string().openapi({ format: 'date-time', description: 'When it was last written' }),
  })
  .nullable()
  .openapi({ description: 'The investor’s commentary for the year; null when none is written or visible' })

const Point = z.object({
  period: z.string().openapi({ description: 'A period of the year (2025-Q1 … or 2025)', example: '2025-Q1' }),
  value: DecOrNull('The value in the period; null without a verified one'),
  target: DecOrNull('The target for the period; null without one'),
})

export const AnnualReport = z
  .object({
    kind: z
      .enum(['venture', 'portfolio'])
      .openapi({ description: 'A venture’s report or an investor portfolio’s' }),
    year: z.number().int().openapi({ description: 'The calendar year', example: 2025 }),
    language: z.enum(['nb', 'en']).openapi({ description: 'The language of names and notes' }),
    asOf: z.string().openapi({ format: 'date', description: 'The day the figures were read (Oslo)' }),
    title: z.string().openapi({ description: 'The report’s title in its language' }),
    subject: z
      .object({
        id: z.uuid().openapi({ description: 'The venture or investor organization' }),
        name: z.string().openapi({ description: 'Its name' }),
      })
      .openapi({ description: 'What the report is about' }),
    investor: z
      .object({
        id: z.uuid().openapi({ description: 'The investor organization' }),
        name: z.string().openapi({ description: 'Its name' }),
      })
      .nullable()
      .openapi({ description: 'Whose share and commentary the report shows; null for callers without one' }),
    capital: z
      .object({
        committedInYear: Money('Committed in the year'),
        disbursedInYear: Money('Disbursed in the year'),
        repaidInYear: Money('Repaid in the year'),
        outcomePaymentsInYear: Money('Outcome payments in the year'),
        committedToDate: Money('Committed up to today'),
        disbursedToDate: Money('Disbursed up to today'),
        undisbursedToDate: Money('Committed but not disbursed, today'),
        outstandingToDate: Money('Loans outstanding today'),
        supportHoursInYear: Dec('Competence hours given in the year', '120.00'),
        supportValueInYear: Money('Value of non-financial support given in the year'),
      })
      .openapi({
        description:
          'Capital and support: a venture’s from every investor recording it in Effekt; a portfolio’s from its investor',
      }),
    cost: z
      .object({
        disbursed: Money('Disbursed in the year (the cost of the outcomes)'),
        otherFunding: Money('Other funding dated in the year'),
        support: Money('Valued support in the year'),
        total: Money('What the year’s outcomes cost'),
      })
      .openapi({ description: 'The cost side of cost per outcome, as GET …/economics for the year' }),
    attributionShare: DecOrNull('The investor’s share of the capital disbursed to the venture', '0.666667'),
    keyFigures: z
      .array(
        z.object({
          ventureName: VentureName,
          indicatorCode: z.string().openapi({ description: 'The indicator', example: 'NO-WORK-01' }),
          name: z.string().openapi({ description: 'The indicator’s name in the report’s language' }),
          unit: z.string().openapi({ description: 'Its unit', example: 'people' }),
          value: DecOrNull('The year by the indicator’s aggregation; verified values only'),
          baseline: DecOrNull('The baseline'),
          target: DecOrNull('The year’s target'),
          progress: DecOrNull('Progress to target as a fraction (0.75 = 75 %)', '0.75'),
          status: z
            .enum(['green', 'amber', 'red'])
            .nullable()
            .openapi({ description: 'Red/amber/green against the target' }),
          smallCount: z.boolean().openapi({
            description: 'A count of 1 to threshold − 1 people, which municipal and open views suppress',
          }),
          points: z.array(Point).openapi({ description: 'The year’s periods, for the chart' }),
        }),
      )
      .openapi({
        description: 'Key figures against targets and baseline (a portfolio: verified units per venture)',
      }),
    outcomeCosts: z
      .array(
        z.object({
          ventureName: VentureName,
          indicatorCode: z.string().openapi({ description: 'The indicator' }),
          name: z.string().openapi({ description: 'Its name' }),
          unit: z.string().openapi({ description: 'Its unit' }),
          units: Dec('Verified units in the year'),
          costPerUnit: z
            .string()
            .nullable()
            .openapi({ description: 'Cost per unit, NOK; null without units' }),
          attributedUnits: DecOrNull('Units × the investor’s share', '13.33'),
        }),
      )
      .openapi({ description: 'Cost per outcome, as GET …/economics for the year' }),
    sroi: z
      .array(
        z.object({
          ventureName: VentureName,
          version: z.number().int().nullable().openapi({ description: 'The SROI model version' }),
          window: z
            .object({
              from: z.string().nullable().openapi({ description: 'First day of the model’s window' }),
              to: z.string().nullable().openapi({ description: 'Last day of the model’s window' }),
            })
            .openapi({ description: 'The model’s own window' }),
          inputs: Money('Inputs'),
          presentValue: Money('Present value of the impact'),
          ratio: DecOrNull('PV / inputs', '2.76'),
          netRatio: DecOrNull('(PV − inputs) / inputs', '1.76'),
          discountRate: DecOrNull('Percent', '4'),
          assumptions: z
            .array(
              z.object({
                indicatorCode: z.string().openapi({ description: 'The indicator' }),
                name: z.string().openapi({ description: 'Its name' }),
                quantity: Dec('Verified units in the model’s window'),
                proxy: Dec('Financial proxy, NOK per unit', '250000'),
                proxySource: z.string().openapi({ description: 'Where the proxy comes from' }),
                deadweight: Dec('Percent', '25'),
                attribution: Dec('Percent', '20'),
                displacement: Dec('Percent', '10'),
                dropOff: Dec('Percent', '30'),
                durationYears: z.number().int().openapi({ description: 'Years the impact lasts' }),
              }),
            )
            .openapi({ description: 'The assumptions per indicator (venture reports)' }),
        }),
      )
      .openapi({ description: 'The newest SROI model of the venture (of each venture in a portfolio)' }),
    portfolioSroi: z
      .object({
        ratio: DecOrNull('Σ PV / Σ inputs', '2.10'),
        presentValue: Money('Σ present value'),
        inputs: Money('Σ inputs'),
        ventureCount: z.number().int().openapi({ description: 'Ventures with an SROI model' }),
      })
      .nullable()
      .openapi({ description: 'The portfolio’s SROI, as GET /v1/portfolio; null in venture reports' }),
    peopleReached: DecOrNull('Portfolio: people counted in the year (may count a person twice)'),
    ventures: z
      .array(
        z.object({
          ventureId: z.uuid().openapi({ description: 'The venture' }),
          name: z.string().openapi({ description: 'Its name' }),
          committedInYear: Money('Committed by the investor in the year'),
          disbursedInYear: Money('Disbursed by the investor in the year'),
          disbursedToDate: Money('Disbursed by the investor up to today'),
          peopleInYear: Dec('People counted in the year'),
          sroiRatio: DecOrNull('The venture’s SROI ratio', '2.76'),
        }),
      )
      .openapi({ description: 'Portfolio: one line per venture' }),
    narrative: z
      .array(
        z.object({
          ventureName: z.string().openapi({ description: 'The venture' }),
          period: z.string().openapi({ description: 'The report’s period', example: '2025-Q4' }),
          highlights: z.string().openapi({ description: 'Highlights' }),
          challenges: z.string().openapi({ description: 'Challenges' }),
          nextSteps: z.string().openapi({ description: 'Next steps' }),
        }),
      )
      .openapi({ description: 'The story behind the numbers, from verified reports of the year' }),
    commentary: Commentary,
    notes: z
      .array(
        z.object({
          code: z.string().openapi({ description: 'A stable name for the note', example: 'verified-only' }),
          text: z.string().openapi({ description: 'The note in the report’s language' }),
        }),
      )
      .openapi({
        description: 'What a reader must know: verified values only, disclosure control, double counting',
      }),
  })
  .openapi('AnnualReport', {
    description: 'The annual impact report of a venture or an investor portfolio (issue 20)',
  })

export const PutCommentary = z
  .object({
    year: Year,
    text: z.string().max(8000).openapi({
      description: 'The commentary (plain text, line breaks kept; empty clears it)',
      example: 'A strong year: the venture doubled its placements.',
    }),
    investor: z.uuid().optional().openapi({
      description:
        'Venture commentary: which of your investor organizations writes; by default your only one',
    }),
  })
  .strict()
  .openapi('PutAnnualCommentary')

export const AnnualCommentary = z
  .object({
    investorOrgId: z.uuid().openapi({ description: 'The investor organization that wrote it' }),
    ventureId: z.uuid().nullable().openapi({ description: 'The venture; null for the portfolio' }),
    year: z.number().int().openapi({ description: 'The year' }),
    text: z.string().openapi({ description: 'The commentary' }),
    updatedAt: z.string().openapi({ format: 'date-time', description: 'When it was written' }),
    updatedBy: z.uuid().nullable().openapi({ description: 'The user who wrote it' }),
  })
  .openapi('AnnualCommentary')
