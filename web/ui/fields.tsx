import type { Child } from 'hono/jsx'
import type { View } from './view.ts'

/** Field name → the message shown next to it. */
export type FieldErrors = Record<string, string>

export const fieldId = (name: string) => `f-${name}`

const describedBy = (name: string, hint?: Child, error?: string) =>
  [hint ? `${fieldId(name)}-hint` : null, error ? `${fieldId(name)}-error` : null]
    .filter(Boolean)
    .join(' ') || undefined

function HintAndError(props: { name: string; hint?: Child; error?: string | undefined; v: View }) {
  return (
    <>
      {props.hint ? (
        <p class="field-hint" id={`${fieldId(props.name)}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${fieldId(props.name)}-error`}>
          <span class="visually-hidden">{props.v.t('error.summary')}: </span>
          {props.error}
        </p>
      ) : null}
    </>
  )
}

/**
 * The list of problems at the top of a form, linking to each field. Focused on load (by the
 * client script) so keyboard and screen-reader users hear it first.
 */
export function ErrorSummary(props: { v: View; errors: FieldErrors; extra?: string[] }) {
  const entries = Object.entries(props.errors)
  if (!entries.length && !props.extra?.length) return null
  return (
    <div
      class="error-summary"
      role="alert"
      tabindex={-1}
      data-focus-on-load
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">{props.v.t('error.summary')}</h2>
      <ul>
        {props.extra?.map((m) => (
          <li>{m}</li>
        ))}
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${fieldId(name)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

interface FieldProps {
  v: View
  name: string
  label: string
  hint?: Child
  error?: string | undefined
}

export function TextField(
  props: FieldProps & {
    value?: string | null | undefined
    type?: 'text' | 'email' | 'password' | 'url' | 'date' | 'search'
    autocomplete?: string
    required?: boolean
    inputmode?: 'text' | 'numeric' | 'url' | 'email'
    width?: 's' | 'm' | 'l'
    spellcheck?: boolean
  },
) {
  const id = fieldId(props.name)
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <HintAndError {...props} />
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        class={`input input-${props.width ?? 'l'}`}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        required={props.required}
        spellcheck={props.spellcheck === false ? false : undefined}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
      />
    </div>
  )
}

export function TextArea(props: FieldProps & { value?: string | null; rows?: number }) {
  const id = fieldId(props.name)
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <HintAndError {...props} />
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        class="input textarea"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  )
}

export function Select(
  props: FieldProps & {
    value?: string | null
    options: { value: string; label: string }[]
    width?: 's' | 'm' | 'l'
  },
) {
  const id = fieldId(props.name)
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <HintAndError {...props} />
      <select
        id={id}
        name={props.name}
        class={`input select input-${props.width ?? 'm'}`}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Several choices under one question: checkboxes (many) or radios (one), in a fieldset. */
export function ChoiceGroup(
  props: FieldProps & {
    kind: 'checkbox' | 'radio'
    options: { value: string; label: string }[]
    selected: string[]
    columns?: 1 | 2 | 3
  },
) {
  const id = fieldId(props.name)
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <fieldset
        class="choices-fieldset"
        id={id}
        tabindex={-1}
        aria-describedby={describedBy(props.name, props.hint, props.error)}
      >
        <legend>{props.label}</legend>
        <HintAndError {...props} />
        <div class={`choices choices-cols-${props.columns ?? 1}`}>
          {props.options.map((o, i) => (
            <div class="choice">
              <input
                type={props.kind}
                id={`${id}-${i}`}
                name={props.name}
                value={o.value}
                checked={props.selected.includes(o.value)}
              />
              <label for={`${id}-${i}`}>{o.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  )
}

/** One yes/no choice. */
export function Checkbox(props: FieldProps & { checked: boolean; value?: string }) {
  const id = fieldId(props.name)
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <HintAndError {...props} />
      <div class="choice">
        <input
          type="checkbox"
          id={id}
          name={props.name}
          value={props.value ?? 'true'}
          checked={props.checked}
          aria-describedby={describedBy(props.name, props.hint, props.error)}
        />
        <label for={id}>{props.label}</label>
      </div>
    </div>
  )
}

export function SubmitButton(props: {
  label: string
  busy: string
  variant?: 'primary' | 'secondary' | 'danger' | 'quiet'
  name?: string
  value?: string
  ariaLabel?: string
}) {
  return (
    <button
      type="submit"
      class={`button button-${props.variant ?? 'primary'}`}
      data-busy-label={props.busy}
      name={props.name}
      value={props.value}
      aria-label={props.ariaLabel}
    >
      {props.label}
    </button>
  )
}
