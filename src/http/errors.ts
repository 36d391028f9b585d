import type { ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './env.ts'
import { badRequest, type FieldError, invalidMany, Problem, problemResponse } from './problem.ts'
import { isDatabaseUnavailable, serviceUnavailable } from './unavailable.ts'

/** PostgreSQL SQLSTATEs that mean the request, not the server, was wrong. */
function fromDatabaseError(err: unknown): Problem | undefined {
  const code = (err as { code?: unknown })?.code
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined
  if (code === '23505')
    return new Problem(409, 'conflict', 'A resource with these unique fields already exists.')
  if (code === '23503')
    return new Problem(409, 'conflict', 'The change refers to, or is referred to by, another resource.')
  if (code === '55000')
    return new Problem(409, 'conflict', 'This record is append-only and cannot be changed.')
  if (code === '40001' || code === '40P01')
    return new Problem(409, 'conflict', 'Concurrent change; retry the request.')
  if (code.startsWith('22')) return new Problem(422, 'validation', 'A value is out of range or malformed.')
  return undefined
}

export const onError = (): ErrorHandler<AppEnv> => (err, c) => {
  const requestId = c.get('requestId')
  if (err instanceof Problem) return problemResponse(err, requestId)
  if (err instanceof HTTPException) {
    const status = err.status
    const detail = err.message || 'The request could not be processed.'
    const slug = status === 413 ? 'too-large' : status === 400 ? 'bad-request' : 'http-error'
    return problemResponse(new Problem(status, slug, detail), requestId)
  }
  if (isDatabaseUnavailable(err)) {
    // An outage is not a bug: one warning line per request, no stack, and a 503 the client retries.
    c.get('deps')?.logger.warn({
      msg: 'database unavailable',
      requestId,
      method: c.req.method,
      path: c.req.path,
      error: err instanceof Error ? err.message : String(err),
    })
    return problemResponse(serviceUnavailable(), requestId)
  }
  const fromDb = fromDatabaseError(err)
  if (fromDb) return problemResponse(fromDb, requestId)
  c.get('deps')?.logger.error({
    msg: 'unhandled error',
    requestId,
    method: c.req.method,
    path: c.req.path,
    error: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  })
  return problemResponse(
    new Problem(
      500,
      'internal',
      `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
    ),
    requestId,
  )
}

export const onNotFound = (): NotFoundHandler<AppEnv> => (c) =>
  problemResponse(
    new Problem(404, 'not-found', `No route for ${c.req.method} ${c.req.path}.`),
    c.get('requestId'),
  )

/** The validation hook of every route: zod issues become 400 (path, query, header) or 422 (body). */
export function validationHook(
  result: {
    success: boolean
    error?: { issues: { path: PropertyKey[]; message: string }[] }
    target?: string
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
  const errors: FieldError[] = result.error.issues.map((i) => ({
    in: location,
    path: i.path.map(String).join('.'),
    message: i.message,
  }))
  if (location === 'body') throw invalidMany(errors)
  throw badRequest(`Invalid ${location} parameters.`, errors)
}
