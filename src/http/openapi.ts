import { createRoute, z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { requireUser } from './auth.ts'
import { Problem } from './problem.ts'

export const FieldErrorSchema = z
  .object({
    in: z.string().openapi({ example: 'body' }),
    path: z.string().openapi({ example: 'amount' }),
    message: z.string().openapi({ example: 'Must be a positive decimal string with at most 2 decimals.' }),
    line: z.number().int().optional().openapi({ description: 'For CSV input: the line (1-based)' }),
    column: z.number().int().optional().openapi({ description: 'For CSV input: the column (1-based)' }),
  })
  .openapi('FieldError')

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: '/problems/validation' }),
    title: z.string().openapi({ example: 'Unprocessable Content' }),
    status: z.number().int().openapi({ example: 422 }),
    detail: z.string().openapi({ example: 'The request has invalid fields.' }),
    requestId: z.string().optional().openapi({ example: '3f0c6b1e-5c1a-4d7e-9a57-0d3f1f7c9b11' }),
    errors: z.array(FieldErrorSchema).optional(),
    code: z.string().optional().openapi({
      description: 'A stable dotted code for the problem, where one is given',
      example: 'contract.not_accepted',
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
  503: 'A dependency is unavailable',
}

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
          415,
          'unsupported-media-type',
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
      'Makes the request safe to retry: the same key with the same body returns the first response (for 48 hours); with a different body, 422.',
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
  return createRoute({
    ...rest,
    ...(request ? { request } : {}),
    security: access === 'public' ? [] : AUTHENTICATED,
    ...(middleware.length ? { middleware } : {}),
  } as unknown as R)
}
