import { defaultConfig } from '../../../src/config.ts'
import { insertInvestmentAudited } from '../../../src/modules/capital/investments-service.ts'
import { expectFor, type MatrixCase, type World } from '../../helpers/matrix.ts'

/**
 * The IATI and outcomes exports. Both name their subject (the matrix investor, the matrix
 * venture), so everyone without a relationship gets 404; the IATI file needs an investment. The
 * investor's sector per theme is read by its members and changed by its editors and admins.
 */
async function ensureInvestment(w: World): Promise<void> {
  if (w.ids['interop:grant']) return
  const ctx = { db: w.db, principal: null, requestId: null, now: new Date(), config: defaultConfig() }
  const created = await insertInvestmentAudited(ctx, w.orgs.investor, w.orgs.venture, {
    name: 'Matrix IATI grant',
    instrument: 'grant',
    currency: 'NOK',
    startDate: '2025-01-01',
  })
  w.ids['interop:grant'] = created.id
}

export const interopCases: MatrixCase[] = [
  {
    operationId: 'exportIatiXml',
    request: async (w) => {
      await ensureInvestment(w)
      return { path: `/v1/exports/iati.xml?organization=${w.orgs.investor}` }
    },
    expect: expectFor({ anonymous: 401, platformAdmin: 200, 'investor*': 200, others: 404 }),
  },
  {
    operationId: 'getIatiSectors',
    request: (w) => ({ path: `/v1/organizations/${w.orgs.investor}/iati-sectors` }),
    expect: expectFor({ anonymous: 401, platformAdmin: 200, 'investor*': 200, others: 404 }),
  },
  {
    operationId: 'setIatiSectors',
    request: (w) => ({
      path: `/v1/organizations/${w.orgs.investor}/iati-sectors`,
      body: { sectors: [{ theme: 'employment', sectorCode: '16020' }] },
    }),
    expect: expectFor({
      anonymous: 401,
      platformAdmin: 200,
      investorAdmin: 200,
      investorEditor: 200,
      investorViewer: 403,
      others: 404,
    }),
  },
  {
    operationId: 'exportOutcomesCsv',
    request: (w) => ({ path: `/v1/exports/outcomes.csv?venture=${w.orgs.venture}` }),
    expect: expectFor({ anonymous: 401, platformAdmin: 200, 'investor*': 200, 'venture*': 200, others: 404 }),
  },
  {
    operationId: 'exportOutcomesXlsx',
    request: (w) => ({ path: `/v1/exports/outcomes.xlsx?venture=${w.orgs.venture}` }),
    expect: expectFor({ anonymous: 401, platformAdmin: 200, 'investor*': 200, 'venture*': 200, others: 404 }),
  },
]
