import type { MessageKey } from '../../../../web/i18n/index.ts'
import { Tags, VentureStatusBadge } from '../components.tsx'
import { municipalityLabel, type VentureItem } from '../ventures-data.ts'
import type { View } from '../view.ts'

/** Ventures as a table: name (a link to the venture), themes, municipalities, status, founded. */
export function VentureTable(props: { v: View; items: VentureItem[]; caption: string }) {
  const { v } = props
  return (
    <div class="table-wrap">
      <table class="table">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{v.t('col.name')}</th>
            <th scope="col">{v.t('col.themes')}</th>
            <th scope="col">{v.t('col.municipalities')}</th>
            <th scope="col">{v.t('col.status')}</th>
            <th scope="col" class="num">
              {v.t('col.founded')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.items.map(({ venture }) => (
            <tr>
              <th scope="row">
                <a href={`/ventures/${venture.id}`} class="strong-link">
                  {venture.name}
                </a>
                {venture.description ? <span class="row-sub">{venture.description}</span> : null}
              </th>
              <td>
                <Tags
                  items={venture.themes.map((t) => v.t(`theme.${t}` as MessageKey))}
                  empty={v.t('common.none')}
                />
              </td>
              <td>{venture.municipalities.map(municipalityLabel).join(', ') || '–'}</td>
              <td>
                <VentureStatusBadge v={v} status={venture.status} />
              </td>
              <td class="num nowrap">{venture.founded ? v.fmt.date(venture.founded, 'medium') : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
