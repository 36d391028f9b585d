import Decimal from 'decimal.js'
import { type Aggregation, isRatio } from '../../domain/aggregation-kind.ts'

export interface FigureRules {
  unit: string
  aggregation: Aggregation
  personal: boolean
}

/**
 * What a single figure of an indicator (a baseline or a target) must look like, as a message, or
 * null when it is fine: people counts are whole numbers, percentages lie within 0–100, nothing an
 * indicator measures is negative. A ratio's figure is a rate, so the whole-number rule does not
 * apply to it.
 */
export function figureProblem(value: string, rules: FigureRules): string | null {
  const d = new Decimal(value)
  if (d.isNegative() && !d.isZero()) return 'Must be 0 or more'
  const people = !isRatio(rules.aggregation) && (rules.personal || rules.unit === 'people')
  if (people && !d.isInteger()) return 'A count of people must be a whole number'
  if (rules.unit === 'percent' && d.gt(100)) return 'A percentage must be between 0 and 100'
  return null
}
