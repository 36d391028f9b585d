import type { z } from '@hono/zod-openapi'
import type Decimal from 'decimal.js'
import { iso } from '../../http/serialize.ts'
import type { AssignmentView } from './assignments-service.ts'
import type { IndicatorRow } from './indicators-repo.ts'
import type { ReportView } from './report-view.ts'
import type { ReportSummaryView } from './reports-service.ts'
import type * as assignments from './schemas/assignments.ts'
import type * as indicators from './schemas/indicators.ts'
import type * as reports from './schemas/reports.ts'
import type * as shares from './schemas/shares.ts'
import type * as timeSeries from './schemas/time-series.ts'
import type { ShareRow } from './shares-repo.ts'
import type { TimeSeries } from './time-series-service.ts'
import type { StoredValue } from './value-input.ts'

/** Row → API shapes. Decimals leave as plain strings (never exponent notation). */
export const decimalOut = (d: Decimal | null | undefined, places?: number): string | null => {
  if (d === null || d === undefined) return null
  return places === undefined ? d.toFixed() : d.toDecimalPlaces(places).toFixed()
}

export const indicatorOut = (i: IndicatorRow): z.infer<typeof indicators.Indicator> => ({
  code: i.code,
  nameNb: i.nameNb,
  nameEn: i.nameEn,
  definition: i.definition,
  unit: i.unit,
  level: i.level,
  direction: i.direction,
  aggregation: i.aggregation,
  themes: i.themes as (
    | 'employment'
    | 'youth'
    | 'inclusion'
    | 'education'
    | 'health'
    | 'environment'
    | 'other'
  )[],
  sdgTargets: i.sdgTargets,
  irisMetricId: i.irisMetricId,
  irisVersion: i.irisVersion,
  irisCitation: i.irisMetricId
    ? `IRIS+ ${i.nameEn} (${i.irisMetricId})${i.irisVersion ? `, v${i.irisVersion}` : ''}`
    : null,
  personal: i.personal,
  allowedBreakdowns: i.allowedBreakdowns as ('gender' | 'age_band' | 'municipality')[],
  shareable: i.shareable,
  ownerOrgId: i.ownerOrgId,
  createdAt: iso(i.createdAt),
  updatedAt: iso(i.updatedAt),
})

export const assignmentOut = (v: AssignmentView): z.infer<typeof assignments.Assignment> => ({
  id: v.assignment.id,
  ventureId: v.assignment.ventureOrgId,
  indicatorCode: v.assignment.indicatorCode,
  indicator: indicatorOut(v.indicator),
  frequency: v.assignment.frequency,
  startDate: v.assignment.startDate,
  endDate: v.assignment.endDate,
  baseline:
    v.assignment.baselineValue !== null && v.assignment.baselineDate !== null
      ? { value: v.assignment.baselineValue, date: v.assignment.baselineDate }
      : null,
  targets: v.targets,
  createdByOrgId: v.assignment.createdByOrgId,
  createdAt: iso(v.assignment.createdAt),
  updatedAt: iso(v.assignment.updatedAt),
})

export const valueOut = (v: StoredValue): z.infer<typeof reports.Value> => ({
  indicatorCode: v.indicatorCode,
  assignmentId: v.assignmentId,
  total: v.total,
  numerator: v.numerator,
  denominator: v.denominator,
  breakdowns: v.breakdowns,
  note: v.note,
  evidence: v.evidence,
  verificationLevel: v.verificationLevel,
})

type ValueJson = ReturnType<typeof valueOut>

export const reportOut = (v: ReportView): z.infer<typeof reports.Report> => {
  const current = v.revisions.find((r) => r.revision === v.report.revision)
  return {
    id: v.report.id,
    ventureId: v.report.ventureOrgId,
    period: v.report.period,
    frequency: v.report.frequency,
    periodStart: v.report.periodStart,
    periodEnd: v.report.periodEnd,
    dueDate: v.dueDate,
    overdue: v.overdue,
    status: v.report.status,
    revision: v.report.revision,
    highlights: current?.highlights ?? '',
    challenges: current?.challenges ?? '',
    nextSteps: current?.nextSteps ?? '',
    expected: v.expected.map((e) => ({
      assignmentId: e.assignment.id,
      indicatorCode: e.indicator.code,
      nameNb: e.indicator.nameNb,
      nameEn: e.indicator.nameEn,
      unit: e.indicator.unit,
      aggregation: e.indicator.aggregation,
      personal: e.indicator.personal,
      allowedBreakdowns: e.indicator.allowedBreakdowns as ('gender' | 'age_band' | 'municipality')[],
      reported: e.reported,
    })),
    values: v.values.map(valueOut),
    revisions: v.revisions.map((r) => ({
      revision: r.revision,
      status: r.status,
      reason: r.reason,
      openedAt: iso(r.openedAt),
      openedByUserId: r.openedByUserId,
      highlights: r.highlights,
      challenges: r.challenges,
      nextSteps: r.nextSteps,
      values: r.values.map(valueOut),
    })),
    transitions: v.transitions.map((t) => ({
      revision: t.revision,
      action: t.action,
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      reason: t.reason,
      actorUserId: t.actorUserId,
      actorLabel: t.actorLabel,
      actorOrgId: t.actorOrgId,
      at: iso(t.at),
      submittedValues: (t.valuesSnapshot as ValueJson[] | null) ?? null,
    })),
    createdAt: iso(v.report.createdAt),
    updatedAt: iso(v.report.updatedAt),
  }
}

export const reportSummaryOut = (s: ReportSummaryView): z.infer<typeof reports.ReportSummary> => ({
  ...s,
  updatedAt: s.updatedAt ? iso(s.updatedAt) : null,
})

/** Computed figures are shown to 4 decimals (a rate such as 2/3 would otherwise run to 40 digits). */
const figure = (d: Decimal | null) => decimalOut(d, 4)

export const timeSeriesOut = (
  ventureId: string,
  includeUnverified: boolean,
  t: TimeSeries,
): z.infer<typeof timeSeries.TimeSeries> => ({
  ventureId,
  from: t.from,
  to: t.to,
  includeUnverified,
  includesUnverified: t.includesUnverified,
  series: t.series.map(({ assignment, indicator, series }) => ({
    assignmentId: assignment.id,
    indicator: {
      code: indicator.code,
      nameNb: indicator.nameNb,
      nameEn: indicator.nameEn,
      unit: indicator.unit,
      aggregation: indicator.aggregation,
      direction: indicator.direction,
      personal: indicator.personal,
    },
    frequency: assignment.frequency,
    granularity: series.granularity,
    baseline: figure(series.baseline),
    window: {
      value: figure(series.window.value),
      numerator: figure(series.window.numerator),
      denominator: figure(series.window.denominator),
    },
    points: series.points.map((p) => ({
      period: p.period,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      value: figure(p.value),
      numerator: figure(p.numerator),
      denominator: figure(p.denominator),
      reportedPeriods: p.reportedPeriods,
      baseline: figure(p.baseline),
      target: figure(p.target),
      progress: figure(p.progress),
      status: p.status,
      unverified: p.unverified,
    })),
  })),
})

export const shareOut = (s: ShareRow): z.infer<typeof shares.Share> => ({
  id: s.id,
  ventureId: s.ventureOrgId,
  organizationId: s.granteeOrgId,
  organizationName: s.granteeName,
  organizationKind: s.granteeKind,
  level: s.level,
  active: s.revokedAt === null,
  createdAt: iso(s.createdAt),
  createdByUserId: s.createdBy,
  revokedAt: s.revokedAt ? iso(s.revokedAt) : null,
  revokedByUserId: s.revokedBy,
})
