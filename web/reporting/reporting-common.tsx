import { parsePeriod } from '../../src/domain/periods.ts'
import type { MessageKey } from '../i18n/index.ts'
import { LOCALES } from '../ui/format.ts'
import type { View } from '../ui/view.ts'
import type { SharedWith } from './reporting-data.ts'

export type { SharedWith }

/** A period as people say it: `3. kvartal 2026` / `Q3 2026`, `juli 2026` / `July 2026`, `2026`. */
export function periodLabel(v: View, key: string): string {
  const period = parsePeriod(key)
  if (!period) return key
  const year = key.slice(0, 4)
  if (period.frequency === 'quarterly') return v.t('period.quarter', { quarter: key.slice(6), year })
  if (period.frequency === 'monthly') {
    const month = new Date(Date.UTC(Number(year), Number(key.slice(5, 7)) - 1, 1))
    const name = new Intl.DateTimeFormat(LOCALES[v.lang], { month: 'long', year: 'numeric', timeZone: 'UTC' })
    return name.format(month)
  }
  return year
}

/** Whom the venture's data reaches, and on what footing ("report once, share with every funder"). */
export function SharingList(props: { v: View; items: SharedWith[] }) {
  const { v, items } = props
  return (
    <>
      <p>{v.t('reporting.sharingLead')}</p>
      {items.length ? (
        <ul class="sharing-list">
          {items.map((s) => (
            <li>
              <strong>{s.name}</strong>{' '}
              <span class="muted">
                {v.t(`reporting.sharedBy.${s.basis}` as MessageKey)} ·{' '}
                {v.t(`reporting.shareLevel.${s.level}` as MessageKey)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{v.t('reporting.sharingNone')}</p>
      )}
    </>
  )
}
