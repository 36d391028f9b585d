import { requirePeriod } from '../../../src/domain/periods.ts'
import { makeOrg } from '../../helpers/factories.ts'
import { expectFor, type MatrixCase, type World } from '../../helpers/matrix.ts'

/**
 * The outcomes area. Reading a venture's reporting needs detailed access (its members, investors
 * with standing, detailed shares); the venture's editors enter and submit, investors' editors
 * review, the venture's admins share. The matrix venture has standing only with the matrix
 * investor and shares with no one, so municipality, agency and the unrelated investor get 404.
 *
 * Setup happens lazily, inside the requests, directly in the database: an assignment reporting
 * quarterly since 1990 (its reports stay before 2024, where other areas' assignments begin) and, for each call that changes state, a fresh report in the state it needs
 * (each in its own quarter). Assignments the cases add start in 2100, so they never make the
 * matrix reports incomplete.
 */
/** Other areas' cases assign their own indicators to the matrix venture (from 2024); this one is ours. */
const MATRIX_INDICATOR = 'NO-ENV-02'
let quarter = 0
const freshPeriod = () => {
  const p = `${1990 + Math.floor(quarter / 4)}-Q${(quarter % 4) + 1}`
  quarter++
  return p
}

async function ensure(w: World): Promise<{ assignment: string; report: string }> {
  if (!w.ids.outcomesAssignment) {
    const id = crypto.randomUUID()
    await w.db
      .insertInto('assignments')
      .values({
        id,
        ventureOrgId: w.orgs.venture,
        indicatorCode: MATRIX_INDICATOR,
        frequency: 'quarterly',
        startDate: '1990-01-01',
        endDate: null,
        baselineValue: null,
        baselineDate: null,
        createdByOrgId: w.orgs.investor,
      })
      .execute()
    w.ids.outcomesAssignment = id
    w.ids.outcomesReport = await report(w, 'verified')
  }
  return { assignment: w.ids.outcomesAssignment, report: w.ids.outcomesReport! }
}

/** A report of the matrix venture in its own quarter, with a value, in the given state. */
async function report(w: World, status: 'draft' | 'submitted' | 'verified'): Promise<string> {
  const p = requirePeriod(freshPeriod())
  const id = crypto.randomUUID()
  await w.db
    .insertInto('reports')
    .values({
      id,
      ventureOrgId: w.orgs.venture,
      period: p.key,
      frequency: 'quarterly',
      periodStart: p.start,
      periodEnd: p.end,
      status: 'draft',
    })
    .execute()
  await w.db
    .insertInto('reportRevisions')
    .values({ reportId: id, revision: 1, reason: null, openedByUserId: null })
    .execute()
  await w.db
    .insertInto('reportValues')
    .values({
      reportId: id,
      revision: 1,
      assignmentId: w.ids.outcomesAssignment!,
      total: '1',
      numerator: null,
      denominator: null,
      evidence: [],
    })
    .execute()
  if (status !== 'draft') await w.db.updateTable('reports').set({ status }).where('id', '=', id).execute()
  return id
}

