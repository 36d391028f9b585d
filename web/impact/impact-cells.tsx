import Decimal from 'decimal.js'
import type { MessageKey } from '../i18n/index.ts'
import type { ChartUnit } from '../ui/chart-spec.ts'
import { indicatorValue } from '../ui/indicator-format.ts'
import type { View } from '../ui/view.ts'

/**
 * How the impact page writes one published cell. A suppressed cell is never a blank or a 0: it
 * says so in words (with its reason), and the legend on the page explains each wording.
 */
export interface ShownCell {
  value: string | null
  suppressed: boolean
  reason?: 'disclosure-control' | 'secondary' | 'few-ventures' | undefined
}

export const suppressedText = (v: View, reason: ShownCell['reason']) =>
  v.t(`impact.suppressed.${reason ?? 'disclosure-control'}` as MessageKey)

/** A cell's text: the figure, the suppressed wording, or a dash where nothing was reported. */
export function cellText(v: View, unit: string, cell: ShownCell | undefined): string {
  if (!cell) return '–'
  if (cell.suppressed) return suppressedText(v, cell.reason)
  return indicatorValue(v, cell.value, unit)
}

export function Cell(props: { v: View; unit: string; cell: ShownCell | undefined }) {
  const { cell } = props
  if (cell?.suppressed)
    return (
      <span class={`suppressed suppressed-${cell.reason ?? 'disclosure-control'}`}>
        {cellText(props.v, props.unit, cell)}
      </span>
    )
  return <>{cellText(props.v, props.unit, cell)}</>
}

/** The chart's scale for a unit; rates go to the chart as fractions so both format them as percentages. */
export function chartUnit(unit: string): ChartUnit {
  if (unit === 'NOK') return { style: 'money', currency: 'NOK' }
  if (unit === 'percent') return { style: 'percent' }
  return { style: 'number', decimals: unit === 'people' || unit === 'count' ? 0 : 2 }
}

export const chartValue = (unit: string, value: string) =>
  unit === 'percent' ? new Decimal(value).div(100).toFixed() : value
