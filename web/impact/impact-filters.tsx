import { THEMES } from '../../src/modules/ventures/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { Checkbox, type FieldErrors, Select, TextField } from '../ui/fields.tsx'
import type { View } from '../ui/view.ts'
import { GRANULARITIES, type ImpactForm, municipalityOptionLabel } from './impact-form.ts'

/**
 * The impact page's GET form: period, granularity, theme, unverified values, and the municipality
 * for people who have more than one to choose from (platform administrators also the whole
 * country). Problems stand next to their field.
 */
export function ImpactFilters(props: {
  v: View
  form: ImpactForm
  choices: readonly string[]
  errors: FieldErrors
}) {
  const { v, form, errors } = props
  const choices = props.choices.includes(form.municipality)
    ? props.choices
    : [...props.choices, form.municipality]
  return (
    <section class="panel" aria-labelledby="impact-filters-title">
      <h2 id="impact-filters-title" class="visually-hidden">
        {v.t('impact.filters')}
      </h2>
      <form method="get" action="/impact" class="filters impact-filters" novalidate>
        {props.choices.length > 1 ? (
          <Select
            v={v}
            name="municipality"
            label={v.t('impact.municipality')}
            value={form.municipality}
            error={errors.municipality}
            options={choices.map((c) => ({
              value: c,
              label: municipalityOptionLabel(c, v.t('impact.national')),
            }))}
          />
        ) : null}
        <TextField
          v={v}
          name="from"
          label={v.t('impact.from')}
          hint={v.t('impact.periodHint')}
          value={form.from}
          error={errors.from}
          width="s"
          spellcheck={false}
        />
        <TextField
          v={v}
          name="to"
          label={v.t('impact.to')}
          hint={v.t('impact.periodHint')}
          value={form.to}
          error={errors.to}
          width="s"
          spellcheck={false}
        />
        <Select
          v={v}
          name="granularity"
          label={v.t('impact.granularity')}
          value={form.granularity}
          error={errors.granularity}
          width="s"
          options={GRANULARITIES.map((g) => ({
            value: g,
            label: v.t(`impact.granularity.${g}` as MessageKey),
          }))}
        />
        <Select
          v={v}
          name="theme"
          label={v.t('impact.theme')}
          value={form.theme}
          error={errors.theme}
          options={[
            { value: '', label: v.t('impact.allThemes') },
            ...THEMES.map((t) => ({ value: t, label: v.t(`theme.${t}` as MessageKey) })),
          ]}
        />
        <Checkbox
          v={v}
          name="includeUnverified"
          label={v.t('impact.includeUnverified')}
          checked={form.includeUnverified}
        />
        <div class="filters-actions">
          <button type="submit" class="button button-primary">
            {v.t('impact.apply')}
          </button>
          <a href="/impact" class="button button-quiet">
            {v.t('impact.reset')}
          </a>
        </div>
      </form>
    </section>
  )
}
