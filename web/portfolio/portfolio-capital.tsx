import { figuresOut } from '../../src/modules/capital/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { Chart } from '../ui/chart.tsx'
import type { ChartSpec } from '../ui/chart-spec.ts'
import { EmptyState, KeyFigures, Section } from '../ui/components.tsx'
import type { Section as PageSection } from '../ui/sections.ts'
import type { View } from '../ui/view.ts'
import type { PortfolioInput } from './portfolio-input.ts'

type Portfolio = PortfolioInput['portfolio']

/** Committed, disbursed and support, as the portfolio service summed them (NOK). */
export const capitalFigures: PageSection<PortfolioInput> = async (_ctx, v, { portfolio }) => {
  const totals = figuresOut(portfolio.totals.figures)
  const n = portfolio.totals.investmentCount
  return (
    <KeyFigures
      label={v.t('capital.figures')}
      figures={[
        {
          label: v.t('capital.committed'),
          value: v.fmt.money(totals.committed),
          note: v.t('capital.investmentsNote', { count: v.fmt.number(n) }),
        },
        { label: v.t('capital.disbursed'), value: v.fmt.money(totals.disbursed) },
        { label: v.t('capital.supportHours'), value: v.fmt.number(portfolio.support.hours.toFixed(2), 1) },
        { label: v.t('capital.supportValue'), value: v.fmt.money(portfolio.support.value.toFixed(2)) },
      ]}
    />
  )
}

/** The two capital charts' specs; exported for the unit test. */
export function capitalChartSpecs(
  v: Pick<View, 't' | 'lang'>,
  portfolio: Pick<Portfolio, 'byInstrument' | 'byYear'>,
): { byInstrument: ChartSpec; perYear: ChartSpec } {
  const held = portfolio.byInstrument.filter((i) => i.investmentCount > 0)
  const money = { style: 'money', currency: 'NOK' } as const
  return {
    byInstrument: {
      kind: 'bar',
      horizontal: true,
      labels: held.map((i) => v.t(`instrument.${i.instrument}` as MessageKey)),
      series: [
        { label: v.t('capital.committed'), values: held.map((i) => i.figures.committed.toFixed(2)) },
        { label: v.t('capital.disbursed'), values: held.map((i) => i.figures.disbursed.toFixed(2)) },
      ],
      unit: money,
      lang: v.lang,
    },
    perYear: {
      kind: 'bar',
      labels: portfolio.byYear.map((y) => String(y.year)),
      series: [
        { label: v.t('capital.disbursed'), values: portfolio.byYear.map((y) => y.disbursed.toFixed(2)) },
        { label: v.t('capital.repaid'), values: portfolio.byYear.map((y) => y.repaid.toFixed(2)) },
      ],
      unit: money,
      lang: v.lang,
    },
  }
}

/** Capital by instrument and disbursements per year, each chart with its table. */
export const capitalCharts: PageSection<PortfolioInput> = async (_ctx, v, { investor, portfolio }) => {
  if (portfolio.totals.investmentCount === 0) {
    return (
      <Section id="capital" title={v.t('capital.heading')}>
        <EmptyState
          title={v.t('capital.empty.title')}
          body={v.t('capital.empty.body', { org: investor.organizationName })}
        />
      </Section>
    )
  }
  const specs = capitalChartSpecs(v, portfolio)
  return (
    <Section id="capital" title={v.t('capital.heading')}>
      <p class="section-lead">{v.t('capital.lead')}</p>
      <div class="grid-2">
        <Chart
          v={v}
          id="chart-instruments"
          title={v.t('capital.byInstrument')}
          labelHeader={v.t('capital.col.instrument')}
          spec={specs.byInstrument}
        />
        <Chart
          v={v}
          id="chart-years"
          title={v.t('capital.perYear')}
          labelHeader={v.t('capital.col.year')}
          spec={specs.perYear}
        />
      </div>
    </Section>
  )
}
