import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../../http/env.ts'
import { type DashboardDeps, viewOf } from './handler.tsx'
import { LANG_COOKIE, pickLanguage } from './language.ts'
import { ErrorPage } from './pages/errors.tsx'

const API_PATHS = /^\/(v1(\/|$)|assets\/|openapi\.json$|docs$|health$|ready$)/

/**
 * Turns the app's 404 problem into the dashboard's 404 page for a browser navigating to an
 * unknown address. API paths and programs (no `Accept: text/html`) keep problem+json.
 */
export const notFoundPage =
  (deps: DashboardDeps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    await next()
    if (c.res.status !== 404 || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return
    if (API_PATHS.test(c.req.path) || !(c.req.header('accept') ?? '').includes('text/html')) return
    if (!c.res.headers.get('content-type')?.includes('application/problem+json')) return
    const lang = pickLanguage(getCookie(c, LANG_COOKIE), c.req.header('accept-language'))
    let v: Awaited<ReturnType<typeof viewOf>>
    try {
      v = await viewOf(c, deps, lang)
    } catch {
      return
    }
    const html = `<!doctype html>${await (<ErrorPage v={v} kind="not-found" />)}`
    c.res = new Response(html, {
      status: 404,
      headers: { 'Content-Type': 'text/html; charset=UTF-8', 'Cache-Control': 'no-store' },
    })
  }
