import Decimal from 'decimal.js'
import { type Aggregation, isAdditive } from '../../domain/aggregation-kind.ts'
import type { Frequency, Granularity } from '../../domain/periods.ts'
import { periodsPerGroup, subPeriods } from './coverage.ts'

/**
 * The target and baseline shown for one period of a time series. Pure.
 *
 * A target set for exactly that period wins. Otherwise it is derived from the targets of the
 * assignment's own periods inside it, by the indicator's semantics: a flow's yearly target is the
 * sum of its quarterly targets (only when every quarter has one: a partial sum would understate
 * it); a stock's or a rate's is the target of the last quarter.
 */
export function targetFor(
  aggregation: Aggregation,
  frequency: Frequency,
  targets: ReadonlyMap<string, Decimal>,
  groupKey: string,
): Decimal | null {
  const exact = targets.get(groupKey)
  if (exact) return exact
  const parts = subPeriods(groupKey, frequency)
  if (parts.length <= 1) return null
  if (isAdditive(aggregation)) {
    const values = parts.map((p) => targets.get(p))
    if (values.some((v) => v === undefined)) return null
    return values.reduce<Decimal>((sum, v) => sum.plus(v!), new Decimal(0))
  }
  return targets.get(parts[parts.length - 1]!) ?? null
}

/**
 * The baseline is stated per reporting period (a quarter's flow for a quarterly flow indicator);
 * shown for a coarser period, a flow's baseline covers all its reporting periods (4 quarters in a
 * year). A stock's or a rate's baseline is the same at any granularity.
 */
export function baselineFor(
  aggregation: Aggregation,
  frequency: Frequency,
  baseline: Decimal | null,
  granularity: Granularity,
): Decimal | null {
  if (baseline === null) return null
  if (!isAdditive(aggregation)) return baseline
  return baseline.times(periodsPerGroup(frequency, granularity))
}
