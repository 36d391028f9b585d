import type { OpenAPIHono } from '@hono/zod-openapi'
import { getCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '../../http/auth.ts'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import { iso } from '../../http/serialize.ts'
import {
  Accepted,
  AcceptedInvitation,
  AcceptInvitation,
  ChangeEmail,
  ChangePassword,
  ConfirmEmailChange,
  CreateEmailInvitation,
  EmailChanged,
  EmailInvitation,
  InvitationParams,
  PasswordResetComplete,
  PasswordResetRequest,
  SetLanguage,
} from './account-schemas.ts'
import * as account from './account-service.ts'
import * as invitations from './invitations-service.ts'
import { IdParam } from './schemas.ts'

const invite = route({
  method: 'post',
  path: '/v1/organizations/{id}/invitations',
  operationId: 'inviteByEmail',
  tags: ['organizations'],
  access: 'user',
  summary: 'Invite someone by email',
  description:
    'Organization admins; for a venture that has no admin yet, also the admins of the investor that onboarded it (somebody must invite its first member). Sends a mail with a single-use link valid for 7 days (the token is stored hashed). A new address sets its name and password with POST /v1/invitations/accept; an address with an account gets a pending membership it accepts while signed in (POST /v1/me/invitations/{organizationId}/accept). Inviting an address again replaces its open invitation. 409 `invitation.already_member` for an active member; 429 `invitation.rate_limited` past 50 invitations an hour.',
  request: { params: IdParam, ...jsonBody(CreateEmailInvitation, 'Who to invite, and as what') },
  responses: {
    201: json(EmailInvitation, 'Invited; the mail is in the outbox'),
    ...problems(400, 401, 403, 404, 409, 415, 422, 429),
  },
})

const listInvitations = route({
  method: 'get',
  path: '/v1/organizations/{id}/invitations',
  operationId: 'listEmailInvitations',
  tags: ['organizations'],
  access: 'user',
  summary: 'List open invitations',
  description: 'Organization admins: invitations not yet accepted, revoked or expired, newest first.',
  request: { params: IdParam },
  responses: { 200: json(EmailInvitation.array(), 'Open invitations'), ...problems(400, 401, 403, 404) },
})

const revoke = route({
  method: 'delete',
  path: '/v1/organizations/{id}/invitations/{invitationId}',
  operationId: 'revokeEmailInvitation',
  tags: ['organizations'],
  access: 'user',
  summary: 'Revoke an invitation',
  description:
    'Organization admins. The link stops working at once; a pending membership it made for an existing account is removed.',
  request: { params: InvitationParams },
  responses: { 204: { description: 'Revoked' }, ...problems(400, 401, 403, 404) },
})

const accept = route({
  method: 'post',
  path: '/v1/invitations/accept',
  operationId: 'acceptEmailInvitation',
  tags: ['auth'],
  access: 'public',
  summary: 'Accept an invitation as a new user',
  description:
    'With the token from the invitation mail: creates your account with this name and password and makes you an active member; then sign in. 422 `invitation.token_invalid` for an unknown, used, revoked or expired link; 409 `invitation.account_exists` when the address already has an account (sign in and accept there).',
  request: jsonBody(AcceptInvitation, 'The link’s token, your name and a password'),
  responses: {
    201: json(AcceptedInvitation, 'Account created; sign in with the email and password'),
    ...problems(400, 409, 415, 422),
  },
})

const resetRequest = route({
  method: 'post',
  path: '/v1/auth/password-reset',
  operationId: 'requestPasswordReset',
  tags: ['auth'],
  access: 'public',
  summary: 'Ask for a password reset link',
  description:
    'Always 202, whether or not the address has an account; an account gets a mail with a single-use link valid for one hour. Limited per address and per client (429 `password_reset.rate_limited`).',
  request: jsonBody(PasswordResetRequest, 'The account’s email'),
  responses: {
    202: json(Accepted, 'Taken; a mail is on its way if the account exists'),
    ...problems(400, 415, 422, 429),
  },
})

const resetComplete = route({
  method: 'post',
  path: '/v1/auth/password-reset/complete',
  operationId: 'completePasswordReset',
  tags: ['auth'],
  access: 'public',
  summary: 'Set a new password with a reset link',
  description:
    'Sets the password and signs out every session and revokes every API token of the account. 422 `password_reset.token_invalid` for an unknown, used or expired link.',
  request: jsonBody(PasswordResetComplete, 'The link’s token and the new password'),
  responses: { 204: { description: 'Password set; sign in with it' }, ...problems(400, 415, 422) },
})

const changePassword = route({
  method: 'post',
  path: '/v1/me/password',
  operationId: 'changePassword',
  tags: ['auth'],
  access: 'user',
  summary: 'Change my password',
  description:
    'Needs the current password (422 `password.current_wrong`; 429 `password.change_throttled` after 5 wrong in 15 minutes). Every other session ends; this one stays; API tokens stay. A notice goes to the account’s address.',
  request: jsonBody(ChangePassword, 'The current and the new password'),
  responses: { 204: { description: 'Changed' }, ...problems(400, 401, 403, 415, 422, 429) },
})

const changeEmail = route({
  method: 'post',
  path: '/v1/me/email',
  operationId: 'requestEmailChange',
  tags: ['auth'],
  access: 'user',
  summary: 'Change my email address',
  description:
    'Needs the current password. Sends a confirmation link (valid 24 hours) to the new address and a notice to the current one; the address changes only when the link is used (POST /v1/auth/email-change/confirm).',
  request: jsonBody(ChangeEmail, 'The new address and the current password'),
  responses: {
    202: json(Accepted, 'Confirmation sent to the new address'),
    ...problems(400, 401, 403, 415, 422, 429),
  },
})

const confirmEmail = route({
  method: 'post',
  path: '/v1/auth/email-change/confirm',
  operationId: 'confirmEmailChange',
  tags: ['auth'],
  access: 'public',
  summary: 'Confirm a new email address',
  description:
    'With the token from the confirmation mail: the account moves to the new address. 422 `email_change.token_invalid`; 409 `email.taken` when another account took the address meanwhile.',
  request: jsonBody(ConfirmEmailChange, 'The link’s token'),
  responses: { 200: json(EmailChanged, 'Changed'), ...problems(400, 409, 415, 422) },
})

const setLanguage = route({
  method: 'put',
  path: '/v1/me/language',
  operationId: 'setMailLanguage',
  tags: ['auth'],
  access: 'user',
  summary: 'Set the language of my mails',
  description: 'Mails to you (invitations, resets, notices) are written in this language.',
  request: jsonBody(SetLanguage, 'The language'),
  responses: { 204: { description: 'Set' }, ...problems(400, 401, 403, 415, 422) },
})

const invitationOut = (r: Awaited<ReturnType<typeof invitations.listOpenInvitations>>[number]) => ({
  id: r.id,
  organizationId: r.organizationId,
  email: r.email,
  role: r.role,
  language: r.language,
  createdAt: iso(r.createdAt),
  expiresAt: iso(r.expiresAt),
  invitedByName: r.invitedByName ?? null,
})

export function registerAccountRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(invite, async (c) => {
    const row = await invitations.inviteByEmail(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))
    return c.json(invitationOut(row), 201)
  })
  app.openapi(listInvitations, async (c) => {
    const rows = await invitations.listOpenInvitations(ctxOf(c), c.req.valid('param').id)
    return c.json(rows.map(invitationOut), 200)
  })
  app.openapi(revoke, async (c) => {
    const { id, invitationId } = c.req.valid('param')
    await invitations.revokeEmailInvitation(ctxOf(c), id, invitationId)
    return c.body(null, 204)
  })
  app.openapi(accept, async (c) =>
    c.json(await invitations.acceptByToken(ctxOf(c), c.req.valid('json')), 201),
  )
  app.openapi(resetRequest, async (c) => {
    await account.requestPasswordReset(ctxOf(c), c.req.valid('json'), c.get('deps').clientAddress?.(c))
    return c.json({ status: 'accepted' as const }, 202)
  })
  app.openapi(resetComplete, async (c) => {
    await account.completePasswordReset(ctxOf(c), c.req.valid('json'))
    return c.body(null, 204)
  })
  app.openapi(changePassword, async (c) => {
    await account.changePassword(ctxOf(c), c.req.valid('json'), getCookie(c, SESSION_COOKIE))
    return c.body(null, 204)
  })
  app.openapi(changeEmail, async (c) => {
    await account.requestEmailChange(ctxOf(c), c.req.valid('json'))
    return c.json({ status: 'accepted' as const }, 202)
  })
  app.openapi(confirmEmail, async (c) =>
    c.json(await account.confirmEmailChange(ctxOf(c), c.req.valid('json')), 200),
  )
  app.openapi(setLanguage, async (c) => {
    await account.setMailLanguage(ctxOf(c), c.req.valid('json').language)
    return c.body(null, 204)
  })
}
