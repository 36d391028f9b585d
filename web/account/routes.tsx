import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '../../src/http/auth.ts'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { isProblem } from '../../src/http/problem.ts'
import type { ProblemCode } from '../../src/http/problem-codes.ts'
import * as identity from '../../src/modules/identity/index.ts'
import type { FieldErrors } from '../ui/fields.tsx'
import { readForm } from '../ui/forms.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { setFlash, type View } from '../ui/view.ts'
import {
  AcceptInvitationPage,
  type AccountForms,
  AccountPage,
  ConfirmEmailPage,
  ForgotPasswordPage,
  LinkInvalidPage,
  NewPasswordPage,
} from './pages.tsx'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** The problem's code when it is one of `codes`, else rethrows: a page words only what it expects. */
function expected(err: unknown, codes: ProblemCode[]): ProblemCode {
  if (isProblem(err) && codes.includes(err.code)) return err.code
  throw err
}

const minutesOf = (err: unknown) => {
  const seconds = isProblem(err) ? Number(err.extra.headers?.['Retry-After'] ?? 60) : 60
  return String(Math.max(1, Math.ceil(seconds / 60)))
}

const passwordMessage = (v: View, code: ProblemCode) =>
  code === 'password.too_short' ? v.t('password.short') : v.t('password.common')

const tokenOf = (c: Context<AppEnv>) => (c.req.query('token') ?? '').trim()

/**
 * Pages reached from mails (password reset, invitation, email confirmation) and the account page.
 * A link's GET only shows a form; the change happens on POST, so a mail scanner that follows
 * links spends no token.
 */
