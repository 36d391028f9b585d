/**
 * RFC 9457 problem details. Services throw these; one error handler renders them. No handler
 * builds an error body by hand.
 */
export interface FieldError {
  /** Where the value was: body, query, path, header, or a CSV line. */
  in: string
  /** Dotted path to the field inside that location, e.g. `amount` or `values.0.total`. */
  path: string
  message: string
}

export interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  requestId?: string
  errors?: FieldError[]
  [extension: string]: unknown
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    /** Short machine-readable slug; the problem `type` is `/problems/<slug>`. */
    readonly slug: string,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(detail)
    this.name = 'Problem'
  }

  body(requestId?: string): ProblemBody {
    const { headers: _headers, ...extensions } = this.extra
    return {
      type: `/problems/${this.slug}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.detail,
      ...extensions,
      ...(requestId ? { requestId } : {}),
    }
  }
}

export const isProblem = (e: unknown): e is Problem => e instanceof Problem

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new Problem(400, 'bad-request', detail, errors ? { errors } : {})
export const unauthorized = (detail = 'Authentication is required.') =>
  new Problem(401, 'unauthorized', detail, { headers: { 'WWW-Authenticate': 'Bearer realm="effekt"' } })
export const forbidden = (detail: string) => new Problem(403, 'forbidden', detail)
/** The same answer for a missing thing and one the caller may not see. */
export const notFound = (what: string) => new Problem(404, 'not-found', `No ${what} with that identifier.`)
export const conflict = (detail: string) => new Problem(409, 'conflict', detail)
export const preconditionFailed = (detail = 'The resource has changed since you read it (ETag mismatch).') =>
  new Problem(412, 'precondition-failed', detail)
export const preconditionRequired = (
  detail = 'This update requires an If-Match header with the current ETag.',
) => new Problem(428, 'precondition-required', detail)
export const tooManyRequests = (retryAfterSeconds: number, detail: string) =>
  new Problem(429, 'too-many-requests', detail, { headers: { 'Retry-After': String(retryAfterSeconds) } })
/** One field failed a rule: 422 with `errors[]` naming it. */
export const invalid = (path: string, message: string, location = 'body') =>
  new Problem(422, 'validation', message, { errors: [{ in: location, path, message }] })
export const invalidMany = (errors: FieldError[], detail = 'The request has invalid fields.') =>
  new Problem(422, 'validation', detail, { errors })

export function problemResponse(problem: Problem, requestId?: string): Response {
  const headers = new Headers({ 'Content-Type': 'application/problem+json' })
  for (const [k, v] of Object.entries(problem.extra.headers ?? {})) headers.set(k, v)
  return new Response(JSON.stringify(problem.body(requestId)), { status: problem.status, headers })
}
