import { defaultConfig } from '../../../src/config.ts'
import type { Ctx } from '../../../src/modules/context.ts'
import { acceptAllPartiesAudited } from '../../../src/modules/economics/contracts-consent.ts'
import { insertContractAudited } from '../../../src/modules/economics/contracts-service.ts'
import { insertSroiModelAudited } from '../../../src/modules/economics/sroi-service.ts'
import { insertAssignment } from '../../../src/modules/outcomes/assignments-repo.ts'
import { expectFor, type MatrixCase, type World } from '../../helpers/matrix.ts'

/**
 * Impact economics. The matrix investor onboarded the matrix venture, so both read the venture's
 * economics and SROI and their editors write SROI models. Outcome contracts: the matrix
 * municipality pays, the matrix venture provides, the matrix investor finances and the matrix
 * agency follows as a partner; all of them read, only the payer's editors create and approve.
 */
const ctxOf = (w: World): Ctx => ({
  db: w.db,
  principal: null,
  requestId: null,
  now: new Date(),
  config: defaultConfig(),
})

/** NO-WORK-01 assigned to the matrix venture, once per world. */
async function assigned(w: World) {
  if (!w.ids['economics:assignment']) {
    const id = crypto.randomUUID()
    await insertAssignment(w.db, {
      id,
      ventureOrgId: w.orgs.venture,
      indicatorCode: 'NO-WORK-01',
      frequency: 'quarterly',
      startDate: '2024-01-01',
      endDate: null,
      baselineValue: null,
      baselineDate: null,
      createdByOrgId: w.orgs.investor,
    })
    w.ids['economics:assignment'] = id
  }
}

const sroiBody = {
  window: { from: '2024-01-01', to: '2024-12-31' },
  outcomes: [
    {
      indicatorCode: 'NO-WORK-01',
      proxy: '250000',
      proxySource: 'Matrix',
      deadweight: '25',
      attribution: '20',
      displacement: '10',
      dropOff: '30',
      durationYears: 3,
    },
  ],
}

/** A first SROI model version for the matrix venture, once per world. */
async function withModel(w: World) {
  await assigned(w)
  if (!w.ids['economics:sroi']) {
    await insertSroiModelAudited(ctxOf(w), w.orgs.venture, sroiBody, w.orgs.investor)
    w.ids['economics:sroi'] = 'yes'
  }
}

const contractBody = (w: World) => ({
  name: 'Matrix contract',
  payerOrgId: w.orgs.municipality,
  providerVentureId: w.orgs.venture,
  investors: [w.orgs.investor],
  partners: [w.orgs.agency],
  frequency: 'quarterly' as const,
  startDate: '2024-01-01',
  endDate: '2024-12-31',
  totalCap: '100000.00',
  metrics: [{ indicatorCode: 'NO-WORK-01', pricePerUnit: '10000.00' }],
})

/** A new contract every party has yet to accept (each deciding actor gets its own). */
async function pendingContract(w: World): Promise<string> {
  await assigned(w)
  return insertContractAudited(ctxOf(w), contractBody(w))
}

/** A new active contract (each approving actor gets its own, so every first approval answers 201). */
async function newContract(w: World): Promise<string> {
  const id = await pendingContract(w)
  await acceptAllPartiesAudited(ctxOf(w), id)
  return id
}

async function contract(w: World): Promise<string> {
  w.ids['economics:contract'] ??= await newContract(w)
  return w.ids['economics:contract']
}

const detailedRead = expectFor({
  anonymous: 401,
  platformAdmin: 200,
  'investor*': 200,
  'venture*': 200,
  others: 404,
})
const partyRead = expectFor({
  anonymous: 401,
  platformAdmin: 200,
  'investor*': 200,
  'venture*': 200,
  'municipality*': 200,
  'agency*': 200,
  unrelated: 404,
})

export const economicsCases: MatrixCase[] = [
  {
    operationId: 'getVentureEconomics',
    request: (w) => ({ path: `/v1/ventures/${w.orgs.venture}/economics?from=2024-01-01&to=2024-12-31` }),
    expect: detailedRead,
  },
  {
    operationId: 'getSroi',
    request: async (w) => {
      await withModel(w)
      return { path: `/v1/ventures/${w.orgs.venture}/sroi` }
    },
    expect: detailedRead,
  },
  {
    operationId: 'putSroi',
    request: async (w) => {
      await assigned(w)
      return { path: `/v1/ventures/${w.orgs.venture}/sroi`, body: sroiBody }
    },
    expect: expectFor({
      anonymous: 401,
      platformAdmin: 200,
      investorAdmin: 200,
      investorEditor: 200,
      investorViewer: 403,
      ventureAdmin: 200,
      ventureEditor: 200,
      ventureViewer: 403,
      others: 404,
    }),
  },
  {
    operationId: 'listContracts',
    request: () => ({ path: '/v1/contracts' }),
    expect: expectFor({ anonymous: 401, others: 200 }),
  },
  {
    operationId: 'createContract',
    request: async (w) => {
      await assigned(w)
      return { path: '/v1/contracts', body: contractBody(w) }
    },
    expect: expectFor({
      anonymous: 401,
      platformAdmin: 201,
      municipalityAdmin: 201,
      municipalityEditor: 201,
      others: 403,
    }),
  },
  {
    operationId: 'getContract',
    request: async (w) => ({ path: `/v1/contracts/${await contract(w)}` }),
    expect: partyRead,
  },
  ...(['acceptContract', 'declineContract'] as const).map(
    (operationId): MatrixCase => ({
      operationId,
      request: async (w) => ({
        path: `/v1/contracts/${await pendingContract(w)}/${operationId.replace('Contract', '')}`,
        body: {},
      }),
      // Each party's admins decide for it; the party's other members and platform admins may not.
      expect: expectFor({
        anonymous: 401,
        investorAdmin: 200,
        ventureAdmin: 200,
        municipalityAdmin: 200,
        agencyAdmin: 200,
        unrelated: 404,
        others: 403,
      }),
    }),
  ),
  {
    operationId: 'getContractStatement',
    request: async (w) => ({ path: `/v1/contracts/${await contract(w)}/statements?period=2024-Q1` }),
    expect: partyRead,
  },
  {
    operationId: 'approveContractStatement',
    request: async (w) => ({ path: `/v1/contracts/${await newContract(w)}/statements/2024-Q1/approve` }),
    expect: expectFor({
      anonymous: 401,
      platformAdmin: 201,
      municipalityAdmin: 201,
      municipalityEditor: 201,
      unrelated: 404,
      others: 403,
    }),
  },
]
