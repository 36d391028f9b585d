import type { Db } from '../../db/tx.ts'
import { isAdditive } from '../../domain/aggregation-kind.ts'
import { Decimal } from '../../domain/money.ts'
import { capitalFacts, outcomeFacts, type VentureFacts, type VentureOutcomeFacts } from './data-repo.ts'
import { capitalInWindow, quantityInWindow, type Window } from './figures.ts'
import { evaluateSroi } from './sroi-evaluate.ts'
import { latestModels, type SroiModel } from './sroi-repo.ts'

/**
 * Cost per outcome, attribution and SROI per venture (PRODUCT.md §5), for the portfolio and for
 * one venture. Eight queries whatever the number of ventures: capital (ledger, other funding,
 * support), outcomes (assignments, indicators, verified values) and the newest SROI models.
 *
 * - Cost per outcome = all capital disbursed to the venture in the window (investments recorded
 *   in Effekt + other funding the venture reports), optionally + valued non-financial support in
 *   the window, / verified units in the window. Per outcome indicator: level outcome or impact,
 *   aggregation `sum`, unit people or count (a stock or a rate has no units to divide by).
 * - Attribution: the investor's disbursed capital / all capital disbursed to the venture, both
 *   from the first entry up to the window's end (not only inside the window: outcomes in a
 *   window are mostly the fruit of earlier funding). Attributed units = units × share.
 * - SROI: the newest model, evaluated over its own window (see sroi-evaluate).
 *
 * The caller has checked that the investor may see these ventures.
 */
export interface EconomicsQuery {
  /** Whose share; null for no attribution (e.g. the venture's own members asking). */
  investorOrgId: string | null
  ventureIds: string[]
  from?: string | undefined
  to?: string | undefined
  /** Add valued non-financial support to the cost. */
  includeSupport?: boolean | undefined
}

export interface OutcomeEconomics {
  indicatorCode: string
  nameNb: string
  nameEn: string
  unit: string
  /** Verified units in the window. */
  units: Decimal
  /** The report periods they came from. */
  periods: string[]
  /** cost.total / units; null when there are no units. */
  costPerUnit: Decimal | null
  /** units × attribution.share; null without a share. */
  attributedUnits: Decimal | null
}

export interface VentureEconomics {
  ventureId: string
  window: { from: string | null; to: string | null }
  includeSupport: boolean
  /** In the window, NOK. */
  cost: { disbursed: Decimal; otherFunding: Decimal; support: Decimal; total: Decimal }
  attribution: {
    investorOrgId: string
    /** The investor's disbursed capital up to the window's end. */
    investorDisbursed: Decimal
    /** All capital disbursed to the venture up to the window's end: investments + other funding. */
    ventureDisbursed: Decimal
    /** investorDisbursed / ventureDisbursed, exact; null when nothing was disbursed. */
    share: Decimal | null
  } | null
  outcomes: OutcomeEconomics[]
  sroi: {
    version: number
    window: { from: string | null; to: string | null }
    inputs: Decimal
    presentValue: Decimal
    ratio: Decimal | null
    netRatio: Decimal | null
  } | null
}

/** Which indicators have units to count: sums in people or counts, at the outcome or impact level. */
export const COUNTABLE = { units: ['people', 'count'], levels: ['outcome', 'impact'] } as const
const COUNTABLE_UNITS = new Set<string>(COUNTABLE.units)
const OUTCOME_LEVELS = new Set<string>(COUNTABLE.levels)

export async function portfolioEconomics(db: Db, q: EconomicsQuery): Promise<Map<string, VentureEconomics>> {
  const [capital, outcomes, models] = await Promise.all([
    capitalFacts(db, q.ventureIds),
    outcomeFacts(db, q.ventureIds),
    latestModels(db, q.ventureIds),
  ])
  return economicsFromFacts(q, capital, outcomes, models)
}

/** The same from facts the caller loaded (the portfolio loads them with its own rows). Pure. */
export function economicsFromFacts(
  q: EconomicsQuery,
  capital: ReadonlyMap<string, VentureFacts>,
  outcomes: ReadonlyMap<string, VentureOutcomeFacts>,
  models: ReadonlyMap<string, SroiModel>,
): Map<string, VentureEconomics> {
  return new Map(
    q.ventureIds.map((id) => [
      id,
      ventureEconomics(id, q, capital.get(id)!, outcomes.get(id)!, models.get(id)),
    ]),
  )
}

/** One venture's figures from loaded facts. Pure. */
export function ventureEconomics(
  ventureId: string,
  q: Omit<EconomicsQuery, 'ventureIds'>,
  capital: VentureFacts,
  outcomes: VentureOutcomeFacts,
  model: SroiModel | undefined,
): VentureEconomics {
  const window: Window = { from: q.from, to: q.to }
  const includeSupport = q.includeSupport ?? false
  const inWindow = capitalInWindow(capital, window)
  const total = inWindow.disbursed.plus(inWindow.otherFunding).plus(includeSupport ? inWindow.support : 0)

  let attribution: VentureEconomics['attribution'] = null
  if (q.investorOrgId) {
    // Without a start the window already runs from the first entry to its end: the same figures.
    const upToEnd = q.from ? capitalInWindow(capital, { to: q.to }) : inWindow
    const investorDisbursed = upToEnd.disbursedByInvestor.get(q.investorOrgId) ?? new Decimal(0)
    const ventureDisbursed = upToEnd.disbursed.plus(upToEnd.otherFunding)
    attribution = {
      investorOrgId: q.investorOrgId,
      investorDisbursed,
      ventureDisbursed,
      share: ventureDisbursed.gt(0) ? investorDisbursed.div(ventureDisbursed) : null,
    }
  }

  const countable = [...outcomes.assigned.values()]
    .filter(
      ({ indicator: i }) =>
        isAdditive(i.aggregation) && COUNTABLE_UNITS.has(i.unit) && OUTCOME_LEVELS.has(i.level),
    )
    .sort((a, b) => (a.indicator.code < b.indicator.code ? -1 : 1))
  const outcomesOut = countable.map(({ indicator }): OutcomeEconomics => {
    const { quantity, sources } = quantityInWindow(outcomes, indicator.code, window)
    const share = attribution?.share ?? null
    return {
      indicatorCode: indicator.code,
      nameNb: indicator.nameNb,
      nameEn: indicator.nameEn,
      unit: indicator.unit,
      units: quantity,
      periods: sources.map((s) => s.period),
      costPerUnit: quantity.gt(0) ? total.div(quantity) : null,
      attributedUnits: share === null ? null : quantity.times(share),
    }
  })

  let sroi: VentureEconomics['sroi'] = null
  if (model) {
    const e = evaluateSroi(model, capital, outcomes)
    sroi = {
      version: model.model.version,
      window: { from: model.model.windowFrom, to: model.model.windowTo },
      inputs: e.inputs.amount,
      presentValue: e.result.presentValue,
      ratio: e.result.ratio,
      netRatio: e.result.netRatio,
    }
  }

  return {
    ventureId,
    window: { from: q.from ?? null, to: q.to ?? null },
    includeSupport,
    cost: {
      disbursed: inWindow.disbursed,
      otherFunding: inWindow.otherFunding,
      support: inWindow.support,
      total,
    },
    attribution,
    outcomes: outcomesOut,
    sroi,
  }
}
