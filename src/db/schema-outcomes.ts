import type { ColumnType, Generated } from 'kysely'
import type { Aggregation } from '../domain/aggregation-kind.ts'

/**
 * Tables of the outcomes area (PRODUCT.md §1 Indicator, Assignment, Report, Value): the indicator
 * catalogue, what each venture reports on, reports with their revisions and transitions, and the
 * values of each revision with their breakdowns.
 */
type TextArray = ColumnType<string[], string[] | undefined, string[]>
type Json = ColumnType<unknown, string | null, string | null>

export type IndicatorUnitColumn =
  | 'people'
  | 'count'
  | 'NOK'
  | 'hours'
  | 'days'
  | 'percent'
  | 'tonnes'
  | 'tonnes_co2e'
export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'verified'
export type Frequency = 'monthly' | 'quarterly' | 'yearly'
export type VerificationLevel = 'self_reported' | 'document_checked' | 'register_verified' | 'audited'
export type ReportAction = 'create' | 'submit' | 'verify' | 'return' | 'amend'

export interface IndicatorsTable {
  code: string
  /** null: the shared catalogue (seeded, or added by platform admins). */
  ownerOrgId: string | null
  nameNb: string
  nameEn: string
  definition: string
  unit: IndicatorUnitColumn
  level: 'output' | 'outcome' | 'impact'
  direction: 'increase' | 'decrease'
  aggregation: Aggregation
  themes: TextArray
  sdgTargets: TextArray
  irisMetricId: string | null
  irisVersion: string | null
  personal: boolean
  allowedBreakdowns: TextArray
  shareable: boolean
  version: Generated<number>
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
}

export interface AssignmentsTable {
  id: string
  ventureOrgId: string
  indicatorCode: string
  frequency: Frequency
  startDate: string
  endDate: string | null
  baselineValue: string | null
  baselineDate: string | null
  createdByOrgId: string | null
  version: Generated<number>
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
}

export interface AssignmentTargetsTable {
  assignmentId: string
  period: string
  value: string
}

export interface ReportsTable {
  id: string
  ventureOrgId: string
  period: string
  frequency: Frequency
  periodStart: string
  periodEnd: string
  /** The status of the current revision; earlier revisions were all verified (only amend opens one). */
  status: ReportStatus
  revision: Generated<number>
  version: Generated<number>
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
}

export interface ReportRevisionsTable {
  reportId: string
  revision: number
  highlights: Generated<string>
  challenges: Generated<string>
  nextSteps: Generated<string>
  /** Why it was opened (an amendment's reason); null for the first revision. */
  reason: string | null
  openedAt: Generated<Date>
  openedByUserId: string | null
}

export interface ReportTransitionsTable {
  id: Generated<string>
  seq: Generated<number>
  reportId: string
  revision: number
  action: ReportAction
  fromStatus: ReportStatus | null
  toStatus: ReportStatus
  reason: string | null
  actorUserId: string | null
  actorLabel: string
  actorOrgId: string | null
  at: Generated<Date>
  /** What was submitted, as the API showed it: kept because a returned revision is edited in place. */
  valuesSnapshot: Json | null
}

export interface ReportValuesTable {
  reportId: string
  revision: number
  assignmentId: string
  total: string
  numerator: string | null
  denominator: string | null
  note: Generated<string>
  evidence: TextArray
  verificationLevel: Generated<VerificationLevel>
}

export interface ReportValueBreakdownsTable {
  reportId: string
  revision: number
  assignmentId: string
  dimension: 'gender' | 'age_band' | 'municipality'
  category: string
  value: string
  numerator: string | null
  denominator: string | null
}

export interface OutcomeTables {
  indicators: IndicatorsTable
  assignments: AssignmentsTable
  assignmentTargets: AssignmentTargetsTable
  reports: ReportsTable
  reportRevisions: ReportRevisionsTable
  reportTransitions: ReportTransitionsTable
  reportValues: ReportValuesTable
  reportValueBreakdowns: ReportValueBreakdownsTable
}
