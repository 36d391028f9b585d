import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../../src/config.ts'
import { insertInvestmentAudited } from '../../src/modules/capital/investments-service.ts'
import { insertAssignment } from '../../src/modules/outcomes/assignments-repo.ts'
import { createTestApp, type TestContext } from '../helpers/app.ts'
import { freeMunicipalityNumber, makeMember, makeOrg } from '../helpers/factories.ts'
import { type ActorName, buildWorld, expectFor, type World } from '../helpers/matrix.ts'
import { type Probe, runScenario, type Scenario, type SideEffectResult } from '../helpers/side-effects.ts'

/**
 * The permission matrix with side effects (issue #15): every write that creates a relationship
 * widening access, by every principal, then every principal's probe reads compared with before.
 * Consent (PRODUCT.md §10): only the party whose data a relationship exposes grants it, so the
 * only gains allowed are the owner's own grants (a venture sharing its data) and operators'
 * where the product gives them the say (platform admins set municipality numbers).
 */
let t: TestContext
let w: World
beforeAll(async () => {
  t = await createTestApp()
  w = await buildWorld(t.app, t.database.db)
})
afterAll(() => t.close())

/** A venture nobody in the world has a relationship with, with NO-WORK-01 assigned. */
async function strangerVenture(name: string): Promise<string> {
  const id = (await makeOrg(w.db, { kind: 'venture', name })).id
  await w.db.insertInto('ventures').values({ orgId: id, createdByOrgId: null }).execute()
  await insertAssignment(w.db, {
    id: crypto.randomUUID(),
    ventureOrgId: id,
    indicatorCode: 'NO-WORK-01',
    frequency: 'quarterly',
    startDate: '2024-01-01',
    endDate: null,
    baselineValue: null,
    baselineDate: null,
    createdByOrgId: null,
  })
  return id
}

const ventureReads = (v: string): Probe[] => [
  { label: `reports of ${v}`, path: `/v1/ventures/${v}/reports` },
  { label: `profile of ${v}`, path: `/v1/ventures/${v}` },
  { label: `investments in ${v}`, path: `/v1/ventures/${v}/investments` },
  // A share or an accepted investment widens who reads the venture's data, never who sees its audience.
  { label: `audience of ${v}`, path: `/v1/ventures/${v}/audience` },
]

/** A user who belongs to an organization elsewhere and has a name of their own. */
async function userElsewhere(tag: string) {
  const home = await makeOrg(w.db, { kind: 'other', name: `Elsewhere ${tag}` })
  const user = await makeMember(w.db, home.id, 'admin', { email: `elsewhere-${tag}@example.test` })
  const name = `Secret Name ${tag}`
  await w.db.updateTable('users').set({ name }).where('id', '=', user.id).execute()
  return { email: user.email, name }
}

const tag = (actor: ActorName) => `${actor}-${crypto.randomUUID().slice(0, 8)}`

