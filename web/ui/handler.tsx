import type { Context, Handler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { JSX } from 'hono/jsx/jsx-runtime'
import {
  isHttps,
  isSafeMethod,
  isSameOriginRequest,
  requestOrigin,
  SESSION_COOKIE,
} from '../../src/http/auth.ts'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import type { Logger } from '../../src/http/logger.ts'
import { isProblem } from '../../src/http/problem.ts'
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../../src/http/unavailable.ts'
import { principalFromSession } from '../../src/modules/identity/index.ts'
import { unreadCountOf } from '../../src/modules/notifications/index.ts'
import type { AssetManifest } from './assets.ts'
import { ErrorPage } from './errors.tsx'
import { isLang, LANG_COOKIE, pickLanguage } from './language.ts'
import { makeView, takeFlash, type View } from './view.ts'

export interface DashboardDeps {
  assets: (logger: Logger) => Promise<AssetManifest>
}

type PageFn = (c: Context<AppEnv>, v: View) => Promise<Response> | Response

/** Sends a rendered page. Pages hold personal data: never cached, and they vary by cookie and language. */
export async function respond(c: Context<AppEnv>, page: JSX.Element, status = 200): Promise<Response> {
  c.header('Cache-Control', 'no-store')
  c.header('Vary', 'Cookie, Accept-Language')
  return c.html(`<!doctype html>${await page}`, status as 200)
}

/** A `next` target is only ever a path on this site (no `//host` or `/\host`): no open redirect. */
export function safeNext(next: string | undefined | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || /[\\\s]/.test(next)) return null
  return next
}

function redirectToLogin(c: Context<AppEnv>): Response {
  let next: string | null = null
  if (c.req.method === 'GET') {
    const url = new URL(c.req.url)
    next = url.pathname + url.search
  } else {
    // After a post from a page whose session ended, come back to that page.
    const referer = c.req.header('referer')
    if (referer?.startsWith(`${requestOrigin(c)}/`)) {
      const url = new URL(referer)
      next = url.pathname + url.search
    }
  }
  return c.redirect(next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login', 303)
}

/** The same session as the API: the session cookie resolved by the identity service. */
async function resolvePrincipal(c: Context<AppEnv>): Promise<void> {
  const sessionId = getCookie(c, SESSION_COOKIE)
  c.set('principal', sessionId ? await principalFromSession(ctxOf(c), sessionId) : null)
}

/** The page's language; `?lang=` records a choice in a cookie and returns to the page without it. */
function language(c: Context<AppEnv>): { lang: 'nb' | 'en'; redirect?: Response } {
  const url = new URL(c.req.url)
  const asked = url.searchParams.get('lang')
  if (c.req.method === 'GET' && isLang(asked)) {
    setCookie(c, LANG_COOKIE, asked, {
      path: '/',
      sameSite: 'Lax',
      httpOnly: true,
      secure: isHttps(c),
      maxAge: 365 * 86_400,
    })
    url.searchParams.delete('lang')
    const search = url.searchParams.toString()
    return { lang: asked, redirect: c.redirect(`${url.pathname}${search ? `?${search}` : ''}`, 303) }
  }
  return { lang: pickLanguage(getCookie(c, LANG_COOKIE), c.req.header('accept-language')) }
}

/** Renders the error state for anything a page throws: the same problems the API would answer. */
export async function errorResponse(c: Context<AppEnv>, v: View, err: unknown): Promise<Response> {
  if (isProblem(err)) {
    if (err.status === 401) return redirectToLogin(c)
    const detail = err.detailIn(v.lang)
    if (err.status === 404) return respond(c, <ErrorPage v={v} kind="not-found" />, 404)
    if (err.status === 403) return respond(c, <ErrorPage v={v} kind="forbidden" detail={detail} />, 403)
    if (err.status < 500)
      return respond(c, <ErrorPage v={v} kind="bad-request" detail={detail} />, err.status)
  }
  if (isDatabaseUnavailable(err) || (isProblem(err) && err.status === 503)) {
    c.get('deps').logger.warn({
      msg: 'database unavailable',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: err instanceof Error ? err.message : String(err),
    })
    c.header('Retry-After', String(RETRY_AFTER_SECONDS))
    return respond(c, <ErrorPage v={v} kind="unavailable" />, 503)
  }
  c.get('deps').logger.error({
    msg: 'unhandled error',
    requestId: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    error: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  })
  return respond(c, <ErrorPage v={v} kind="server" />, 500)
}

/** Builds the view of a dashboard request: session, language, assets, flash. */
export async function viewOf(c: Context<AppEnv>, deps: DashboardDeps, lang: 'nb' | 'en'): Promise<View> {
  const assets = await deps.assets(c.get('deps').logger)
  await resolvePrincipal(c)
  const v = makeView(c, lang, assets, c.req.method === 'GET' ? takeFlash(c) : null)
  // The bell in the header shows the count on every signed-in page.
  if (v.principal && c.req.method === 'GET') v.unreadCount = await unreadCountOf(ctxOf(c))
  return v
}

/**
 * Wraps a dashboard page: resolves the session like /v1 does, refuses cross-site form posts with
 * the API's CSRF rule, sends signed-out visitors to the login page (with `next`), and turns
 * whatever the services throw into the designed error pages.
 */
export function page(deps: DashboardDeps, access: 'user' | 'public', fn: PageFn): Handler<AppEnv> {
  return async (c) => {
    const { lang, redirect } = language(c)
    if (redirect) return redirect
    let v: View
    try {
      v = await viewOf(c, deps, lang)
    } catch (err) {
      // The session could not be read (the database is down): an error page for an anonymous visitor.
      c.set('principal', null)
      return errorResponse(c, makeView(c, lang, await deps.assets(c.get('deps').logger)), err)
    }
    try {
      const principal = v.principal
      if (!isSafeMethod(c.req.method) && !isSameOriginRequest(c, { allowMissing: !principal })) {
        return respond(c, <ErrorPage v={v} kind="forbidden" detail={v.t('error.crossSite')} />, 403)
      }
      if (access === 'user' && !principal) return redirectToLogin(c)
      return await fn(c, v)
    } catch (err) {
      return errorResponse(c, v, err)
    }
  }
}
