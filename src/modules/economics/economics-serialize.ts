import type { z } from '@hono/zod-openapi'
import { Decimal, formatMoney } from '../../domain/money.ts'
import type * as api from './economics-schemas.ts'
import type { VentureEconomics } from './portfolio-economics.ts'

const fixed = (d: Decimal, places: number) =>
  new Decimal(d).toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).plus(0).toFixed(places)
const moneyOrNull = (d: Decimal | null) => (d === null ? null : formatMoney(d))
const fixedOrNull = (d: Decimal | null, places: number) => (d === null ? null : fixed(d, places))

/** VentureEconomics as JSON (the VentureEconomics schema): money 2 decimals, share 6, ratios 2. */
export const ventureEconomicsOut = (e: VentureEconomics): z.infer<typeof api.VentureEconomics> => ({
  ventureId: e.ventureId,
  window: e.window,
  includeSupport: e.includeSupport,
  cost: {
    disbursed: formatMoney(e.cost.disbursed),
    otherFunding: formatMoney(e.cost.otherFunding),
    support: formatMoney(e.cost.support),
    total: formatMoney(e.cost.total),
  },
  attribution: e.attribution && {
    investorOrgId: e.attribution.investorOrgId,
    investorDisbursed: formatMoney(e.attribution.investorDisbursed),
    ventureDisbursed: formatMoney(e.attribution.ventureDisbursed),
    share: fixedOrNull(e.attribution.share, 6),
  },
  outcomes: e.outcomes.map((o) => ({
    indicatorCode: o.indicatorCode,
    nameNb: o.nameNb,
    nameEn: o.nameEn,
    unit: o.unit,
    units: o.units.toFixed(),
    periods: o.periods,
    costPerUnit: moneyOrNull(o.costPerUnit),
    attributedUnits: fixedOrNull(o.attributedUnits, 2),
  })),
  sroi: e.sroi && {
    version: e.sroi.version,
    window: e.sroi.window,
    inputs: formatMoney(e.sroi.inputs),
    presentValue: formatMoney(e.sroi.presentValue),
    ratio: fixedOrNull(e.sroi.ratio, 2),
    netRatio: fixedOrNull(e.sroi.netRatio, 2),
  },
})
