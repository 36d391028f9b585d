import type { OpenAPIHono } from '@hono/zod-openapi'
import { formatMoney } from '../../domain/money.ts'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import { PageQuery } from '../../http/pagination.ts'
import { iso } from '../../http/serialize.ts'
import { IdParam } from '../identity/index.ts'
import {
  Contribution,
  ContributionListQuery,
  ContributionPage,
  CreateContribution,
  CreateFunding,
  Funding,
  FundingPage,
  type NETWORK_RESULTS,
} from './support-schemas.ts'
import type { ContributionRow, FundingRow } from './support-service.ts'
import * as support from './support-service.ts'
import type { VentureCapitalFigures } from './venture-capital.ts'

const tags = ['capital']
const READ =
  'Anyone with detailed access to the venture: its members, its investors, organizations it shares detailed data with.'

export const contributionOut = (c: ContributionRow) => ({
  id: c.id,
  ventureId: c.ventureOrgId,
  investorOrgId: c.investorOrgId,
  investorName: c.investorName,
  kind: c.kind,
  date: c.date,
  description: c.description,
  introducedParty: c.introducedParty,
  purpose: c.purpose,
  result: c.result as (typeof NETWORK_RESULTS)[number] | null,
  value: c.value,
  hours: c.hours,
  hourlyValue: c.hourlyValue,
  topic: c.topic,
  givenBy: c.givenBy,
  valueNok: formatMoney(support.contributionValueOf(c)),
  createdAt: iso(c.createdAt),
  createdBy: c.createdBy,
})

export const supportOut = (s: support.SupportSummary) => ({
  count: s.count,
  network: s.network,
  competence: s.competence,
  hours: s.hours.toFixed(2),
  value: formatMoney(s.value),
})

export const fundingOut = (f: FundingRow) => ({
  id: f.id,
  ventureId: f.ventureOrgId,
  funderName: f.funderName,
  funderOrgId: f.funderOrgId,
  instrument: f.instrument,
  amountNok: f.amountNok,
  date: f.date,
  note: f.note,
  createdAt: iso(f.createdAt),
  createdBy: f.createdBy,
})

export const ventureCapitalOut = (v: VentureCapitalFigures) => ({
  investments: formatMoney(v.investments),
  otherFunding: formatMoney(v.otherFunding),
  total: formatMoney(v.total),
})

const listContributions = route({
  method: 'get',
  path: '/v1/ventures/{id}/contributions',
  operationId: 'listContributions',
  tags,
  access: 'user',
  summary: 'Non-financial support given to a venture',
  description: `Network introductions and competence hours from investors, by date, with totals (hours, valued support in NOK) over everything matching the filters, overall and per investor. ${READ}`,
  request: { params: IdParam, query: PageQuery.extend(ContributionListQuery.shape) },
  responses: { 200: json(ContributionPage, 'A page of support with totals'), ...problems(400, 401, 404) },
})

const createContribution = route({
  method: 'post',
  path: '/v1/ventures/{id}/contributions',
  operationId: 'createContribution',
  tags,
  access: 'user',
  summary: 'Record non-financial support',
  description:
    'Network: who the venture was introduced to, why, and what came of it, with an optional value. Competence: hours, the hourly value in NOK, the topic and who gave it. Editors and admins of an investor with a relationship to the venture, for that investor; platform admins name the investor.',
  request: { params: IdParam, ...jsonBody(CreateContribution, 'The support given') },
  responses: { 201: json(Contribution, 'Recorded'), ...problems(400, 401, 403, 404, 415, 422) },
})

const listFunding = route({
  method: 'get',
  path: '/v1/ventures/{id}/funding',
  operationId: 'listFunding',
  tags,
  access: 'user',
  summary: 'A venture’s other funding',
  description: `Capital from co-investors and funders that do not record it in Effekt, by date, and all capital disbursed to the venture (investments recorded in Effekt plus other funding), the denominator of attribution. ${READ}`,
  request: { params: IdParam, query: PageQuery },
  responses: { 200: json(FundingPage, 'A page of other funding'), ...problems(400, 401, 404) },
})

const createFunding = route({
  method: 'post',
  path: '/v1/ventures/{id}/funding',
  operationId: 'createFunding',
  tags,
  access: 'user',
  summary: 'Record other funding',
  description:
    'Capital the venture received from a funder that does not record it in Effekt (a co-investor, a foundation, a public grant). An organization that records its own investments in the venture is refused (422), so nothing counts twice. The venture’s editors and admins, editors and admins of its investors, and platform admins.',
  request: { params: IdParam, ...jsonBody(CreateFunding, 'The funding') },
  responses: { 201: json(Funding, 'Recorded'), ...problems(400, 401, 403, 404, 415, 422) },
})

export function registerSupportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listContributions, async (c) => {
    const page = await support.listContributions(ctxOf(c), c.req.valid('param').id, c.req.valid('query'))
    return c.json(
      {
        items: page.items.map(contributionOut),
        nextCursor: page.nextCursor,
        totals: supportOut(page.totals),
        byInvestor: page.byInvestor.map((b) => ({
          investorOrgId: b.investorOrgId,
          investorName: b.investorName,
          ...supportOut(b),
        })),
      },
      200,
    )
  })
  app.openapi(createContribution, async (c) => {
    const created = await support.createContribution(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))
    return c.json(contributionOut(created), 201)
  })
  app.openapi(listFunding, async (c) => {
    const page = await support.listFunding(ctxOf(c), c.req.valid('param').id, c.req.valid('query'))
    return c.json(
      {
        items: page.items.map(fundingOut),
        nextCursor: page.nextCursor,
        capital: ventureCapitalOut(page.capital),
      },
      200,
    )
  })
  app.openapi(createFunding, async (c) => {
    const created = await support.createFunding(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))
    return c.json(fundingOut(created), 201)
  })
}
