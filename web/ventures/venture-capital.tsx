import { amountNokOf, contributionValueOf, figuresOut } from '../../src/modules/capital/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import {
  investmentsWithLedgers,
  type LedgerRow,
  type VentureInvestment,
  ventureSupport,
} from '../ui/capital-data.ts'
import { Badge, EmptyState, KeyFigures, ScrollTable, Section } from '../ui/components.tsx'
import type { Section as PageSection } from '../ui/sections.ts'
import type { View } from '../ui/view.ts'
import type { VentureInput } from './venture-input.ts'

/** Capital and support are detailed data (PRODUCT.md §1): profile-only callers see neither section. */
const detailed = (input: VentureInput) => input.access !== 'profile'

function LedgerTable(props: { v: View; id: string; name: string; entries: LedgerRow[] }) {
  const { v } = props
  if (!props.entries.length) return <p class="muted">{v.t('ledger.empty')}</p>
  const byId = new Map(props.entries.map((e) => [e.id, e]))
  return (
    <ScrollTable
      id={props.id}
      caption={v.t('ledger.caption', { name: props.name })}
      captionHidden
      class="table-compact ledger"
    >
      <thead>
        <tr>
          <th scope="col">{v.t('ledger.col.date')}</th>
          <th scope="col">{v.t('ledger.col.type')}</th>
          <th scope="col" class="num">
            {v.t('ledger.col.amount')}
          </th>
          <th scope="col">{v.t('ledger.col.currency')}</th>
          <th scope="col" class="num">
            {v.t('ledger.col.rate')}
          </th>
          <th scope="col" class="num">
            {v.t('ledger.col.amountNok')}
          </th>
          <th scope="col">{v.t('ledger.col.note')}</th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((e) => {
          const original = e.reversesId ? byId.get(e.reversesId) : undefined
          return (
            <tr class={e.reversedById ? 'is-reversed' : undefined}>
              <td class="nowrap">{v.fmt.date(e.date, 'medium')}</td>
              <th scope="row">
                {v.t(`txType.${e.type}` as MessageKey)}
                {e.reversesId ? (
                  <>
                    {' '}
                    <Badge tone="warning">{v.t('ledger.reversal')}</Badge>
                    {original ? (
                      <span class="row-sub">
                        {v.t('ledger.reverses', { date: v.fmt.date(original.date, 'medium') })}
                      </span>
                    ) : null}
                  </>
                ) : null}
                {e.reversedById ? (
                  <>
                    {' '}
                    <Badge>{v.t('ledger.reversed')}</Badge>
                  </>
                ) : null}
                {e.overCommitment ? (
                  <>
                    {' '}
                    <Badge tone="info">{v.t('ledger.overCommitment')}</Badge>
                  </>
                ) : null}
                {e.payerName ? (
                  <span class="row-sub">{v.t('ledger.paidBy', { name: e.payerName })}</span>
                ) : null}
              </th>
              <td class="num nowrap">{(e.reversesId ? '−' : '') + v.fmt.number(e.amount, 2)}</td>
              <td>{e.currency}</td>
              <td class="num">{e.rateToNok ? v.fmt.number(e.rateToNok, 6) : '–'}</td>
              <td class="num nowrap">{(e.reversesId ? '−' : '') + v.fmt.money(amountNokOf(e), 'NOK', 2)}</td>
              <td>{e.note || ''}</td>
            </tr>
          )
        })}
      </tbody>
    </ScrollTable>
  )
}

