import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Ctx } from '../modules/context.ts'
import type { Principal } from '../modules/principal.ts'
import { ctxOf } from './context.ts'
import type { AppEnv } from './env.ts'
import { forbidden, unauthorized } from './problem.ts'

export const SESSION_COOKIE = 'effekt_session'

/**
 * The session cookie, set the same way by the API's login and the dashboard's: HttpOnly, Lax,
 * Secure over HTTPS, for the whole site, living exactly as long as the session.
 */
export function setSessionCookie(c: Context<AppEnv>, sessionId: string, expiresAt: Date, now: Date): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    maxAge: Math.round((expiresAt.getTime() - now.getTime()) / 1000),
  })
}

export const clearSessionCookie = (c: Context<AppEnv>): void => {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) })
}
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
export const isSafeMethod = (method: string) => SAFE_METHODS.has(method.toUpperCase())

/** The origin the browser used, honouring a trusted reverse proxy's forwarded headers. */
export function requestOrigin(c: Context<AppEnv>): string {
  const url = new URL(c.req.url)
  if (c.get('deps').config.TRUST_PROXY) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim()
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim()
    if (proto) url.protocol = `${proto}:`
    if (host) url.host = host
  }
  return url.origin
}

export const isHttps = (c: Context<AppEnv>) => requestOrigin(c).startsWith('https:')

/**
 * CSRF defence for cookie-authenticated requests: the browser must say the request comes from
 * this origin (Sec-Fetch-Site, or Origin on browsers without it). A request with neither header
 * is refused too; programs use bearer tokens, which are exempt.
 */
export function isSameOriginRequest(
  c: Context<AppEnv>,
  { allowMissing }: { allowMissing: boolean },
): boolean {
  const site = c.req.header('sec-fetch-site')
  if (site) return site === 'same-origin' || site === 'none'
  const origin = c.req.header('origin')
  if (origin) return origin === requestOrigin(c)
  return allowMissing
}

/**
 * How a token or a session becomes a principal: the identity module's, handed in by app.ts so that
 * src/http (the plumbing every module uses) imports no module.
 */
export interface PrincipalResolvers {
  principalFromToken(ctx: Ctx, token: string): Promise<Principal | null>
  principalFromSession(ctx: Ctx, sessionId: string): Promise<Principal | null>
}

/**
 * Resolves the caller on every /v1 request: a bearer token (which must be valid when given) or
 * the session cookie. Sets `principal` (null when anonymous) and enforces CSRF for sessions.
 */
export const authenticate =
  ({ principalFromToken, principalFromSession }: PrincipalResolvers): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    c.set('principal', null)
    const header = c.req.header('authorization')
    const ctx = ctxOf(c)
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
      if (!match?.[1]) throw unauthorized('auth.token_malformed')
      const principal = await principalFromToken(ctx, match[1])
      if (!principal) throw unauthorized('auth.token_invalid')
      c.set('principal', principal)
    } else {
      const sessionId = getCookie(c, SESSION_COOKIE)
      if (sessionId) {
        const principal = await principalFromSession(ctx, sessionId)
        if (principal && !isSafeMethod(c.req.method) && !isSameOriginRequest(c, { allowMissing: false })) {
          throw forbidden('auth.cross_site')
        }
        c.set('principal', principal)
      }
    }
    await next()
  }

/** Per-route guard for `access: 'user'`: a signed-in caller; read-only tokens only read. */
export const requireUser = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const principal = c.get('principal')
  if (!principal) throw unauthorized()
  if (principal.readOnly && !isSafeMethod(c.req.method)) {
    throw forbidden('auth.token_read_only')
  }
  await next()
}
