import { isProblem } from '../../src/http/problem.ts'
import { getVentureEconomics, ventureEconomicsOut } from '../../src/modules/economics/index.ts'
import { callerInvestorsOf } from '../../src/modules/ventures/index.ts'
import { EmptyState, KeyFigures, ScrollTable, Section } from '../ui/components.tsx'
import { windowText } from '../ui/economics-window.ts'
import { indicatorName, unitLabel } from '../ui/indicator-format.ts'
import type { Section as PageSection } from '../ui/sections.ts'
import type { VentureInput } from './venture-input.ts'

/** A service's "you may not see this" (or "there is none"): the section is left out or empty. */
export const isNotFound = (e: unknown) => isProblem(e) && e.status === 404

/**
 * Cost per outcome and, for an investor, its attribution share and attributed outcomes, over every
 * verified period (PRODUCT.md §5). The economics service applies the venture policy (detailed
 * access) and picks whose share: a member of several investors with standing gets the first.
 */
export const ventureEconomicsSection: PageSection<VentureInput> = async (ctx, v, input) => {
  if (input.access === 'profile') return null
  const ventureId = input.venture.id
  const investor = (await callerInvestorsOf(ctx, ventureId))[0]
  let e: ReturnType<typeof ventureEconomicsOut>
  try {
    e = ventureEconomicsOut(await getVentureEconomics(ctx, ventureId, { investor }))
  } catch (err) {
    if (isNotFound(err)) return null
    throw err
  }
  const investorName = ctx.principal?.memberships.find((m) => m.organizationId === investor)?.organizationName
  const share = e.attribution?.share ?? null
  const costParts = [
    v.t('econ.costPart.disbursed', { amount: v.fmt.money(e.cost.disbursed) }),
    v.t('econ.costPart.other', { amount: v.fmt.money(e.cost.otherFunding) }),
  ]
  return (
    <Section id="economics" title={v.t('econ.ventureHeading')}>
      <p class="section-lead">{v.t('econ.ventureLead')}</p>
      <p class="window-state">
        <span>
          <strong>{v.t('econ.window.label')}:</strong> {windowText(v, e.window)}
        </span>{' '}
        <span>
          <strong>{v.t('econ.supportLabel')}:</strong>{' '}
          {e.includeSupport ? v.t('econ.support.included') : v.t('econ.support.excluded')}
        </span>
      </p>
      <KeyFigures
        label={v.t('econ.ventureFigures')}
        figures={[
          { label: v.t('econ.col.cost'), value: v.fmt.money(e.cost.total), note: costParts.join(', ') },
          ...(e.attribution && investorName
            ? [
                {
                  label: v.t('econ.shareOf', { org: investorName }),
                  value: share ? v.fmt.percent(share, 1) : '–',
                  note: v.t('econ.shareNote', {
                    ours: v.fmt.money(e.attribution.investorDisbursed),
                    all: v.fmt.money(e.attribution.ventureDisbursed),
                  }),
                },
              ]
            : []),
        ]}
      />
      {e.attribution ? null : <p class="muted">{v.t('econ.noShare')}</p>}
      {e.outcomes.length ? (
        <ScrollTable
          id="economics-caption"
          caption={v.t('econ.ventureCaption', { name: input.venture.name })}
          captionHidden
          class="table-compact"
        >
          <thead>
            <tr>
              <th scope="col">{v.t('econ.col.indicator')}</th>
              <th scope="col" class="num">
                {v.t('econ.col.units')}
              </th>
              <th scope="col">{v.t('econ.col.periods')}</th>
              <th scope="col" class="num">
                {v.t('econ.col.costPerUnit')}
              </th>
              {e.attribution ? (
                <th scope="col" class="num">
                  {investorName
                    ? v.t('econ.col.attributedTo', { org: investorName })
                    : v.t('econ.col.attributed')}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {e.outcomes.map((o) => (
              <tr>
                <th scope="row">
                  <span class="code">{o.indicatorCode}</span> {indicatorName(v, o)}
                </th>
                <td class="num nowrap">
                  {v.fmt.number(o.units, 2)} <span class="muted">{unitLabel(v, o.unit)}</span>
                </td>
                <td class="nowrap">
                  {o.periods.length
                    ? v.t('econ.periodsRange', {
                        first: o.periods[0]!,
                        last: o.periods[o.periods.length - 1]!,
                        count: v.fmt.number(o.periods.length),
                      })
                    : '–'}
                </td>
                <td class="num nowrap">{o.costPerUnit ? v.fmt.money(o.costPerUnit) : '–'}</td>
                {e.attribution ? (
                  <td class="num nowrap">{o.attributedUnits ? v.fmt.number(o.attributedUnits, 2) : '–'}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : (
        <EmptyState title={v.t('econ.noCountableTitle')} body={v.t('econ.noCountable')} />
      )}
    </Section>
  )
}
