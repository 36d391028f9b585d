/**
 * Front door of the economics module: what other modules, app.ts and web/ may import (STYLE.md).
 * Impact economics: cost per outcome, SROI models, outcome contracts and statements.
 */
export { acceptAllPartiesAudited } from './contracts-consent.ts'
export { findContract } from './contracts-repo.ts'
export { insertContractAudited } from './contracts-service.ts'
export {
  capitalFactsOf,
  latestModelsWithOutcomes,
  outcomeFactsOf,
} from './data-repo.ts'
export { EconomicsWindowQuery, VentureEconomics } from './economics-schemas.ts'
export { ventureEconomicsOut } from './economics-serialize.ts'
export { getVentureEconomics } from './economics-service.ts'
export {
  COUNTABLE,
  economicsFromFacts,
  portfolioEconomics,
  type VentureEconomics as VentureEconomicsFigures,
} from './portfolio-economics.ts'
export { registerEconomicsRoutes } from './register.ts'
export type { PutSroiInput } from './sroi-schemas.ts'
export { sroiOut } from './sroi-serialize.ts'
export { getSroi, insertSroiModelAudited } from './sroi-service.ts'
export { approveStatementAudited } from './statements-service.ts'