const scenarios: Scenario[] = [
  {
    name: 'createContract',
    setup: async (_w, actor) => ({
      ids: { venture: await strangerVenture(`Contracted ${tag(actor)}`) },
      extraViewers: {},
    }),
    write: (w, _actor, target) => ({
      method: 'POST',
      path: '/v1/contracts',
      body: {
        name: 'Side effects',
        payerOrgId: w.orgs.municipality,
        providerVentureId: target.ids.venture,
        investors: [w.orgs.investor],
        partners: [w.orgs.agency],
        startDate: '2024-01-01',
        endDate: '2024-12-31',
        metrics: [{ indicatorCode: 'NO-WORK-01', pricePerUnit: '1000.00' }],
      },
    }),
    probes: (_w, target, created) => [
      ...ventureReads(target.ids.venture!),
      ...(created
        ? [
            {
              label: 'the contract’s statement (the provider’s verified values)',
              path: `/v1/contracts/${(created as { id: string }).id}/statements?period=2024-Q1`,
            },
          ]
        : []),
    ],
    expectStatus: expectFor({
      anonymous: 401,
      platformAdmin: 201,
      municipalityAdmin: 201,
      municipalityEditor: 201,
      others: 403,
    }),
  },
  {
    name: 'createInvestment',
    setup: async (_w, actor) => ({
      ids: { venture: await strangerVenture(`Invested ${tag(actor)}`) },
      extraViewers: {},
    }),
    write: (w, _actor, target) => ({
      method: 'POST',
      path: `/v1/ventures/${target.ids.venture}/investments`,
      body: {
        name: 'Side effects',
        instrument: 'grant',
        startDate: '2025-01-01',
        investorOrgId: w.orgs.investor,
      },
    }),
    probes: (_w, target) => ventureReads(target.ids.venture!),
    expectStatus: expectFor({ anonymous: 401, platformAdmin: 201, others: 404 }),
  },
  {
    name: 'addMember',
    setup: async (_w, actor) => {
      const who = await userElsewhere(tag(actor))
      return { ids: { name: who.name }, extraViewers: { invitee: who.email } }
    },
    write: (w, _actor, target) => ({
      method: 'POST',
      path: `/v1/organizations/${w.orgs.investor}/members`,
      body: { email: Object.values(target.extraViewers)[0], role: 'admin' },
    }),
    probes: (w, target) => [
      { label: 'the investor organization', path: `/v1/organizations/${w.orgs.investor}` },
      { label: 'the investor’s portfolio', path: '/v1/portfolio' },
      { label: 'the onboarded venture’s reports', path: `/v1/ventures/${w.orgs.venture}/reports` },
      {
        label: 'the invitee’s name',
        path: `/v1/organizations/${w.orgs.investor}/members`,
        shows: (r) => r.status === 200 && r.text.includes(target.ids.name!),
      },
    ],
    expectStatus: expectFor({
      anonymous: 401,
      platformAdmin: 201,
      investorAdmin: 201,
      'investor*': 403,
      others: 404,
    }),
  },
  {
    // An invitation by email to an existing account is a pending membership: nobody gains until
    // the invitee accepts (the name stays hidden, the invitee sees no data).
    name: 'inviteByEmail',
    setup: async (_w, actor) => {
      const who = await userElsewhere(tag(actor))
      return { ids: { name: who.name }, extraViewers: { invitee: who.email } }
    },
    write: (w, _actor, target) => ({
      method: 'POST',
      path: `/v1/organizations/${w.orgs.investor}/invitations`,
      body: { email: Object.values(target.extraViewers)[0], role: 'admin' },
    }),
    probes: (w, target) => [
      { label: 'the investor organization', path: `/v1/organizations/${w.orgs.investor}` },
      { label: 'the investor’s portfolio', path: '/v1/portfolio' },
      { label: 'the onboarded venture’s reports', path: `/v1/ventures/${w.orgs.venture}/reports` },
      {
        label: 'the invitee’s name',
        path: `/v1/organizations/${w.orgs.investor}/members`,
        shows: (r) => r.status === 200 && r.text.includes(target.ids.name!),
      },
    ],
    expectStatus: expectFor({
      anonymous: 401,
      platformAdmin: 201,
      investorAdmin: 201,
      'investor*': 403,
      others: 404,
    }),
  },
  {
    name: 'updateOrganization (municipality numbers)',
    setup: async (w, actor) => {
      const number = await freeMunicipalityNumber(w.db)
      await makeOrg(w.db, {
        kind: 'municipality',
        name: `Owner of ${number} ${tag(actor)}`,
        municipalityNumbers: [number],
      })
      return { ids: { number }, extraViewers: {} }
    },
    write: (w, _actor, target) => ({
      method: 'PATCH',
      path: `/v1/organizations/${w.orgs.municipality}`,
      body: { municipalityNumbers: ['3207', target.ids.number] },
    }),
    probes: (_w, target) => [
      { label: `impact of ${target.ids.number}`, path: `/v1/impact?municipality=${target.ids.number}` },
    ],
    expectStatus: expectFor({
      anonymous: 401,
      platformAdmin: 409,
      'municipality*': 403,
      others: 404,
    }),
  },
  {
    name: 'createShare (the venture’s own consent)',
    setup: async (_w, actor) => {
      const org = await makeOrg(w.db, { kind: 'investor', name: `Grantee ${tag(actor)}` })
      const user = await makeMember(w.db, org.id, 'viewer')
      return { ids: { org: org.id }, extraViewers: { grantee: user.email } }
    },
    write: (w, _actor, target) => ({
      method: 'POST',
      path: `/v1/ventures/${w.orgs.venture}/shares`,
      body: { organizationId: target.ids.org, level: 'detailed' },
    }),
    probes: (w) => ventureReads(w.orgs.venture),
    expectStatus: expectFor({
      anonymous: 401,
      platformAdmin: 201,
      ventureAdmin: 201,
      'venture*': 403,
      'investor*': 403,
      others: 404,
    }),
    mayGrant: (actor) => (actor === 'ventureAdmin' || actor === 'platformAdmin' ? ['grantee'] : []),
  },
  {
    name: 'acceptInvestment (the venture’s own consent)',
    setup: async (_w, actor) => {
      const org = await makeOrg(w.db, { kind: 'investor', name: `Applicant ${tag(actor)}` })
      const user = await makeMember(w.db, org.id, 'viewer')
      const ctx = { db: w.db, principal: null, requestId: null, now: new Date(), config: defaultConfig() }
      const investment = await insertInvestmentAudited(
        ctx,
        org.id,
        w.orgs.venture,
        { name: 'Waiting', instrument: 'grant', currency: 'NOK', startDate: '2025-01-01' },
        'pending',
      )
      return { ids: { investment: investment.id }, extraViewers: { applicant: user.email } }
    },
    write: (_w, _actor, target) => ({
      method: 'POST',
      path: `/v1/investments/${target.ids.investment}/accept`,
    }),
    probes: (w) => ventureReads(w.orgs.venture),
    expectStatus: expectFor({
      anonymous: 401,
      ventureAdmin: 200,
      platformAdmin: 403,
      'investor*': 403,
      'venture*': 403,
      others: 404,
    }),
    mayGrant: (actor) => (actor === 'ventureAdmin' ? ['applicant'] : []),
  },
]

describe('permission matrix: side effects of writes that widen access', () => {
  const results: Record<string, SideEffectResult> = {}

  it.each(scenarios.map((s) => [s.name, s] as const))(
    '%s: no principal gains a read without consent',
    async (_n, s) => {
      const r = await runScenario(w, s)
      results[s.name] = r
      expect(r.statusMismatches).toEqual([])
      expect(r.leaks).toEqual([])
    },
    120_000,
  )

  it('sees the gains that consent grants, and adds up to 0 leaks', () => {
    const share = results['createShare (the venture’s own consent)']!
    // The venture's admin and the operator granted the grantee the venture's reports: the probes see it.
    expect(share.grants.filter((g) => g.includes('grantee reports of'))).toHaveLength(2)
    const accepted = results['acceptInvestment (the venture’s own consent)']!
    expect(accepted.grants.filter((g) => g.includes('applicant reports of'))).toEqual([
      expect.stringContaining('by ventureAdmin'),
    ])
    const all = Object.values(results)
    const requests = all.reduce((n, r) => n + r.requests, 0)
    const leaks = all.flatMap((r) => r.leaks)
    console.info(`side-effect matrix: ${requests} requests, ${leaks.length} leaks`)
    expect(leaks).toEqual([])
    expect(requests).toBeGreaterThan(1000)
  })
})
