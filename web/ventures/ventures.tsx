import { THEMES } from '../../src/modules/ventures/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { EmptyState, PageHeader } from '../ui/components.tsx'
import { Select, TextField } from '../ui/fields.tsx'
import { Layout } from '../ui/layout.tsx'
import type { VentureItem } from '../ui/ventures-data.ts'
import type { View } from '../ui/view.ts'
import { VentureTable } from './venture-table.tsx'

export const STATUSES = ['active', 'exited', 'closed'] as const

export interface VentureFilters {
  q?: string | undefined
  theme?: (typeof THEMES)[number] | undefined
  status?: (typeof STATUSES)[number] | undefined
}

function filterQuery(f: VentureFilters, cursor?: string) {
  const params = new URLSearchParams()
  if (f.q) params.set('q', f.q)
  if (f.theme) params.set('theme', f.theme)
  if (f.status) params.set('status', f.status)
  if (cursor) params.set('cursor', cursor)
  const s = params.toString()
  return s ? `/ventures?${s}` : '/ventures'
}

export function VenturesPage(props: {
  v: View
  items: VentureItem[]
  filters: VentureFilters
  nextCursor: string | null
  paged: boolean
}) {
  const { v, filters } = props
  const filtered = Boolean(filters.q || filters.theme || filters.status)
  const p = v.principal
  const onlyShared =
    p &&
    !p.isPlatformAdmin &&
    p.memberships.length > 0 &&
    p.memberships.every((m) => m.kind !== 'investor' && m.kind !== 'venture')
  const lead = p?.isPlatformAdmin
    ? v.t('ventures.leadAdmin')
    : onlyShared
      ? v.t('ventures.leadShared', { org: p.memberships.map((m) => m.organizationName).join(', ') })
      : v.t('ventures.lead')
  return (
    <Layout v={v} title={v.t('ventures.title')}>
      <PageHeader v={v} title={v.t('ventures.title')} lead={lead} />
      <section class="panel" aria-labelledby="filters-title">
        <h2 id="filters-title" class="visually-hidden">
          {v.t('ventures.filters')}
        </h2>
        <form method="get" action="/ventures" class="filters">
          <TextField
            v={v}
            name="q"
            type="search"
            label={v.t('ventures.search')}
            value={filters.q}
            width="m"
          />
          <Select
            v={v}
            name="theme"
            label={v.t('ventures.theme')}
            value={filters.theme ?? ''}
            options={[
              { value: '', label: v.t('ventures.any') },
              ...THEMES.map((t) => ({ value: t, label: v.t(`theme.${t}` as MessageKey) })),
            ]}
          />
          <Select
            v={v}
            name="status"
            label={v.t('ventures.status')}
            value={filters.status ?? ''}
            options={[
              { value: '', label: v.t('ventures.any') },
              ...STATUSES.map((s) => ({ value: s, label: v.t(`status.${s}` as MessageKey) })),
            ]}
          />
          <div class="filters-actions">
            <button type="submit" class="button button-primary">
              {v.t('ventures.apply')}
            </button>
            {filtered ? (
              <a href="/ventures" class="button button-quiet">
                {v.t('ventures.clear')}
              </a>
            ) : null}
          </div>
        </form>
      </section>
      <section class="panel" aria-labelledby="results-title">
        <div class="panel-header">
          <h2 id="results-title">
            {props.nextCursor || props.paged
              ? v.t('ventures.countMore', { count: v.fmt.number(props.items.length) })
              : v.tn('ventures.count', props.items.length, v.fmt.number(props.items.length))}
          </h2>
        </div>
        {props.items.length ? (
          <VentureTable v={v} items={props.items} caption={v.t('ventures.title')} />
        ) : filtered ? (
          <EmptyState
            title={v.t('ventures.emptyFiltered.title')}
            body={v.t('ventures.emptyFiltered.body')}
            action={
              <a href="/ventures" class="button button-secondary">
                {v.t('ventures.clear')}
              </a>
            }
          />
        ) : (
          <EmptyState title={v.t('ventures.empty.title')} body={v.t('ventures.empty.body')} />
        )}
        {props.nextCursor || props.paged ? (
          <nav class="pager" aria-label={v.t('ventures.pages')}>
            {props.paged ? <a href={filterQuery(filters)}>{v.t('ventures.first')}</a> : null}
            {props.nextCursor ? (
              <a href={filterQuery(filters, props.nextCursor)} rel="next">
                {v.t('ventures.next')}
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
    </Layout>
  )
}
