import type { JSX } from 'hono/jsx/jsx-runtime'
import { THEMES } from '../../src/modules/ventures/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { Chart } from '../ui/chart.tsx'
import { EmptyState, KeyFigures, PageHeader, Section } from '../ui/components.tsx'
import { Layout } from '../ui/layout.tsx'
import type { Section as PageSection } from '../ui/sections.ts'
import { municipalityLabel } from '../ui/ventures-data.ts'
import type { View } from '../ui/view.ts'
import { VentureTable } from '../ventures/venture-table.tsx'
import { capitalCharts, capitalFigures } from './portfolio-capital.tsx'
import { economicsSection } from './portfolio-economics.tsx'
import type { PortfolioInput } from './portfolio-input.ts'
import type { InvestorChoice } from './portfolio-investors.ts'
import { outcomeFigures, reviewSection, targetsSection } from './portfolio-outcomes.tsx'

const count = (n: number) => String(n)

/** Headline numbers. The capital and outcome figures of PRODUCT.md §9 join as their own sections. */
const overview: PageSection<PortfolioInput> = async (_ctx, v, { ventures }) => {
  const active = ventures.filter((x) => x.venture.status === 'active').length
  const municipalities = new Set(ventures.flatMap((x) => x.venture.municipalities))
  const themes = new Set(ventures.flatMap((x) => x.venture.themes))
  return (
    <KeyFigures
      label={v.t('portfolio.figures')}
      figures={[
        { label: v.t('figure.ventures'), value: v.fmt.number(ventures.length) },
        {
          label: v.t('figure.active'),
          value: v.fmt.number(active),
          note: v.t('figure.activeOf', { total: v.fmt.number(ventures.length) }),
        },
        { label: v.t('figure.municipalities'), value: v.fmt.number(municipalities.size) },
        {
          label: v.t('figure.themes'),
          value: v.fmt.number(themes.size),
          note: v.t('figure.themesOf', { total: v.fmt.number(THEMES.length) }),
        },
      ]}
    />
  )
}

/** Counts by key, largest first, ties by label in the page's language. */
function tally(v: View, keys: string[], label: (k: string) => string) {
  const counts = new Map<string, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  return [...counts.entries()]
    .map(([k, n]) => ({ label: label(k), n }))
    .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label, v.lang))
}

const composition: PageSection<PortfolioInput> = async (_ctx, v, { ventures }) => {
  if (!ventures.length) return null
  const byTheme = tally(
    v,
    ventures.flatMap((x) => x.venture.themes),
    (t) => v.t(`theme.${t}` as MessageKey),
  )
  const byMunicipality = tally(
    v,
    ventures.flatMap((x) => x.venture.municipalities),
    municipalityLabel,
  )
  const series = (rows: { n: number }[]) => [
    { label: v.t('portfolio.ventureCount'), values: rows.map((r) => count(r.n)) },
  ]
  return (
    <Section id="composition" title={v.t('portfolio.composition')}>
      <div class="grid-2">
        <Chart
          v={v}
          id="chart-themes"
          title={v.t('portfolio.byTheme')}
          labelHeader={v.t('col.theme')}
          spec={{
            kind: 'bar',
            horizontal: true,
            labels: byTheme.map((r) => r.label),
            series: series(byTheme),
            unit: { style: 'number', decimals: 0 },
            lang: v.lang,
          }}
        />
        <Chart
          v={v}
          id="chart-municipalities"
          title={v.t('portfolio.byMunicipality')}
          labelHeader={v.t('col.municipality')}
          spec={{
            kind: 'bar',
            horizontal: true,
            labels: byMunicipality.map((r) => r.label),
            series: series(byMunicipality),
            unit: { style: 'number', decimals: 0 },
            lang: v.lang,
          }}
        />
      </div>
    </Section>
  )
}

const ventureList: PageSection<PortfolioInput> = async (_ctx, v, { investor, ventures, portfolio }) => (
  <Section id="ventures" title={v.t('portfolio.venturesHeading')}>
    {ventures.length ? (
      <VentureTable
        v={v}
        items={ventures}
        caption={v.t('portfolio.venturesHeading')}
        capital={new Map(portfolio.ventures.map((p) => [p.venture.id, p.figures]))}
      />
    ) : (
      <EmptyState
        title={v.t('portfolio.empty.title')}
        body={v.t('portfolio.empty.body', { org: investor.organizationName })}
      />
    )}
  </Section>
)

const EXPORTS = ['portfolio', 'transactions', 'outcomes'] as const

/**
 * The exports of GET /v1/exports/*, for the investor shown: XLSX next to CSV, the CSV in the
 * page's decimal mark (the one CSV rule; the API would otherwise follow the browser's language).
 */
const downloads: PageSection<PortfolioInput> = async (_ctx, v, { investor }) => {
  const org = `organization=${encodeURIComponent(investor.organizationId)}`
  const decimal = v.lang === 'nb' ? 'comma' : 'point'
  return (
    <Section id="downloads" title={v.t('portfolio.downloads')}>
      <p>{v.t('portfolio.downloadsLead')}</p>
      <ul class="download-list">
        {EXPORTS.map((what) => (
          <li>
            <a href={`/v1/exports/${what}.xlsx?${org}`} download>
              {v.t(`portfolio.download.${what}.xlsx`)}
            </a>
            {' · '}
            <a href={`/v1/exports/${what}.csv?${org}&decimal=${decimal}`} download>
              {v.t(`portfolio.download.${what}.csv`)}
            </a>
          </li>
        ))}
      </ul>
    </Section>
  )
}

/**
 * The investor's portfolio, top to bottom: headline figures, what needs the investor's attention
 * (reports to verify, overdue reports), outcomes against targets, capital, impact economics.
 */
export const PORTFOLIO_SECTIONS: PageSection<PortfolioInput>[] = [
  overview,
  capitalFigures,
  outcomeFigures,
  reviewSection,
  targetsSection,
  capitalCharts,
  economicsSection,
  composition,
  ventureList,
  downloads,
]

export function PortfolioPage(props: {
  v: View
  investor: InvestorChoice
  investors: InvestorChoice[]
  sections: JSX.Element[]
}) {
  const { v, investor } = props
  return (
    <Layout v={v} title={`${v.t('portfolio.title')}: ${investor.organizationName}`} charts>
      <PageHeader
        v={v}
        title={v.t('portfolio.title')}
        meta={<span class="org-name">{investor.organizationName}</span>}
        lead={v.t('portfolio.lead', { org: investor.organizationName })}
        actions={
          <>
            <a
              class="button button-secondary"
              href={`/portfolio/annual-report?organization=${investor.organizationId}`}
            >
              {v.t('annual.link')}
            </a>
            {props.investors.length > 1 ? (
              <form method="get" action="/portfolio" class="inline-form">
                <label for="portfolio-org">{v.t('portfolio.chooseInvestor')}</label>
                <select id="portfolio-org" name="org" class="input select">
                  {props.investors.map((m) => (
                    <option value={m.organizationId} selected={m.organizationId === investor.organizationId}>
                      {m.organizationName}
                    </option>
                  ))}
                </select>
                <button type="submit" class="button button-secondary">
                  {v.t('portfolio.show')}
                </button>
              </form>
            ) : null}
          </>
        }
      />
      {props.sections}
    </Layout>
  )
}
