import type { OpenAPIHono } from '@hono/zod-openapi'
import { getCookie } from 'hono/cookie'
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../../src/http/auth.ts'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { isProblem } from '../../src/http/problem.ts'
import type { ProblemCode } from '../../src/http/problem-codes.ts'
import * as auth from '../../src/modules/identity/index.ts'
import { LoginRequest } from '../../src/modules/identity/index.ts'
import type { FieldErrors } from '../ui/fields.tsx'
import { readForm } from '../ui/forms.ts'
import { type DashboardDeps, page, respond, safeNext } from '../ui/handler.tsx'
import { homePath } from '../ui/nav.ts'
import { setFlash } from '../ui/view.ts'
import { LoginPage } from './login.tsx'

/** The refusals the login form words itself; anything else is the error page's. */
const LOGIN_REFUSALS = new Set<ProblemCode>([
  'login.invalid_credentials',
  'login.too_many_failures',
  'login.client_throttled',
  'login.account_throttled',
])

/** Sign in and out with the API's own login service and the same session cookie. */
export function registerAuthPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/',
    page(deps, 'public', (c, v) => c.redirect(v.principal ? homePath(v.principal) : '/login', 303)),
  )

  app.get(
    '/login',
    page(deps, 'public', (c, v) => {
      const next = safeNext(c.req.query('next'))
      if (v.principal) return c.redirect(next ?? homePath(v.principal), 303)
      // After an invitation or an email change the address is filled in (it is the user's own).
      const email = (c.req.query('email') ?? '').slice(0, 254)
      return respond(c, <LoginPage v={v} next={next} {...(email ? { email } : {})} />)
    }),
  )

  app.post(
    '/login',
    page(deps, 'public', async (c, v) => {
      const form = await readForm(c)
      const email = form.text('email')
      const next = safeNext(form.text('next'))
      // The API's request schema decides what a well-formed sign-in is.
      const parsed = LoginRequest.safeParse({ email, password: form.raw('password') })
      if (!parsed.success) {
        const errors: FieldErrors = {}
        for (const issue of parsed.error.issues) {
          if (issue.path[0] === 'email') errors.email = v.t('login.error.email')
          if (issue.path[0] === 'password') errors.password = v.t('login.error.password')
        }
        return respond(c, <LoginPage v={v} next={next} email={email} errors={errors} />, 422)
      }
      try {
        const ctx = ctxOf(c)
        const result = await auth.login(ctx, parsed.data, c.get('deps').clientAddress?.(c))
        setSessionCookie(c, result.sessionId, result.expiresAt, ctx.now)
        return c.redirect(next ?? homePath(result.principal), 303)
      } catch (err) {
        if (!isProblem(err) || !LOGIN_REFUSALS.has(err.code)) throw err
        const seconds = Number(err.extra.headers?.['Retry-After'] ?? 60)
        const formError =
          err.code === 'login.invalid_credentials'
            ? v.t('login.error.credentials')
            : v.t('login.error.throttled', { minutes: v.fmt.number(Math.max(1, Math.ceil(seconds / 60))) })
        return respond(c, <LoginPage v={v} next={next} email={email} formError={formError} />, err.status)
      }
    }),
  )

  app.post(
    '/logout',
    page(deps, 'public', async (c) => {
      const sessionId = getCookie(c, SESSION_COOKIE)
      if (sessionId) await auth.logout(ctxOf(c), sessionId)
      clearSessionCookie(c)
      setFlash(c, { tone: 'info', key: 'login.signedOut' })
      return c.redirect('/login', 303)
    }),
  )
}
