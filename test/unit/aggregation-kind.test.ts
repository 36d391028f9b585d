import { describe, expect, it } from 'vitest'
import {
  AGGREGATIONS,
  type Aggregation,
  isAdditive,
  isAggregation,
  isRatio,
  isStock,
  unhandledAggregation,
} from '../../src/domain/aggregation-kind.ts'

describe('aggregation kinds', () => {
  it('each kind is exactly one of flow, stock and rate', () => {
    for (const kind of AGGREGATIONS) {
      expect([isAdditive(kind), isStock(kind), isRatio(kind)].filter(Boolean), kind).toHaveLength(1)
    }
    expect(AGGREGATIONS.filter(isAdditive)).toEqual(['sum'])
    expect(AGGREGATIONS.filter(isStock)).toEqual(['last'])
    expect(AGGREGATIONS.filter(isRatio)).toEqual(['ratio'])
  })

  it('knows its kinds and refuses others', () => {
    expect(['sum', 'last', 'ratio', 'mean', ''].filter(isAggregation)).toEqual(['sum', 'last', 'ratio'])
    // A value that slipped past the types (a new database value, say) fails loudly, never as another kind.
    expect(() => isRatio('mean' as Aggregation)).toThrow('Unhandled aggregation kind: mean')
    expect(() => unhandledAggregation('mean' as never)).toThrow(/mean/)
  })
})
