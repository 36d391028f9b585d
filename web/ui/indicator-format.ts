import { Decimal } from '../../src/domain/money.ts'
import { isMessageKey } from '../i18n/index.ts'
import type { View } from './view.ts'

/**
 * An indicator's value as people read it, by its unit: kroner as money, rates (stored in percent,
 * PRODUCT.md §3) as a percentage, anything else as a number. Values are decimal strings.
 */
export function indicatorValue(v: Pick<View, 'fmt'>, value: string | null, unit: string): string {
  if (value === null) return '–'
  if (unit === 'NOK') return v.fmt.money(value)
  if (unit === 'percent') return v.fmt.percent(new Decimal(value).div(100).toFixed(), 1)
  return v.fmt.number(value, 2)
}

/** The unit's name in the page's language; a unit the dashboard does not know is shown as stored. */
export function unitLabel(v: Pick<View, 't'>, unit: string): string {
  const key = `econ.unit.${unit}`
  return isMessageKey(key) ? v.t(key) : unit
}

/** An indicator's name in the page's language. */
export const indicatorName = (v: Pick<View, 'lang'>, i: { nameNb: string; nameEn: string }) =>
  v.lang === 'nb' ? i.nameNb : i.nameEn

/** The badge tone of progress to target; the status is always named in words beside it (WCAG 1.4.1). */
export const RAG_TONE = { green: 'success', amber: 'warning', red: 'danger', none: 'neutral' } as const
