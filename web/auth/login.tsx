import { Notice } from '../ui/components.tsx'
import { ErrorSummary, type FieldErrors, SubmitButton, TextField } from '../ui/fields.tsx'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'

export function LoginPage(props: {
  v: View
  next: string | null
  email?: string
  errors?: FieldErrors
  formError?: string
}) {
  const { v } = props
  const errors = props.errors ?? {}
  return (
    <Layout v={v} title={v.t('login.title')} narrow>
      <div class="login">
        <div class="login-intro">
          <p class="login-kicker">Effekt</p>
          <h1>{v.t('login.title')}</h1>
          <p class="lead">{v.t('login.intro')}</p>
        </div>
        <div class="card login-card">
          {props.next && !props.formError && !Object.keys(errors).length && !v.flash ? (
            <Notice tone="info">{v.t('login.continue')}</Notice>
          ) : null}
          <ErrorSummary v={v} errors={errors} extra={props.formError ? [props.formError] : []} />
          <form method="post" action="/login" novalidate class="stack">
            {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
            <TextField
              v={v}
              name="email"
              type="email"
              label={v.t('login.email')}
              value={props.email}
              autocomplete="username"
              spellcheck={false}
              error={errors.email}
            />
            <TextField
              v={v}
              name="password"
              type="password"
              label={v.t('login.password')}
              autocomplete="current-password"
              error={errors.password}
            />
            <SubmitButton label={v.t('login.submit')} busy={v.t('common.busy')} />
          </form>
          <p class="login-forgot">
            <a href="/password-reset">{v.t('login.forgot')}</a>
          </p>
          <p>
            <a href={props.next ? `/login/sso?next=${encodeURIComponent(props.next)}` : '/login/sso'}>
              {v.t('sso.login.link')}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  )
}
