import type { Config } from '../../config.ts'
import type { StatusThresholds } from '../../domain/aggregation.ts'
import { Decimal } from '../../domain/money.ts'

/**
 * The red/amber/green thresholds of progress to target as this deployment configures them
 * (STATUS_GREEN_PERCENT, STATUS_AMBER_PERCENT; 90 % and 60 % by default), as exact fractions.
 */
export const statusThresholds = (config: Pick<Config, 'STATUS_GREEN_PERCENT' | 'STATUS_AMBER_PERCENT'>) =>
  ({
    green: new Decimal(config.STATUS_GREEN_PERCENT).div(100).toString(),
    amber: new Decimal(config.STATUS_AMBER_PERCENT).div(100).toString(),
  }) satisfies StatusThresholds
