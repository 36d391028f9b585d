import { expectFor, type MatrixCase } from '../../helpers/matrix.ts'

/**
 * The matrix venture (w.orgs.venture) was onboarded by the matrix investor (w.orgs.investor):
 * the investor has standing; municipality and agency have none unless a share says so.
 */
export const ventureCases: MatrixCase[] = [
  {
    operationId: 'listVentures',
    request: () => ({ path: '/v1/ventures' }),
    expect: expectFor({ anonymous: 401, others: 200 }),
  },
  {
    operationId: 'createVenture',
    request: () => ({ path: '/v1/ventures', body: { name: `Matrix New Venture ${crypto.randomUUID()}` } }),
    // Platform admins may onboard; investor editors and admins may; everyone else is refused.
    expect: expectFor({
      anonymous: 401,
      platformAdmin: 201,
      investorAdmin: 201,
      investorEditor: 201,
      unrelated: 201,
      others: 403,
    }),
  },
  {
    operationId: 'getVenture',
    request: (w) => ({ path: `/v1/ventures/${w.orgs.venture}` }),
    expect: expectFor({ anonymous: 401, platformAdmin: 200, 'investor*': 200, 'venture*': 200, others: 404 }),
  },
  {
    operationId: 'updateVenture',
    request: (w) => ({ path: `/v1/ventures/${w.orgs.venture}`, body: { description: 'Matrix profile' } }),
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
    operationId: 'getVentureAudience',
    request: (w) => ({ path: `/v1/ventures/${w.orgs.venture}/audience` }),
    // Whom the venture's data reaches is the venture's own business: investors with standing see
    // the venture but may not learn who else follows it, so for them it is not there.
    expect: expectFor({ anonymous: 401, platformAdmin: 200, 'venture*': 200, others: 404 }),
  },
]
