import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../../src/http/env.ts'
import { ErrorPage } from './errors.tsx'
import { type DashboardDeps, viewOf } from './handler.tsx'
import { LANG_COOKIE, pickLanguage } from './language.ts'

const API_PATHS = /^\/(v1(\/|$)|assets\/|openapi\.json$|docs$|health$|ready$)/

/**
 * Turns the app's problems that no dashboard page saw into the dashboard's designed pages for a
 * browser: an unknown address (404 on GET) and a form too large to read (413, refused by the body
 * limit before any page runs, e.g. an oversized CSV upload). API paths and programs (no
 * `Accept: text/html`) keep problem+json. Registered before the body limit, so it wraps it.
 */
export const htmlErrorPages =
  (deps: DashboardDeps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    await next()
    const status = c.res.status
    const notFound = status === 404 && (c.req.method === 'GET' || c.req.method === 'HEAD')
    if (!notFound && status !== 413) return
    if (API_PATHS.test(c.req.path) || !(c.req.header('accept') ?? '').includes('text/html')) return
    if (!c.res.headers.get('content-type')?.includes('application/problem+json')) return
    const lang = pickLanguage(getCookie(c, LANG_COOKIE), c.req.header('accept-language'))
    let v: Awaited<ReturnType<typeof viewOf>>
    try {
      v = await viewOf(c, deps, lang)
    } catch {
      return
    }
    const page = notFound ? (
      <ErrorPage v={v} kind="not-found" />
    ) : (
      <ErrorPage
        v={v}
        kind="bad-request"
        detail={v.t('error.tooLarge', {
          size: v.fmt.number(c.get('deps').config.BODY_LIMIT_BYTES / 1_048_576, 1),
        })}
      />
    )
    c.res = new Response(`<!doctype html>${await page}`, {
      status,
      headers: { 'Content-Type': 'text/html; charset=UTF-8', 'Cache-Control': 'no-store' },
    })
  }
