import { Decimal } from '../../domain/money.ts'
import type { VentureEconomicsFigures as VentureEconomics } from '../economics/index.ts'

/**
 * Portfolio-wide outcome figures, from each venture's economics for the window (cost per outcome,
 * SROI). Pure, so the sums GET /v1/portfolio and the dashboard show are unit-tested; every amount
 * stays a decimal until the response writes it as an exact string.
 */
type WithEconomics = { economics: VentureEconomics }

export interface PeopleReached {
  /** Σ over ventures and indicators of verified people counted by outcome/impact indicators. */
  total: string
  ventureCount: number
  indicatorCodes: string[]
}

/**
 * People reached: the verified units of each outcome or impact indicator counted in people (the
 * flows the economics service counts), summed over indicators and ventures. A person placed in
 * work by two ventures, or counted by two indicators of one, counts twice (PRODUCT.md §3): the
 * API's schema and the page say so beside the figure.
 */
export function peopleReached(ventures: WithEconomics[]): PeopleReached {
  let total = new Decimal(0)
  let ventureCount = 0
  const codes = new Set<string>()
  for (const { economics } of ventures) {
    const people = economics.outcomes.filter((o) => o.unit === 'people' && o.units.gt(0))
    if (!people.length) continue
    ventureCount++
    for (const o of people) {
      total = total.plus(o.units)
      codes.add(o.indicatorCode)
    }
  }
  return { total: total.toFixed(), ventureCount, indicatorCodes: [...codes].sort() }
}

export interface PortfolioSroi {
  /** Σ present value / Σ inputs over the ventures with an SROI evaluation, 2 decimals. */
  ratio: string | null
  presentValue: string
  inputs: string
  ventureCount: number
}

const money = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2)

/**
 * The portfolio's SROI: the social value of every evaluated venture over what went into them
 * (Σ PV / Σ inputs), each over its own model's window. Null when no venture has a model.
 */
export function portfolioSroi(ventures: WithEconomics[]): PortfolioSroi | null {
  const evaluated = ventures.flatMap((v) => (v.economics.sroi ? [v.economics.sroi] : []))
  if (!evaluated.length) return null
  const pv = evaluated.reduce((s, e) => s.plus(e.presentValue), new Decimal(0))
  const inputs = evaluated.reduce((s, e) => s.plus(e.inputs), new Decimal(0))
  return {
    ratio: inputs.gt(0) ? money(pv.div(inputs)) : null,
    presentValue: money(pv),
    inputs: money(inputs),
    ventureCount: evaluated.length,
  }
}
