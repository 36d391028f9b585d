import type { getIatiSectors } from '../../src/modules/exports/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { PostForm, Section } from '../ui/components.tsx'
import { ErrorSummary, type FieldErrors, SubmitButton, TextField } from '../ui/fields.tsx'
import type { View } from '../ui/view.ts'

export type IatiSectors = Awaited<ReturnType<typeof getIatiSectors>>

/** Form field of a theme's sector code. */
export const sectorField = (theme: string) => `sector-${theme}`

/**
 * An investor's sector per venture theme in its IATI file. Everyone in the investor reads the
 * table; editors and admins get the form (the service decides: `mayEdit`).
 */
export function IatiSectorsSection(props: {
  v: View
  orgId: string
  sectors: IatiSectors
  mayEdit: boolean
  values?: Record<string, string>
  errors?: FieldErrors
}) {
  const { v } = props
  const errors = props.errors ?? {}
  const themeName = (theme: string) => v.t(`theme.${theme}` as MessageKey)
  return (
    <Section id="iati-sectors" title={v.t('iati.title')}>
      <p class="section-lead">{v.t('iati.lead')}</p>
      {/* A named, focusable group (not a second landmark named like the section): at phone width
          the table scrolls, and keyboards must reach it. */}
      {/* biome-ignore lint/a11y/useSemanticElements: a <fieldset> groups form controls; this groups a table. */}
      <div class="table-wrap" role="group" aria-labelledby="iati-sectors-caption" tabindex={0}>
        <table class="table">
          <caption id="iati-sectors-caption" class="visually-hidden">
            {v.t('iati.title')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{v.t('iati.theme')}</th>
              <th scope="col">{v.t('iati.code')}</th>
              <th scope="col">{v.t('iati.sectorName')}</th>
            </tr>
          </thead>
          <tbody>
            {props.sectors.sectors.map((s) => (
              <tr>
                <th scope="row">{themeName(s.theme)}</th>
                <td class="nowrap">
                  {s.sectorCode} {s.isDefault ? <span class="muted">{v.t('iati.isDefault')}</span> : null}
                </td>
                <td lang="en">{s.sectorName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.mayEdit ? (
        <>
          <ErrorSummary v={v} errors={errors} />
          <PostForm action={`/organizations/${props.orgId}/iati-sectors`} class="stack form-narrow">
            {props.sectors.sectors.map((s) => (
              <TextField
                v={v}
                name={sectorField(s.theme)}
                label={themeName(s.theme)}
                hint={v.t('iati.fieldHint', { code: s.defaultSectorCode })}
                value={props.values?.[s.theme] ?? s.sectorCode}
                inputmode="numeric"
                width="s"
                autocomplete="off"
                spellcheck={false}
                error={errors[sectorField(s.theme)]}
              />
            ))}
            <div class="form-actions">
              <SubmitButton label={v.t('iati.save')} busy={v.t('common.saving')} />
            </div>
          </PostForm>
        </>
      ) : (
        <p class="muted">{v.t('iati.editorsOnly')}</p>
      )}
    </Section>
  )
}
