import type { IndicatorRow } from '../../src/modules/outcomes/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { type FieldErrors, fieldId, TextArea } from '../ui/fields.tsx'
import { indicatorName } from '../ui/indicator-format.ts'
import { municipalityLabel } from '../ui/ventures-data.ts'
import type { View } from '../ui/view.ts'
import { type FormIndicator, type FormValues, field, type Part } from './report-form.ts'

/**
 * One indicator's block of the report form: its figure (a total, or numerator and denominator for
 * a rate), optional breakdowns by the dimensions the indicator allows, a note, evidence links and
 * how well the value is backed. Every input has a visible label or table headers naming it, and
 * its error right next to it.
 */
export const LEVELS = ['self_reported', 'document_checked', 'register_verified', 'audited'] as const

export function categoryLabel(v: View, dimension: string, category: string): string {
  if (dimension === 'municipality') return `${municipalityLabel(category)} (${category})`
  return v.t(`reporting.${dimension}.${category}` as MessageKey)
}

function ErrorText(props: { v: View; name: string; error: string | undefined }) {
  if (!props.error) return null
  return (
    <p class="field-error" id={`${fieldId(props.name)}-error`}>
      <span class="visually-hidden">{props.v.t('error.summary')}: </span>
      {props.error}
    </p>
  )
}

function NumberField(props: {
  v: View
  name: string
  label: string
  hint?: string
  values: FormValues
  errors: FieldErrors
}) {
  const id = fieldId(props.name)
  const error = props.errors[props.name]
  const describedBy = [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ')
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <ErrorText v={props.v} name={props.name} error={error} />
      <input
        id={id}
        name={props.name}
        type="text"
        inputmode="decimal"
        autocomplete="off"
        class="input input-s num-input"
        value={props.values[props.name] ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  )
}

/** A table of inputs: one row per category, one column per part (value, or numerator and denominator). */
function BreakdownTable(props: {
  v: View
  ind: FormIndicator
  dimension: FormIndicator['dimensions'][number]
  values: FormValues
  errors: FieldErrors
}) {
  const { v, ind, dimension, values, errors } = props
  const group = field.dimension(ind.code, dimension.dimension)
  const parts: Part[] = ind.ratio ? ['numerator', 'denominator'] : ['value']
  const groupError = errors[group]
  const colId = (p: Part) => `${fieldId(group)}-col-${p}`
  return (
    <fieldset
      class={`breakdown${groupError ? ' field-invalid' : ''}`}
      id={fieldId(group)}
      tabindex={-1}
      aria-describedby={groupError ? `${fieldId(group)}-error` : undefined}
    >
      <legend>{v.t(`reporting.by.${dimension.dimension}` as MessageKey)}</legend>
      <ErrorText v={v} name={group} error={groupError} />
      <div class="table-wrap">
        <table class="table table-compact breakdown-table">
          <thead>
            <tr>
              <th scope="col">{v.t(`reporting.dimension.${dimension.dimension}` as MessageKey)}</th>
              {parts.map((p) => (
                <th scope="col" id={colId(p)}>
                  {v.t(`reporting.part.${p}` as MessageKey)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dimension.categories.map((category) => {
              const rowId = `${fieldId(group)}-row-${category}`
              return (
                <tr>
                  <th scope="row" id={rowId}>
                    {categoryLabel(v, dimension.dimension, category)}
                  </th>
                  {parts.map((p) => {
                    const name = field.cell(ind.code, dimension.dimension, category, p)
                    const error = errors[name]
                    return (
                      <td class={error ? 'field-invalid' : undefined}>
                        <input
                          id={fieldId(name)}
                          name={name}
                          type="text"
                          inputmode="decimal"
                          autocomplete="off"
                          class="input input-s num-input"
                          value={values[name] ?? ''}
                          aria-labelledby={`${rowId} ${colId(p)}`}
                          aria-invalid={error ? 'true' : undefined}
                          aria-describedby={error ? `${fieldId(name)}-error` : undefined}
                        />
                        <ErrorText v={v} name={name} error={error} />
                      </td>
                    )
                  })}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  )
}

export function IndicatorFields(props: {
  v: View
  ind: FormIndicator
  indicator: IndicatorRow
  values: FormValues
  errors: FieldErrors
}) {
  const { v, ind, indicator, values, errors } = props
  const name = indicatorName(v, indicator)
  const headingId = `ind-${ind.code}`
  const unit = v.t(`reporting.unit.${indicator.unit}` as MessageKey)
  const breakdownNames = ind.dimensions.flatMap((d) => [
    field.dimension(ind.code, d.dimension),
    ...d.categories.flatMap((c) =>
      ['value', 'numerator', 'denominator'].map((p) => field.cell(ind.code, d.dimension, c, p as Part)),
    ),
  ])
  const breakdownsOpen = breakdownNames.some((n) => values[n] || errors[n])
  const levelName = field.level(ind.code)
  return (
    <section class="panel report-indicator" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span class="indicator-code">{ind.code}</span> {name}
      </h3>
      <p class="field-hint">
        {v.t(`reporting.aggregation.${indicator.aggregation}` as MessageKey, { unit })}
        {indicator.personal ? ` ${v.t('reporting.personalHint')}` : ''}
      </p>
      <div class="form-row">
        {ind.ratio ? (
          <>
            <NumberField
              v={v}
              name={field.numerator(ind.code)}
              label={v.t('reporting.numerator')}
              values={values}
              errors={errors}
            />
            <NumberField
              v={v}
              name={field.denominator(ind.code)}
              label={v.t('reporting.denominator')}
              values={values}
              errors={errors}
            />
          </>
        ) : (
          <NumberField
            v={v}
            name={field.total(ind.code)}
            label={v.t('reporting.total', { unit })}
            values={values}
            errors={errors}
          />
        )}
      </div>
      {ind.dimensions.length ? (
        <details class="breakdowns" open={breakdownsOpen}>
          <summary>{v.t('reporting.breakdowns')}</summary>
          <p class="field-hint">{v.t('reporting.breakdownsHint')}</p>
          <div class="breakdown-grid">
            {ind.dimensions.map((d) => (
              <BreakdownTable v={v} ind={ind} dimension={d} values={values} errors={errors} />
            ))}
          </div>
        </details>
      ) : null}
      <TextArea
        v={v}
        name={field.note(ind.code)}
        label={`${v.t('reporting.note')} ${v.t('common.optional')}`}
        value={values[field.note(ind.code)] ?? ''}
        rows={2}
        error={errors[field.note(ind.code)]}
      />
      <TextArea
        v={v}
        name={field.evidence(ind.code)}
        label={`${v.t('reporting.evidence')} ${v.t('common.optional')}`}
        hint={v.t('reporting.evidenceHint')}
        value={values[field.evidence(ind.code)] ?? ''}
        rows={2}
        error={errors[field.evidence(ind.code)]}
      />
      <div class={`field${errors[levelName] ? ' field-invalid' : ''}`}>
        <label for={fieldId(levelName)}>{v.t('reporting.level')}</label>
        <ErrorText v={v} name={levelName} error={errors[levelName]} />
        <select id={fieldId(levelName)} name={levelName} class="input select input-m">
          {LEVELS.map((l) => (
            <option value={l} selected={(values[levelName] || 'self_reported') === l}>
              {v.t(`reporting.level.${l}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
    </section>
  )
}
