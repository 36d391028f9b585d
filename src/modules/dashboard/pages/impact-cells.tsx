import Decimal from 'decimal.js'
import { isMessageKey, type MessageKey } from '../../../../web/i18n/index.ts'
import type { ChartUnit } from '../chart-spec.ts'
import type { View } from '../view.ts'

/**
 * How the impact page writes one published cell. A suppressed cell is never a blank or a 0: it
 * says so in words (with its reason), and the legend on the page explains each wording.
 */
export interface ShownCell {
  value: string | null
  suppressed: boolean
  reason?: 'primary' | 'secondary' | 'few-ventures' | undefined
}

export const suppressedText = (v: View, reason: ShownCell['reason']) =>
  v.t(`impact.suppressed.${reason ?? 'primary'}` as MessageKey)

/** A figure in the indicator's unit: people and counts as numbers, rates as percentages, NOK as money. */
export function figureText(v: View, unit: string, value: string): string {
  if (unit === 'NOK') return v.fmt.money(value)
  if (unit === 'percent') return v.fmt.percent(new Decimal(value).div(100).toFixed(), 1)
  return v.fmt.number(value, 2)
}

/** A cell's text: the figure, the suppressed wording, or a dash where nothing was reported. */
export function cellText(v: View, unit: string, cell: ShownCell | undefined): string {
  if (!cell) return '–'
  if (cell.suppressed) return suppressedText(v, cell.reason)
  return cell.value === null ? '–' : figureText(v, unit, cell.value)
}

export function Cell(props: { v: View; unit: string; cell: ShownCell | undefined }) {
  const { cell } = props
  if (cell?.suppressed)
    return (
      <span class={`suppressed suppressed-${cell.reason ?? 'primary'}`}>
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

/** The unit in words, for headings and captions (a unit without a translation as it is written). */
export const unitText = (v: View, unit: string) => {
  const key = `impact.unit.${unit}`
  return isMessageKey(key) ? v.t(key) : unit
}
