import type { ColumnType, Generated } from 'kysely'

/**
 * Tables of the impact-economics area (migration 0008): versioned SROI models, outcome contracts
 * and the statements their payers approved. numeric columns are decimal strings, dates
 * `YYYY-MM-DD` strings. Models, metrics, parties, statements and lines are append-only.
 */
type Json = ColumnType<unknown, string, string>

export interface SroiModelsTable {
  id: string
  ventureOrgId: string
  version: number
  /** Percent: "4" is 4 %. */
  discountRate: string
  /** NOK; null means computed from the ledger, other funding and support in the window. */
  inputsOverride: string | null
  inputsNote: Generated<string>
  windowFrom: string | null
  windowTo: string | null
  note: Generated<string>
  createdAt: Generated<Date>
  createdBy: string | null
  createdByOrgId: string | null
}

export interface SroiModelOutcomesTable {
  modelId: string
  position: number
  indicatorCode: string
  /** NOK per unit per year. */
  proxy: string
  proxySource: string
  /** Percent, 0–100. */
  deadweight: string
  attribution: string
  displacement: string
  dropOff: string
  durationYears: number
}

export type ContractFrequency = 'monthly' | 'quarterly' | 'yearly'

export interface OutcomeContractsTable {
  id: string
  name: string
  description: Generated<string>
  payerOrgId: string
  providerOrgId: string
  investmentId: string
  frequency: ContractFrequency
  startDate: string
  endDate: string
  totalCap: string | null
  currency: Generated<string>
  createdAt: Generated<Date>
  createdBy: string | null
}

export interface OutcomeContractPartiesTable {
  contractId: string
  orgId: string
  role: 'investor' | 'partner'
  position: number
}

export type ContractPartyRole = 'payer' | 'provider' | 'investor' | 'partner'
export type ContractDecision = 'pending' | 'accepted' | 'declined'

/** Each named party's consent (migration 0009); the contract is active when all accepted. */
export interface OutcomeContractAcceptancesTable {
  contractId: string
  orgId: string
  role: ContractPartyRole
  decision: Generated<ContractDecision>
  decidedAt: Date | null
  decidedBy: string | null
  reason: Generated<string>
}

export interface OutcomeContractMetricsTable {
  contractId: string
  position: number
  indicatorCode: string
  label: Generated<string>
  pricePerUnit: string
  baselineUnits: string
  unitCap: string | null
}

export interface OutcomeStatementsTable {
  id: string
  contractId: string
  period: string
  periodStart: string
  periodEnd: string
  currentTotal: string
  adjustmentTotal: string
  total: string
  transactionId: string | null
  snapshot: Json
  approvedAt: Generated<Date>
  approvedBy: string | null
  approvedByLabel: string
}

export interface OutcomeStatementLinesTable {
  statementId: string
  position: number
  kind: 'current' | 'adjustment'
  indicatorCode: string
  forPeriod: string
  units: string
  amount: string
}

export type EconomicsTables = {
  sroiModels: SroiModelsTable
  sroiModelOutcomes: SroiModelOutcomesTable
  outcomeContracts: OutcomeContractsTable
  outcomeContractParties: OutcomeContractPartiesTable
  outcomeContractMetrics: OutcomeContractMetricsTable
  outcomeContractAcceptances: OutcomeContractAcceptancesTable
  outcomeStatements: OutcomeStatementsTable
  outcomeStatementLines: OutcomeStatementLinesTable
}
