import { expectFor, type MatrixCase } from '../../helpers/matrix.ts'

/**
 * The annual impact report. The matrix venture has no capital or reports yet, so its only year is
 * this one. Reading a venture's report needs detailed access (the matrix investor onboarded it);
 * a portfolio's is its investor's (as GET /v1/portfolio). The commentary is written by editors and
 * admins of an investor with standing (venture) or of the portfolio's investor.
 */
const year = () => new Date().getUTCFullYear()

const detailedRead = expectFor({
  anonymous: 401,
  platformAdmin: 200,
  'investor*': 200,
  'venture*': 200,
  others: 404,
})
const ownPortfolio = expectFor({
  anonymous: 401,
  platformAdmin: 400,
  'investor*': 200,
  unrelated: 200,
  others: 403,
})

export const annualReportCases: MatrixCase[] = [
  {
    operationId: 'getVentureAnnualReport',
    request: (w) => ({ path: `/v1/ventures/${w.orgs.venture}/annual-report?year=${year()}` }),
    expect: detailedRead,
  },
  {
    operationId: 'getVentureAnnualReportPdf',
    request: (w) => ({ path: `/v1/ventures/${w.orgs.venture}/annual-report.pdf?year=${year()}&lang=nb` }),
    expect: detailedRead,
  },
  {
    operationId: 'getPortfolioAnnualReport',
    request: () => ({ path: `/v1/portfolio/annual-report?year=${year()}` }),
    expect: ownPortfolio,
  },
  {
    operationId: 'getPortfolioAnnualReportPdf',
    request: () => ({ path: `/v1/portfolio/annual-report.pdf?year=${year()}` }),
    expect: ownPortfolio,
  },
  {
    operationId: 'putVentureAnnualCommentary',
    request: (w, actor) => ({
      path: `/v1/ventures/${w.orgs.venture}/annual-report/commentary`,
      body: { year: year(), text: `Written by ${actor}` },
    }),
    expect: expectFor({
      anonymous: 401,
      platformAdmin: 403,
      investorAdmin: 200,
      investorEditor: 200,
      investorViewer: 403,
      'venture*': 403,
      others: 404,
    }),
  },
  {
    operationId: 'putPortfolioAnnualCommentary',
    request: (_w, actor) => ({
      path: '/v1/portfolio/annual-report/commentary',
      body: { year: year(), text: `Written by ${actor}` },
    }),
    expect: expectFor({
      anonymous: 401,
      platformAdmin: 400,
      investorAdmin: 200,
      investorEditor: 200,
      investorViewer: 403,
      unrelated: 200,
      others: 403,
    }),
  },
]
