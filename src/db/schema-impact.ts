import type { Generated } from 'kysely'
import type { Aggregation } from '../domain/aggregation-kind.ts'

/**
 * Tables of the impact area (PRODUCT.md §4). Facts and rollups are written only by the database
 * (the triggers of migrations/2026-11-27-0007-impact.ts and `impact_rebuild()`); the app reads them.
 */
export interface ImpactMunicipalityCodesTable {
  code: string
  /** Where values reported under `code` belong now; a split number maps to itself. */
  currentCode: string
}

export interface MunicipalityOpenDataTable {
  organizationId: string
  publishedAt: Generated<Date>
  publishedBy: string | null
}

type CellColumn =
  | `${'g_female' | 'g_male' | 'g_other' | 'g_unknown'}`
  | `${'a_0_15' | 'a_16_29' | 'a_30_49' | 'a_50_66' | 'a_67_plus' | 'a_unknown'}`

/** One counted value (`scope` '*') or its part attributed to one municipality (`scope` its number). */
export type ImpactFactsTable = {
  reportId: string
  revision: number
  assignmentId: string
  /** '*' for the whole value; else the current municipality number it is partly attributed to. */
  scope: string
  ventureOrgId: string
  indicatorCode: string
  aggregation: Aggregation
  period: string
  frequency: 'monthly' | 'quarterly' | 'yearly'
  periodStart: string
  periodEnd: string
  year: number
  /** `2024-Q1`; null for yearly reports. */
  quarter: string | null
  /** Counts when only verified values count. */
  inVerified: boolean
  /** Counts when submitted values count too. */
  inUnverified: boolean
  /** A submitted revision, not yet verified. */
  unverified: boolean
  /** The value has a municipality breakdown. */
  hasMunicipality: boolean
  /** null for rates (see numerator and denominator). */
  value: string | null
  numerator: string | null
  denominator: string | null
  /** The whole value belongs to `scope`, so its gender and age cells are here too. */
  whole: boolean
} & {
  /** Gender and age cells: the value (a rate's numerator), and a rate's denominator. */
  [K in CellColumn as CamelCell<K>]: string | null
} & { [K in CellColumn as `${CamelCell<K>}Den`]: string | null }

type CamelCell<S extends string> = S extends `${infer A}_${infer B}` ? `${A}${Capitalize<CamelCell<B>>}` : S

export interface ImpactNationalTable {
  basis: 'verified' | 'unverified'
  indicatorCode: string
  /** `2024-Q1` or `2024`. */
  periodKey: string
  year: number
  /** '' for the total, else gender or age_band. */
  dimension: string
  category: string
  value: string
  numerator: string
  denominator: string
  /** Contributing ventures (total rows only). */
  ventures: number
  valueCount: number
  /** Values from yearly reports (year rows only). */
  yearly: number
  unverified: number
}

/** What one municipality organization sees (Σ over the ventures sharing with it), per place. */
export type ImpactOrgRollupTable = Omit<ImpactNationalTable, 'basis'> & {
  orgId: string
  /** A current municipality number the organization's numbers roll into. */
  code: string
  basis: 'verified' | 'unverified'
}

export type ImpactTables = {
  impactMunicipalityCodes: ImpactMunicipalityCodesTable
  municipalityOpenData: MunicipalityOpenDataTable
  impactFacts: ImpactFactsTable
  impactNational: ImpactNationalTable
  impactOrgRollup: ImpactOrgRollupTable
}
