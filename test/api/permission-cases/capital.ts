import { defaultConfig } from '../../../src/config.ts'
import { insertInvestmentAudited } from '../../../src/modules/capital/investments-service.ts'
import { expectFor, type MatrixCase, type World } from '../../helpers/matrix.ts'

/**
 * The capital area. The matrix investor onboarded the matrix venture, so it has standing there:
 * its members read, its editors and admins record capital and support. The venture's members
 * read (detailed access) and its editors record other funding. Municipality, agency and the
 * unrelated investor have no relationship: 404.
 */

/** A grant and an equity stake of the matrix investor in the matrix venture, made once per world. */
async function investment(w: World, instrument: 'grant' | 'equity'): Promise<string> {
  const key = `capital:${instrument}`
  if (!w.ids[key]) {
    const ctx = { db: w.db, principal: null, requestId: null, now: new Date(), config: defaultConfig() }
    const created = await insertInvestmentAudited(ctx, w.orgs.investor, w.orgs.venture, {
      name: `Matrix ${instrument}`,
      instrument,
      currency: 'NOK',
      startDate: '2025-01-01',
    })
    w.ids[key] = created.id
  }
  return w.ids[key]
}

/** A fresh investment the venture has yet to accept (each deciding actor gets its own). */
async function pendingInvestment(w: World): Promise<string> {
  const ctx = { db: w.db, principal: null, requestId: null, now: new Date(), config: defaultConfig() }
  const created = await insertInvestmentAudited(
    ctx,
    w.orgs.investor,
    w.orgs.venture,
    { name: 'Matrix pending', instrument: 'grant', currency: 'NOK', startDate: '2025-01-01' },
    'pending',
  )
  return created.id
}

const read = expectFor({ anonymous: 401, platformAdmin: 200, 'investor*': 200, 'venture*': 200, others: 404 })
/** Recorded for the matrix investor: its editors and admins, and platform admins naming it. */
const investorWrites = expectFor({
  anonymous: 401,
  platformAdmin: 201,
  investorAdmin: 201,
  investorEditor: 201,
  investorViewer: 403,
  'venture*': 403,
  others: 404,
})
/** Whose portfolio: the caller's only investor organization; platform admins must name one. */
const ownPortfolio = expectFor({
  anonymous: 401,
  platformAdmin: 400,
  'investor*': 200,
  unrelated: 200,
  others: 403,
})

const entry = () => ({ type: 'commitment', date: '2025-01-01', amount: '1.00' })

export const capitalCases: MatrixCase[] = [
  {
    operationId: 'listInvestments',
    request: (w) => ({ path: `/v1/ventures/${w.orgs.venture}/investments` }),
    expect: read,
  },
  {
    operationId: 'createInvestment',
    request: (w) => ({
      path: `/v1/ventures/${w.orgs.venture}/investments`,
      body: { name: 'Matrix', instrument: 'grant', startDate: '2025-01-01', investorOrgId: w.orgs.investor },
    }),
    expect: investorWrites,
  },
  {
    operationId: 'getInvestment',
    request: async (w) => ({ path: `/v1/investments/${await investment(w, 'grant')}` }),
    expect: read,
  },
  ...(['acceptInvestment', 'declineInvestment'] as const).map(
    (operationId): MatrixCase => ({
      operationId,
      request: async (w) => ({
        path: `/v1/investments/${await pendingInvestment(w)}/${operationId.replace('Investment', '')}`,
      }),
      // The venture's admins only: the investor, the venture's other members and platform admins may not.
      expect: expectFor({
        anonymous: 401,
        ventureAdmin: 200,
        platformAdmin: 403,
        'investor*': 403,
        'venture*': 403,
        others: 404,
      }),
    }),
  ),
  {
    operationId: 'listTransactions',
    request: async (w) => ({ path: `/v1/investments/${await investment(w, 'grant')}/transactions` }),
    expect: read,
  },
  {
    operationId: 'createTransaction',
    request: async (w) => ({
      path: `/v1/investments/${await investment(w, 'grant')}/transactions`,
      body: entry(),
    }),
    expect: investorWrites,
  },
  {
    operationId: 'listValuations',
    request: async (w) => ({ path: `/v1/investments/${await investment(w, 'equity')}/valuations` }),
    expect: read,
  },
  {
    operationId: 'createValuation',
    request: async (w) => ({
      path: `/v1/investments/${await investment(w, 'equity')}/valuations`,
      body: { date: '2025-06-30', value: '100.00' },
    }),
    expect: investorWrites,
  },
  {
    operationId: 'listContributions',
    request: (w) => ({ path: `/v1/ventures/${w.orgs.venture}/contributions` }),
    expect: read,
  },
  {
    operationId: 'createContribution',
    request: (w) => ({
      path: `/v1/ventures/${w.orgs.venture}/contributions`,
      body: { kind: 'competence', date: '2025-01-01', hours: '1.5', investorOrgId: w.orgs.investor },
    }),
    expect: investorWrites,
  },
  {
    operationId: 'listFunding',
    request: (w) => ({ path: `/v1/ventures/${w.orgs.venture}/funding` }),
    expect: read,
  },
  {
    operationId: 'createFunding',
    request: (w) => ({
      path: `/v1/ventures/${w.orgs.venture}/funding`,
      body: { funderName: 'Matrix Stiftelse', instrument: 'grant', amountNok: '1000.00', date: '2025-01-01' },
    }),
    expect: expectFor({
      anonymous: 401,
      platformAdmin: 201,
      investorAdmin: 201,
      investorEditor: 201,
      investorViewer: 403,
      ventureAdmin: 201,
      ventureEditor: 201,
      ventureViewer: 403,
      others: 404,
    }),
  },
  { operationId: 'getPortfolio', request: () => ({ path: '/v1/portfolio' }), expect: ownPortfolio },
  {
    operationId: 'exportTransactionsCsv',
    request: () => ({ path: '/v1/exports/transactions.csv' }),
    expect: ownPortfolio,
  },
  {
    operationId: 'exportPortfolioCsv',
    request: () => ({ path: '/v1/exports/portfolio.csv?sep=comma' }),
    expect: ownPortfolio,
  },
  {
    operationId: 'exportTransactionsXlsx',
    request: () => ({ path: '/v1/exports/transactions.xlsx' }),
    expect: ownPortfolio,
  },
  {
    operationId: 'exportPortfolioXlsx',
    request: () => ({ path: '/v1/exports/portfolio.xlsx' }),
    expect: ownPortfolio,
  },
]
