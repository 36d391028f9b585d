import { ErrorSummary, type FieldErrors, SubmitButton, TextField } from '../ui/fields.tsx'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'

/** "Sign in with your organisation": a work email finds the organisation by its verified domain. */
export function SsoLoginPage(props: {
  v: View
  next: string | null
  email?: string
  errors?: FieldErrors
  formError?: string
}) {
  const { v } = props
  const errors = props.errors ?? {}
  return (
    <Layout v={v} title={v.t('sso.login.title')} narrow>
      <div class="login">
        <div class="login-intro">
          <p class="login-kicker">Effekt</p>
          <h1>{v.t('sso.login.title')}</h1>
          <p class="lead">{v.t('sso.login.intro')}</p>
        </div>
        <div class="card login-card">
          <ErrorSummary v={v} errors={errors} extra={props.formError ? [props.formError] : []} />
          <form method="post" action="/login/sso" novalidate class="stack">
            {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
            <TextField
              v={v}
              name="email"
              type="email"
              label={v.t('sso.login.email')}
              value={props.email}
              autocomplete="username"
              spellcheck={false}
              error={errors.email}
            />
            <SubmitButton label={v.t('sso.login.submit')} busy={v.t('common.busy')} />
          </form>
          <p>
            <a href={props.next ? `/login?next=${encodeURIComponent(props.next)}` : '/login'}>
              {v.t('sso.login.back')}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  )
}

/** The organisation found for the work email, and the way on to its sign-in service. */
export function SsoContinuePage(props: { v: View; organization: string; href: string }) {
  const { v } = props
  return (
    <Layout v={v} title={v.t('sso.login.title')} narrow>
      <div class="login">
        <div class="login-intro">
          <p class="login-kicker">Effekt</p>
          <h1>{v.t('sso.login.title')}</h1>
          <p class="lead">{v.t('sso.continue.intro', { organization: props.organization })}</p>
        </div>
        <div class="card login-card stack">
          <p>
            <a class="button button-primary" href={props.href}>
              {v.t('sso.continue.go', { organization: props.organization })}
            </a>
          </p>
          <p>
            <a href="/login/sso">{v.t('sso.continue.other')}</a>
          </p>
        </div>
      </div>
    </Layout>
  )
}

/** Why a sign-in through the organisation was refused, in plain words, and the ways onwards. */
export function SsoRefusedPage(props: { v: View; title: string; detail: string; retry: string | null }) {
  const { v } = props
  return (
    <Layout v={v} title={v.t('sso.refused.title')} narrow>
      <div class="error-page">
        <h1>{v.t('sso.refused.title')}</h1>
        <p class="lead">
          <strong>{props.title}.</strong> {props.detail}
        </p>
        <p class="form-actions">
          {props.retry ? (
            <a class="button button-primary" href={props.retry}>
              {v.t('sso.refused.again')}
            </a>
          ) : null}
          <a class="button" href="/login">
            {v.t('sso.refused.password')}
          </a>
        </p>
      </div>
    </Layout>
  )
}
