import { Decimal } from '../../src/domain/money.ts'
import { getSroi, sroiOut } from '../../src/modules/economics/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { EmptyState, KeyFigures, ScrollTable, Section } from '../ui/components.tsx'
import { windowText } from '../ui/economics-window.ts'
import { indicatorName, unitLabel } from '../ui/indicator-format.ts'
import type { Section as PageSection } from '../ui/sections.ts'
import type { View } from '../ui/view.ts'
import { isNotFound } from './venture-economics.tsx'
import type { VentureInput } from './venture-input.ts'

type Sroi = ReturnType<typeof sroiOut>
type SensitivityAssumption = Sroi['sensitivity']['rows'][number]['assumption']

/** A percent as the API writes it ("25" for 25 %) as a percentage in the page's language. */
const percentText = (v: Pick<View, 'fmt'>, percent: string) =>
  v.fmt.percent(new Decimal(percent).div(100).toFixed(), 2)

/** One value of an assumption, as the sensitivity table shows it (exported for the unit test). */
export function assumptionValue(
  v: Pick<View, 'fmt' | 't' | 'tn'>,
  assumption: SensitivityAssumption,
  value: string,
): string {
  if (assumption === 'proxy') return v.fmt.money(value)
  if (assumption === 'durationYears') return v.tn('econ.years', Number(value), v.fmt.number(value, 0))
  return percentText(v, value)
}

/** A moved assumption: the value every outcome shares, else each outcome's value in model order. */
export function pointText(
  v: Pick<View, 'fmt' | 't' | 'tn'>,
  assumption: SensitivityAssumption,
  point: { value: string | null; outcomeValues: string[] },
): string {
  if (point.value !== null) return assumptionValue(v, assumption, point.value)
  return point.outcomeValues.map((x) => assumptionValue(v, assumption, x)).join(' / ')
}

const ratioText = (v: View, ratio: string | null) => (ratio === null ? '–' : v.fmt.number(ratio, 2))

