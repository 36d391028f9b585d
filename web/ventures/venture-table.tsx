import type { InvestmentFigures } from '../../src/domain/ledger.ts'
import { figuresOut } from '../../src/modules/capital/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { ScrollTable, Tags, VentureStatusBadge } from '../ui/components.tsx'
import { municipalityLabel, type VentureItem } from '../ui/ventures-data.ts'
import type { View } from '../ui/view.ts'

/**
 * Ventures as a table: name (a link to the venture), themes, municipalities, status, founded;
 * with `capital` (an investor's figures by venture id) also committed, disbursed and outstanding.
 */
export function VentureTable(props: {
  v: View
  items: VentureItem[]
  caption: string
  capital?: Map<string, InvestmentFigures>
}) {
  const { v, capital } = props
  const money = (id: string, key: 'committed' | 'disbursed' | 'outstanding') => {
    const figures = capital?.get(id)
    return figures ? v.fmt.money(figuresOut(figures)[key]) : '–'
  }
  return (
    <ScrollTable id="ventures-caption" caption={props.caption} captionHidden>
      <thead>
        <tr>
          <th scope="col">{v.t('col.name')}</th>
          <th scope="col">{v.t('col.themes')}</th>
          <th scope="col">{v.t('col.municipalities')}</th>
          <th scope="col">{v.t('col.status')}</th>
          <th scope="col" class="num">
            {v.t('col.founded')}
          </th>
          {capital ? (
            <>
              <th scope="col" class="amount">
                {v.t('capital.committed')}
              </th>
              <th scope="col" class="amount">
                {v.t('capital.disbursed')}
              </th>
              <th scope="col" class="amount">
                {v.t('capital.outstanding')}
              </th>
            </>
          ) : null}
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
            {capital ? (
              <>
                <td class="amount nowrap">{money(venture.id, 'committed')}</td>
                <td class="amount nowrap">{money(venture.id, 'disbursed')}</td>
                <td class="amount nowrap">{money(venture.id, 'outstanding')}</td>
              </>
            ) : null}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
}
