import type { JSX } from 'hono/jsx/jsx-runtime'
import type { MessageKey } from '../i18n/index.ts'
import { EmptyState, Notice, PageHeader, PostForm, Section } from '../ui/components.tsx'
import { ErrorSummary, type FieldErrors, Select, SubmitButton, TextField } from '../ui/fields.tsx'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'

/** Pages for people arriving from a mail (reset, invitation, email confirmation) and the account page. */

/** A link from a mail that no longer works: what happened and what to do. */
export function LinkInvalidPage(props: {
  v: View
  title: MessageKey
  body: MessageKey
  action?: { href: string; label: MessageKey }
}) {
  const { v } = props
  return (
    <Layout v={v} title={v.t(props.title)} narrow>
      <PageHeader v={v} title={v.t(props.title)} />
      <div class="card">
        <EmptyState
          title={v.t(props.title)}
          body={v.t(props.body)}
          action={
            props.action ? (
              <a class="button button-secondary" href={props.action.href}>
                {v.t(props.action.label)}
              </a>
            ) : undefined
          }
        />
      </div>
    </Layout>
  )
}

export function ForgotPasswordPage(props: {
  v: View
  email?: string
  errors?: FieldErrors
  formError?: string
  sent?: string
}) {
  const { v } = props
  const errors = props.errors ?? {}
  return (
    <Layout v={v} title={v.t('reset.title')} narrow>
      <PageHeader v={v} title={v.t('reset.title')} lead={v.t('reset.lead')} />
      <div class="card">
        {props.sent ? <Notice tone="success">{v.t('reset.sent', { email: props.sent })}</Notice> : null}
        <ErrorSummary v={v} errors={errors} extra={props.formError ? [props.formError] : []} />
        <form method="post" action="/password-reset" novalidate class="stack">
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
          <div class="form-actions">
            <SubmitButton label={v.t('reset.submit')} busy={v.t('common.busy')} />
            <a href="/login">{v.t('reset.back')}</a>
          </div>
        </form>
      </div>
    </Layout>
  )
}

export function NewPasswordPage(props: { v: View; token: string; errors?: FieldErrors }) {
  const { v } = props
  const errors = props.errors ?? {}
  return (
    <Layout v={v} title={v.t('reset.new.title')} narrow>
      <PageHeader v={v} title={v.t('reset.new.title')} lead={v.t('reset.new.lead')} />
      <div class="card">
        <ErrorSummary v={v} errors={errors} />
        <form method="post" action="/password-reset/complete" novalidate class="stack">
          <input type="hidden" name="token" value={props.token} />
          <TextField
            v={v}
            name="password"
            type="password"
            label={v.t('reset.new.password')}
            hint={v.t('password.hint')}
            autocomplete="new-password"
            error={errors.password}
          />
          <div class="form-actions">
            <SubmitButton label={v.t('reset.new.submit')} busy={v.t('common.busy')} />
          </div>
        </form>
      </div>
    </Layout>
  )
}

export interface InvitationView {
  organizationName: string
  email: string
  role: 'admin' | 'editor' | 'viewer'
  organizationId: string
  hasAccount: boolean
}

/** The invitation link's page: a new address creates its account; an existing one signs in and accepts. */
export function AcceptInvitationPage(props: {
  v: View
  token: string
  invitation: InvitationView
  name?: string
  errors?: FieldErrors
}) {
  const { v, invitation: inv } = props
  const errors = props.errors ?? {}
  const role = v.t(`role.${inv.role}` as MessageKey).toLowerCase()
  const title = v.t('accept.title', { org: inv.organizationName })
  const me = v.principal
  const next = `/invitations/accept?token=${encodeURIComponent(props.token)}`
  let body: JSX.Element
  if (!inv.hasAccount) {
    body = (
      <>
        <p>{v.t('accept.lead', { org: inv.organizationName, role })}</p>
        <ErrorSummary v={v} errors={errors} />
        <form method="post" action="/invitations/accept" novalidate class="stack">
          <input type="hidden" name="token" value={props.token} />
          <p>
            {v.t('accept.email')}: <strong>{inv.email}</strong>
          </p>
          <TextField
            v={v}
            name="name"
            label={v.t('accept.name')}
            value={props.name}
            autocomplete="name"
            error={errors.name}
          />
          <TextField
            v={v}
            name="password"
            type="password"
            label={v.t('accept.password')}
            hint={v.t('password.hint')}
            autocomplete="new-password"
            error={errors.password}
          />
          <div class="form-actions">
            <SubmitButton label={v.t('accept.submit')} busy={v.t('common.busy')} />
          </div>
        </form>
      </>
    )
  } else if (!me) {
    body = (
      <>
        <p>{v.t('accept.existing.lead', { org: inv.organizationName, role })}</p>
        <p>{v.t('accept.existing.signIn', { email: inv.email })}</p>
        <p>
          <a class="button button-primary" href={`/login?next=${encodeURIComponent(next)}`}>
            {v.t('accept.existing.signInButton')}
          </a>
        </p>
      </>
    )
  } else if (me.email.toLowerCase() !== inv.email) {
    body = <Notice tone="info">{v.t('accept.existing.other', { email: inv.email, me: me.email })}</Notice>
  } else {
    body = (
      <>
        <p>{v.t('accept.existing.lead', { org: inv.organizationName, role })}</p>
        <div class="form-actions">
          <PostForm action={`/organizations/invitations/${inv.organizationId}/accept`} class="inline-form">
            <SubmitButton label={v.t('invitations.accept')} busy={v.t('common.busy')} />
          </PostForm>
          <PostForm action={`/organizations/invitations/${inv.organizationId}/decline`} class="inline-form">
            <SubmitButton label={v.t('invitations.decline')} busy={v.t('common.busy')} variant="secondary" />
          </PostForm>
        </div>
      </>
    )
  }
  return (
    <Layout v={v} title={title} narrow>
      <PageHeader v={v} title={title} />
      <div class="card">{body}</div>
    </Layout>
  )
}

