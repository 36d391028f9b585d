/**
 * Draws every `[data-chart]` figure with chart.js. Only the parts in use are imported and
 * registered, so the bundle stays small (the rest of chart.js is tree-shaken away). The figure's
 * table stays in the page as the accessible alternative; once drawn it folds away behind a
 * "show as table" toggle.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartDataset,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js'
import type { ChartSpec } from '../ui/chart-spec.ts'
import { formatMoney, formatMoneyCompact, formatNumber, formatPercent } from '../ui/format.ts'

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
)

// The stylesheet's palette: strong enough against white for graphical objects (WCAG 1.4.11).
const DATA_COLOURS = ['#0f6b75', '#3f5fa8', '#8a4f9e', '#b3541e', '#2f7d3a']
const BASELINE = '#5b6775'
const TARGET = '#a15c00'

function valueFormat(spec: ChartSpec, compact: boolean) {
  const { unit, lang } = spec
  return (value: number): string => {
    if (unit.style === 'money')
      return compact
        ? formatMoneyCompact(lang, value, unit.currency)
        : formatMoney(lang, value, unit.currency)
    if (unit.style === 'percent') return formatPercent(lang, value)
    return formatNumber(lang, value, unit.decimals ?? 2)
  }
}

function datasets(spec: ChartSpec): ChartDataset<'bar' | 'line', (number | null)[]>[] {
  let next = 0
  return spec.series.map((s) => {
    const data = s.values.map((v) => (v === null ? null : Number(v)))
    if (s.role === 'baseline' || s.role === 'target') {
      const colour = s.role === 'target' ? TARGET : BASELINE
      return {
        type: 'line' as const,
        label: s.label,
        data,
        borderColor: colour,
        backgroundColor: colour,
        borderDash: s.role === 'target' ? [6, 4] : [2, 3],
        borderWidth: 2,
        pointRadius: 0,
      }
    }
    const colour = DATA_COLOURS[next++ % DATA_COLOURS.length]!
    return {
      label: s.label,
      data,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: spec.kind === 'line' ? 2.5 : 0,
      borderRadius: spec.kind === 'bar' ? 3 : 0,
      maxBarThickness: 28,
      pointRadius: spec.kind === 'line' ? 3 : 0,
    }
  })
}

function configFor(spec: ChartSpec, font: string): ChartConfiguration<'bar' | 'line', (number | null)[]> {
  const axisLabel = valueFormat(spec, true)
  const tooltipLabel = valueFormat(spec, false)
  const valueAxis = {
    beginAtZero: true,
    grid: { color: '#e3e7eb' },
    border: { display: false },
    ticks: {
      color: '#3d4a57',
      precision: spec.unit.style === 'number' && spec.unit.decimals === 0 ? 0 : undefined,
      callback: (value: string | number) => axisLabel(Number(value)),
    },
  }
  const categoryAxis = { grid: { display: false }, ticks: { color: '#17212b', autoSkip: !spec.horizontal } }
  return {
    type: spec.kind,
    data: { labels: spec.labels, datasets: datasets(spec) },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      font: { family: font, size: 13 },
      scales: spec.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: { display: spec.series.length > 1, position: 'bottom', labels: { color: '#17212b' } },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label ?? ''}: ${tooltipLabel(Number(item.raw))}`,
          },
        },
      },
    },
  }
}

/**
 * Gives the browser a turn between two charts: each chart is drawn in a task of its own, so a
 * page with a dozen charts never blocks a tap or a scroll for long (on a slow phone one chart
 * takes tens of milliseconds; all at once took 300 ms and more, Lighthouse's total blocking time).
 */
const nextTurn = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  if (scheduler?.yield) return scheduler.yield()
  return new Promise((resolve) => setTimeout(resolve, 0))
}

function draw(holder: HTMLElement, font: string) {
  const canvas = holder.querySelector('canvas')
  if (!canvas || holder.dataset.state === 'drawn') return
  try {
    const spec = JSON.parse(holder.dataset.chart ?? '') as ChartSpec
    new Chart(canvas, configFor(spec, font))
    holder.dataset.state = 'drawn'
    holder.closest('figure')?.querySelector('details.chart-table')?.removeAttribute('open')
  } catch {
    // The table is still there: leave it open and drop the placeholder.
    holder.dataset.state = 'failed'
  }
}

const font = getComputedStyle(document.body).fontFamily
Chart.defaults.font.family = font
for (const holder of document.querySelectorAll<HTMLElement>('[data-chart]')) {
  await nextTurn()
  draw(holder, font)
}
// For the speed benchmark and browser tests: every chart on the page is drawn.
performance.mark('effekt:charts-drawn')
document.documentElement.dataset.charts = 'drawn'
