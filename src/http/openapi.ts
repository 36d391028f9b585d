import { createRoute, z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { requireUser } from './auth.ts'
import { Problem } from './problem.ts'
import { ALL_PROBLEM_CODES, type ProblemCode } from './problem-codes.ts'

/** Every stable code, from the catalogue: clients can switch over them exhaustively. */
export const ProblemCodeSchema = z
  .enum(ALL_PROBLEM_CODES as [ProblemCode, ...ProblemCode[]])
  .openapi('ProblemCode', {
    example: 'report.locked',
    description: 'A stable dotted code for the error, for programs; each is explained at /problems/<code>.',
  })

export const FieldErrorSchema = z
  .object({
    in: z.string().openapi({ example: 'body' }),
    path: z.string().openapi({ example: 'amount' }),
    message: z.string().openapi({ example: 'Must be a positive decimal string with at most 2 decimals.' }),
    code: ProblemCodeSchema.openapi({
      example: 'validation.too_big',
      description:
        'What failed in this field, for programs (`validation.invalid` when the rule has no code of its own)',
    }),
    params: z
      .record(z.string(), z.string())
      .optional()
      .openapi({
        example: { dimension: 'gender', part: 'values', sum: '13', total: '12' },
        description:
          'The values the message names, as strings (figures as decimal strings), so a client can word the problem in its own language from `code` and `params`',
      }),
    line: z.number().int().optional().openapi({ description: 'For CSV input: the line (1-based)' }),
    column: z.number().int().optional().openapi({ description: 'For CSV input: the column (1-based)' }),
  })
  .openapi('FieldError')

export const ProblemSchema = z
  .object({
    type: z.string().openapi({
      example: '/problems/validation.failed',
      description: '`/problems/<code>`: a page that explains the code (GET it, in nb or en)',
    }),
    title: z.string().openapi({
      example: 'Invalid fields',
      description: 'A short summary of the code, in nb or en by Accept-Language',
    }),
    status: z.number().int().openapi({ example: 422 }),
    detail: z.string().openapi({
      example: 'The request has invalid fields.',
      description: 'What went wrong in this request, in nb or en by Accept-Language',
    }),
    requestId: z.string().optional().openapi({ example: '3f0c6b1e-5c1a-4d7e-9a57-0d3f1f7c9b11' }),
    code: ProblemCodeSchema,
    errors: z.array(FieldErrorSchema).optional(),
    errorCount: z.number().int().optional().openapi({
      description:
        'How many errors there are in all, where `errors` lists only the first (a CSV import lists 100)',
    }),
  })
  .openapi('Problem', { description: 'An RFC 9457 problem details object.' })

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request (bad JSON, bad query or path parameter)',
  401: 'Not authenticated',
  403: 'Not allowed (for example a cross-site request with a session cookie)',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state',
  412: 'The If-Match ETag is stale',
  413: 'The body is too large',
  415: 'Unsupported media type',
  422: 'Validation failed; `errors` lists each field',
  428: 'If-Match is required',
  429: 'Too many requests; see Retry-After',
  501: 'Not available on this runtime (XLSX on Cloudflare Workers: `sheets.unavailable`)',
  503: 'The database is unreachable for now; retry after Retry-After seconds',
}

/**
 * Every URL a client may send: http or https only. `z.url()` alone accepts any scheme the URL
 * parser knows — `javascript:`, `data:`, `file:` — which a page showing the link would run or open.
 */
export const httpUrl = (max = 1000) =>
  z
    .url({ protocol: /^https?$/, error: 'Must be an http(s) URL.' })
    .max(max)
    .openapi({ description: 'An http:// or https:// URL', example: 'https://example.org/report.pdf' })

/**
 * A named (registered) schema or null. `Named.nullable()` comes out of the generator as
 * `allOf: [$ref, {type: [..., null]}]`, which no null can satisfy (the $ref refuses it); a union
 * comes out as `anyOf: [$ref, {type: null}]`, which says what the server sends.
 */
export const nullableRef = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()])

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
})

export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        content: { 'application/problem+json': { schema: ProblemSchema } },
        description: PROBLEM_DESCRIPTIONS[s] ?? 'Error',
      },
    ]),
  )

export const jsonBody = <T extends z.ZodType>(schema: T, description: string) => ({
  body: { content: { 'application/json': { schema } }, required: true as const, description },
})

/**
 * Refuses a body whose Content-Type the route does not declare with 415, before validation
 * would otherwise read it as an empty object.
 */
export const acceptMediaTypes =
  (types: string[]): MiddlewareHandler =>
  async (c, next) => {
    const header = c.req.header('content-type')
    const hasBody = header !== undefined || (c.req.header('content-length') ?? '0') !== '0'
    if (hasBody) {
      const media = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
      const ok = types.some(
        (t) => t === media || (t === 'application/json' && /^application\/[\w.-]+\+json$/.test(media)),
      )
      if (!ok) {
        throw new Problem(
          'request.unsupported_media_type',
          `Send the body as ${types.join(' or ')}${media ? `, not ${media}` : ''}.`,
        )
      }
    }
    await next()
  }

type RouteConfig = Parameters<typeof createRoute>[0]

/**
 * Who may call a route, declared where the route is: `public` (anyone, no credentials) or
 * `user` (a signed-in user or API token; the service then asks the policy about the resource).
 */
export type Access = 'public' | 'user'

export const AUTHENTICATED = [{ bearerAuth: [] }, { sessionCookie: [] }]

const IdempotencyHeader = z.object({
  'idempotency-key': z.string().min(1).max(255).optional().openapi({
    description:
      'Makes the request safe to retry: the same key with the same route and body returns the first response (for 48 hours); with a different route or body, 422. A request that fails (5xx, 409, a lost connection) keeps no key, so its retry runs; a duplicate of a request still running waits for it, then replays its answer or gets 409 with Retry-After.',
    example: '5f0c2a7e-1b7a-4f57-9a3e-9d1f6c0a2b44',
  }),
})

/**
 * createRoute plus what every route needs: the access guard and its OpenAPI security, and the
 * media-type guard derived from the declared request body.
 */
export const route = <R extends RouteConfig>(config: R & { access: Access }): R => {
  const { access, ...rest } = config
  const body = rest.request?.body
  const own = rest.middleware ? (Array.isArray(rest.middleware) ? rest.middleware : [rest.middleware]) : []
  const middleware = [
    ...(access === 'user' ? [requireUser()] : []),
    ...(body ? [acceptMediaTypes(Object.keys(body.content))] : []),
    ...own,
  ]
  // Creating requests accept an Idempotency-Key (handled by the idempotency middleware).
  const request =
    rest.method === 'post' && access === 'user'
      ? {
          ...rest.request,
          headers: rest.request?.headers
            ? (rest.request.headers as z.ZodObject).extend(IdempotencyHeader.shape)
            : IdempotencyHeader,
        }
      : rest.request
  // Any body can be malformed (400), too large for BODY_LIMIT_BYTES (413) or of the wrong type
  // (415): the middleware in front of every route answers so, whether or not a route lists it.
  // Any route can meet an unreachable database: 503 with Retry-After (src/http/unavailable.ts).
  const responses = {
    ...problems(503),
    ...(body ? problems(400, 413, 415) : {}),
    ...rest.responses,
  }
  return createRoute({
    ...rest,
    responses,
    ...(request ? { request } : {}),
    security: access === 'public' ? [] : AUTHENTICATED,
    ...(middleware.length ? { middleware } : {}),
  } as unknown as R)
}
