import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './env.ts'
import { negotiateLanguage } from './language.ts'
import { type FieldError, invalidMany, invalidParams, Problem, problemResponse } from './problem.ts'
import type { FieldCode } from './problem-codes.ts'
import { isDatabaseUnavailable, serviceUnavailable } from './unavailable.ts'

/** PostgreSQL SQLSTATEs that mean the request, not the server, was wrong. */
function fromDatabaseError(err: unknown): Problem | undefined {
  const code = (err as { code?: unknown })?.code
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined
  if (code === '23505') return new Problem('database.unique_violation')
  if (code === '23503') return new Problem('database.reference_violation')
  if (code === '55000') return new Problem('database.append_only')
  if (code === '40001' || code === '40P01') return new Problem('database.concurrent_change')
  if (code.startsWith('22')) return new Problem('validation.value_out_of_range')
  return undefined
}

/** The one way an error leaves as problem+json: the request id, and nb or en as the caller asked. */
export const renderProblem = (c: Context<AppEnv>, problem: Problem) =>
  problemResponse(problem, c.get('requestId'), negotiateLanguage(c.req.header('accept-language')))

function fromHttpException(err: HTTPException): Problem {
  const detail = err.message || undefined
  if (err.status === 413) return new Problem('request.too_large', detail)
  if (err.status === 400) return new Problem('request.malformed', detail)
  return new Problem('http.error', detail, { status: err.status })
}

export const onError = (): ErrorHandler<AppEnv> => (err, c) => {
  const requestId = c.get('requestId')
  if (err instanceof Problem) return renderProblem(c, err)
  if (err instanceof HTTPException) return renderProblem(c, fromHttpException(err))
  if (isDatabaseUnavailable(err)) {
    // An outage is not a bug: one warning line per request, no stack, and a 503 the client retries.
    c.get('deps')?.logger.warn({
      msg: 'database unavailable',
      requestId,
      method: c.req.method,
      path: c.req.path,
      error: err instanceof Error ? err.message : String(err),
    })
    return renderProblem(c, serviceUnavailable())
  }
  const fromDb = fromDatabaseError(err)
  if (fromDb) return renderProblem(c, fromDb)
  c.get('deps')?.logger.error({
    msg: 'unhandled error',
    requestId,
    method: c.req.method,
    path: c.req.path,
    error: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  })
  return renderProblem(
    c,
    new Problem(
      'internal',
      `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
    ),
  )
}

export const onNotFound = (): NotFoundHandler<AppEnv> => (c) =>
  renderProblem(c, new Problem('route.not_found', `No route for ${c.req.method} ${c.req.path}.`))

/** The raw value at a zod issue's path (zod leaves `input` out of issues unless asked). */
function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let at = data
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<PropertyKey, unknown>)[key]
  }
  return at
}

/** zod issue codes (v4) → the field codes of `errors[]`; a missing value is `validation.required`. */
function fieldCode(issue: { code?: string; path: PropertyKey[] }, data: unknown): FieldCode {
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(data, issue.path) === undefined ? 'validation.required' : 'validation.invalid_type'
    case 'too_small':
      return 'validation.too_small'
    case 'too_big':
      return 'validation.too_big'
    case 'invalid_format':
    case 'invalid_string':
      return 'validation.format'
    case 'invalid_value':
    case 'invalid_enum_value':
    case 'invalid_literal':
      return 'validation.not_allowed'
    case 'unrecognized_keys':
      return 'validation.unknown_field'
    default:
      return 'validation.invalid'
  }
}

/**
 * What a zod issue names besides its code: the limit of a too_big / too_small and what it counts
 * (`origin`: a string's length, an array's items), the format a value missed (`url`, `regex`).
 */
function fieldParams(issue: {
  code?: string
  origin?: unknown
  maximum?: unknown
  minimum?: unknown
  format?: unknown
}): Record<string, string> | undefined {
  if (issue.code === 'invalid_format' && typeof issue.format === 'string') return { format: issue.format }
  const limit =
    issue.code === 'too_big' ? issue.maximum : issue.code === 'too_small' ? issue.minimum : undefined
  if (limit === undefined) return undefined
  const key = issue.code === 'too_big' ? 'maximum' : 'minimum'
  return { [key]: String(limit), ...(typeof issue.origin === 'string' ? { origin: issue.origin } : {}) }
}

/** One zod issue as a field error of `errors[]`: path, message, our code and the limit it names. */
export function zodFieldError(
  issue: { path: PropertyKey[]; message: string; code?: string },
  data: unknown,
  location = 'body',
): FieldError {
  const params = fieldParams(issue)
  return {
    in: location,
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: fieldCode(issue, data),
    ...(params ? { params } : {}),
  }
}

/** The validation hook of every route: zod issues become 400 (path, query, header) or 422 (body). */
export function validationHook(
  result: {
    success: boolean
    error?: { issues: { path: PropertyKey[]; message: string; code?: string }[] }
    target?: string
    /** The raw input the hook's validator was given. */
    data?: unknown
  },
  _c: unknown,
): void {
  if (result.success || !result.error) return
  const location =
    result.target === 'json' || result.target === 'form'
      ? 'body'
      : result.target === 'param'
        ? 'path'
        : (result.target ?? 'body')
  const errors = result.error.issues.map((i) => zodFieldError(i, result.data, location))
  if (location === 'body') throw invalidMany(errors)
  throw invalidParams(location, errors)
}
