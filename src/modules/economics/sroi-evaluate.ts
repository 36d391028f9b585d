import { Decimal } from '../../domain/money.ts'
import {
  computeSroi,
  fromPercent,
  type SensitivityRow,
  type SroiInput,
  type SroiResult,
  sensitivity,
} from '../../domain/sroi.ts'
import type { VentureFacts, VentureOutcomeFacts } from './data-repo.ts'
import { capitalInWindow, type Quantity, quantityInWindow, type Window } from './figures.ts'
import type { SroiModel } from './sroi-repo.ts'

/**
 * One stored model version evaluated against today's facts. The model keeps the assumptions;
 * quantities always come from the verified outcomes known now, so a model stays right when a
 * report is amended and verified again. Pure.
 */
export interface SroiInputs {
  /** What the ratio divides by. */
  amount: Decimal
  source: 'override' | 'computed'
  /** The computed parts, shown even when overridden so the override can be compared. */
  disbursed: Decimal
  otherFunding: Decimal
  support: Decimal
}

export interface SroiEvaluation {
  model: SroiModel
  window: Window
  inputs: SroiInputs
  quantities: Quantity[]
  input: SroiInput
  result: SroiResult
  sensitivity: SensitivityRow[]
}

export const modelWindow = (m: SroiModel): Window => ({
  from: m.model.windowFrom ?? undefined,
  to: m.model.windowTo ?? undefined,
})

export function evaluateSroi(
  model: SroiModel,
  capital: VentureFacts,
  outcomes: VentureOutcomeFacts,
): SroiEvaluation {
  const window = modelWindow(model)
  const c = capitalInWindow(capital, window)
  const computed = c.disbursed.plus(c.otherFunding).plus(c.support)
  const inputs: SroiInputs = {
    amount: model.model.inputsOverride === null ? computed : new Decimal(model.model.inputsOverride),
    source: model.model.inputsOverride === null ? 'computed' : 'override',
    disbursed: c.disbursed,
    otherFunding: c.otherFunding,
    support: c.support,
  }
  const quantities = model.outcomes.map((o) => quantityInWindow(outcomes, o.indicatorCode, window))
  const input: SroiInput = {
    discountRate: fromPercent(model.model.discountRate),
    inputs: inputs.amount,
    outcomes: model.outcomes.map((o, i) => ({
      indicatorCode: o.indicatorCode,
      quantity: quantities[i]!.quantity,
      proxy: new Decimal(o.proxy),
      deadweight: fromPercent(o.deadweight),
      attribution: fromPercent(o.attribution),
      displacement: fromPercent(o.displacement),
      dropOff: fromPercent(o.dropOff),
      durationYears: o.durationYears,
    })),
  }
  return {
    model,
    window,
    inputs,
    quantities,
    input,
    result: computeSroi(input),
    sensitivity: sensitivity(input),
  }
}
