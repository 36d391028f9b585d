import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import { PageQuery, pageOf } from '../../http/pagination.ts'
import { IdParam } from '../identity/index.ts'
import * as investments from './investments-service.ts'
import * as ledger from './ledger-service.ts'
import {
  CreateInvestment,
  CreateTransaction,
  CreateValuation,
  Investment,
  InvestmentListQuery,
  Transaction,
  Valuation,
} from './schemas.ts'
import { investmentOut, transactionOut, valuationOut } from './serialize.ts'

const tags = ['capital']
const READ =
  'Anyone with detailed access to the venture: its members, its investors, organizations it shares detailed data with.'
const WRITE = 'The investment’s own investor organization (editors and admins) and platform admins.'

const listInvestments = route({
  method: 'get',
  path: '/v1/ventures/{id}/investments',
  operationId: 'listInvestments',
  tags,
  access: 'user',
  summary: 'List a venture’s investments',
  description: `Every investor’s investments in the venture, by start date, each with its derived figures in NOK. ${READ}`,
  request: { params: IdParam, query: PageQuery.extend(InvestmentListQuery.shape) },
  responses: {
    200: json(pageOf(Investment, 'InvestmentPage'), 'A page of investments'),
    ...problems(400, 401, 404),
  },
})

const createInvestment = route({
  method: 'post',
  path: '/v1/ventures/{id}/investments',
  operationId: 'createInvestment',
  tags,
  access: 'user',
  summary: 'Record an investment',
  description:
    'Editors and admins of an investor organization with a relationship to the venture (it invested in it, onboarded it or has a detailed data share), for that investor; platform admins name the investor with `investorOrgId`. Terms apply only where the instrument has them: interest rate and maturity for loans and convertibles, ownership for equity and convertibles.',
  request: { params: IdParam, ...jsonBody(CreateInvestment, 'The investment') },
  responses: { 201: json(Investment, 'Recorded'), ...problems(400, 401, 403, 404, 415, 422) },
})

const getInvestment = route({
  method: 'get',
  path: '/v1/investments/{id}',
  operationId: 'getInvestment',
  tags,
  access: 'user',
  summary: 'Get an investment with its figures',
  description: `Committed, disbursed, undisbursed, repaid, outstanding, written off, latest valuation and outcome payments in NOK: each entry converted at its own rate, rounded half-even once at the end. ${READ}`,
  request: { params: IdParam },
  responses: { 200: json(Investment, 'The investment'), ...problems(400, 401, 404) },
})

const decision = (verb: 'accept' | 'decline') =>
  route({
    method: 'post',
    path: `/v1/investments/{id}/${verb}`,
    operationId: `${verb}Investment`,
    tags,
    access: 'user',
    summary:
      verb === 'accept' ? 'Accept an investment in your venture' : 'Decline an investment in your venture',
    description: `The venture’s administrators only (the party whose data an investment exposes). ${
      verb === 'accept'
        ? 'A pending investment becomes accepted: its investor gains detailed access to the venture.'
        : 'A pending investment becomes declined: it never gives its investor access.'
    } 409 when it was decided already; other readers of the investment get 403.`,
    request: { params: IdParam },
    responses: { 200: json(Investment, 'Decided'), ...problems(400, 401, 403, 404, 409) },
  })
const acceptInvestment = decision('accept')
const declineInvestment = decision('decline')

const listTransactions = route({
  method: 'get',
  path: '/v1/investments/{id}/transactions',
  operationId: 'listTransactions',
  tags,
  access: 'user',
  summary: 'The investment’s ledger',
  description: `Every entry, reversals included, by date and then recording order. ${READ}`,
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: json(pageOf(Transaction, 'TransactionPage'), 'A page of the ledger'),
    ...problems(400, 401, 404),
  },
})

const createTransaction = route({
  method: 'post',
  path: '/v1/investments/{id}/transactions',
  operationId: 'createTransaction',
  tags,
  access: 'user',
  summary: 'Append a transaction',
  description: `The ledger is append-only: a mistake is corrected by a reversal (\`reversesId\`), never by editing or deleting. Refused with 422 naming the field: an amount that is not a positive decimal string with at most 2 decimals, an unknown currency, a foreign amount without its rate to NOK, a date after today plus the configured horizon, a disbursement beyond what is committed (unless \`overCommitment\` is true), a repayment or interest on a grant, equity entries on a debt or grant, a second reversal or the reversal of a reversal. ${WRITE}`,
  request: { params: IdParam, ...jsonBody(CreateTransaction, 'The entry') },
  responses: { 201: json(Transaction, 'Appended'), ...problems(400, 401, 403, 404, 409, 415, 422) },
})

const listValuations = route({
  method: 'get',
  path: '/v1/investments/{id}/valuations',
  operationId: 'listValuations',
  tags,
  access: 'user',
  summary: 'Valuations of an equity or convertible investment',
  description: `Fair values in NOK by date; the newest (by date, then recording order) is the investment’s latest valuation. ${READ}`,
  request: { params: IdParam, query: PageQuery },
  responses: {
    200: json(pageOf(Valuation, 'ValuationPage'), 'A page of valuations'),
    ...problems(400, 401, 404),
  },
})

const createValuation = route({
  method: 'post',
  path: '/v1/investments/{id}/valuations',
  operationId: 'createValuation',
  tags,
  access: 'user',
  summary: 'Record a valuation',
  description: `Equity and convertible investments only (409 for other instruments). Append-only: record a newer valuation to supersede one. ${WRITE}`,
  request: { params: IdParam, ...jsonBody(CreateValuation, 'The valuation') },
  responses: { 201: json(Valuation, 'Recorded'), ...problems(400, 401, 403, 404, 409, 415, 422) },
})

export function registerLedgerRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(listInvestments, async (c) => {
    const page = await investments.listInvestments(ctxOf(c), c.req.valid('param').id, c.req.valid('query'))
    return c.json({ items: page.items.map(investmentOut), nextCursor: page.nextCursor }, 200)
  })
  app.openapi(createInvestment, async (c) => {
    const created = await investments.createInvestment(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))
    return c.json(investmentOut(created), 201)
  })
  app.openapi(getInvestment, async (c) =>
    c.json(investmentOut(await investments.getInvestment(ctxOf(c), c.req.valid('param').id)), 200),
  )
  app.openapi(acceptInvestment, async (c) =>
    c.json(
      investmentOut(await investments.decideInvestment(ctxOf(c), c.req.valid('param').id, 'accepted')),
      200,
    ),
  )
  app.openapi(declineInvestment, async (c) =>
    c.json(
      investmentOut(await investments.decideInvestment(ctxOf(c), c.req.valid('param').id, 'declined')),
      200,
    ),
  )
  app.openapi(listTransactions, async (c) => {
    const page = await ledger.listTransactions(ctxOf(c), c.req.valid('param').id, c.req.valid('query'))
    return c.json({ items: page.items.map(transactionOut), nextCursor: page.nextCursor }, 200)
  })
  app.openapi(createTransaction, async (c) => {
    const created = await ledger.createTransaction(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))
    return c.json(transactionOut(created), 201)
  })
  app.openapi(listValuations, async (c) => {
    const page = await ledger.listValuations(ctxOf(c), c.req.valid('param').id, c.req.valid('query'))
    return c.json({ items: page.items.map(valuationOut), nextCursor: page.nextCursor }, 200)
  })
  app.openapi(createValuation, async (c) => {
    const created = await ledger.createValuation(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))
    return c.json(valuationOut(created), 201)
  })
}
