import { z } from '@hono/zod-openapi'
import { INSTRUMENTS, TRANSACTION_TYPES } from '../../domain/ledger.ts'
import {
  AmountString,
  Currency,
  IsoDate,
  MoneyOrZeroString,
  PercentString,
  RateString,
  Text,
} from './fields.ts'

export const Instrument = z.enum(INSTRUMENTS).openapi('Instrument', {
  description: 'grant, loan, equity, convertible (a loan that may convert to equity) or outcome_contract',
})
export const TransactionType = z.enum(TRANSACTION_TYPES).openapi('TransactionType')

const Money = (description: string, example = '1250000.00') =>
  z.string().openapi({ description, example, pattern: '^-?[0-9]+\\.[0-9]{2}$' })

export const Valued = z
  .object({ date: z.string().openapi({ example: '2025-12-31' }), value: Money('Fair value, NOK') })
  .openapi('DatedValue')

/** PRODUCT.md §2: every figure in NOK, each entry converted at its own rate, rounded half-even once. */
export const CapitalFigures = z
  .object({
    committed: Money('Σ commitments'),
    disbursed: Money('Σ disbursements'),
    undisbursed: Money('committed − disbursed, never below 0', '250000.00'),
    overDisbursed: Money('disbursed − committed when positive, else 0', '0.00'),
    repaid: Money('Σ repayments (loans, convertibles)', '300000.00'),
    interest: Money('Σ interest received', '45000.00'),
    writtenOff: Money('Σ write-offs', '0.00'),
    outstanding: Money('Loans and convertibles: disbursed − repaid − written off; 0 for others', '700000.00'),
    equityPurchased: Money('Σ equity purchases', '0.00'),
    equitySold: Money('Σ equity sales', '0.00'),
    outcomePayments: Money('Σ outcome payments received', '0.00'),
    latestValuation: Valued.nullable().openapi({
      description:
        'Equity and convertibles: the newest fair value (summed over investments in roll-ups, dated by the newest)',
    }),
  })
  .openapi('CapitalFigures', {
    description:
      'Derived figures in NOK (decimal strings, 2 decimals). Reversals count negatively. Roll-ups are sums of the per-investment figures.',
  })

export const Investment = z
  .object({
    id: z.uuid(),
    ventureId: z.uuid(),
    ventureName: z.string().openapi({ example: 'Arbeidsglede AS' }),
    investorOrgId: z.uuid(),
    investorName: z.string().openapi({ example: 'Nordlys Sosial Kapital' }),
    name: z.string().openapi({ example: 'Loan 2020' }),
    instrument: Instrument,
    currency: z.string().openapi({ example: 'NOK' }),
    startDate: z.string().openapi({ example: '2020-03-01' }),
    interestRate: z.string().nullable().openapi({ description: 'Percent per year', example: '4.5' }),
    maturityDate: z.string().nullable().openapi({ example: '2027-03-01' }),
    ownershipPct: z
      .string()
      .nullable()
      .openapi({ description: 'Percent of the venture owned', example: null }),
    description: z.string(),
    figures: CapitalFigures,
    consent: z.enum(['pending', 'accepted', 'declined']).openapi({
      description:
        'The venture’s consent. Only an accepted investment gives the investor detailed access to the venture; a pending one waits for the venture’s administrators (POST /v1/investments/{id}/accept or /decline)',
    }),
    consentDecidedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('Investment')

export const CreateInvestment = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .openapi({ description: 'A name people recognise', example: 'Loan 2020' }),
    instrument: Instrument,
    currency: Currency.default('NOK').openapi({
      description: 'The currency of the agreement (default NOK); transactions default to it',
    }),
    startDate: IsoDate('The agreement’s start date', '2020-03-01'),
    interestRate: PercentString(
      'Loans and convertibles: interest, percent per year (0–100)',
      false,
    ).optional(),
    maturityDate: IsoDate('Loans and convertibles: when it falls due', '2027-03-01').optional(),
    ownershipPct: PercentString('Equity and convertibles: percent owned (0–100]', true).optional(),
    description: Text(5000, 'Free text').optional(),
    investorOrgId: z.uuid().optional().openapi({
      description: 'The investor organization recording it, when you may record for several',
    }),
  })
  .strict()
  .openapi('CreateInvestment')
