import type { ImpactView } from '../../src/modules/impact/index.ts'
import { periodLabel } from '../reporting/reporting-common.tsx'
import { EmptyState, KeyFigures, Notice, PageHeader, Section } from '../ui/components.tsx'
import { ErrorSummary, type FieldErrors } from '../ui/fields.tsx'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'
import { ImpactFilters } from './impact-filters.tsx'
import type { ImpactForm, ImpactFormIssue } from './impact-form.ts'
import { ImpactIndicator } from './impact-indicator.tsx'
import { Caveats, Contributors, OpenData, type OpenDataInfo, SuppressionLegend } from './impact-notes.tsx'

/** The view the page shows, with what it needs beside it; absent when the form has problems. */
export interface ImpactResult {
  view: ImpactView
  openData: OpenDataInfo[]
  csvHref: string
  xlsxHref: string
}

function titleOf(v: View, result: ImpactResult | null): string {
  if (!result) return v.t('impact.title')
  const place = result.view.place
  return place ? v.t('impact.titlePlace', { name: place.name }) : v.t('impact.titleNational')
}

function windowText(v: View, form: ImpactForm): string {
  if (form.from && form.to)
    return v.t('impact.window', { from: periodLabel(v, form.from), to: periodLabel(v, form.to) })
  if (form.from) return v.t('impact.windowFrom', { from: periodLabel(v, form.from) })
  if (form.to) return v.t('impact.windowTo', { to: periodLabel(v, form.to) })
  return v.t('impact.windowAll')
}

function Figures(props: { v: View; view: ImpactView; form: ImpactForm }) {
  const { v, view, form } = props
  return (
    <KeyFigures
      label={v.t('impact.figures')}
      figures={[
        {
          label: v.t('impact.figure.ventures'),
          value: view.ventureCount === null ? v.t('impact.figure.all') : v.fmt.number(view.ventureCount, 0),
        },
        { label: v.t('impact.figure.indicators'), value: v.fmt.number(view.indicators.length, 0) },
        { label: v.t('impact.figure.window'), value: windowText(v, form) },
        {
          label: v.t('impact.figure.threshold'),
          value: v.t('impact.figure.thresholdValue', { threshold: String(view.threshold) }),
        },
      ]}
    />
  )
}

function Body(props: { v: View; result: ImpactResult; form: ImpactForm }) {
  const { v, result, form } = props
  const { view } = result
  if (view.ventureCount === 0) {
    return (
      <Section id="impact-indicators" title={v.t('impact.indicators')}>
        <EmptyState
          title={v.t('impact.empty.noShares.title', { name: view.place?.name ?? '' })}
          body={v.t('impact.empty.noShares.body')}
        />
      </Section>
    )
  }
  return (
    <>
      {view.includesUnverified ? <Notice tone="info">{v.t('impact.caveat.unverified')}</Notice> : null}
      {view.indicators.length ? <SuppressionLegend v={v} threshold={view.threshold} /> : null}
      <Section id="impact-indicators" title={v.t('impact.indicators')}>
        {view.indicators.length ? (
          <div class="stack impact-list">
            {view.indicators.map((ind, index) => (
              <ImpactIndicator v={v} ind={ind} index={index} />
            ))}
          </div>
        ) : (
          <EmptyState
            title={v.t('impact.empty.noData.title')}
            body={form.theme ? v.t('impact.empty.noData.bodyTheme') : v.t('impact.empty.noData.body')}
            action={
              <a href="/impact" class="button button-secondary">
                {v.t('impact.reset')}
              </a>
            }
          />
        )}
      </Section>
    </>
  )
}

/**
 * Municipality — impact (PRODUCT.md §4, §9): what the ventures that share data with a
 * municipality achieve there, per indicator, period and theme, with suppressed cells marked and
 * explained, the caveats in plain words, the figures as CSV and the open data.
 */
export function ImpactPage(props: {
  v: View
  form: ImpactForm
  choices: readonly string[]
  issues: ImpactFormIssue[]
  result: ImpactResult | null
}) {
  const { v, form, result } = props
  const errors: FieldErrors = {}
  const extra: string[] = []
  for (const issue of props.issues) {
    const text = v.t(issue.key, issue.params)
    // The municipality has no field when there is nothing to choose: its problem heads the form.
    if (issue.field === 'form' || (issue.field === 'municipality' && props.choices.length < 2))
      extra.push(text)
    else errors[issue.field] = errors[issue.field] ? `${errors[issue.field]} ${text}` : text
  }
  const title = titleOf(v, result)
  return (
    <Layout v={v} title={title} charts={Boolean(result?.view.indicators.length)}>
      <PageHeader
        v={v}
        title={title}
        lead={v.t('impact.lead')}
        actions={
          result?.view.indicators.length ? (
            <>
              <a class="button button-secondary" href={result.csvHref} download>
                {v.t('impact.downloadCsv')}
              </a>{' '}
              <a class="button button-secondary" href={result.xlsxHref} download>
                {v.t('impact.downloadXlsx')}
              </a>
            </>
          ) : undefined
        }
      />
      <ErrorSummary v={v} errors={errors} extra={extra} />
      <ImpactFilters v={v} form={form} choices={props.choices} errors={errors} />
      {result ? (
        <>
          <Figures v={v} view={result.view} form={form} />
          <Body v={v} result={result} form={form} />
          <Caveats v={v} view={result.view} />
          <div class="grid-2">
            <Contributors v={v} view={result.view} />
            <OpenData v={v} view={result.view} openData={result.openData} />
          </div>
        </>
      ) : (
        <Section id="impact-indicators" title={v.t('impact.indicators')}>
          <EmptyState title={v.t('impact.invalid.title')} body={v.t('impact.invalid.body')} />
        </Section>
      )}
    </Layout>
  )
}
