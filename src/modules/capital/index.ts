/**
 * Front door of the capital module: what other modules, app.ts and web/ may import (STYLE.md).
 * Capital: investments, ledgers, support and funding. Reads other modules compose
 * (findInvestment, …Of… queries) take a Kysely handle and check no permission: callers check first.
 */
export { IsoDate, MoneyOrZeroString, parseMoneyOrZero, Text } from './fields.ts'
export { insertInvestmentAudited, listInvestments } from './investments-service.ts'
export { figuresOut, groupBy, osloToday, toEntry, toValuation } from './ledger-rows.ts'
export { listTransactions, recordTransaction, recordValuation } from './ledger-service.ts'
export { registerCapitalRoutes } from './register.ts'
export {
  decideInvestment,
  findInvestment,
  type InvestmentRow,
  investmentsOfInvestor,
  type LedgerRow,
  ledgerOfVentures,
  transactionsOfInvestor,
  valuationsOfInvestor,
} from './repo.ts'
export {
  CapitalFigures,
  type CreateInvestmentInput,
  type CreateTransactionInput,
  Instrument,
} from './schemas.ts'
export { amountNokOf } from './serialize.ts'
export {
  contributionsOfInvestor,
  contributionsToVentures,
  fundingOfVentures,
  transactionsOfVentures,
} from './support-repo.ts'
export { supportOut } from './support-routes.ts'
export { type CreateContributionInput, type CreateFundingInput, SupportTotals } from './support-schemas.ts'
export {
  contributionValueOf,
  insertContributionAudited,
  insertFundingAudited,
  listContributions,
  type SupportSummary,
  supportSummary,
  valueOf,
} from './support-service.ts'
