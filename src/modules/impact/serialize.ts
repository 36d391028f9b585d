import type { z } from '@hono/zod-openapi'
import type { IndicatorView, ViewRow } from './compose.ts'
import type { Place } from './municipal-data.ts'
import type { IndicatorRow } from './repo.ts'
import type { Impact, ImpactIndicatorInfo, ImpactPeriod } from './schemas.ts'
import type { ImpactView } from './service.ts'

export const indicatorInfoOut = (i: IndicatorRow): z.infer<typeof ImpactIndicatorInfo> => ({
  code: i.code,
  nameNb: i.nameNb,
  nameEn: i.nameEn,
  definition: i.definition,
  unit: i.unit,
  level: i.level,
  aggregation: i.aggregation,
  direction: i.direction,
  personal: i.personal,
  themes: i.themes as z.infer<typeof ImpactIndicatorInfo>['themes'],
  irisMetricId: i.irisMetricId,
  irisVersion: i.irisVersion,
})

export const periodOut = (r: ViewRow): z.infer<typeof ImpactPeriod> => ({
  period: r.period,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  value: r.value,
  numerator: r.numerator,
  denominator: r.denominator,
  ventures: r.ventures,
  unverified: r.unverified,
  breakdowns: r.breakdowns,
})

export const placeOut = (p: Place) => ({
  code: p.code,
  name: p.name,
  rolledUpFrom: p.rolledUpFrom,
  splitPredecessors: p.splitPredecessors,
})

const indicatorOut = (v: IndicatorView) => ({
  indicator: indicatorInfoOut(v.indicator),
  disclosure: v.disclosure,
  periods: v.periods.map(periodOut),
  trend: v.trend,
})

export const impactOut = (v: ImpactView): z.infer<typeof Impact> => ({
  scope: v.scope,
  municipality: v.place ? placeOut(v.place) : null,
  organizations: v.organizations.map((o) => ({ id: o.id, name: o.name })),
  ventureCount: v.ventureCount,
  from: v.from,
  to: v.to,
  granularity: v.granularity,
  includeUnverified: v.includeUnverified,
  includesUnverified: v.includesUnverified,
  suppressionThreshold: v.threshold,
  caveats: v.caveats,
  indicators: v.indicators.map(indicatorOut),
})
