/**
 * Front door of the impact module: what other modules, app.ts and web/ may import (STYLE.md).
 * Impact: the municipality and national views, disclosure control, open data.
 */
export { auditedPlaces, auditMunicipality, checkPlaces } from './audit-service.ts'
export type { IndicatorView } from './compose.ts'
export { impactCsv, impactWorkbook } from './csv.ts'
export { getOpenDataSetting } from './open-data-service.ts'
export { registerImpactRoutes } from './register.ts'
export { insertOpenData } from './repo.ts'
export { getImpact, type ImpactQuery, type ImpactView } from './service.ts'