function AssumptionsTable(props: { v: View; s: Sroi }) {
  const { v, s } = props
  return (
    <ScrollTable id="sroi-assumptions-caption" caption={v.t('econ.sroi.assumptions')} class="table-compact">
      <thead>
        <tr>
          <th scope="col">{v.t('econ.col.indicator')}</th>
          <th scope="col" class="num">
            {v.t('econ.sroi.quantity')}
          </th>
          <th scope="col" class="num">
            {v.t('econ.sroi.proxy')}
          </th>
          <th scope="col" class="num">
            {v.t('econ.sroi.deadweight')}
          </th>
          <th scope="col" class="num">
            {v.t('econ.sroi.attribution')}
          </th>
          <th scope="col" class="num">
            {v.t('econ.sroi.displacement')}
          </th>
          <th scope="col" class="num">
            {v.t('econ.sroi.dropOff')}
          </th>
          <th scope="col" class="num">
            {v.t('econ.sroi.duration')}
          </th>
          <th scope="col" class="num">
            {v.t('econ.sroi.pv')}
          </th>
        </tr>
      </thead>
      <tbody>
        {s.outcomes.map((o) => (
          <tr>
            <th scope="row">
              <span class="code">{o.indicatorCode}</span> {indicatorName(v, o)}
              <span class="row-sub">
                {v.t('econ.sroi.source')}: {o.proxySource}
              </span>
            </th>
            <td class="num nowrap">
              {v.fmt.number(o.quantity, 2)} <span class="muted">{unitLabel(v, o.unit)}</span>
            </td>
            <td class="num nowrap">{v.fmt.money(o.proxy)}</td>
            <td class="num">{percentText(v, o.deadweight)}</td>
            <td class="num">{percentText(v, o.attribution)}</td>
            <td class="num">{percentText(v, o.displacement)}</td>
            <td class="num">{percentText(v, o.dropOff)}</td>
            <td class="num nowrap">{v.tn('econ.years', o.durationYears, v.fmt.number(o.durationYears))}</td>
            <td class="num nowrap">{v.fmt.money(o.presentValue)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
}

function SensitivityTable(props: { v: View; s: Sroi }) {
  const { v, s } = props
  const step = s.sensitivity.step
  return (
    <ScrollTable
      id="sroi-sensitivity-caption"
      caption={
        <>
          {v.t('econ.sroi.sensitivity')}
          <span class="caption-note">
            {v.t('econ.sroi.steps', {
              rates: v.fmt.number(step.rates),
              proxy: percentText(v, step.proxy),
              discount: v.fmt.number(step.discountRate),
              years: v.fmt.number(step.durationYears),
            })}
          </span>
        </>
      }
      class="table-compact"
    >
      <thead>
        <tr>
          <th scope="col">{v.t('econ.sroi.assumption')}</th>
          <th scope="col" class="num">
            {v.t('econ.sroi.low')}
          </th>
          <th scope="col" class="num">
            {v.t('econ.sroi.base')}
          </th>
          <th scope="col" class="num">
            {v.t('econ.sroi.high')}
          </th>
        </tr>
      </thead>
      <tbody>
        {s.sensitivity.rows.map((r) => (
          <tr>
            <th scope="row">{v.t(`econ.sroi.a.${r.assumption}` as MessageKey)}</th>
            {[r.low, r.base, r.high].map((p) => (
              <td class="num">
                <span class="sens-ratio">{ratioText(v, p.ratio)}</span>
                <span class="row-sub">{pointText(v, r.assumption, p)}</span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  )
}

/**
 * The venture's latest SROI evaluation (PRODUCT.md §5): present value, ratio, net SROI, payback,
 * the assumptions and the sensitivity of the ratio to each. The SROI service applies the venture
 * policy; a caller without detailed access sees no section, one with access but no model an
 * empty state.
 */
export const sroiSection: PageSection<VentureInput> = async (ctx, v, input) => {
  if (input.access === 'profile') return null
  let s: Sroi
  try {
    s = sroiOut(await getSroi(ctx, input.venture.id))
  } catch (err) {
    if (!isNotFound(err)) throw err
    // The caller has detailed access (checked above, and the service agrees), so the 404 says
    // there is no model yet.
    return (
      <Section id="sroi" title={v.t('econ.sroi.heading')}>
        <EmptyState title={v.t('econ.sroi.empty.title')} body={v.t('econ.sroi.empty.body')} />
      </Section>
    )
  }
  const inputsNote =
    s.inputs.source === 'override'
      ? v.t('econ.sroi.inputsStated', { note: s.inputs.note || v.t('common.notSet') })
      : v.t('econ.sroi.inputsComputed', {
          disbursed: v.fmt.money(s.inputs.disbursed),
          other: v.fmt.money(s.inputs.otherFunding),
          support: v.fmt.money(s.inputs.support),
        })
  return (
    <Section id="sroi" title={v.t('econ.sroi.heading')}>
      <p class="section-lead">
        {v.t('econ.sroi.lead', {
          version: v.fmt.number(s.version),
          date: v.fmt.date(new Date(s.createdAt), 'medium'),
          window: windowText(v, s.window),
          rate: percentText(v, s.discountRate),
        })}
        {s.note ? ` ${/[.!?]$/.test(s.note) ? s.note : `${s.note}.`}` : ''}
      </p>
      <KeyFigures
        label={v.t('econ.sroi.figures')}
        figures={[
          { label: v.t('econ.sroi.pv'), value: v.fmt.money(s.presentValue) },
          { label: v.t('econ.sroi.inputs'), value: v.fmt.money(s.inputs.amount) },
          {
            label: v.t('econ.sroi.ratio'),
            value: ratioText(v, s.ratio),
            note: s.ratio ? v.t('econ.sroi.ratioNote') : undefined,
          },
          { label: v.t('econ.sroi.net'), value: ratioText(v, s.netRatio) },
          {
            label: v.t('econ.sroi.payback'),
            value:
              s.paybackMonths === null
                ? '–'
                : v.tn('econ.months', Number(s.paybackMonths), v.fmt.number(s.paybackMonths, 1)),
          },
        ]}
      />
      <p class="figure-caveat">{inputsNote}</p>
      <AssumptionsTable v={v} s={s} />
      <SensitivityTable v={v} s={s} />
    </Section>
  )
}