export type CreateInvestmentInput = z.infer<typeof CreateInvestment>

export const InvestmentListQuery = z.object({
  investor: z.uuid().optional().openapi({ description: 'Only this investor organization’s investments' }),
})

export const Transaction = z
  .object({
    id: z.uuid(),
    investmentId: z.uuid(),
    type: TransactionType,
    date: z.string().openapi({ example: '2026-03-15' }),
    amount: Money('Positive, in `currency`'),
    currency: z.string().openapi({ example: 'NOK' }),
    rateToNok: z.string().nullable().openapi({ description: 'NOK per unit of `currency`; null for NOK' }),
    amountNok: Money('amount × rate, rounded half-even (positive; a reversal counts negatively in totals)'),
    reversesId: z.uuid().nullable().openapi({ description: 'The entry this one reverses' }),
    reversedById: z.uuid().nullable().openapi({ description: 'The entry that reverses this one, if any' }),
    overCommitment: z.boolean().openapi({ description: 'Recorded beyond what is committed, knowingly' }),
    note: z.string(),
    createdAt: z.iso.datetime(),
    createdBy: z.uuid().nullable(),
    payerOrgId: z.uuid().nullable().openapi({
      description:
        'Outcome payments: the organization that paid (a municipality, an agency), when recorded. Null for other types and for reversals (a reversal has its original’s payer).',
    }),
  })
  .openapi('Transaction')

export const CreateTransaction = z
  .object({
    type: TransactionType.optional().openapi({
      description: 'Required, unless `reversesId` is given (then the original’s type)',
    }),
    date: IsoDate('The value date; at most FUTURE_DATE_HORIZON_DAYS after today'),
    amount: AmountString(
      'Positive decimal string, at most 2 decimals, in `currency`. Required unless `reversesId` is given (then the original’s amount).',
    ).optional(),
    currency: Currency.optional().openapi({
      description: 'Default: the investment’s currency (or the original’s, for a reversal)',
    }),
    rateToNok: RateString.optional(),
    reversesId: z.uuid().optional().openapi({
      description:
        'Makes this entry a reversal of that one (the way to correct a mistake): same type, amount, currency and rate, counted negatively. An entry is reversed once; a reversal is never reversed.',
    }),
    overCommitment: z.boolean().default(false).openapi({
      description:
        'Confirms a disbursement (or a reversed commitment) that leaves more disbursed than committed',
    }),
    note: Text(1000, 'Free text', 'First tranche').optional(),
    payerOrgId: z.uuid().optional().openapi({
      description:
        'Outcome payments only: the organization that paid (its id), shown as provider-org in the IATI export. Refused on other types and on a reversal (422 transaction.payer_not_applicable); an id no organization has gives 422 transaction.payer_unknown.',
    }),
  })
  .strict()
  .openapi('CreateTransaction')
export type CreateTransactionInput = z.infer<typeof CreateTransaction>

export const Valuation = z
  .object({
    id: z.uuid(),
    investmentId: z.uuid(),
    date: z.string().openapi({ example: '2025-12-31' }),
    value: Money('Fair value, NOK', '4500000.00'),
    note: z.string(),
    createdAt: z.iso.datetime(),
    createdBy: z.uuid().nullable(),
  })
  .openapi('Valuation')

export const CreateValuation = z
  .object({
    date: IsoDate('The valuation date', '2025-12-31'),
    value: MoneyOrZeroString('Fair value of the stake in NOK (0 or more, at most 2 decimals)'),
    note: Text(1000, 'Method or source', 'Last funding round').optional(),
  })
  .strict()
  .openapi('CreateValuation')
export type CreateValuationInput = z.infer<typeof CreateValuation>
