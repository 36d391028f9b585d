import type { OpenAPIHono } from '@hono/zod-openapi'
import { getCookie } from 'hono/cookie'
import { clearSessionCookie, isSameOriginRequest, SESSION_COOKIE, setSessionCookie } from '../../http/auth.ts'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import { forbidden } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import * as auth from './auth-service.ts'
import * as orgs from './organizations-service.ts'
import {
  CreatedToken,
  CreateToken,
  IdParam,
  LoginRequest,
  LoginResponse,
  Me,
  OrganizationIdParam,
  TokenOut,
} from './schemas.ts'
import { invitationOut, meOut, tokenOut } from './serialize.ts'
import * as tokens from './tokens-service.ts'

const login = route({
  method: 'post',
  path: '/v1/auth/login',
  operationId: 'login',
  tags: ['auth'],
  access: 'public',
  summary: 'Sign in',
  description:
    'Checks email and password and sets an HttpOnly session cookie (SameSite=Lax; Secure over HTTPS). Repeated failures answer 429 with Retry-After and a `code`: `login.too_many_failures` (this account from this address), `login.client_throttled` (this address, any accounts) or `login.account_throttled` (an account under attack slows down for addresses it does not know).',
  request: jsonBody(LoginRequest, 'Credentials'),
  responses: {
    200: json(LoginResponse, 'Signed in; the session cookie is set'),
    ...problems(400, 401, 403, 415, 422, 429),
  },
})

const logout = route({
  method: 'post',
  path: '/v1/auth/logout',
  operationId: 'logout',
  tags: ['auth'],
  access: 'public',
  summary: 'Sign out',
  description: 'Ends the current session and clears the cookie. Answers 204 also when there is no session.',
  responses: { 204: { description: 'Signed out' }, ...problems(403) },
})

const getMe = route({
  method: 'get',
  path: '/v1/me',
  operationId: 'getMe',
  tags: ['auth'],
  access: 'user',
  summary: 'Who am I',
  description:
    'The signed-in user with their organization memberships and roles, and the invitations waiting for them (an invitation grants nothing until accepted).',
  responses: { 200: json(Me, 'The caller'), ...problems(401) },
})

const invitation = (verb: 'accept' | 'decline') =>
  route({
    method: 'post',
    path: `/v1/me/invitations/{organizationId}/${verb}`,
    operationId: `${verb}Invitation`,
    tags: ['auth'],
    access: 'user',
    summary: verb === 'accept' ? 'Accept an invitation to an organization' : 'Decline an invitation',
    description:
      verb === 'accept'
        ? 'The invited user only: the membership becomes active with the role it was offered, and the organization sees your name.'
        : 'The invited user only: the invitation is removed; the organization learns nothing more about you.',
    request: { params: OrganizationIdParam },
    responses: { 200: json(Me, 'The caller, after the decision'), ...problems(400, 401, 403, 404) },
  })
const acceptInvitation = invitation('accept')
const declineInvitation = invitation('decline')

const listTokens = route({
  method: 'get',
  path: '/v1/tokens',
  operationId: 'listTokens',
  tags: ['auth'],
  access: 'user',
  summary: 'List my API tokens',
  description: 'The caller’s API tokens, without their secrets.',
  responses: { 200: json(TokenOut.array(), 'Tokens'), ...problems(401) },
})

const createToken = route({
  method: 'post',
  path: '/v1/tokens',
  operationId: 'createToken',
  tags: ['auth'],
  access: 'user',
  summary: 'Create an API token',
  description:
    'Creates a bearer token for programs, with an expiry and an optional read-only scope. The secret is in this response only; Effekt stores just its hash.',
  request: jsonBody(CreateToken, 'The token to create'),
  responses: { 201: json(CreatedToken, 'The new token, with its secret'), ...problems(401, 403, 415, 422) },
})

const revokeToken = route({
  method: 'delete',
  path: '/v1/tokens/{id}',
  operationId: 'revokeToken',
  tags: ['auth'],
  access: 'user',
  summary: 'Revoke an API token',
  description: 'Revokes the token at once; the next request with it answers 401.',
  request: { params: IdParam },
  responses: { 204: { description: 'Revoked' }, ...problems(400, 401, 403, 404) },
})

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(login, async (c) => {
    // Login CSRF: a browser posting from another site must not sign the user in.
    if (!isSameOriginRequest(c, { allowMissing: true })) throw forbidden('auth.cross_site_login')
    const address = c.get('deps').clientAddress?.(c)
    const result = await auth.login(ctxOf(c), c.req.valid('json'), address)
    setSessionCookie(c, result.sessionId, result.expiresAt, ctxOf(c).now)
    const waiting = await orgs.invitations({ ...ctxOf(c), principal: result.principal })
    return c.json(
      { expiresAt: result.expiresAt.toISOString(), me: meOut(result.principal, waiting.map(invitationOut)) },
      200,
    )
  })

  app.openapi(logout, async (c) => {
    const sessionId = getCookie(c, SESSION_COOKIE)
    if (sessionId) await auth.logout(ctxOf(c), sessionId)
    clearSessionCookie(c)
    return c.body(null, 204)
  })

  const me = async (ctx: ReturnType<typeof ctxOf>) =>
    meOut(requirePrincipal(ctx.principal), (await orgs.invitations(ctx)).map(invitationOut))
  app.openapi(getMe, async (c) => c.json(await me(ctxOf(c)), 200))
  for (const [r, accept] of [
    [acceptInvitation, true],
    [declineInvitation, false],
  ] as const) {
    app.openapi(r, async (c) => {
      const ctx = ctxOf(c)
      await orgs.decideInvitation(ctx, c.req.valid('param').organizationId, accept)
      // The principal of this request predates the decision: load it again.
      const principal = await auth.reloadPrincipal(ctx)
      return c.json(await me({ ...ctx, principal }), 200)
    })
  }

  app.openapi(listTokens, async (c) => c.json((await tokens.listTokens(ctxOf(c))).map(tokenOut), 200))

  app.openapi(createToken, async (c) => {
    const created = await tokens.createToken(ctxOf(c), c.req.valid('json'))
    return c.json({ ...tokenOut(created), token: created.token }, 201)
  })

  app.openapi(revokeToken, async (c) => {
    await tokens.revokeToken(ctxOf(c), c.req.valid('param').id)
    return c.body(null, 204)
  })
}
