import type { components, paths } from '../generated/openapi.d.ts'

/**
 * Types derived from the generated OpenAPI `paths` (src/generated/openapi.d.ts): which paths take
 * which method, what each call needs (path, query and header parameters, body) and what it
 * returns. Nothing here is written by hand per operation, so a route added to the document is
 * typed as soon as `npm run client:types` regenerates the file.
 */
export type { components, paths }

export type HttpMethod = 'get' | 'put' | 'post' | 'patch' | 'delete'

export type Problem = components['schemas']['Problem']

/** The paths that declare method M. */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: [NonNullable<paths[P][M]>] extends [never] ? never : P
}[keyof paths]

export type Operation<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M]>

type Parameters<O> = O extends { parameters: infer Ps } ? Ps : Record<never, never>

type BodyOption<O> = O extends { requestBody?: infer B }
  ? [NonNullable<B>] extends [never]
    ? { body?: never }
    : NonNullable<B> extends { content: infer C }
      ? undefined extends B
        ? { body?: C[keyof C]; contentType?: keyof C & string }
        : { body: C[keyof C]; contentType?: keyof C & string }
      : { body?: never }
  : { body?: never }

/** Options of one call: `path`, `query`, `header` as the document declares them, and `body`. */
export type RequestOptions<O> = Parameters<O> &
  BodyOption<O> & {
    /** Extra headers (If-Match, Idempotency-Key …) on top of the declared ones. */
    headers?: Record<string, string>
    signal?: AbortSignal
  }

type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T]

/** The options argument may be left out when nothing in it is required. */
export type OptionsArg<O> = [RequiredKeys<RequestOptions<O>>] extends [never]
  ? [options?: RequestOptions<O>]
  : [options: RequestOptions<O>]

type Responses<O> = O extends { responses: infer R } ? R : never
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206

type BodyOf<R> = R extends { content: infer C }
  ? [NonNullable<C>] extends [never]
    ? undefined
    : NonNullable<C>[keyof NonNullable<C>]
  : undefined

/** The body of every 2xx response the operation declares (undefined for 204). */
export type SuccessBody<O> = {
  [S in keyof Responses<O>]: S extends SuccessStatus ? BodyOf<Responses<O>[S]> : never
}[keyof Responses<O>]

/** The statuses (2xx and errors) the operation declares. */
export type DeclaredStatus<O> = keyof Responses<O> & number

export interface ApiResponse<T> {
  data: T
  status: number
  headers: Headers
}
