import { THEMES } from '../../src/modules/ventures/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { Notice, PageHeader, Section } from '../ui/components.tsx'
import {
  Checkbox,
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  Select,
  SubmitButton,
  TextArea,
  TextField,
} from '../ui/fields.tsx'
import type { PostedForm } from '../ui/forms.ts'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'
import type { VentureInput } from './venture-input.ts'
import { STATUSES } from './ventures.tsx'

/** The edit form's fields as the person typed them (strings), so a failed save shows them again. */
export interface VentureFormValues {
  name: string
  description: string
  founded: string
  status: string
  themes: string[]
  sdgGoals: string[]
  municipalities: string
  theoryOfChange: string
  depthOfChange: string
  website: string
  publishOpenData: boolean
}

export const formValuesOf = (venture: VentureInput['venture']): VentureFormValues => ({
  name: venture.name,
  description: venture.description,
  founded: venture.founded ?? '',
  status: venture.status,
  themes: [...venture.themes],
  sdgGoals: venture.sdgGoals.map(String),
  municipalities: venture.municipalities.join(', '),
  theoryOfChange: venture.theoryOfChange,
  depthOfChange: venture.depthOfChange ?? '',
  website: venture.website ?? '',
  publishOpenData: venture.publishOpenData,
})

export const formValuesFrom = (form: PostedForm): VentureFormValues => ({
  name: form.text('name'),
  description: form.text('description'),
  founded: form.text('founded'),
  status: form.text('status'),
  themes: form.all('themes'),
  sdgGoals: form.all('sdgGoals'),
  municipalities: form.text('municipalities'),
  theoryOfChange: form.text('theoryOfChange'),
  depthOfChange: form.text('depthOfChange'),
  website: form.text('website'),
  publishOpenData: form.has('publishOpenData'),
})

/**
 * The form as an UpdateVenture body: what the API would receive. Empty optional fields mean
 * "none" (null); municipality numbers may be separated by commas, semicolons or spaces.
 */
export const patchCandidate = (f: VentureFormValues) => ({
  name: f.name,
  description: f.description,
  founded: f.founded || null,
  status: f.status,
  themes: f.themes,
  sdgGoals: f.sdgGoals.map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
  municipalities: f.municipalities.split(/[\s,;]+/).filter(Boolean),
  theoryOfChange: f.theoryOfChange,
  depthOfChange: f.depthOfChange || null,
  website: f.website || null,
  publishOpenData: f.publishOpenData,
})

export function VentureEditPage(props: {
  v: View
  venture: VentureInput['venture']
  version: number
  values: VentureFormValues
  errors?: FieldErrors
  conflict?: boolean
}) {
  const { v, venture, values } = props
  const errors = props.errors ?? {}
  const title = `${v.t('edit.title')}: ${venture.name}`
  return (
    <Layout v={v} title={title}>
      <PageHeader
        v={v}
        title={v.t('edit.title')}
        meta={<span class="org-name">{venture.name}</span>}
        crumbs={[
          { href: '/ventures', label: v.t('nav.ventures') },
          { href: `/ventures/${venture.id}`, label: venture.name },
        ]}
        lead={v.t('edit.lead', { name: venture.name })}
      />
      {props.conflict ? <Notice tone="error">{v.t('edit.conflict')}</Notice> : null}
      <ErrorSummary v={v} errors={errors} />
      <form method="post" action={`/ventures/${venture.id}/edit`} novalidate class="stack form-wide">
        <input type="hidden" name="version" value={String(props.version)} />
        <Section id="basics" title={v.t('edit.basics')}>
          <div class="form-grid">
            <TextField v={v} name="name" label={v.t('field.name')} value={values.name} error={errors.name} />
            <TextArea
              v={v}
              name="description"
              label={v.t('field.description')}
              value={values.description}
              rows={3}
              error={errors.description}
            />
            <div class="form-row">
              <TextField
                v={v}
                name="founded"
                type="date"
                label={v.t('field.founded')}
                value={values.founded}
                width="s"
                error={errors.founded}
              />
              <Select
                v={v}
                name="status"
                label={v.t('field.status')}
                value={values.status}
                options={STATUSES.map((s) => ({ value: s, label: v.t(`status.${s}` as MessageKey) }))}
                error={errors.status}
              />
            </div>
            <TextField
              v={v}
              name="website"
              type="url"
              inputmode="url"
              label={v.t('field.website')}
              hint={v.t('edit.hint.website')}
              value={values.website}
              spellcheck={false}
              error={errors.website}
            />
            <ChoiceGroup
              v={v}
              kind="radio"
              name="depthOfChange"
              label={v.t('field.depthOfChange')}
              selected={[values.depthOfChange]}
              options={[
                { value: 'life-changing', label: v.t('depth.life-changing') },
                { value: 'life-improving', label: v.t('depth.life-improving') },
                { value: '', label: v.t('edit.depth.none') },
              ]}
              columns={3}
              error={errors.depthOfChange}
            />
          </div>
        </Section>
        <Section id="focus" title={v.t('edit.focus')}>
          <div class="form-grid">
            <ChoiceGroup
              v={v}
              kind="checkbox"
              name="themes"
              label={v.t('field.themes')}
              hint={v.t('edit.hint.themes')}
              selected={values.themes}
              options={THEMES.map((t) => ({ value: t, label: v.t(`theme.${t}` as MessageKey) }))}
              columns={3}
              error={errors.themes}
            />
            <TextField
              v={v}
              name="municipalities"
              label={v.t('field.municipalities')}
              hint={v.t('edit.hint.municipalities')}
              value={values.municipalities}
              spellcheck={false}
              error={errors.municipalities}
            />
            <ChoiceGroup
              v={v}
              kind="checkbox"
              name="sdgGoals"
              label={v.t('field.sdgGoals')}
              hint={v.t('edit.hint.sdgGoals')}
              selected={values.sdgGoals}
              options={Array.from({ length: 17 }, (_, i) => ({
                value: String(i + 1),
                label: `${i + 1}. ${v.t(`sdg.${i + 1}` as MessageKey)}`,
              }))}
              columns={2}
              error={errors.sdgGoals}
            />
            <TextArea
              v={v}
              name="theoryOfChange"
              label={v.t('field.theoryOfChange')}
              hint={v.t('edit.hint.theoryOfChange')}
              value={values.theoryOfChange}
              rows={4}
              error={errors.theoryOfChange}
            />
            <Checkbox
              v={v}
              name="publishOpenData"
              label={v.t('edit.publishOpenData')}
              checked={values.publishOpenData}
              error={errors.publishOpenData}
            />
          </div>
        </Section>
        <div class="form-actions">
          <SubmitButton label={v.t('edit.save')} busy={v.t('common.saving')} />
          <a class="button button-quiet" href={`/ventures/${venture.id}`}>
            {v.t('edit.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  )
}