function InvestmentBlock(props: { v: View; item: VentureInvestment & { entries: LedgerRow[] } }) {
  const { v } = props
  const { investment: i } = props.item
  const f = figuresOut(props.item.figures)
  const debt = i.instrument === 'loan' || i.instrument === 'convertible'
  const figures = [
    { label: v.t('capital.committed'), value: v.fmt.money(f.committed) },
    { label: v.t('capital.disbursed'), value: v.fmt.money(f.disbursed) },
    ...(debt
      ? [
          { label: v.t('capital.repaid'), value: v.fmt.money(f.repaid) },
          { label: v.t('capital.outstanding'), value: v.fmt.money(f.outstanding) },
        ]
      : []),
    ...(f.latestValuation
      ? [
          {
            label: v.t('investments.valuation'),
            value: v.fmt.money(f.latestValuation.value),
            note: v.fmt.date(f.latestValuation.date, 'medium'),
          },
        ]
      : []),
  ]
  return (
    <article class="investment" aria-labelledby={`inv-${i.id}`}>
      <h3 id={`inv-${i.id}`}>
        {i.name} <Badge tone="info">{v.t(`instrument.${i.instrument}` as MessageKey)}</Badge>
        {/* Pending or declined, it gives its investor no access: say so, not show it as in force. */}
        {i.consent === 'accepted' ? null : (
          <>
            {' '}
            <Badge tone={i.consent === 'pending' ? 'warning' : 'danger'}>
              {v.t(`investments.consent.${i.consent}` as MessageKey)}
            </Badge>
          </>
        )}
      </h3>
      <p class="muted">
        {v.t('investments.by', { investor: i.investorName })} ·{' '}
        {v.t('investments.started', {
          date: v.fmt.date(i.startDate),
        })}{' '}
        · {v.t('investments.currency')}: {i.currency}
        {i.interestRate ? ` · ${v.t('investments.interestRate')}: ${v.fmt.number(i.interestRate, 2)} %` : ''}
        {i.maturityDate ? ` · ${v.t('investments.maturity')}: ${v.fmt.date(i.maturityDate)}` : ''}
        {i.ownershipPct ? ` · ${v.t('investments.ownership')}: ${v.fmt.number(i.ownershipPct, 2)} %` : ''}
      </p>
      <KeyFigures label={v.t('investments.figures', { name: i.name })} figures={figures} />
      <LedgerTable v={v} id={`ledger-${i.id}-caption`} name={i.name} entries={props.item.entries} />
    </article>
  )
}

/** Each investment in the venture, with its figures and its ledger, from the capital services. */
export const investmentsSection: PageSection<VentureInput> = async (ctx, v, input) => {
  if (!detailed(input)) return null
  const list = await investmentsWithLedgers(ctx, input.venture.id)
  return (
    <Section id="investments" title={v.t('investments.heading')}>
      {list.length ? (
        <div class="stack">
          {list.map((item) => (
            <InvestmentBlock v={v} item={item} />
          ))}
        </div>
      ) : (
        <EmptyState title={v.t('investments.empty.title')} body={v.t('investments.empty.body')} />
      )}
    </Section>
  )
}

/** Support given to the venture, with the support service's totals. */
export const supportSection: PageSection<VentureInput> = async (ctx, v, input) => {
  if (!detailed(input)) return null
  const { items, totals } = await ventureSupport(ctx, input.venture.id)
  if (!items.length) {
    return (
      <Section id="support" title={v.t('support.heading')}>
        <EmptyState title={v.t('support.empty.title')} body={v.t('support.empty.body')} />
      </Section>
    )
  }
  return (
    <Section id="support" title={v.t('support.heading')}>
      <KeyFigures
        label={v.t('support.figures')}
        figures={[
          { label: v.t('support.count'), value: v.fmt.number(totals.count) },
          { label: v.t('support.hours'), value: v.fmt.number(totals.hours, 1) },
          { label: v.t('support.value'), value: v.fmt.money(totals.value) },
        ]}
      />
      <ScrollTable id="support-caption" caption={v.t('support.caption')} captionHidden class="table-compact">
        <thead>
          <tr>
            <th scope="col">{v.t('support.col.date')}</th>
            <th scope="col">{v.t('support.col.kind')}</th>
            <th scope="col">{v.t('support.col.what')}</th>
            <th scope="col">{v.t('support.col.investor')}</th>
            <th scope="col" class="num">
              {v.t('support.col.hours')}
            </th>
            <th scope="col" class="num">
              {v.t('support.col.value')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr>
              <td class="nowrap">{v.fmt.date(c.date, 'medium')}</td>
              <td>{v.t(`support.kind.${c.kind}` as MessageKey)}</td>
              <th scope="row">
                {c.kind === 'network' ? c.introducedParty || c.description : c.topic || c.description}
                {c.description && (c.introducedParty || c.topic) ? (
                  <span class="row-sub">{c.description}</span>
                ) : null}
              </th>
              <td>{c.investorName}</td>
              <td class="num">{c.hours ? v.fmt.number(c.hours, 1) : '–'}</td>
              <td class="num nowrap">{v.fmt.money(contributionValueOf(c))}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </Section>
  )
}
