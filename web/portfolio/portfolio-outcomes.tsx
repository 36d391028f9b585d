import { statusThresholds } from '../../src/modules/outcomes/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { periodLabel } from '../reporting/reporting-common.tsx'
import { Badge, EmptyState, KeyFigures, ScrollTable, Section } from '../ui/components.tsx'
import { windowText } from '../ui/economics-window.ts'
import { indicatorName, indicatorValue, RAG_TONE, unitLabel } from '../ui/indicator-format.ts'
import type { Section as PageSection } from '../ui/sections.ts'
import type { View } from '../ui/view.ts'
import type { PortfolioInput } from './portfolio-input.ts'
import {
  daysLate,
  overdueReports,
  type ReportItem,
  reportHref,
  reportsAwaitingVerification,
  STATUS_KEYS,
  type StatusKey,
  statusCounts,
} from './portfolio-outcomes-data.ts'

export function StatusBadge(props: { v: View; status: StatusKey }) {
  return <Badge tone={RAG_TONE[props.status]}>{props.v.t(`econ.rag.${props.status}` as MessageKey)}</Badge>
}

/** People reached, SROI, indicators on track and the review queue, beside the capital figures. */
export const outcomeFigures: PageSection<PortfolioInput> = async (_ctx, v, { portfolio }) => {
  if (!portfolio.ventures.length) return null
  const { peopleReached: people, sroi } = portfolio.totals
  const counts = statusCounts(portfolio.ventures.flatMap((x) => x.outcomes.indicators))
  const withTarget = counts.green + counts.amber + counts.red
  const awaiting = reportsAwaitingVerification(portfolio.ventures).length
  const overdue = overdueReports(portfolio.ventures).length
  return (
    <div class="outcome-figures">
      <KeyFigures
        label={v.t('econ.figures')}
        figures={[
          {
            label: v.t('econ.peopleReached'),
            value: v.fmt.number(people.total, 0),
            note: v.t('econ.peopleReachedNote', {
              window: windowText(v, portfolio.ventures[0]!.economics.window),
              count: v.fmt.number(people.ventureCount),
            }),
          },
          sroi?.ratio
            ? {
                label: v.t('econ.sroi'),
                value: v.fmt.number(sroi.ratio, 2),
                note: v.t('econ.sroiNote', { count: v.fmt.number(sroi.ventureCount) }),
              }
            : { label: v.t('econ.sroi'), value: '–', note: v.t('econ.sroiNone') },
          {
            label: v.t('econ.onTrack'),
            value: v.fmt.number(counts.green),
            note: v.t('econ.onTrackOf', { total: v.fmt.number(withTarget) }),
          },
          { label: v.t('econ.awaiting'), value: v.fmt.number(awaiting) },
          { label: v.t('econ.overdue'), value: v.fmt.number(overdue) },
        ]}
      />
      <p class="figure-caveat">
        <strong>{v.t('econ.caveatTitle')}</strong> {v.t('econ.doubleCounting')}{' '}
        {sroi ? v.t('econ.sroiCaveat') : null}
      </p>
    </div>
  )
}

type Indicator = PortfolioInput['portfolio']['ventures'][number]['outcomes']['indicators'][number]

