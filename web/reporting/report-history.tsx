import type { ReportView, StoredValue } from '../../src/modules/outcomes/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { Badge, ScrollTable, Section } from '../ui/components.tsx'
import { indicatorName } from '../ui/indicator-format.ts'
import type { View } from '../ui/view.ts'
import { categoryLabel } from './report-fields.tsx'

/**
 * What a report holds and how it got there: the values of a revision as a table, and the history
 * of every transition (who, when, why) with each earlier revision's values kept as they were.
 */
export const REPORT_STATUS_TONE = {
  not_started: 'neutral',
  draft: 'neutral',
  submitted: 'info',
  verified: 'success',
  returned: 'warning',
} as const

export function ValuesTable(props: {
  v: View
  /** The caption's id, unique on the page. */
  id: string
  caption: string
  values: StoredValue[]
  expected: ReportView['expected']
}) {
  const { v } = props
  if (!props.values.length) return <p class="muted">{v.t('reporting.noValues')}</p>
  const byCode = new Map(props.expected.map((e) => [e.indicator.code, e.indicator]))
  return (
    <ScrollTable id={props.id} caption={props.caption} captionHidden class="table-compact">
      <thead>
        <tr>
          <th scope="col">{v.t('reporting.col.indicator')}</th>
          <th scope="col" class="num">
            {v.t('reporting.col.value')}
          </th>
          <th scope="col">{v.t('reporting.col.breakdowns')}</th>
          <th scope="col">{v.t('reporting.col.note')}</th>
          <th scope="col">{v.t('reporting.col.level')}</th>
        </tr>
      </thead>
      <tbody>
        {props.values.map((value) => {
          const indicator = byCode.get(value.indicatorCode)
          const rate = value.numerator !== null && value.denominator !== null
          return (
            <tr>
              <th scope="row">
                {value.indicatorCode}
                {indicator ? ` ${indicatorName(v, indicator)}` : ''}
              </th>
              <td class="num nowrap">
                {v.fmt.number(value.total, 4)}
                {rate ? (
                  <span class="muted">
                    {' '}
                    ({v.fmt.number(value.numerator!)} / {v.fmt.number(value.denominator!)})
                  </span>
                ) : null}
              </td>
              <td>
                {value.breakdowns.length ? (
                  <ul class="plain-list">
                    {value.breakdowns.map((b) => (
                      <li>
                        {categoryLabel(v, b.dimension, b.category)}: {v.fmt.number(b.value, 4)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span class="muted">{v.t('common.none')}</span>
                )}
              </td>
              <td>
                {value.note ? <p>{value.note}</p> : null}
                {value.evidence.length ? (
                  <ul class="plain-list">
                    {value.evidence.map((url) => (
                      <li>
                        <a href={url} rel="noopener noreferrer nofollow">
                          {url}
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {!value.note && !value.evidence.length ? <span class="muted">–</span> : null}
              </td>
              <td>{v.t(`reporting.level.${value.verificationLevel}` as MessageKey)}</td>
            </tr>
          )
        })}
      </tbody>
    </ScrollTable>
  )
}

export function ReportHistory(props: { v: View; view: ReportView }) {
  const { v, view } = props
  const earlier = view.revisions.filter((r) => r.revision < view.report.revision)
  return (
    <Section id="history" title={v.t('reporting.history')}>
      <ScrollTable
        id="history-caption"
        caption={v.t('reporting.historyCaption')}
        captionHidden
        class="table-compact"
      >
        <thead>
          <tr>
            <th scope="col">{v.t('reporting.col.when')}</th>
            <th scope="col">{v.t('reporting.col.what')}</th>
            <th scope="col">{v.t('reporting.col.who')}</th>
            <th scope="col">{v.t('reporting.col.revision')}</th>
            <th scope="col">{v.t('reporting.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {[...view.transitions].reverse().map((t) => (
            <tr>
              <td class="nowrap">{v.fmt.dateTime(t.at)}</td>
              <td>
                <Badge tone={REPORT_STATUS_TONE[t.toStatus]}>
                  {v.t(`reporting.action.${t.action}` as MessageKey)}
                </Badge>
              </td>
              <td>{t.actorLabel}</td>
              <td class="num">{v.fmt.number(t.revision)}</td>
              <td>{t.reason ?? <span class="muted">–</span>}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      {earlier.map((r) => (
        <details class="revision">
          <summary>{v.t('reporting.revisionValues', { revision: v.fmt.number(r.revision) })}</summary>
          <ValuesTable
            v={v}
            id={`values-r${r.revision}-caption`}
            caption={v.t('reporting.revisionValues', { revision: v.fmt.number(r.revision) })}
            values={r.values}
            expected={view.expected}
          />
        </details>
      ))}
    </Section>
  )
}
