import type { Lang } from './format.ts'

/**
 * What a chart shows, as the server hands it to the browser in a `data-chart` attribute (no
 * inline script: the CSP forbids it). Values are decimal strings: the table alternative formats
 * them exactly; the chart script converts them to numbers only to draw.
 */
export interface ChartSeries {
  label: string
  values: (string | null)[]
  /** A series drawn as a reference line (baseline, target) rather than as data. */
  role?: 'data' | 'baseline' | 'target'
  /**
   * What the table says where a value is null for a reason (a suppressed figure, say), so that
   * the table never leaves a withheld figure looking like a missing one. The chart leaves a gap.
   */
  notes?: (string | null)[]
}

export type ChartUnit =
  | { style: 'number'; decimals?: number }
  | { style: 'money'; currency: string }
  | { style: 'percent' }

export interface ChartSpec {
  kind: 'bar' | 'line'
  /** Bars run left to right (long category names read better). */
  horizontal?: boolean
  labels: string[]
  series: ChartSeries[]
  unit: ChartUnit
  lang: Lang
}
