import { listReports, reportingAccess, timeSeries } from '../../src/modules/outcomes/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { REPORT_STATUS_TONE } from '../reporting/report-history.tsx'
import { periodLabel } from '../reporting/reporting-common.tsx'
import { ReviewForms } from '../reporting/review-forms.tsx'
import { Chart } from '../ui/chart.tsx'
import type { ChartUnit } from '../ui/chart-spec.ts'
import { Badge, EmptyState, ScrollTable, Section } from '../ui/components.tsx'
import { RAG_TONE } from '../ui/indicator-format.ts'
import type { Section as PageSection } from '../ui/sections.ts'
import type { VentureInput } from './venture-input.ts'

const unitOf = (unit: string): ChartUnit =>
  unit === 'NOK' ? { style: 'money', currency: 'NOK' } : { style: 'number', decimals: 2 }

/** Each assigned indicator's time series against baseline and target, from the outcomes service. */
export const outcomesSection: PageSection<VentureInput> = async (ctx, v, input) => {
  if (input.access === 'profile') return null
  const { series } = await timeSeries(ctx, input.venture.id, {
    granularity: 'quarter',
    includeUnverified: false,
  })
  if (!series.length) {
    return (
      <Section id="outcomes" title={v.t('outcomes.heading')}>
        <EmptyState title={v.t('outcomes.empty.title')} body={v.t('outcomes.empty.body')} />
      </Section>
    )
  }
  return (
    <Section id="outcomes" title={v.t('outcomes.heading')}>
      <div class="stack">
        {series.map((s) => {
          const name = v.lang === 'nb' ? s.indicator.nameNb : s.indicator.nameEn
          const latest = [...s.series.points].reverse().find((p) => p.status !== null)
          const str = (d: { toString(): string } | null) => (d === null ? null : d.toString())
          return (
            <article aria-labelledby={`ind-${s.assignment.id}`}>
              <h3 id={`ind-${s.assignment.id}`}>
                {s.indicator.code} {name}{' '}
                {latest?.status ? (
                  <Badge tone={RAG_TONE[latest.status]}>
                    {v.t('outcomes.status')}: {v.t(`outcomes.rag.${latest.status}` as MessageKey)}
                  </Badge>
                ) : (
                  <Badge>{v.t('outcomes.rag.none')}</Badge>
                )}
              </h3>
              <Chart
                v={v}
                id={`series-${s.assignment.id}`}
                title={v.t('outcomes.chartTitle', { code: s.indicator.code, name, unit: s.indicator.unit })}
                labelHeader={v.t('outcomes.period')}
                spec={{
                  kind: 'line',
                  labels: s.series.points.map((p) => p.period),
                  series: [
                    { label: v.t('outcomes.value'), values: s.series.points.map((p) => str(p.value)) },
                    {
                      label: v.t('outcomes.baseline'),
                      role: 'baseline',
                      values: s.series.points.map((p) => str(p.baseline)),
                    },
                    {
                      label: v.t('outcomes.target'),
                      role: 'target',
                      values: s.series.points.map((p) => str(p.target)),
                    },
                  ],
                  unit: unitOf(s.indicator.unit),
                  lang: v.lang,
                }}
              />
            </article>
          )
        })}
      </div>
    </Section>
  )
}

/** The venture's reports with due dates and overdue markers; reviewers verify or return submitted ones. */
export const reportsSection: PageSection<VentureInput> = async (ctx, v, input) => {
  if (input.access === 'profile') return null
  const ventureId = input.venture.id
  const { items } = await listReports(ctx, ventureId, { limit: 100 })
  const reviewer = (await reportingAccess(ctx, ventureId)).mayReview
  if (!items.length) {
    return (
      <Section id="reports" title={v.t('reports.heading')}>
        <p class="muted">{v.t('reports.empty')}</p>
      </Section>
    )
  }
  return (
    <Section id="reports" title={v.t('reports.heading')}>
      <ScrollTable id="reports-caption" caption={v.t('reports.caption')} captionHidden class="table-compact">
        <thead>
          <tr>
            <th scope="col">{v.t('reports.col.period')}</th>
            <th scope="col">{v.t('reports.col.status')}</th>
            <th scope="col">{v.t('reports.col.due')}</th>
            <th scope="col">{v.t('reports.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr id={r.reportId ? `report-${r.reportId}` : undefined}>
              <th scope="row">
                {r.reportId ? (
                  <a href={`/ventures/${ventureId}/reports/${r.reportId}`}>{periodLabel(v, r.period)}</a>
                ) : (
                  periodLabel(v, r.period)
                )}
              </th>
              <td>
                <Badge tone={REPORT_STATUS_TONE[r.status]}>
                  {v.t(`reports.status.${r.status}` as MessageKey)}
                </Badge>
              </td>
              <td class="nowrap">
                {v.fmt.date(r.dueDate, 'medium')}{' '}
                {r.overdue ? <Badge tone="danger">{v.t('reports.overdue')}</Badge> : null}
              </td>
              <td>
                {reviewer && r.reportId && r.status === 'submitted' ? (
                  <ReviewForms
                    v={v}
                    ventureId={ventureId}
                    reportId={r.reportId}
                    period={periodLabel(v, r.period)}
                    error={input.returnError?.reportId === r.reportId ? input.returnError.message : undefined}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </Section>
  )
}