export interface AccountForms {
  password?: FieldErrors
  email?: FieldErrors
  newEmail?: string
}

export function AccountPage(props: { v: View; email: string; language: 'nb' | 'en'; forms?: AccountForms }) {
  const { v } = props
  const pw = props.forms?.password ?? {}
  const em = props.forms?.email ?? {}
  return (
    <Layout v={v} title={v.t('account.title')}>
      <PageHeader v={v} title={v.t('account.title')} lead={v.t('account.lead', { email: props.email })} />
      <div class="grid-2">
        <Section id="password" title={v.t('account.password.title')}>
          <p class="section-lead">{v.t('account.password.lead')}</p>
          <ErrorSummary v={v} errors={pw} />
          <PostForm action="/account/password" class="stack">
            <input type="hidden" name="username" value={props.email} autocomplete="username" />
            <TextField
              v={v}
              name="currentPassword"
              type="password"
              label={v.t('account.password.current')}
              autocomplete="current-password"
              error={pw.currentPassword}
            />
            <TextField
              v={v}
              name="newPassword"
              type="password"
              label={v.t('account.password.new')}
              hint={v.t('password.hint')}
              autocomplete="new-password"
              error={pw.newPassword}
            />
            <div class="form-actions">
              <SubmitButton label={v.t('account.password.submit')} busy={v.t('common.saving')} />
            </div>
          </PostForm>
        </Section>
        <Section id="email" title={v.t('account.email.title')}>
          <p class="section-lead">{v.t('account.email.lead')}</p>
          <ErrorSummary v={v} errors={em} />
          <PostForm action="/account/email" class="stack">
            <TextField
              v={v}
              name="newEmail"
              type="email"
              label={v.t('account.email.new')}
              value={props.forms?.newEmail}
              autocomplete="email"
              spellcheck={false}
              error={em.newEmail}
            />
            <TextField
              v={v}
              name="emailPassword"
              type="password"
              label={v.t('account.password.current')}
              autocomplete="current-password"
              error={em.currentPassword}
            />
            <div class="form-actions">
              <SubmitButton label={v.t('account.email.submit')} busy={v.t('common.busy')} />
            </div>
          </PostForm>
        </Section>
        <Section id="language" title={v.t('account.language.title')}>
          <PostForm action="/account/language" class="stack">
            <Select
              v={v}
              name="language"
              label={v.t('account.language.label')}
              value={props.language}
              options={(['nb', 'en'] as const).map((l) => ({ value: l, label: v.t(`lang.${l}`) }))}
            />
            <div class="form-actions">
              <SubmitButton
                label={v.t('account.language.submit')}
                busy={v.t('common.saving')}
                variant="secondary"
              />
            </div>
          </PostForm>
          <p class="muted">{v.t('account.security')}</p>
        </Section>
      </div>
    </Layout>
  )
}

export function ConfirmEmailPage(props: { v: View; token: string }) {
  const { v } = props
  return (
    <Layout v={v} title={v.t('emailConfirm.title')} narrow>
      <PageHeader v={v} title={v.t('emailConfirm.title')} lead={v.t('emailConfirm.lead')} />
      <div class="card">
        <form method="post" action="/account/email/confirm" novalidate class="stack">
          <input type="hidden" name="token" value={props.token} />
          <div class="form-actions">
            <SubmitButton label={v.t('emailConfirm.submit')} busy={v.t('common.busy')} />
          </div>
        </form>
      </div>
    </Layout>
  )
}
