import { z } from '@hono/zod-openapi'
import { parsePeriod } from '../../domain/periods.ts'
import { IsoDate, MoneyOrZeroString, Text } from '../capital/index.ts'

/** Units: 0 or more, plain decimal string, at most 6 decimals. */
const Units = (description: string, example: string) =>
  z
    .string()
    .regex(
      /^(0|[1-9]\d{0,14})(\.\d{1,6})?$/,
      'Must be 0 or more, written as a decimal string such as "2" or "2.5".',
    )
    .openapi({ type: 'string', description, example })

export const ContractFrequency = z
  .enum(['monthly', 'quarterly', 'yearly'])
  .openapi('ContractFrequency', { description: 'How often a statement is drawn up' })

export const PricedMetricInput = z
  .object({
    indicatorCode: z.string().max(40).openapi({ example: 'NO-WORK-01' }),
    label: Text(200, 'What the payment is for', 'Job start (40 %)').optional(),
    pricePerUnit: MoneyOrZeroString('NOK paid per unit above the baseline (0 or more, at most 2 decimals)'),
    baselineUnitsPerPeriod: Units(
      'Units per period the payer would expect anyway; only units above it are paid',
      '2',
    )
      .optional()
      .openapi({ description: 'Default 0' }),
    unitCap: Units('Most units paid for over the whole contract; null or absent for no cap', '40')
      .nullable()
      .optional(),
  })
  .strict()
  .openapi('PricedMetricInput')

export const CreateContract = z
  .object({
    name: z.string().trim().min(1).max(200).openapi({ example: 'Jobbsjansen Follo 2024–2025' }),
    description: Text(5000, 'Free text', 'Effektkontrakt for overgang til arbeid').optional(),
    payerOrgId: z.uuid().openapi({ description: 'The paying municipality or agency' }),
    providerVentureId: z.uuid().openapi({ description: 'The venture delivering the outcomes' }),
    investors: z.array(z.uuid()).min(1).max(10).openapi({
      description:
        'Investor organizations financing the contract; the first is the lead, on whose outcome_contract investment payments are recorded',
    }),
    partners: z.array(z.uuid()).max(10).optional().openapi({
      description: 'Other municipalities or agencies (e.g. NAV) that follow the contract (read only)',
    }),
    investmentId: z.uuid().optional().openapi({
      description:
        'An existing outcome_contract investment (NOK) of one of the investors in the provider to record payments on; by default one is created for the lead investor',
    }),
    frequency: ContractFrequency.default('quarterly'),
    startDate: IsoDate('First day of the first statement period', '2024-01-01'),
    endDate: IsoDate('Last day of the last statement period', '2025-12-31'),
    totalCap: MoneyOrZeroString('Most paid over the whole contract, NOK; null or absent for no cap')
      .nullable()
      .optional(),
    metrics: z.array(PricedMetricInput).min(1).max(10).openapi({
      description:
        'Priced outcome metrics, in the order caps are applied (list milestones in the order they happen: enrolment, job start, six months in work)',
    }),
  })
  .strict()
  .openapi('CreateContract', {
    example: {
      name: 'Jobbsjansen Follo 2024–2025',
      payerOrgId: '5a1c7a0e-3b0f-4f57-9a3e-9d1f6c0a2b44',
      providerVentureId: '0b8f9a3e-8f0e-4a8c-9f1e-2d6f1c0e7a11',
      investors: ['3f0c6b1e-5c1a-4d7e-9a57-0d3f1f7c9b11'],
      frequency: 'quarterly',
      startDate: '2024-01-01',
      endDate: '2025-12-31',
      totalCap: '1500000.00',
      metrics: [
        {
          indicatorCode: 'NO-WORK-01',
          label: 'Job start',
          pricePerUnit: '50000.00',
          baselineUnitsPerPeriod: '2',
          unitCap: '30',
        },
      ],
    },
  })
export type CreateContractInput = z.infer<typeof CreateContract>

const Money = (description: string, example = '150000.00') =>
  z.string().openapi({ description, example, pattern: '^-?[0-9]+\\.[0-9]{2}$' })

const Org = z.object({ id: z.uuid(), name: z.string() })

export const ApprovedSummary = z.object({
  period: z.string().openapi({ example: '2024-Q1' }),
  total: Money('Paid with this statement'),
  approvedAt: z.iso.datetime(),
  transactionId: z
    .uuid()
    .nullable()
    .openapi({ description: 'The outcome_payment ledger entry; null for a 0 statement' }),
})

export const Contract = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    payer: Org.extend({ kind: z.string().openapi({ example: 'municipality' }) }),
    provider: Org,
    investors: z.array(Org).openapi({ description: 'The lead investor first' }),
    partners: z.array(Org.extend({ kind: z.string() })),
    investmentId: z
      .uuid()
      .openapi({ description: 'The outcome_contract investment that receives the payments' }),
    frequency: ContractFrequency,
    startDate: z.string().openapi({ example: '2024-01-01' }),
    endDate: z.string().openapi({ example: '2025-12-31' }),
    totalCap: Money('NOK; null for no cap', '1500000.00').nullable(),
    currency: z.literal('NOK'),
    metrics: z.array(
      z.object({
        indicatorCode: z.string().openapi({ example: 'NO-WORK-01' }),
        label: z.string(),
        pricePerUnit: Money('NOK per unit', '50000.00'),
        baselineUnitsPerPeriod: z.string().openapi({ example: '2' }),
        unitCap: z.string().nullable().openapi({ example: '30' }),
      }),
    ),
    status: z.enum(['pending', 'active', 'declined']).openapi({
      description:
        'pending until every named party’s administrator has accepted (then active); declined when one declined. Only an active contract has statements and gives access to the provider’s verified values',
    }),
    acceptances: z
      .array(
        z.object({
          organization: Org.extend({ kind: z.string() }),
          role: z.enum(['payer', 'provider', 'investor', 'partner']),
          decision: z.enum(['pending', 'accepted', 'declined']),
          decidedAt: z.iso.datetime().nullable(),
          reason: z.string(),
        }),
      )
      .openapi({ description: 'Each named party’s decision: payer, provider, investors, partners' }),
    statements: z.array(ApprovedSummary).openapi({ description: 'Approved statements, in period order' }),
    paidToDate: Money('Σ approved statements'),
    createdAt: z.iso.datetime(),
  })
  .openapi('OutcomeContract')

