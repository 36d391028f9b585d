import type { App } from '../../src/app.ts'
import { TEST_PASSWORD } from './factories.ts'

export const ORIGIN = 'http://localhost'

/** Signs in through the API and returns the session cookie header. */
export async function login(app: App, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.request('/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${await res.text()}`)
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error('no session cookie')
  return cookie
}

/** Request helper: JSON body, session cookie with a same-origin Origin header, or bearer. */
export async function call(
  app: App,
  method: string,
  path: string,
  opts: { cookie?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) }
  if (opts.cookie) {
    headers.cookie = opts.cookie
    headers.origin ??= ORIGIN
  }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  if (opts.body !== undefined) headers['content-type'] ??= 'application/json'
  const res = await app.request(`${ORIGIN}${path}`, {
    method,
    headers,
    body:
      opts.body === undefined
        ? undefined
        : typeof opts.body === 'string'
          ? opts.body
          : JSON.stringify(opts.body),
  })
  const text = await res.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {}
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  return { status: res.status, headers: res.headers, body: body as any, text }
}
