import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { isHttps, requestOrigin, setSessionCookie } from '../../src/http/auth.ts'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { isProblem, notFound } from '../../src/http/problem.ts'
import { principalFromSession } from '../../src/modules/identity/index.ts'
import * as sso from '../../src/modules/sso/index.ts'
import { isUuid, pathParam, readForm } from '../ui/forms.ts'
import { type DashboardDeps, page, respond, safeNext } from '../ui/handler.tsx'
import { homePath } from '../ui/nav.ts'
import type { View } from '../ui/view.ts'
import { SsoContinuePage, SsoLoginPage, SsoRefusedPage } from './sso.tsx'

/**
 * Binds a started sign-in to this browser: the callback must bring the same state in the query
 * and in this cookie, so a victim cannot be made to finish an attacker's sign-in (login CSRF).
 * Lax: the provider's redirect back is a top-level GET, which carries it.
 */
const STATE_COOKIE = 'effekt_oidc_state'
const STATE_PATH = '/auth/oidc'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** A problem of the flow (sso.*) gets its own page with the way onwards; others the usual ones. */
async function refused(c: Context<AppEnv>, v: View, err: unknown, retry: string | null): Promise<Response> {
  if (!isProblem(err) || !err.code.startsWith('sso.')) throw err
  return respond(
    c,
    <SsoRefusedPage v={v} title={err.title(v.lang)} detail={err.detailIn(v.lang)} retry={retry} />,
    err.status,
  )
}

export function registerSsoPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/login/sso',
    page(deps, 'public', (c, v) => {
      const next = safeNext(c.req.query('next'))
      if (v.principal) return c.redirect(next ?? homePath(v.principal), 303)
      return respond(c, <SsoLoginPage v={v} next={next} />)
    }),
  )

  app.post(
    '/login/sso',
    page(deps, 'public', async (c, v) => {
      const form = await readForm(c)
      const email = form.text('email').trim()
      const next = safeNext(form.text('next'))
      if (!EMAIL.test(email) || email.length > 320)
        return respond(
          c,
          <SsoLoginPage v={v} next={next} email={email} errors={{ email: v.t('sso.login.error.email') }} />,
          422,
        )
      const org = await sso.organizationForEmail(ctxOf(c), email)
      if (!org)
        return respond(
          c,
          <SsoLoginPage v={v} next={next} email={email} formError={v.t('sso.login.error.noMatch')} />,
          404,
        )
      const query = new URLSearchParams({ login_hint: email, ...(next ? { next } : {}) })
      // A link, not a redirect: the CSP's form-action 'self' (rightly) stops a form submission
      // from ending at another origin, and the person sees whose sign-in service comes next.
      return respond(
        c,
        <SsoContinuePage v={v} organization={org.name} href={`${sso.startPath(org.id)}?${query}`} />,
      )
    }),
  )

  app.get(
    '/auth/oidc/:organizationId/start',
    page(deps, 'public', async (c, v) => {
      const organizationId = pathParam(c, 'organizationId')
      const retry = `${c.req.path}${new URL(c.req.url).search}`
      try {
        if (!isUuid(organizationId)) throw notFound('sso')
        const start = await sso.startSignIn(ctxOf(c), organizationId, {
          redirectUri: `${requestOrigin(c)}${sso.CALLBACK_PATH}`,
          next: safeNext(c.req.query('next')),
          loginHint: c.req.query('login_hint')?.slice(0, 320),
        })
        setCookie(c, STATE_COOKIE, start.state, {
          httpOnly: true,
          sameSite: 'Lax',
          secure: isHttps(c),
          path: STATE_PATH,
          maxAge: 600,
        })
        c.header('Cache-Control', 'no-store')
        return c.redirect(start.url, 303)
      } catch (err) {
        return refused(c, v, err, isProblem(err) && err.status === 502 ? retry : null)
      }
    }),
  )

  app.get(
    sso.CALLBACK_PATH,
    page(deps, 'public', async (c, v) => {
      const browserState = getCookie(c, STATE_COOKIE)
      deleteCookie(c, STATE_COOKIE, { path: STATE_PATH, secure: isHttps(c) })
      const url = new URL(c.req.url)
      // The URL the provider redirected to, as the browser saw it (behind a proxy too).
      const callbackUrl = new URL(`${requestOrigin(c)}${sso.CALLBACK_PATH}${url.search}`)
      try {
        const ctx = ctxOf(c)
        const signedIn = await sso.completeSignIn(ctx, {
          state: c.req.query('state'),
          browserState,
          callbackUrl,
        })
        setSessionCookie(c, signedIn.sessionId, signedIn.expiresAt, ctx.now)
        const principal = await principalFromSession(ctx, signedIn.sessionId)
        return c.redirect(signedIn.next ?? (principal ? homePath(principal) : '/'), 303)
      } catch (err) {
        return refused(c, v, err, null)
      }
    }),
  )
}
