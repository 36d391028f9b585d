import { z } from '@hono/zod-openapi'
import { AmountString, HoursString, IsoDate, Text } from './fields.ts'

export const ContributionKind = z.enum(['network', 'competence']).openapi('ContributionKind')
export const NETWORK_RESULTS = [
  'customer_signed',
  'hire',
  'board_member',
  'partnership',
  'funding_raised',
  'pending',
  'no_result',
  'other',
] as const
export const NetworkResult = z.enum(NETWORK_RESULTS).openapi('NetworkResult', {
  description: 'What an introduction led to (pending while it is too early to say)',
})

const Money = (description: string, example = '15000.00') =>
  z.string().openapi({ description, example, pattern: '^[0-9]+\\.[0-9]{2}$' })
const Hours = z.string().openapi({ description: 'Hours (decimal string)', example: '37.50' })

const common = {
  date: IsoDate('When the support was given', '2026-05-12'),
  description: Text(2000, 'What was done', 'Introduced to the head of procurement').optional(),
  investorOrgId: z.uuid().optional().openapi({
    description: 'The investor organization giving it, when you may record for several',
  }),
}

const NetworkInput = z
  .object({
    kind: z.literal('network'),
    ...common,
    introducedParty: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .openapi({ description: 'Who the venture was introduced to', example: 'Follo Bygg AS' }),
    purpose: Text(500, 'Why', 'Customer for repair services').optional(),
    result: NetworkResult.optional(),
    value: AmountString(
      'Optional value of the introduction in NOK, where the investor can put one',
    ).optional(),
  })
  .strict()
  .openapi('NetworkContributionInput')

const CompetenceInput = z
  .object({
    kind: z.literal('competence'),
    ...common,
    hours: HoursString,
    hourlyValue: AmountString('NOK per hour; without it the hours count, at no value').optional(),
    topic: Text(200, 'The subject', 'Financial modelling').optional(),
    givenBy: Text(200, 'Who gave it', 'Partner, Nordlys Sosial Kapital').optional(),
  })
  .strict()
  .openapi('CompetenceContributionInput')

export const CreateContribution = z
  .discriminatedUnion('kind', [NetworkInput, CompetenceInput])
  .openapi('CreateContribution', {
    description: 'Network (an introduction and what came of it) or competence (hours of expertise) support',
  })
export type CreateContributionInput = z.infer<typeof CreateContribution>

export const Contribution = z
  .object({
    id: z.uuid(),
    ventureId: z.uuid(),
    investorOrgId: z.uuid(),
    investorName: z.string(),
    kind: ContributionKind,
    date: z.string().openapi({ example: '2026-05-12' }),
    description: z.string(),
    introducedParty: z.string().nullable(),
    purpose: z.string().nullable(),
    result: NetworkResult.nullable(),
    value: z.string().nullable().openapi({ description: 'Network: the value given, NOK' }),
    hours: z.string().nullable().openapi({ example: '7.50' }),
    hourlyValue: z.string().nullable().openapi({ example: '1500.00' }),
    topic: z.string().nullable(),
    givenBy: z.string().nullable(),
    valueNok: Money('hours × hourly value, or the network value; 0 when unvalued', '11250.00'),
    createdAt: z.iso.datetime(),
    createdBy: z.uuid().nullable(),
  })
  .openapi('Contribution')

export const SupportTotals = z
  .object({
    count: z.number().int(),
    network: z.number().int().openapi({ description: 'Network contributions' }),
    competence: z.number().int().openapi({ description: 'Competence contributions' }),
    hours: Hours,
    value: Money('Σ valued support, NOK, rounded half-even once'),
  })
  .openapi('SupportTotals')

export const InvestorSupportTotals = SupportTotals.extend({
  investorOrgId: z.uuid(),
  investorName: z.string(),
}).openapi('InvestorSupportTotals')

export const ContributionPage = z
  .object({
    items: z.array(Contribution),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page' }),
    totals: SupportTotals.openapi({ description: 'Over every page matching the filters' }),
    byInvestor: z.array(InvestorSupportTotals).openapi({ description: 'The same, per investor, by name' }),
  })
  .openapi('ContributionPage')

export const ContributionListQuery = z.object({
  investor: z.uuid().optional().openapi({ description: 'Only this investor organization’s support' }),
  kind: ContributionKind.optional().openapi({ description: 'Only this kind of support' }),
})

// ── other funding ────────────────────────────────────────────────────────────────────────────
export const FUNDING_INSTRUMENTS = [
  'grant',
  'loan',
  'equity',
  'convertible',
  'outcome_contract',
  'public_grant',
  'donation',
  'other',
] as const
export const FundingInstrument = z.enum(FUNDING_INSTRUMENTS).openapi('FundingInstrument')

export const CreateFunding = z
  .object({
    funderName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Required unless funderOrgId is given', example: 'Follo Sparebankstiftelse' }),
    funderOrgId: z.uuid().optional().openapi({
      description:
        'The funder’s organization in Effekt, if it has one and does not record this capital as its own investment',
    }),
    instrument: FundingInstrument,
    amountNok: AmountString('Capital received, NOK (positive, at most 2 decimals)'),
    date: IsoDate('When it was received', '2024-06-01'),
    note: Text(1000, 'Free text').optional(),
  })
  .strict()
  .openapi('CreateFunding')
export type CreateFundingInput = z.infer<typeof CreateFunding>

export const Funding = z
  .object({
    id: z.uuid(),
    ventureId: z.uuid(),
    funderName: z.string(),
    funderOrgId: z.uuid().nullable(),
    instrument: FundingInstrument,
    amountNok: Money('NOK', '500000.00'),
    date: z.string(),
    note: z.string(),
    createdAt: z.iso.datetime(),
    createdBy: z.uuid().nullable(),
  })
  .openapi('Funding')

export const VentureCapital = z
  .object({
    investments: Money('Σ disbursed by investors recording their investments in Effekt', '2000000.00'),
    otherFunding: Money('Σ other funding reported', '500000.00'),
    total: Money('All capital disbursed to the venture', '2500000.00'),
  })
  .openapi('VentureCapital', {
    description:
      'All capital disbursed to the venture, in NOK: the denominator of an investor’s attribution share',
  })

export const FundingPage = z
  .object({
    items: z.array(Funding),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page' }),
    capital: VentureCapital,
  })
  .openapi('FundingPage')
