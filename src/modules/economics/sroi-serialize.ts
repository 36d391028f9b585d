import type { z } from '@hono/zod-openapi'
import { Decimal, formatMoney } from '../../domain/money.ts'
import { DEFAULT_SENSITIVITY_STEP, formatSroiResult, type SensitivityPoint } from '../../domain/sroi.ts'
import { iso } from '../../http/serialize.ts'
import type { Sroi } from './sroi-schemas.ts'
import type { SroiView } from './sroi-service.ts'

/** Percent strings as the API takes them: 0.25 → "25", trailing zeros dropped. */
export const percentOut = (fraction: Decimal) => new Decimal(fraction).times(100).toDecimalPlaces(4).toFixed()
const ratioOut = (ratio: Decimal | null) =>
  ratio === null ? null : new Decimal(ratio).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).plus(0).toFixed(2)

type Assumption = SroiView['evaluation']['sensitivity'][number]['assumption']
const PERCENT_ASSUMPTIONS = new Set<Assumption>([
  'deadweight',
  'attribution',
  'displacement',
  'dropOff',
  'discountRate',
])

function pointOut(assumption: Assumption, p: SensitivityPoint) {
  const value = (v: Decimal) =>
    PERCENT_ASSUMPTIONS.has(assumption)
      ? percentOut(v)
      : assumption === 'proxy'
        ? formatMoney(v)
        : new Decimal(v).toFixed()
  return {
    value: p.value === null ? null : value(p.value),
    outcomeValues: p.outcomeValues.map(value),
    ratio: ratioOut(p.ratio),
  }
}

/** Stored decimals in their shortest plain form ("25.50" → "25.5"), as the API takes them. */
const stored = (s: string) => new Decimal(s).toFixed()

export function sroiOut(view: SroiView): z.infer<typeof Sroi> {
  const { evaluation: e } = view
  const m = e.model.model
  const formatted = formatSroiResult(e.result)
  return {
    ventureId: view.ventureId,
    version: m.version,
    createdAt: iso(m.createdAt),
    createdBy: m.createdBy,
    createdByOrgId: m.createdByOrgId,
    note: m.note,
    versions: view.versions.map((v) => ({ version: v.version, createdAt: iso(v.createdAt), note: v.note })),
    window: { from: m.windowFrom, to: m.windowTo },
    discountRate: stored(m.discountRate),
    inputs: {
      amount: formatMoney(e.inputs.amount),
      source: e.inputs.source,
      note: m.inputsNote,
      disbursed: formatMoney(e.inputs.disbursed),
      otherFunding: formatMoney(e.inputs.otherFunding),
      support: formatMoney(e.inputs.support),
    },
    outcomes: e.model.outcomes.map((o, i) => {
      const indicator = view.indicators.get(o.indicatorCode)
      const q = e.quantities[i]!
      const result = formatted.outcomes[i]!
      return {
        indicatorCode: o.indicatorCode,
        nameNb: indicator?.nameNb ?? o.indicatorCode,
        nameEn: indicator?.nameEn ?? o.indicatorCode,
        unit: indicator?.unit ?? 'count',
        proxy: stored(o.proxy),
        proxySource: o.proxySource,
        deadweight: stored(o.deadweight),
        attribution: stored(o.attribution),
        displacement: stored(o.displacement),
        dropOff: stored(o.dropOff),
        durationYears: o.durationYears,
        quantity: q.quantity.toFixed(),
        periods: q.sources.map((s) => ({
          period: s.period,
          value: new Decimal(s.total).toFixed(),
          reportId: s.reportId,
          revision: s.revision,
        })),
        impactByYear: result.impactByYear,
        presentValue: result.presentValue,
      }
    }),
    impactByYear: formatted.impactByYear,
    presentValue: formatted.presentValue,
    ratio: formatted.ratio,
    netRatio: formatted.netRatio,
    paybackMonths: formatted.paybackMonths,
    sensitivity: {
      step: {
        rates: percentOut(DEFAULT_SENSITIVITY_STEP.fraction),
        proxy: percentOut(DEFAULT_SENSITIVITY_STEP.proxyRelative),
        discountRate: percentOut(DEFAULT_SENSITIVITY_STEP.discountRate),
        durationYears: DEFAULT_SENSITIVITY_STEP.durationYears,
      },
      rows: e.sensitivity.map((row) => ({
        assumption: row.assumption,
        low: pointOut(row.assumption, row.low),
        base: pointOut(row.assumption, row.base),
        high: pointOut(row.assumption, row.high),
      })),
    },
  }
}
