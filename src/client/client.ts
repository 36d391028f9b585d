import type {
  ApiResponse,
  HttpMethod,
  Operation,
  OptionsArg,
  PathsWith,
  Problem,
  RequestOptions,
  SuccessBody,
} from './types.ts'

/**
 * A small typed client for the Effekt API. Paths, methods, parameters, bodies and responses come
 * from the generated OpenAPI types, so `client.get('/v1/ventures/{id}', { path: { id } })`
 * returns a `Venture` and a typo in a path or a field does not compile. fetch only: it runs in
 * browsers, Node, Deno and Workers alike.
 *
 * Errors: any response that is not 2xx throws `ApiError`, carrying the RFC 9457 problem the
 * server sent (`status`, `type`, `detail` and, for validation, `errors[]` naming each field).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly headers: Headers,
  ) {
    super(`${status} ${problem.title}: ${problem.detail}`)
    this.name = 'ApiError'
  }

  /** The field errors of a 400/422, `[]` otherwise. */
  get errors(): NonNullable<Problem['errors']> {
    return this.problem.errors ?? []
  }
}

export const isApiError = (err: unknown, status?: number): err is ApiError =>
  err instanceof ApiError && (status === undefined || err.status === status)

export interface ClientOptions {
  /** Where the API is, e.g. `https://effekt.example.no` (no trailing `/v1`). */
  baseUrl: string
  /** An API token (`eff_…`) sent as `Authorization: Bearer`. */
  token?: string
  /**
   * A session cookie (`effekt_session=…`) for programs outside a browser; `login()` sets it.
   * Browsers keep the cookie themselves: use `credentials: 'include'` or same-origin instead.
   */
  cookie?: string
  credentials?: RequestCredentials
  /** Another fetch (a test server, a mock, a proxy-aware one). */
  fetch?: typeof fetch
}

type Call<M extends HttpMethod> = <P extends PathsWith<M>>(
  path: P,
  ...options: OptionsArg<Operation<P, M>>
) => Promise<ApiResponse<SuccessBody<Operation<P, M>>>>

export interface Client {
  get: Call<'get'>
  post: Call<'post'>
  put: Call<'put'>
  patch: Call<'patch'>
  delete: Call<'delete'>
  /** Signs in with email and password and keeps the session cookie for later calls. */
  login(email: string, password: string): Promise<SuccessBody<Operation<'/v1/auth/login', 'post'>>>
  /** Uses an API token from now on (instead of the session). */
  useToken(token: string | undefined): void
}

/** Fills `{name}` segments, percent-encoded. A missing parameter is a programming error. */
export function expandPath(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined || value === null) throw new TypeError(`Missing path parameter ${name}`)
    return encodeURIComponent(String(value))
  })
}

/** Query string from a flat object: arrays repeat the key, undefined values are left out. */
export function queryString(query: Record<string, unknown> = {}): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null) search.append(key, String(v))
    }
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

const isJson = (type: string) => /^application\/([\w.-]+\+)?json\b/i.test(type)

async function readBody(res: Response): Promise<unknown> {
  if (res.status === 204 || res.status === 205) return undefined
  const type = res.headers.get('content-type') ?? ''
  const text = await res.text()
  if (!text) return undefined
  return isJson(type) ? JSON.parse(text) : text
}

/** A problem body, or one made up from the status when the server sent something else. */
function asProblem(status: number, statusText: string, body: unknown): Problem {
  if (body && typeof body === 'object' && 'status' in body && 'type' in body) return body as Problem
  return {
    type: 'about:blank',
    title: statusText || `HTTP ${status}`,
    status,
    detail: typeof body === 'string' && body ? body.slice(0, 500) : `The server answered ${status}.`,
    // Not Effekt's answer (a proxy's, say): the generic code, so `code` is always there to switch on.
    code: 'http.error',
  }
}

export function createClient(options: ClientOptions): Client {
  const base = options.baseUrl.replace(/\/+$/, '')
  const origin = new URL(base).origin
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))
  let token = options.token
  let cookie = options.cookie

  async function request(method: HttpMethod, path: string, opts: RequestOptions<unknown> = {}) {
    const o = opts as RequestOptions<unknown> & {
      path?: Record<string, unknown>
      query?: Record<string, unknown>
      header?: Record<string, unknown>
      body?: unknown
      contentType?: string
    }
    const headers = new Headers({ accept: 'application/json, application/problem+json, */*' })
    for (const [k, v] of Object.entries(o.header ?? {})) if (v !== undefined) headers.set(k, String(v))
    for (const [k, v] of Object.entries(o.headers ?? {})) headers.set(k, v)
    if (token) headers.set('authorization', `Bearer ${token}`)
    else if (cookie) {
      // Outside a browser: the server's CSRF check wants the Effekt origin on unsafe requests.
      headers.set('cookie', cookie)
      if (!headers.has('origin')) headers.set('origin', origin)
    }
    let body: BodyInit | undefined
    if (o.body !== undefined) {
      const type = o.contentType ?? 'application/json'
      headers.set('content-type', type)
      body = isJson(type) ? JSON.stringify(o.body) : (o.body as BodyInit)
    }
    const url = `${base}${expandPath(path, o.path)}${queryString(o.query)}`
    const res = await doFetch(url, {
      method: method.toUpperCase(),
      headers,
      body,
      ...(o.signal ? { signal: o.signal } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    })
    const data = await readBody(res)
    if (!res.ok) throw new ApiError(res.status, asProblem(res.status, res.statusText, data), res.headers)
    return { data, status: res.status, headers: res.headers }
  }

  const call =
    <M extends HttpMethod>(method: M): Call<M> =>
    (path, ...rest) =>
      request(method, path, rest[0] as RequestOptions<unknown>) as never

  const client: Client = {
    get: call('get'),
    post: call('post'),
    put: call('put'),
    patch: call('patch'),
    delete: call('delete'),
    async login(email, password) {
      const res = await client.post('/v1/auth/login', { body: { email, password } })
      const setCookie = res.headers.get('set-cookie')?.split(';')[0]
      if (setCookie) cookie = setCookie
      token = undefined
      return res.data
    },
    useToken(next) {
      token = next
    },
  }
  return client
}