function TargetsTable(props: { v: View; id: string; caption: string; indicators: Indicator[] }) {
  const { v } = props
  return (
    <ScrollTable id={props.id} caption={props.caption} captionHidden class="table-compact">
      <thead>
        <tr>
          <th scope="col">{v.t('econ.col.indicator')}</th>
          <th scope="col">{v.t('outcomes.period')}</th>
          <th scope="col" class="num">
            {v.t('econ.col.latest')}
          </th>
          <th scope="col" class="num">
            {v.t('outcomes.baseline')}
          </th>
          <th scope="col" class="num">
            {v.t('outcomes.target')}
          </th>
          <th scope="col" class="num">
            {v.t('econ.col.progress')}
          </th>
          <th scope="col">{v.t('econ.col.status')}</th>
        </tr>
      </thead>
      <tbody>
        {props.indicators.map((i) => (
          <tr>
            <th scope="row">
              <span class="code">{i.indicatorCode}</span> {indicatorName(v, i)}
              <span class="row-sub">{unitLabel(v, i.unit)}</span>
            </th>
            <td class="nowrap">{i.period ? periodLabel(v, i.period) : v.t('econ.noVerified')}</td>
            <td class="num nowrap">{indicatorValue(v, i.value, i.unit)}</td>
            <td class="num nowrap">{indicatorValue(v, i.baseline, i.unit)}</td>
            <td class="num nowrap">{indicatorValue(v, i.target, i.unit)}</td>
            <td class="num nowrap">{i.progress === null ? '–' : v.fmt.percent(i.progress, 0)}</td>
            <td>
              <StatusBadge v={v} status={i.status ?? 'none'} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
}

/** Per venture: each indicator's latest verified value against its target, with its status. */
export const targetsSection: PageSection<PortfolioInput> = async (ctx, v, { portfolio }) => {
  if (!portfolio.ventures.length) return null
  const configured = statusThresholds(ctx.config)
  const thresholds = {
    green: v.fmt.percent(configured.green, 0),
    amber: v.fmt.percent(configured.amber, 0),
  }
  const withIndicators = portfolio.ventures.filter((x) => x.outcomes.indicators.length > 0)
  return (
    <Section id="targets" title={v.t('econ.targets')}>
      <p class="section-lead">{v.t('econ.targetsLead', thresholds)}</p>
      {withIndicators.length ? (
        <div class="target-list">
          {withIndicators.map((x) => {
            const counts = statusCounts(x.outcomes.indicators)
            return (
              <details class="target-venture" id={`targets-${x.venture.id}`}>
                <summary>
                  <span class="target-name">{x.venture.name}</span>
                  <span class="target-counts">
                    {STATUS_KEYS.filter((s) => counts[s] > 0).map((s) => (
                      <Badge tone={RAG_TONE[s]}>
                        {v.t(`econ.rag.${s}` as MessageKey)}: {v.fmt.number(counts[s])}
                      </Badge>
                    ))}
                  </span>
                </summary>
                <TargetsTable
                  v={v}
                  id={`targets-${x.venture.id}-caption`}
                  caption={v.t('econ.targetsCaption', { name: x.venture.name })}
                  indicators={x.outcomes.indicators}
                />
                <p class="target-link">
                  <a href={`/ventures/${x.venture.id}#outcomes`}>
                    {v.t('econ.seeSeries', { name: x.venture.name })}
                  </a>
                </p>
              </details>
            )
          })}
        </div>
      ) : (
        <EmptyState title={v.t('econ.targetsEmpty.title')} body={v.t('econ.targetsEmpty.body')} />
      )}
    </Section>
  )
}

function AwaitingTable(props: { v: View; items: ReportItem[] }) {
  const { v } = props
  return (
    <ScrollTable
      id="awaiting-caption"
      caption={v.t('econ.awaitingHeading')}
      captionHidden
      class="table-compact"
    >
      <thead>
        <tr>
          <th scope="col">{v.t('econ.col.venture')}</th>
          <th scope="col">{v.t('reports.col.period')}</th>
          <th scope="col">{v.t('econ.col.submitted')}</th>
          <th scope="col">{v.t('reports.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((r) => (
          <tr>
            <th scope="row">{r.ventureName}</th>
            <td class="nowrap">
              {periodLabel(v, r.period)}
              {r.revision !== null && r.revision > 1 ? (
                <span class="row-sub">{v.t('econ.revision', { revision: v.fmt.number(r.revision) })}</span>
              ) : null}
            </td>
            <td class="nowrap">{r.updatedAt ? v.fmt.date(r.updatedAt, 'medium') : '–'}</td>
            <td>
              <a class="strong-link" href={reportHref(r.ventureId, r.reportId)}>
                {v.t('econ.review')}
                <span class="visually-hidden">
                  {' '}
                  {v.t('econ.reviewWhat', { period: periodLabel(v, r.period), name: r.ventureName })}
                </span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
}

function OverdueTable(props: { v: View; items: ReportItem[]; today: string }) {
  const { v } = props
  return (
    <ScrollTable
      id="overdue-caption"
      caption={v.t('econ.overdueHeading')}
      captionHidden
      class="table-compact"
    >
      <thead>
        <tr>
          <th scope="col">{v.t('econ.col.venture')}</th>
          <th scope="col">{v.t('reports.col.period')}</th>
          <th scope="col">{v.t('reports.col.due')}</th>
          <th scope="col" class="num">
            {v.t('econ.col.daysLate')}
          </th>
          <th scope="col">{v.t('reports.col.status')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((r) => (
          <tr>
            <th scope="row">
              <a href={reportHref(r.ventureId, r.reportId)}>{r.ventureName}</a>
            </th>
            <td class="nowrap">{periodLabel(v, r.period)}</td>
            <td class="nowrap">{v.fmt.date(r.dueDate, 'medium')}</td>
            <td class="num">{v.fmt.number(daysLate(r.dueDate, props.today))}</td>
            <td>
              <Badge tone={r.status === 'returned' ? 'warning' : 'neutral'}>
                {v.t(`reports.status.${r.status}` as MessageKey)}
              </Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
}

/** The review queue: reports awaiting verification (verified on the venture page) and overdue ones. */
export const reviewSection: PageSection<PortfolioInput> = async (_ctx, v, { portfolio }) => {
  if (!portfolio.ventures.length) return null
  const awaiting = reportsAwaitingVerification(portfolio.ventures)
  const overdue = overdueReports(portfolio.ventures)
  return (
    <Section id="review" title={v.t('econ.reviewHeading')}>
      <div class="review-grid">
        <div>
          <h3>{v.t('econ.awaitingHeading')}</h3>
          {awaiting.length ? (
            <AwaitingTable v={v} items={awaiting} />
          ) : (
            <EmptyState title={v.t('econ.awaitingEmpty.title')} body={v.t('econ.awaitingEmpty.body')} />
          )}
        </div>
        <div>
          <h3>{v.t('econ.overdueHeading')}</h3>
          {overdue.length ? (
            <OverdueTable v={v} items={overdue} today={portfolio.asOf} />
          ) : (
            <EmptyState title={v.t('econ.overdueEmpty.title')} body={v.t('econ.overdueEmpty.body')} />
          )}
        </div>
      </div>
    </Section>
  )
}
