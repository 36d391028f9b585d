import type { ChartSpec, ChartUnit } from './chart-spec.ts'
import { ScrollTable } from './components.tsx'
import type { View } from './view.ts'

const formatValue = (v: View, unit: ChartUnit, value: string | null) => {
  if (value === null) return '–'
  if (unit.style === 'money') return v.fmt.money(value, unit.currency)
  if (unit.style === 'percent') return v.fmt.percent(value)
  return v.fmt.number(value, unit.decimals ?? 2)
}

const heightClass = (spec: ChartSpec) => {
  if (!spec.horizontal) return 'chart-h-m'
  const n = spec.labels.length
  return n <= 4 ? 'chart-h-s' : n <= 8 ? 'chart-h-m' : n <= 14 ? 'chart-h-l' : 'chart-h-xl'
}

/**
 * A chart with its table alternative. The table is always in the page (and open until the chart
 * is drawn, so without JavaScript it is what people see); the canvas is drawn by the chart
 * script from `data-chart`. Screen readers get the table: the canvas only names it.
 */
export function Chart(props: { v: View; id: string; title: string; labelHeader: string; spec: ChartSpec }) {
  const { v, id, spec } = props
  return (
    <figure class="chart" id={id}>
      <figcaption class="chart-title" id={`${id}-title`}>
        {props.title}
      </figcaption>
      <div class={`chart-canvas ${heightClass(spec)}`} data-chart={JSON.stringify(spec)}>
        <p class="chart-loading" aria-hidden="true">
          {v.t('chart.loading')}
        </p>
        <canvas role="img" aria-label={v.t('chart.alt', { title: props.title })} />
      </div>
      <details class="chart-table" open>
        <summary>{v.t('chart.showTable')}</summary>
        <ScrollTable id={`${id}-table-caption`} caption={props.title} captionHidden class="table-compact">
          <thead>
            <tr>
              <th scope="col">{props.labelHeader}</th>
              {spec.series.map((s) => (
                <th scope="col" class="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {spec.labels.map((label, i) => (
              <tr>
                <th scope="row">{label}</th>
                {spec.series.map((s) => {
                  const value = s.values[i] ?? null
                  const note = value === null ? s.notes?.[i] : null
                  return <td class="num">{note ?? formatValue(v, spec.unit, value)}</td>
                })}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </details>
    </figure>
  )
}