export function registerAccountPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  // ── password reset ──
  app.get(
    '/password-reset',
    page(deps, 'public', async (c, v) => {
      const token = tokenOf(c)
      if (!token) return respond(c, <ForgotPasswordPage v={v} />)
      return respond(c, <NewPasswordPage v={v} token={token} />)
    }),
  )

  app.post(
    '/password-reset',
    page(deps, 'public', async (c, v) => {
      const email = (await readForm(c)).text('email')
      if (!EMAIL.test(email) || email.length > 254) {
        return respond(
          c,
          <ForgotPasswordPage v={v} email={email} errors={{ email: v.t('invalid.email') }} />,
          422,
        )
      }
      try {
        await identity.requestPasswordReset(ctxOf(c), { email }, c.get('deps').clientAddress?.(c))
      } catch (err) {
        expected(err, ['password_reset.rate_limited'])
        const formError = v.t('reset.throttled', { minutes: minutesOf(err) })
        return respond(c, <ForgotPasswordPage v={v} email={email} formError={formError} />, 429)
      }
      return respond(c, <ForgotPasswordPage v={v} sent={email} />, 202)
    }),
  )

  app.post(
    '/password-reset/complete',
    page(deps, 'public', async (c, v) => {
      const form = await readForm(c)
      const token = form.text('token')
      const password = form.raw('password')
      try {
        await identity.completePasswordReset(ctxOf(c), { token, password })
      } catch (err) {
        const code = expected(err, [
          'password_reset.token_invalid',
          'password.too_short',
          'password.too_common',
        ])
        if (code === 'password_reset.token_invalid') {
          return respond(
            c,
            <LinkInvalidPage
              v={v}
              title="reset.invalid.title"
              body="reset.invalid.body"
              action={{ href: '/password-reset', label: 'reset.invalid.again' }}
            />,
            422,
          )
        }
        return respond(
          c,
          <NewPasswordPage v={v} token={token} errors={{ password: passwordMessage(v, code) }} />,
          422,
        )
      }
      setFlash(c, { tone: 'success', key: 'reset.done' })
      return c.redirect('/login', 303)
    }),
  )

  // ── invitations ──
  const showInvitation = async (
    c: Context<AppEnv>,
    v: View,
    token: string,
    form?: { name: string; errors: FieldErrors },
  ) => {
    let invitation: Awaited<ReturnType<typeof identity.describeInvitation>>
    try {
      invitation = await identity.describeInvitation(ctxOf(c), token)
    } catch (err) {
      expected(err, ['invitation.token_invalid'])
      return respond(
        c,
        <LinkInvalidPage v={v} title="accept.invalid.title" body="accept.invalid.body" />,
        422,
      )
    }
    return respond(
      c,
      <AcceptInvitationPage
        v={v}
        token={token}
        invitation={invitation}
        name={form?.name}
        errors={form?.errors}
      />,
      form ? 422 : 200,
    )
  }

  app.get(
    '/invitations/accept',
    page(deps, 'public', (c, v) => showInvitation(c, v, tokenOf(c))),
  )

  app.post(
    '/invitations/accept',
    page(deps, 'public', async (c, v) => {
      const form = await readForm(c)
      const token = form.text('token')
      const name = form.text('name')
      const password = form.raw('password')
      if (!name || name.length > 200)
        return showInvitation(c, v, token, { name, errors: { name: v.t('accept.nameError') } })
      try {
        const done = await identity.acceptByToken(ctxOf(c), { token, name, password })
        setFlash(c, { tone: 'success', key: 'accept.done', params: { email: done.email } })
        return c.redirect(`/login?email=${encodeURIComponent(done.email)}`, 303)
      } catch (err) {
        const code = expected(err, [
          'invitation.token_invalid',
          'invitation.account_exists',
          'password.too_short',
          'password.too_common',
        ])
        if (code === 'password.too_short' || code === 'password.too_common')
          return showInvitation(c, v, token, { name, errors: { password: passwordMessage(v, code) } })
        // A used or revoked link, or an account made meanwhile: the page explains which.
        return showInvitation(c, v, token)
      }
    }),
  )

  // ── the account page ──
  const showAccount = async (c: Context<AppEnv>, v: View, forms?: AccountForms, status = 200) => {
    const account = await identity.accountOf(ctxOf(c))
    return respond(
      c,
      <AccountPage v={v} email={account.email} language={account.language} forms={forms} />,
      status,
    )
  }

  app.get(
    '/account',
    page(deps, 'user', (c, v) => showAccount(c, v)),
  )

  app.post(
    '/account/password',
    page(deps, 'user', async (c, v) => {
      const form = await readForm(c)
      const currentPassword = form.raw('currentPassword')
      const newPassword = form.raw('newPassword')
      const errors: FieldErrors = {}
      if (!currentPassword) errors.currentPassword = v.t('account.currentWrong')
      if (!newPassword) errors.newPassword = v.t('password.short')
      if (Object.keys(errors).length) return showAccount(c, v, { password: errors }, 422)
      try {
        await identity.changePassword(
          ctxOf(c),
          { currentPassword, newPassword },
          getCookie(c, SESSION_COOKIE),
        )
      } catch (err) {
        const code = expected(err, [
          'password.current_wrong',
          'password.change_throttled',
          'password.too_short',
          'password.too_common',
        ])
        const password: FieldErrors =
          code === 'password.current_wrong'
            ? { currentPassword: v.t('account.currentWrong') }
            : code === 'password.change_throttled'
              ? { currentPassword: v.t('account.throttled', { minutes: minutesOf(err) }) }
              : { newPassword: passwordMessage(v, code) }
        return showAccount(c, v, { password }, code === 'password.change_throttled' ? 429 : 422)
      }
      setFlash(c, { tone: 'success', key: 'account.password.done' })
      return c.redirect('/account', 303)
    }),
  )

  app.post(
    '/account/email',
    page(deps, 'user', async (c, v) => {
      const form = await readForm(c)
      const newEmail = form.text('newEmail')
      const currentPassword = form.raw('emailPassword')
      if (!EMAIL.test(newEmail) || newEmail.length > 254)
        return showAccount(c, v, { newEmail, email: { newEmail: v.t('invalid.email') } }, 422)
      try {
        await identity.requestEmailChange(ctxOf(c), { newEmail, currentPassword })
      } catch (err) {
        const code = expected(err, ['password.current_wrong', 'password.change_throttled', 'email.unchanged'])
        const email: FieldErrors =
          code === 'email.unchanged'
            ? { newEmail: v.t('account.emailUnchanged') }
            : code === 'password.current_wrong'
              ? { currentPassword: v.t('account.currentWrong') }
              : { currentPassword: v.t('account.throttled', { minutes: minutesOf(err) }) }
        return showAccount(c, v, { newEmail, email }, code === 'password.change_throttled' ? 429 : 422)
      }
      setFlash(c, { tone: 'success', key: 'account.email.sent', params: { email: newEmail.toLowerCase() } })
      return c.redirect('/account', 303)
    }),
  )

  app.post(
    '/account/language',
    page(deps, 'user', async (c, v) => {
      const language = (await readForm(c)).text('language')
      if (language !== 'nb' && language !== 'en') return showAccount(c, v, undefined, 422)
      await identity.setMailLanguage(ctxOf(c), language)
      setFlash(c, {
        tone: 'success',
        key: 'account.language.done',
        params: { language: v.t(`lang.${language}`) },
      })
      return c.redirect('/account', 303)
    }),
  )

  app.get(
    '/account/email/confirm',
    page(deps, 'public', (c, v) => {
      const token = tokenOf(c)
      if (!token)
        return respond(
          c,
          <LinkInvalidPage v={v} title="emailConfirm.invalid.title" body="emailConfirm.invalid.body" />,
          422,
        )
      return respond(c, <ConfirmEmailPage v={v} token={token} />)
    }),
  )

  app.post(
    '/account/email/confirm',
    page(deps, 'public', async (c, v) => {
      const token = (await readForm(c)).text('token')
      try {
        const done = await identity.confirmEmailChange(ctxOf(c), { token })
        setFlash(c, { tone: 'success', key: 'emailConfirm.done', params: { email: done.email } })
        return c.redirect(v.principal ? '/account' : `/login?email=${encodeURIComponent(done.email)}`, 303)
      } catch (err) {
        const code = expected(err, ['email_change.token_invalid', 'email.taken'])
        return respond(
          c,
          <LinkInvalidPage
            v={v}
            title="emailConfirm.invalid.title"
            body={code === 'email.taken' ? 'emailConfirm.taken' : 'emailConfirm.invalid.body'}
          />,
          code === 'email.taken' ? 409 : 422,
        )
      }
    }),
  )
}