export const ContractDecision = z
  .object({
    organizationId: z.uuid().optional().openapi({
      description:
        'The party you decide for; needed only when you administer several undecided parties of the contract',
    }),
    reason: Text(2000, 'Why (shown to the other parties)', 'Prisene er avklart med NAV.').optional(),
  })
  .strict()
  .openapi('ContractDecision')

export const StatementQuery = z.object({
  period: z
    .string()
    .refine((s) => parsePeriod(s) !== null, 'Must be a period: YYYY, YYYY-Qn or YYYY-MM.')
    .openapi({ description: 'A statement period of the contract’s frequency', example: '2024-Q1' }),
})

export const StatementParams = z.object({
  id: z.uuid().openapi({
    param: { name: 'id', in: 'path' },
    description: 'The outcome contract',
    example: '0b8f9a3e-8f0e-4a8c-9f1e-2d6f1c0e7a11',
  }),
  period: z
    .string()
    .refine((s) => parsePeriod(s) !== null, 'Must be a period: YYYY, YYYY-Qn or YYYY-MM.')
    .openapi({
      param: { name: 'period', in: 'path' },
      description: 'The contract period, e.g. 2024-Q1 for quarterly contracts',
      example: '2024-Q1',
    }),
})

const PaidUnits = z.string().openapi({ example: '3' })

export const Statement = z
  .object({
    contractId: z.uuid(),
    period: z.string().openapi({ example: '2024-Q2' }),
    periodStart: z.string(),
    periodEnd: z.string(),
    status: z.enum(['draft', 'approved']).openapi({
      description: 'draft: what would be paid if approved now; approved: as approved, never recomputed',
    }),
    approvable: z.boolean().openapi({ description: 'Whether the payer may approve it now' }),
    notApprovableReason: z.string().nullable(),
    lines: z.array(
      z.object({
        indicatorCode: z.string(),
        label: z.string(),
        units: z.string().openapi({ description: 'Verified units this period', example: '5' }),
        baseline: z.string().openapi({ example: '2' }),
        eligibleUnits: z.string().openapi({ description: 'max(0, units − baseline)', example: '3' }),
        paidUnits: PaidUnits,
        pricePerUnit: Money('NOK', '50000.00'),
        amount: Money('NOK'),
        capped: z.boolean(),
        cappedBy: z.enum(['unit_cap', 'total_cap']).nullable(),
      }),
    ),
    adjustments: z
      .array(
        z.object({
          indicatorCode: z.string(),
          label: z.string(),
          forPeriod: z.string().openapi({ example: '2024-Q1' }),
          units: z.string().openapi({ description: 'Change in paid units (signed)', example: '1' }),
          amount: Money('Signed: positive pays more, negative reclaims', '50000.00'),
          recomputed: z.object({ paidUnits: z.string(), amount: Money('NOK') }),
          approved: z.object({ units: z.string(), amount: Money('NOK') }),
        }),
      )
      .openapi({
        description:
          'Corrections of earlier periods: what they should have paid with today’s verified values, minus what approved statements paid for them',
      }),
    currentTotal: Money('Σ lines'),
    adjustmentTotal: Money('Σ adjustments', '0.00'),
    total: Money('currentTotal + adjustmentTotal (signed)'),
    payable: Money('max(total, 0): what an approval records as an outcome payment'),
    clawback: Money('max(−total, 0): owed back; set off against the next statement', '0.00'),
    paidBefore: Money('Σ statements approved before this one', '0.00'),
    cumulativePaid: Money('paidBefore + total'),
    remainingTotalCap: Money('totalCap − cumulativePaid; null without a cap').nullable(),
    sources: z
      .array(
        z.object({
          indicatorCode: z.string(),
          statementPeriod: z.string().openapi({ example: '2024-Q1' }),
          reportPeriod: z.string().openapi({ example: '2024-Q1' }),
          value: z.string(),
          reportId: z.uuid(),
          revision: z.number().int(),
        }),
      )
      .openapi({ description: 'The verified report values behind this statement’s lines and adjustments' }),
    approval: z
      .object({
        approvedAt: z.iso.datetime(),
        approvedBy: z.uuid().nullable(),
        approvedByLabel: z.string(),
        transactionId: z.uuid().nullable(),
      })
      .nullable(),
  })
  .openapi('OutcomeStatement', {
    description:
      'What is payable for one period (PRODUCT.md §5): Σ over priced metrics of min(remaining caps, max(0, verified units − baseline) × price), with caps applied cumulatively from the first period, plus adjustments for earlier periods whose verified values changed after approval.',
  })
