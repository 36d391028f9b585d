import { makeMember, makeOrg, makeToken } from '../../helpers/factories.ts'
import { login } from '../../helpers/http.ts'
import { type ActorName, expectFor, type MatrixCase, type World } from '../../helpers/matrix.ts'

/** A fresh organization of kind other that has invited the actor (anonymous: nobody). */
async function invitedTo(w: World, actor: ActorName): Promise<string> {
  const org = await makeOrg(w.db, { kind: 'other', name: `Matrix Inviter ${crypto.randomUUID()}` })
  if (actor !== 'anonymous') {
    await w.db
      .insertInto('memberships')
      .values({ userId: w.users[actor]!, organizationId: org.id, role: 'viewer', status: 'pending' })
      .execute()
  }
  return org.id
}

const everyoneSignedIn = (status: number) => expectFor({ anonymous: 401, others: status })
/** Investor organization admins and platform admins may; other investor members are refused. */
const orgAdmin = (status: number) =>
  expectFor({ anonymous: 401, platformAdmin: status, investorAdmin: status, 'investor*': 403, others: 404 })

export const identityCases: MatrixCase[] = [
  { operationId: 'getHealth', request: () => ({ path: '/health' }), expect: () => 200 },
  { operationId: 'getReady', request: () => ({ path: '/ready' }), expect: () => 200 },
  {
    operationId: 'login',
    request: async (w) => {
      const user = await makeMember(w.db, w.orgs.investor, 'viewer')
      return { path: '/v1/auth/login', body: { email: user.email, password: 'correct horse battery staple' } }
    },
    expect: () => 200,
  },
  {
    operationId: 'logout',
    // A session of its own, so logging out does not end the actor's shared session.
    request: async (w, actor) => {
      const email =
        actor === 'anonymous'
          ? null
          : (
              await w.db
                .selectFrom('users')
                .select('email')
                .where('id', '=', w.users[actor]!)
                .executeTakeFirstOrThrow()
            ).email
      return { path: '/v1/auth/logout', ...(email ? { cookie: await login(w.app, email) } : {}) }
    },
    expect: () => 204,
  },
  { operationId: 'getMe', request: () => ({ path: '/v1/me' }), expect: everyoneSignedIn(200) },
  ...(['acceptInvitation', 'declineInvitation'] as const).map(
    (operationId): MatrixCase => ({
      operationId,
      request: async (w, actor) => ({
        path: `/v1/me/invitations/${await invitedTo(w, actor)}/${operationId.replace('Invitation', '')}`,
      }),
      // Only the invited user decides, and each actor here is the one invited.
      expect: everyoneSignedIn(200),
    }),
  ),
  { operationId: 'listTokens', request: () => ({ path: '/v1/tokens' }), expect: everyoneSignedIn(200) },
  {
    operationId: 'createToken',
    request: () => ({ path: '/v1/tokens', body: { name: 'matrix' } }),
    expect: everyoneSignedIn(201),
  },
  {
    operationId: 'revokeToken',
    request: async (w) => ({ path: `/v1/tokens/${(await makeToken(w.db, w.users.investorAdmin!)).id}` }),
    expect: expectFor({ anonymous: 401, platformAdmin: 204, investorAdmin: 204, others: 404 }),
  },
  {
    operationId: 'listOrganizations',
    request: () => ({ path: '/v1/organizations' }),
    expect: everyoneSignedIn(200),
  },
  {
    operationId: 'createOrganization',
    request: () => ({
      path: '/v1/organizations',
      body: { kind: 'other', name: `Matrix Other ${crypto.randomUUID()}` },
    }),
    expect: expectFor({ anonymous: 401, platformAdmin: 201, others: 403 }),
  },
  {
    operationId: 'getOrganization',
    request: (w) => ({ path: `/v1/organizations/${w.orgs.investor}` }),
    expect: expectFor({ anonymous: 401, platformAdmin: 200, 'investor*': 200, others: 404 }),
  },
  {
    operationId: 'updateOrganization',
    request: (w) => ({ path: `/v1/organizations/${w.orgs.investor}`, body: { name: 'Matrix Investor' } }),
    expect: orgAdmin(200),
  },
  {
    operationId: 'listMembers',
    request: (w) => ({ path: `/v1/organizations/${w.orgs.investor}/members` }),
    expect: expectFor({ anonymous: 401, platformAdmin: 200, 'investor*': 200, others: 404 }),
  },
  {
    operationId: 'addMember',
    request: (w) => ({
      path: `/v1/organizations/${w.orgs.investor}/members`,
      body: { email: `new-${crypto.randomUUID()}@example.test`, role: 'viewer' },
    }),
    expect: orgAdmin(201),
  },
  {
    operationId: 'changeMemberRole',
    request: async (w) => {
      const user = await makeMember(w.db, w.orgs.investor, 'viewer')
      return { path: `/v1/organizations/${w.orgs.investor}/members/${user.id}`, body: { role: 'editor' } }
    },
    expect: orgAdmin(200),
  },
  {
    operationId: 'removeMember',
    request: async (w) => {
      const user = await makeMember(w.db, w.orgs.investor, 'viewer')
      return { path: `/v1/organizations/${w.orgs.investor}/members/${user.id}` }
    },
    expect: orgAdmin(204),
  },
  { operationId: 'listAuditEvents', request: () => ({ path: '/v1/audit' }), expect: everyoneSignedIn(200) },
  {
    operationId: 'getBackup',
    request: () => ({ path: '/v1/admin/backup' }),
    expect: expectFor({ anonymous: 401, platformAdmin: 200, others: 403 }),
  },
]
