import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from './http/env.ts'

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Effekt API',
    version: '0.1.0',
    description:
      'Effekt records social ventures, the capital and non-financial support investors give them, and the social outcomes they achieve. Errors are RFC 9457 problem+json.',
    license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    contact: { name: 'Effekt', url: 'https://github.com/effekt' },
  },
  servers: [{ url: '/', description: 'The server this document was served from' }],
  tags: [
    { name: 'health', description: 'Liveness and readiness probes' },
    { name: 'auth', description: 'Sign-in sessions, the current user and API tokens' },
    { name: 'organizations', description: 'Investors, ventures, municipalities, agencies and their members' },
    {
      name: 'sso',
      description: 'Single sign-on (OpenID Connect) per organization: provider and email domains',
    },
    { name: 'ventures', description: 'Venture profiles' },
    {
      name: 'capital',
      description: 'Investments and their ledgers, valuations, non-financial support and other funding',
    },
    { name: 'portfolio', description: 'An investor’s portfolio in NOK' },
    { name: 'exports', description: 'CSV exports for spreadsheets, the IATI file and its sector choice' },
    { name: 'indicators', description: 'The indicator catalogue (IRIS+ where one applies)' },
    { name: 'outcomes', description: 'Assignments, targets and outcome time series' },
    { name: 'reports', description: 'Reports, their values, workflow and CSV import' },
    { name: 'shares', description: 'Data shares from a venture to other organizations' },
    { name: 'economics', description: 'Cost per outcome, attribution and SROI' },
    {
      name: 'annual-report',
      description:
        'The annual impact report per venture and portfolio (JSON and PDF), and the investor’s commentary',
    },
    { name: 'impact', description: 'Municipality impact with disclosure control, and open data' },
    { name: 'contracts', description: 'Outcome contracts (effektkontrakter) and their payment statements' },
    { name: 'audit', description: 'The audit trail of every change' },
    { name: 'operations', description: 'Operating a server: backups' },
    { name: 'admin', description: 'Platform administration: the mail outbox' },
    {
      name: 'notifications',
      description: 'In-app notifications, delivery preferences and reminder settings',
    },
  ],
} as const

type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>
/**
 * Built once per app: generating it walks every route's schemas, and `GET /openapi.json` did that
 * on each request (issue 17: ≈ 80 MB more RSS on the embedded default after 40 requests). Routes
 * are all registered before the first request, so the first build is the final one.
 */
const documents = new WeakMap<OpenAPIHono<AppEnv>, OpenApiDocument>()

export const openApiDocument = (app: OpenAPIHono<AppEnv>): OpenApiDocument => {
  let document = documents.get(app)
  if (!document) {
    document = app.getOpenAPI31Document(
      OPENAPI_INFO as unknown as Parameters<typeof app.getOpenAPI31Document>[0],
    )
    documents.set(app, document)
  }
  return document
}
