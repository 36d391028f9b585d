import { isValidDate } from '../../src/domain/periods.ts'
import type { View } from './view.ts'

/**
 * The window the portfolio's cost per outcome and attribution are computed for (PRODUCT.md §5),
 * as chosen in the page's form. Like the other filters of the dashboard, what comes from a link
 * and is not a date is ignored rather than refused; a window that ends before it starts is
 * reported next to the form and the figures fall back to all periods.
 */
export interface EconomicsWindowChoice {
  from?: string | undefined
  to?: string | undefined
  includeSupport: boolean
  /** `from` is after `to`: the window was dropped. */
  reversed: boolean
}

export function economicsWindowFrom(query: Record<string, string | undefined>): EconomicsWindowChoice {
  const date = (s: string | undefined) => {
    const t = s?.trim()
    return t && isValidDate(t) ? t : undefined
  }
  const from = date(query.from)
  const to = date(query.to)
  const includeSupport = query.support === 'true'
  if (from && to && from > to) return { includeSupport, reversed: true }
  return { from, to, includeSupport, reversed: false }
}

/** The same window as getPortfolio takes it. */
export const portfolioWindow = (w: EconomicsWindowChoice) => ({
  from: w.from,
  to: w.to,
  includeSupport: w.includeSupport,
})

/** The window as a sentence (the portfolio's and the venture page's economics sections). */
export function windowText(v: View, w: { from: string | null; to: string | null }): string {
  const d = (s: string) => v.fmt.date(s, 'medium')
  if (w.from && w.to) return v.t('econ.window.between', { from: d(w.from), to: d(w.to) })
  if (w.from) return v.t('econ.window.from', { from: d(w.from) })
  if (w.to) return v.t('econ.window.to', { to: d(w.to) })
  return v.t('econ.window.all')
}