const code = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8).toUpperCase()}`

/** A fresh indicator (so each actor's assignment is new), in the shared catalogue or owned. */
async function indicator(w: World, ownerOrgId: string | null): Promise<string> {
  const c = code('MATRIX')
  await w.db
    .insertInto('indicators')
    .values({
      code: c,
      ownerOrgId,
      nameNb: 'Matriseindikator',
      nameEn: 'Matrix indicator',
      definition: '',
      unit: 'people',
      level: 'output',
      direction: 'increase',
      aggregation: 'sum',
      themes: [],
      sdgTargets: [],
      irisMetricId: null,
      irisVersion: null,
      personal: true,
      allowedBreakdowns: [],
      shareable: false,
    })
    .execute()
  return c
}

const venture = (w: World) => `/v1/ventures/${w.orgs.venture}`

/** Readers of a venture's reporting: detailed access. */
const detailedRead = expectFor({
  anonymous: 401,
  platformAdmin: 200,
  'investor*': 200,
  'venture*': 200,
  others: 404,
})
/** The venture's own editors (and platform admins) write; investors see but may not. */
const ventureWrite = (ok: number) =>
  expectFor({
    anonymous: 401,
    platformAdmin: ok,
    ventureAdmin: ok,
    ventureEditor: ok,
    ventureViewer: 403,
    'investor*': 403,
    others: 404,
  })
/** Investors with standing (editor or admin) review; the venture sees but may not. */
const reviewerWrite = expectFor({
  anonymous: 401,
  platformAdmin: 200,
  investorAdmin: 200,
  investorEditor: 200,
  investorViewer: 403,
  'venture*': 403,
  others: 404,
})
/** Assignments: investors' editors and the venture's editors. */
const assignmentWrite = (ok: number) =>
  expectFor({
    anonymous: 401,
    platformAdmin: ok,
    investorAdmin: ok,
    investorEditor: ok,
    investorViewer: 403,
    ventureAdmin: ok,
    ventureEditor: ok,
    ventureViewer: 403,
    others: 404,
  })
/** Shares: the venture's admins. */
const shareWrite = (ok: number) =>
  expectFor({
    anonymous: 401,
    platformAdmin: ok,
    ventureAdmin: ok,
    ventureEditor: 403,
    ventureViewer: 403,
    'investor*': 403,
    others: 404,
  })

export const outcomesCases: MatrixCase[] = [
  {
    operationId: 'listIndicators',
    request: () => ({ path: '/v1/indicators?q=arbeid' }),
    expect: expectFor({ anonymous: 401, others: 200 }),
  },
  {
    operationId: 'getIndicator',
    request: () => ({ path: '/v1/indicators/PI4060' }),
    expect: expectFor({ anonymous: 401, others: 200 }),
  },
  {
    operationId: 'createIndicator',
    request: () => ({
      path: '/v1/indicators',
      body: {
        code: code('MATRIX'),
        nameNb: 'Matriseindikator',
        nameEn: 'Matrix indicator',
        level: 'output',
        unit: 'count',
        aggregation: 'sum',
        direction: 'increase',
        personal: false,
      },
    }),
    // Editors and admins of any organization (the matrix users belong to one each); viewers may not.
    expect: expectFor({
      anonymous: 401,
      investorViewer: 403,
      ventureViewer: 403,
      municipalityViewer: 403,
      agencyViewer: 403,
      others: 201,
    }),
  },
  {
    operationId: 'updateIndicator',
    request: async (w) => ({
      path: `/v1/indicators/${await indicator(w, w.orgs.investor)}`,
      body: { nameEn: 'Renamed matrix indicator' },
    }),
    // Owned by the matrix investor: its editors and admins; everyone sees it, so others get 403.
    expect: expectFor({
      anonymous: 401,
      platformAdmin: 200,
      investorAdmin: 200,
      investorEditor: 200,
      others: 403,
    }),
  },
  {
    operationId: 'listAssignments',
    request: async (w) => {
      await ensure(w)
      return { path: `${venture(w)}/assignments` }
    },
    expect: detailedRead,
  },
  {
    operationId: 'createAssignment',
    request: async (w) => ({
      path: `${venture(w)}/assignments`,
      body: { indicatorCode: await indicator(w, null), frequency: 'yearly', startDate: '2100-01-01' },
    }),
    expect: assignmentWrite(201),
  },
  {
    operationId: 'updateAssignment',
    request: async (w) => ({
      path: `/v1/assignments/${(await ensure(w)).assignment}`,
      body: { targets: [{ period: '2100-Q1', value: '5' }] },
    }),
    expect: assignmentWrite(200),
  },
  {
    operationId: 'listReports',
    request: async (w) => {
      await ensure(w)
      return { path: `${venture(w)}/reports?limit=5` }
    },
    expect: detailedRead,
  },
  {
    operationId: 'createReport',
    request: async (w) => {
      await ensure(w)
      return { path: `${venture(w)}/reports`, body: { period: freshPeriod() } }
    },
    expect: ventureWrite(201),
  },
  {
    operationId: 'getReport',
    request: async (w) => ({ path: `/v1/reports/${(await ensure(w)).report}` }),
    expect: detailedRead,
  },
  {
    operationId: 'saveReportValues',
    request: async (w) => {
      await ensure(w)
      return {
        path: `/v1/reports/${await report(w, 'draft')}/values`,
        body: { values: [{ indicatorCode: MATRIX_INDICATOR, total: '2' }] },
      }
    },
    expect: ventureWrite(200),
  },
  {
    operationId: 'submitReport',
    request: async (w) => {
      await ensure(w)
      return { path: `/v1/reports/${await report(w, 'draft')}/submit` }
    },
    expect: ventureWrite(200),
  },
  {
    operationId: 'verifyReport',
    request: async (w) => {
      await ensure(w)
      return { path: `/v1/reports/${await report(w, 'submitted')}/verify` }
    },
    expect: reviewerWrite,
  },
  {
    operationId: 'returnReport',
    request: async (w) => {
      await ensure(w)
      return {
        path: `/v1/reports/${await report(w, 'submitted')}/return`,
        body: { reason: 'Please check the count' },
      }
    },
    expect: reviewerWrite,
  },
  {
    operationId: 'amendReport',
    request: async (w) => {
      await ensure(w)
      return {
        path: `/v1/reports/${await report(w, 'verified')}/amend`,
        body: { reason: 'A late correction' },
      }
    },
    expect: ventureWrite(200),
  },
  {
    operationId: 'importReports',
    request: async (w) => {
      await ensure(w)
      return {
        path: `${venture(w)}/reports/import`,
        body: `period;indicator;value\r\n${freshPeriod()};${MATRIX_INDICATOR};3\r\n`,
        headers: { 'content-type': 'text/csv' },
      }
    },
    expect: ventureWrite(200),
  },
  {
    operationId: 'getReportTemplate',
    request: async (w) => {
      await ensure(w)
      return { path: `${venture(w)}/reports/template.csv?period=2000-Q1` }
    },
    expect: detailedRead,
  },
  {
    operationId: 'getReportTemplateXlsx',
    request: async (w) => {
      await ensure(w)
      return { path: `${venture(w)}/reports/template.xlsx?period=2000-Q1` }
    },
    expect: detailedRead,
  },
  {
    operationId: 'getOutcomes',
    request: async (w) => {
      await ensure(w)
      return { path: `${venture(w)}/outcomes?granularity=year` }
    },
    expect: detailedRead,
  },
  {
    operationId: 'listShares',
    request: (w) => ({ path: `${venture(w)}/shares` }),
    // The venture's own members see whom it shares with; investors with standing see the venture but not this.
    expect: expectFor({ anonymous: 401, platformAdmin: 200, 'venture*': 200, 'investor*': 403, others: 404 }),
  },
  {
    operationId: 'createShare',
    request: async (w) => ({
      path: `${venture(w)}/shares`,
      body: { organizationId: (await makeOrg(w.db, { kind: 'agency' })).id, level: 'aggregate' },
    }),
    expect: shareWrite(201),
  },
  {
    operationId: 'revokeShare',
    request: async (w) => {
      const id = crypto.randomUUID()
      await w.db
        .insertInto('dataShares')
        .values({
          id,
          ventureOrgId: w.orgs.venture,
          granteeOrgId: (await makeOrg(w.db, { kind: 'agency' })).id,
          level: 'aggregate',
          createdBy: null,
          revokedAt: null,
          revokedBy: null,
        })
        .execute()
      return { path: `${venture(w)}/shares/${id}` }
    },
    expect: shareWrite(200),
  },
]
