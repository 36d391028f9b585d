import type { IndicatorView } from '../../src/modules/impact/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { periodLabel } from '../reporting/reporting-common.tsx'
import { Chart } from '../ui/chart.tsx'
import { Badge, ScrollTable } from '../ui/components.tsx'
import { indicatorName, indicatorValue, unitLabel } from '../ui/indicator-format.ts'
import type { View } from '../ui/view.ts'
import { Cell, cellText, chartUnit, chartValue } from './impact-cells.tsx'

/** Breakdown columns in a fixed, familiar order; categories not in the list follow as they come. */
const ORDER: Record<string, string[]> = {
  gender: ['female', 'male', 'other', 'unknown'],
  age_band: ['0-15', '16-29', '30-49', '50-66', '67+', 'unknown'],
}

interface Column {
  dimension: string
  category: string
}

/** The breakdown categories any period of the window shows, gender first, then age. */
export function breakdownColumns(ind: IndicatorView): Column[] {
  const seen = new Map<string, Set<string>>()
  for (const p of ind.periods)
    for (const [dim, cats] of Object.entries(p.breakdowns)) {
      const set = seen.get(dim) ?? new Set<string>()
      for (const cat of Object.keys(cats)) set.add(cat)
      seen.set(dim, set)
    }
  const dims = [...seen.keys()].sort(
    (a, b) =>
      (ORDER[a] ? Object.keys(ORDER).indexOf(a) : 99) - (ORDER[b] ? Object.keys(ORDER).indexOf(b) : 99),
  )
  return dims.flatMap((dimension) => {
    const order = ORDER[dimension] ?? []
    const cats = [...(seen.get(dimension) ?? [])].sort(
      (a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b),
    )
    return cats.map((category) => ({ dimension, category }))
  })
}

function columnLabel(v: View, c: Column): string {
  if (c.dimension === 'gender') return v.t(`impact.gender.${c.category}` as MessageKey)
  if (c.dimension === 'age_band')
    return c.category === 'unknown'
      ? v.t('impact.age.unknown')
      : v.t('impact.age', { band: c.category.replace('-', '–') })
  return `${c.dimension}: ${c.category}`
}

const name = (v: View, ind: IndicatorView) => indicatorName(v, ind.indicator)

/** The latest figure, and its change from a year before when both are shown. */
function Latest(props: { v: View; ind: IndicatorView }) {
  const { v, ind } = props
  const unit = ind.indicator.unit
  const last = ind.periods[ind.periods.length - 1]
  if (!last) return null
  const t = ind.trend
  return (
    <p class="impact-latest">
      <span class="impact-latest-label">{v.t('impact.latest', { period: periodLabel(v, last.period) })}</span>{' '}
      <strong class="impact-latest-value">
        <Cell v={v} unit={unit} cell={last.value} />
      </strong>
      {t && t.period === last.period ? (
        <>
          {' '}
          <span class="impact-trend">
            {t.direction === 'flat'
              ? v.t('impact.trend.flat', { previous: periodLabel(v, t.previousPeriod) })
              : v.t(t.direction === 'up' ? 'impact.trend.up' : 'impact.trend.down', {
                  // A rate moves in percentage points, not per cent of itself.
                  change:
                    unit === 'percent'
                      ? v.t('impact.points', { value: v.fmt.number(t.change.replace(/^-/, ''), 1) })
                      : indicatorValue(v, t.change.replace(/^-/, ''), unit),
                  previous: periodLabel(v, t.previousPeriod),
                  value: indicatorValue(v, t.previousValue, unit),
                })}
          </span>{' '}
          {t.improving === null ? null : (
            <Badge tone={t.improving ? 'success' : 'warning'}>
              {v.t(t.improving ? 'impact.trend.better' : 'impact.trend.worse')}
            </Badge>
          )}
        </>
      ) : null}
    </p>
  )
}

/** One indicator: its latest figure and trend, a chart of the totals, and every figure in a table. */
export function ImpactIndicator(props: { v: View; ind: IndicatorView; index: number }) {
  const { v, ind } = props
  const unit = ind.indicator.unit
  const id = `ind-${props.index}`
  const title = name(v, ind)
  const columns = breakdownColumns(ind)
  const unverified = ind.periods.some((p) => p.unverified)
  const chart = (
    <Chart
      v={v}
      id={`${id}-chart`}
      title={v.t('impact.chartTitle', { name: title, unit: unitLabel(v, unit) })}
      labelHeader={v.t('impact.col.period')}
      spec={{
        kind: ind.periods.length > 1 ? 'line' : 'bar',
        labels: ind.periods.map((p) => periodLabel(v, p.period)),
        series: [
          {
            label: v.t('impact.col.value'),
            values: ind.periods.map((p) => (p.value.value === null ? null : chartValue(unit, p.value.value))),
            notes: ind.periods.map((p) => (p.value.suppressed ? cellText(v, unit, p.value) : null)),
          },
        ],
        unit: chartUnit(unit),
        lang: v.lang,
      }}
    />
  )
  const table = (
    <ScrollTable
      id={`${id}-table-caption`}
      caption={v.t('impact.tableCaption', { name: title, unit: unitLabel(v, unit) })}
      class="table-compact impact-figures"
    >
      <thead>
        <tr>
          <th scope="col">{v.t('impact.col.period')}</th>
          <th scope="col" class="num">
            {v.t('impact.col.value')}
          </th>
          {columns.map((c) => (
            <th scope="col" class="num">
              {columnLabel(v, c)}
            </th>
          ))}
          <th scope="col" class="num">
            {v.t('impact.col.ventures')}
          </th>
        </tr>
      </thead>
      <tbody>
        {ind.periods.map((p) => (
          <tr>
            <th scope="row" class="nowrap">
              {periodLabel(v, p.period)}
              {p.unverified ? (
                <>
                  {' '}
                  <Badge tone="info">{v.t('impact.unverifiedBadge')}</Badge>
                </>
              ) : null}
            </th>
            <td class="num">
              <Cell v={v} unit={unit} cell={p.value} />
            </td>
            {columns.map((c) => (
              <td class="num">
                <Cell v={v} unit={unit} cell={p.breakdowns[c.dimension]?.[c.category]} />
              </td>
            ))}
            <td class="num">{v.fmt.number(p.ventures, 0)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
  return (
    <article class="impact-indicator" aria-labelledby={`${id}-title`} id={id}>
      <h3 id={`${id}-title`} class="impact-title">
        {title} <span class="impact-code">{ind.indicator.code}</span>
      </h3>
      {/* The catalogue defines indicators in English; the language is marked for screen readers. */}
      <p class="impact-definition" lang="en">
        {ind.indicator.definition}
      </p>
      <Latest v={v} ind={ind} />
      {columns.length ? (
        <div class="stack">
          {chart}
          {table}
        </div>
      ) : (
        <div class="grid-2 impact-pair">
          {chart}
          {table}
        </div>
      )}
      {columns.length ? <p class="field-hint">{v.t('impact.partialBreakdowns')}</p> : null}
      {unverified ? <p class="field-hint">{v.t('impact.unverifiedNote')}</p> : null}
    </article>
  )
}
