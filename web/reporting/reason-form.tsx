import { PostForm } from '../ui/components.tsx'
import { fieldId, SubmitButton } from '../ui/fields.tsx'
import type { View } from '../ui/view.ts'

/**
 * A one-field form that moves a report on with a reason (return it, reopen it), its error shown
 * next to the field. `back` tells the route which page to come back to.
 */
export function ReasonForm(props: {
  v: View
  action: string
  /** Unique on the page: names the field's id. */
  name: string
  formLabel: string
  fieldLabel: string
  button: string
  error?: string | undefined
  back?: 'report' | undefined
}) {
  const { v, name } = props
  return (
    <PostForm action={props.action} label={props.formLabel} class="stack">
      {props.back ? <input type="hidden" name="back" value={props.back} /> : null}
      <div class={`field${props.error ? ' field-invalid' : ''}`}>
        <label for={fieldId(name)}>{props.fieldLabel}</label>
        {props.error ? (
          <p class="field-error" id={`${fieldId(name)}-error`}>
            <span class="visually-hidden">{v.t('error.summary')}: </span>
            {props.error}
          </p>
        ) : null}
        <input
          id={fieldId(name)}
          name="reason"
          type="text"
          class="input input-m"
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? `${fieldId(name)}-error` : undefined}
        />
      </div>
      <SubmitButton label={props.button} busy={v.t('common.busy')} variant="secondary" />
    </PostForm>
  )
}
