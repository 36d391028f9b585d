/**
 * An indicator's aggregation kind (PRODUCT.md §3): the one definition. Every decision that depends
 * on the kind is either one of the traits below or a `switch` ending in `unhandledAggregation`, so
 * adding a kind fails the typecheck wherever it is not yet handled — never silently treated as
 * another kind.
 *
 * - `sum`: a flow; values over periods and across ventures add up (people placed in a quarter).
 * - `last`: a stock; over periods the latest value counts, across ventures the latest of each adds
 *   up (apprentices employed at the end of the period).
 * - `ratio`: a rate; Σ numerator × scale / Σ denominator, never the mean of rates (placement rate).
 */
export const AGGREGATIONS = ['sum', 'last', 'ratio'] as const
export type Aggregation = (typeof AGGREGATIONS)[number]

export const isAggregation = (value: string): value is Aggregation =>
  (AGGREGATIONS as readonly string[]).includes(value)

/** The `default` of an exhaustive switch over kinds: unreachable while every kind is handled. */
export function unhandledAggregation(kind: never): never {
  throw new Error(`Unhandled aggregation kind: ${String(kind)}`)
}

/** A rate: values carry a numerator and a denominator, and those (not the rates) combine. */
export function isRatio(kind: Aggregation): boolean {
  switch (kind) {
    case 'ratio':
      return true
    case 'sum':
    case 'last':
      return false
    default:
      return unhandledAggregation(kind)
  }
}

/** A stock: over periods the latest value stands for the window; nothing adds up over time. */
export function isStock(kind: Aggregation): boolean {
  switch (kind) {
    case 'last':
      return true
    case 'sum':
    case 'ratio':
      return false
    default:
      return unhandledAggregation(kind)
  }
}

/**
 * Whether the value itself adds up over periods and across ventures, so that it can be counted,
 * priced per unit, split across reporting periods or compared with a sum target: only a flow.
 */
export function isAdditive(kind: Aggregation): boolean {
  switch (kind) {
    case 'sum':
      return true
    case 'last':
    case 'ratio':
      return false
    default:
      return unhandledAggregation(kind)
  }
}
