import { Chart } from '../ui/chart.tsx'
import { Notice, ScrollTable, Section } from '../ui/components.tsx'
import { type EconomicsWindowChoice, windowText } from '../ui/economics-window.ts'
import { indicatorName, unitLabel } from '../ui/indicator-format.ts'
import type { Section as PageSection } from '../ui/sections.ts'
import type { View } from '../ui/view.ts'
import type { PortfolioInput } from './portfolio-input.ts'
import { economicsOf, sharedIndicatorCosts } from './portfolio-outcomes-data.ts'

/** "1. jan. 2025 – 31. des. 2025", "from 1 Jan 2025", "all periods": what the figures cover. */
function WindowForm(props: { v: View; choice: EconomicsWindowChoice; org: string }) {
  const { v, choice } = props
  return (
    <form method="get" action="/portfolio#economics" class="window-form" aria-label={v.t('econ.window.form')}>
      <input type="hidden" name="org" value={props.org} />
      <div class="field">
        <label for="econ-from">{v.t('econ.window.fromLabel')}</label>
        <input id="econ-from" name="from" type="date" class="input" value={choice.from ?? ''} />
      </div>
      <div class="field">
        <label for="econ-to">{v.t('econ.window.toLabel')}</label>
        <input id="econ-to" name="to" type="date" class="input" value={choice.to ?? ''} />
      </div>
      <div class="choice">
        <input
          id="econ-support"
          name="support"
          type="checkbox"
          value="true"
          checked={choice.includeSupport}
        />
        <label for="econ-support">{v.t('econ.window.support')}</label>
      </div>
      <button type="submit" class="button button-secondary">
        {v.t('econ.window.apply')}
      </button>
    </form>
  )
}

/**
 * Cost per outcome and attributed outcomes per venture (PRODUCT.md §5), from the economics the
 * portfolio service computed for the chosen window. The table holds every figure; a chart is
 * drawn only for the indicator most ventures share, since comparing costs across different
 * outcomes would compare unlike things.
 */
export const economicsSection: PageSection<PortfolioInput> = async (_ctx, v, input) => {
  const { portfolio, investor } = input
  if (!portfolio.ventures.length) return null
  const choice = input.window ?? { includeSupport: false, reversed: false }
  const rows = portfolio.ventures.map((x) => ({ venture: x.venture, e: economicsOf(x) }))
  const first = rows[0]!.e
  const shared = sharedIndicatorCosts(rows.map((r) => ({ id: r.venture.id, name: r.venture.name, e: r.e })))
  return (
    <Section id="economics" title={v.t('econ.heading')}>
      <p class="section-lead">{v.t('econ.lead', { org: investor.organizationName })}</p>
      <WindowForm v={v} choice={choice} org={investor.organizationId} />
      {choice.reversed ? <Notice tone="error">{v.t('econ.window.reversed')}</Notice> : null}
      <p class="window-state" id="economics-window">
        <span>
          <strong>{v.t('econ.window.label')}:</strong> {windowText(v, first.window)}
        </span>{' '}
        <span>
          <strong>{v.t('econ.supportLabel')}:</strong>{' '}
          {first.includeSupport ? v.t('econ.support.included') : v.t('econ.support.excluded')}
        </span>
      </p>
      <ScrollTable
        id="economics-caption"
        caption={v.t('econ.caption')}
        captionHidden
        class="table-compact economics-table"
      >
        <thead>
          <tr>
            <th scope="col">{v.t('econ.col.venture')}</th>
            <th scope="col" class="num">
              {v.t('econ.col.cost')}
            </th>
            <th scope="col" class="num">
              {v.t('econ.col.share')}
            </th>
            <th scope="col">{v.t('econ.col.indicator')}</th>
            <th scope="col" class="num">
              {v.t('econ.col.units')}
            </th>
            <th scope="col" class="num">
              {v.t('econ.col.costPerUnit')}
            </th>
            <th scope="col" class="num">
              {v.t('econ.col.attributed')}
            </th>
            <th scope="col" class="num">
              {v.t('econ.col.sroi')}
            </th>
          </tr>
        </thead>
        {rows.map(({ venture, e }) => {
          const span = Math.max(1, e.outcomes.length)
          const share = e.attribution?.share
          const head = (
            <>
              <th scope="rowgroup" rowspan={span}>
                <a href={`/ventures/${venture.id}#economics`}>{venture.name}</a>
              </th>
              <td class="num nowrap" rowspan={span}>
                {v.fmt.money(e.cost.total)}
              </td>
              <td class="num nowrap" rowspan={span}>
                {share ? v.fmt.percent(share, 1) : '–'}
              </td>
            </>
          )
          const sroi = (
            <td class="num nowrap" rowspan={span}>
              {e.sroi?.ratio ? (
                <a href={`/ventures/${venture.id}#sroi`}>{v.fmt.number(e.sroi.ratio, 2)}</a>
              ) : (
                '–'
              )}
            </td>
          )
          if (!e.outcomes.length) {
            return (
              <tbody>
                <tr>
                  {head}
                  <td colspan={4} class="muted">
                    {v.t('econ.noCountable')}
                  </td>
                  {sroi}
                </tr>
              </tbody>
            )
          }
          return (
            <tbody>
              {e.outcomes.map((o, i) => (
                <tr>
                  {i === 0 ? head : null}
                  <td>
                    <span class="code">{o.indicatorCode}</span> {indicatorName(v, o)}
                  </td>
                  <td class="num nowrap">
                    {v.fmt.number(o.units, 2)} <span class="muted">{unitLabel(v, o.unit)}</span>
                  </td>
                  <td class="num nowrap">{o.costPerUnit ? v.fmt.money(o.costPerUnit) : '–'}</td>
                  <td class="num nowrap">{o.attributedUnits ? v.fmt.number(o.attributedUnits, 2) : '–'}</td>
                  {i === 0 ? sroi : null}
                </tr>
              ))}
            </tbody>
          )
        })}
      </ScrollTable>
      <p class="figure-caveat">{v.t('econ.economicsNote')}</p>
      {shared ? (
        <Chart
          v={v}
          id="chart-cost-per-outcome"
          title={v.t('econ.chartTitle', { code: shared.indicatorCode, name: indicatorName(v, shared) })}
          labelHeader={v.t('econ.col.venture')}
          spec={{
            kind: 'bar',
            horizontal: true,
            labels: shared.ventures.map((x) => x.name),
            series: [
              { label: v.t('econ.col.costPerUnit'), values: shared.ventures.map((x) => x.costPerUnit) },
            ],
            unit: { style: 'money', currency: 'NOK' },
            lang: v.lang,
          }}
        />
      ) : null}
    </Section>
  )
}
