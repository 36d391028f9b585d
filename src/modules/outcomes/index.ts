/**
 * Front door of the outcomes module: what other modules, app.ts and web/ may import (STYLE.md).
 * Outcomes: indicators, assignments, reports and their review, values, import, time series.
 * The repo reads exported here (findIndicators, listAssignments, countedValues, …) take a Kysely
 * handle and check no permission: the exports and economics compose them after their own check.
 */

export type { AssignmentRow } from './assignments-repo.ts'
export { listAssignments, listTargets } from './assignments-repo.ts'
export { todayInNorway } from './clock.ts'
export { CSV_COLUMNS, CSV_SHEET_COLUMNS } from './csv-format.ts'
export { importCsv, importXlsx } from './import-service.ts'
export { findIndicators, type IndicatorRow } from './indicators-repo.ts'
export { listIndicators } from './indicators-service.ts'
export type { TargetRow } from './portfolio-section.ts'
export {
  latestOfCounted,
  type PortfolioReport,
  type PortfolioVentureOutcomes,
  portfolioOutcomes,
  portfolioOutcomesOf,
} from './portfolio-section.ts'
export { registerOutcomeRoutes } from './register.ts'
export { type OwedReport, owedReports } from './reminder-source.ts'
export type { ReportView } from './report-view.ts'
export { mayReportFor, mayReview, transition } from './report-workflow.ts'
export {
  type AudienceMember,
  type ReportingAccess,
  reportingAccess,
  ventureAudienceOf,
} from './reporting-access.ts'
export { listCurrentValuesOf, listReportsOf } from './reports-repo.ts'
export { createReport, getReport, listReports, type ReportSummaryView } from './reports-service.ts'
export { IfMatchHeader, VentureIdParam } from './schemas/common.ts'
export { Aggregation, Direction, IndicatorLevel, IndicatorUnit } from './schemas/indicators.ts'
export { Reason, SaveValues } from './schemas/reports.ts'
export type { CountedValue } from './series-repo.ts'
export { countedValues } from './series-repo.ts'
export { statusThresholds } from './thresholds.ts'
export { timeSeries } from './time-series-service.ts'
export {
  onReportTransition,
  type ReportTransitionEvent,
  type ReportTransitionListener,
} from './transition-hooks.ts'
export type { AssignmentWithIndicator, CellIn, StoredValue, ValueIn } from './value-input.ts'
export { checkValues } from './value-input.ts'
export { type SaveValuesInput, saveValues } from './values-service.ts'
