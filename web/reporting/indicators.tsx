import type { IndicatorRow } from '../../src/modules/outcomes/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { EmptyState, PageHeader, ScrollTable } from '../ui/components.tsx'
import { TextField } from '../ui/fields.tsx'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'

const pageLink = (q: string, cursor?: string) => {
  const params = new URLSearchParams()
  if (q) params.set('q', q)
  if (cursor) params.set('cursor', cursor)
  const s = params.toString()
  return `/indicators${s ? `?${s}` : ''}`
}

/** The indicator catalogue (PRODUCT.md §9): searchable, with IRIS+ references, in the page language. */
export function IndicatorsPage(props: {
  v: View
  q: string
  items: IndicatorRow[]
  nextCursor: string | null
  paged: boolean
}) {
  const { v, q } = props
  return (
    <Layout v={v} title={v.t('indicators.title')}>
      <PageHeader v={v} title={v.t('indicators.title')} lead={v.t('indicators.lead')} />
      <section class="panel" aria-labelledby="ind-filters-title">
        <h2 id="ind-filters-title" class="visually-hidden">
          {v.t('indicators.filters')}
        </h2>
        <form method="get" action="/indicators" class="filters">
          <TextField v={v} name="q" type="search" label={v.t('indicators.search')} value={q} width="m" />
          <div class="filters-actions">
            <button type="submit" class="button button-primary">
              {v.t('indicators.apply')}
            </button>
            {q ? (
              <a href="/indicators" class="button button-quiet">
                {v.t('ventures.clear')}
              </a>
            ) : null}
          </div>
        </form>
      </section>
      <section class="panel" aria-labelledby="ind-results-title">
        <div class="panel-header">
          <h2 id="ind-results-title">{v.t('indicators.results')}</h2>
        </div>
        {props.items.length ? (
          <ScrollTable id="indicators-caption" caption={v.t('indicators.title')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{v.t('indicators.col.code')}</th>
                <th scope="col">{v.t('indicators.col.name')}</th>
                <th scope="col">{v.t('indicators.col.unit')}</th>
                <th scope="col">{v.t('indicators.col.aggregation')}</th>
                <th scope="col">{v.t('indicators.col.iris')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((i) => (
                <tr>
                  <td class="nowrap">
                    <code>{i.code}</code>
                  </td>
                  <th scope="row">
                    {v.lang === 'nb' ? i.nameNb : i.nameEn}
                    <span class="row-sub">{i.definition}</span>
                  </th>
                  <td>{i.unit}</td>
                  <td>{v.t(`indicators.aggregation.${i.aggregation}` as MessageKey)}</td>
                  <td>
                    {i.irisMetricId
                      ? `${i.irisMetricId}${i.irisVersion ? ` (IRIS+ ${i.irisVersion})` : ''}`
                      : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        ) : (
          <EmptyState title={v.t('indicators.empty.title')} body={v.t('indicators.empty.body')} />
        )}
        {props.nextCursor || props.paged ? (
          <nav class="pager" aria-label={v.t('ventures.pages')}>
            {props.paged ? <a href={pageLink(q)}>{v.t('ventures.first')}</a> : null}
            {props.nextCursor ? (
              <a href={pageLink(q, props.nextCursor)} rel="next">
                {v.t('ventures.next')}
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
    </Layout>
  )
}
