import type { Generated } from 'kysely'

/**
 * Tables of the capital area (migration 0004). numeric columns are decimal strings, dates
 * `YYYY-MM-DD` strings; `seq` is the recording order (bigint identity, read as a number).
 */
export type TransactionType =
  | 'commitment'
  | 'disbursement'
  | 'repayment'
  | 'interest'
  | 'equity_purchase'
  | 'equity_sale'
  | 'write_off'
  | 'outcome_payment'

/** Append-only: the database refuses UPDATE and DELETE. */
export interface TransactionsTable {
  id: string
  seq: Generated<number>
  investmentId: string
  type: TransactionType
  date: string
  amount: string
  currency: string
  rateToNok: string | null
  reversesId: string | null
  overCommitment: Generated<boolean>
  note: Generated<string>
  createdAt: Generated<Date>
  createdBy: string | null
  /** Outcome payments only (not reversals): the organization that paid, when recorded. */
  payerOrgId: string | null
}

/** Fair value in NOK of an equity or convertible investment. Append-only. */
export interface ValuationsTable {
  id: string
  seq: Generated<number>
  investmentId: string
  date: string
  value: string
  note: Generated<string>
  createdAt: Generated<Date>
  createdBy: string | null
}

export type ContributionKind = 'network' | 'competence'

export interface ContributionsTable {
  id: string
  seq: Generated<number>
  investorOrgId: string
  ventureOrgId: string
  kind: ContributionKind
  date: string
  description: Generated<string>
  introducedParty: string | null
  purpose: string | null
  result: string | null
  /** NOK; network only */
  value: string | null
  /** competence only */
  hours: string | null
  /** NOK per hour; competence only */
  hourlyValue: string | null
  topic: string | null
  givenBy: string | null
  createdAt: Generated<Date>
  createdBy: string | null
}

export type FundingInstrument =
  | 'grant'
  | 'loan'
  | 'equity'
  | 'convertible'
  | 'outcome_contract'
  | 'public_grant'
  | 'donation'
  | 'other'

/** Capital the venture received from funders that do not record it in Effekt (co-investors, grants). */
export interface OtherFundingTable {
  id: string
  seq: Generated<number>
  ventureOrgId: string
  funderName: string
  funderOrgId: string | null
  instrument: FundingInstrument
  amountNok: string
  date: string
  note: Generated<string>
  createdAt: Generated<Date>
  createdBy: string | null
}

export type CapitalTables = {
  transactions: TransactionsTable
  valuations: ValuationsTable
  contributions: ContributionsTable
  otherFunding: OtherFundingTable
}
