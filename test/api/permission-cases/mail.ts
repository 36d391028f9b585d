import { sha256Hex } from '../../../src/modules/identity/index.ts'
import { enqueueMail } from '../../../src/modules/mail/index.ts'
import { makeUser, TEST_PASSWORD } from '../../helpers/factories.ts'
import { expectFor, type MatrixCase, type World } from '../../helpers/matrix.ts'

/** Invitations, password reset, email change and the outbox (issue 19). */
const everyoneSignedIn = (status: number) => expectFor({ anonymous: 401, others: status })
const orgAdmin = (status: number) =>
  expectFor({ anonymous: 401, platformAdmin: status, investorAdmin: status, 'investor*': 403, others: 404 })
const platformAdmin = (status: number) => expectFor({ anonymous: 401, platformAdmin: status, others: 403 })

/** An open invitation of a fresh address to the matrix investor, with its link's token. */
async function openInvitation(w: World) {
  const token = `matrix-${crypto.randomUUID()}`
  const id = crypto.randomUUID()
  await w.db
    .insertInto('invitations')
    .values({
      id,
      organizationId: w.orgs.investor,
      email: `invitee-${crypto.randomUUID()}@example.test`,
      role: 'viewer',
      language: 'nb',
      tokenHash: await sha256Hex(token),
      invitedBy: w.users.investorAdmin!,
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .execute()
  return { id, token }
}

/** A single-use link of a fresh user. */
async function userLink(w: World, purpose: 'password_reset' | 'email_change') {
  const user = await makeUser(w.db)
  const token = `matrix-${crypto.randomUUID()}`
  await w.db
    .insertInto('userTokens')
    .values({
      tokenHash: await sha256Hex(token),
      userId: user.id,
      purpose,
      newEmail: purpose === 'email_change' ? `moved-${crypto.randomUUID()}@example.test` : null,
      expiresAt: new Date(Date.now() + 3600_000),
    })
    .execute()
  return token
}

const outboxMail = async (w: World) =>
  (await enqueueMail(w.db, {
    to: 'someone@example.test',
    language: 'en',
    kind: 'matrix',
    subject: 'Matrix',
    text: 'Matrix',
    html: '<p>Matrix</p>',
  }))!

export const mailCases: MatrixCase[] = [
  {
    operationId: 'inviteByEmail',
    request: (w) => ({
      path: `/v1/organizations/${w.orgs.investor}/invitations`,
      body: { email: `invitee-${crypto.randomUUID()}@example.test`, role: 'viewer' },
    }),
    expect: orgAdmin(201),
  },
  {
    operationId: 'listEmailInvitations',
    request: (w) => ({ path: `/v1/organizations/${w.orgs.investor}/invitations` }),
    expect: orgAdmin(200),
  },
  {
    operationId: 'revokeEmailInvitation',
    request: async (w) => ({
      path: `/v1/organizations/${w.orgs.investor}/invitations/${(await openInvitation(w)).id}`,
    }),
    expect: orgAdmin(204),
  },
  {
    // Public: the link's token is the permission.
    operationId: 'acceptEmailInvitation',
    request: async (w) => ({
      path: '/v1/invitations/accept',
      body: { token: (await openInvitation(w)).token, name: 'Matrix Invitee', password: TEST_PASSWORD },
    }),
    expect: () => 201,
  },
  {
    operationId: 'requestPasswordReset',
    request: () => ({
      path: '/v1/auth/password-reset',
      body: { email: `nobody-${crypto.randomUUID()}@example.test` },
    }),
    expect: () => 202,
  },
  {
    operationId: 'completePasswordReset',
    request: async (w) => ({
      path: '/v1/auth/password-reset/complete',
      body: { token: await userLink(w, 'password_reset'), password: TEST_PASSWORD },
    }),
    expect: () => 204,
  },
  {
    // The same password again: the actor's other logins keep working.
    operationId: 'changePassword',
    request: () => ({
      path: '/v1/me/password',
      body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD },
    }),
    expect: everyoneSignedIn(204),
  },
  {
    operationId: 'requestEmailChange',
    request: () => ({
      path: '/v1/me/email',
      body: { newEmail: `new-${crypto.randomUUID()}@example.test`, currentPassword: TEST_PASSWORD },
    }),
    expect: everyoneSignedIn(202),
  },
  {
    operationId: 'confirmEmailChange',
    request: async (w) => ({
      path: '/v1/auth/email-change/confirm',
      body: { token: await userLink(w, 'email_change') },
    }),
    expect: () => 200,
  },
  {
    operationId: 'setMailLanguage',
    request: () => ({ path: '/v1/me/language', body: { language: 'nb' } }),
    expect: everyoneSignedIn(204),
  },
  { operationId: 'listOutbox', request: () => ({ path: '/v1/admin/outbox' }), expect: platformAdmin(200) },
  {
    operationId: 'getOutboxMail',
    request: async (w) => ({ path: `/v1/admin/outbox/${await outboxMail(w)}` }),
    expect: platformAdmin(200),
  },
  {
    operationId: 'retryOutboxMail',
    request: async (w) => ({ path: `/v1/admin/outbox/${await outboxMail(w)}/retry` }),
    expect: platformAdmin(204),
  },
]
