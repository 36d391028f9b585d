import { expectFor, type MatrixCase, type World } from '../../helpers/matrix.ts'

/** The investor organization's admins and platform admins; its other members 403; others 404. */
const orgAdmin = (status: number) =>
  expectFor({ anonymous: 401, platformAdmin: status, investorAdmin: status, 'investor*': 403, others: 404 })

const base = (w: World) => `/v1/organizations/${w.orgs.investor}/sso`

/** A fresh domain of the matrix investor, verified or not, for one actor's request. */
async function domainOf(w: World, verified: boolean): Promise<string> {
  const domain = `m-${crypto.randomUUID().slice(0, 8)}.matrix.test`
  await w.db
    .insertInto('organizationSsoDomains')
    .values({
      organizationId: w.orgs.investor,
      domain,
      verificationToken: 'matrix',
      verifiedAt: verified ? new Date() : null,
    })
    .execute()
  return domain
}

const settings = { issuer: 'https://idp.matrix.test', clientId: 'matrix', clientSecret: 'matrix-secret' }

export const ssoCases: MatrixCase[] = [
  { operationId: 'getOrganizationSso', request: (w) => ({ path: base(w) }), expect: orgAdmin(200) },
  {
    operationId: 'putOrganizationSso',
    request: (w) => ({ path: base(w), body: settings }),
    expect: orgAdmin(200),
  },
  {
    operationId: 'deleteOrganizationSso',
    // Set up again for each actor, so every allowed actor finds something to remove.
    request: async (w) => {
      await w.db
        .insertInto('organizationSso')
        .values({ organizationId: w.orgs.investor, ...settings })
        .onConflict((oc) => oc.column('organizationId').doNothing())
        .execute()
      return { path: base(w) }
    },
    expect: orgAdmin(204),
  },
  {
    operationId: 'addSsoDomain',
    request: (w) => ({
      path: `${base(w)}/domains`,
      body: { domain: `a-${crypto.randomUUID().slice(0, 8)}.test` },
    }),
    expect: orgAdmin(201),
  },
  {
    operationId: 'verifySsoDomain',
    // Already verified: the answer needs no DNS, so the matrix tests the permission alone.
    request: async (w) => ({ path: `${base(w)}/domains/${await domainOf(w, true)}/verify` }),
    expect: orgAdmin(200),
  },
  {
    operationId: 'removeSsoDomain',
    request: async (w) => ({ path: `${base(w)}/domains/${await domainOf(w, false)}` }),
    expect: orgAdmin(204),
  },
]
