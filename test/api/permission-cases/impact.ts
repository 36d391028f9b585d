import { expectFor, type MatrixCase, type World } from '../../helpers/matrix.ts'

/**
 * The impact area. The matrix municipality (3207) sees its own impact; nobody else but platform
 * administrators may, and all others get 404 (a municipality member can reach no per-venture route:
 * see the other areas' cases). The open-data view is public once the municipality has opted in,
 * which the open-data cases arrange themselves.
 */
async function optedIn(w: World): Promise<void> {
  if (w.ids['impact:open-data']) return
  await w.db
    .insertInto('municipalityOpenData')
    .values({ organizationId: w.orgs.municipality, publishedBy: null })
    .onConflict((oc) => oc.column('organizationId').doNothing())
    .execute()
  w.ids['impact:open-data'] = w.orgs.municipality
}

const municipalityOnly = expectFor({ anonymous: 401, platformAdmin: 200, 'municipality*': 200, others: 404 })
const everyone = expectFor({ others: 200 })

export const impactCases: MatrixCase[] = [
  {
    operationId: 'getImpact',
    request: () => ({ path: '/v1/impact?municipality=3207' }),
    expect: municipalityOnly,
  },
  {
    operationId: 'getOpenDataSetting',
    request: (w) => ({ path: `/v1/organizations/${w.orgs.municipality}/open-data` }),
    expect: municipalityOnly,
  },
  {
    operationId: 'setOpenDataSetting',
    request: (w) => ({ path: `/v1/organizations/${w.orgs.municipality}/open-data`, body: { publish: true } }),
    expect: expectFor({
      anonymous: 401,
      platformAdmin: 200,
      municipalityAdmin: 200,
      municipalityEditor: 403,
      municipalityViewer: 403,
      others: 404,
    }),
  },
  {
    operationId: 'getOpenImpactJson',
    request: async (w) => {
      await optedIn(w)
      return { path: '/v1/open/impact/3207.json' }
    },
    expect: everyone,
  },
  {
    operationId: 'getOpenImpactCsv',
    request: async (w) => {
      await optedIn(w)
      return { path: '/v1/open/impact/3207.csv' }
    },
    expect: everyone,
  },
  {
    operationId: 'getOpenImpactXlsx',
    request: async (w) => {
      await optedIn(w)
      return { path: '/v1/open/impact/3207.xlsx' }
    },
    expect: everyone,
  },
]
