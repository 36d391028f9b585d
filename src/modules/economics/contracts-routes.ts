import type { OpenAPIHono } from '@hono/zod-openapi'
import { Decimal, formatMoney } from '../../domain/money.ts'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import { PageQuery, pageOf } from '../../http/pagination.ts'
import { iso } from '../../http/serialize.ts'
import { IdParam } from '../identity/index.ts'
import * as consent from './contracts-consent.ts'
import {
  Contract,
  ContractDecision,
  CreateContract,
  Statement,
  StatementParams,
  StatementQuery,
} from './contracts-schemas.ts'
import * as contracts from './contracts-service.ts'
import * as statements from './statements-service.ts'

const tags = ['contracts']
const READ =
  'Parties to the contract only: members of the payer, the provider venture, the named investors and partners, and platform admins; everyone else gets 404.'

export const contractOut = (v: contracts.ContractView) => ({
  id: v.contract.id,
  name: v.contract.name,
  description: v.contract.description,
  payer: { id: v.contract.payerOrgId, name: v.contract.payerName, kind: v.contract.payerKind },
  provider: { id: v.contract.providerOrgId, name: v.contract.providerName },
  investors: v.parties.filter((p) => p.role === 'investor').map((p) => ({ id: p.orgId, name: p.name })),
  partners: v.parties
    .filter((p) => p.role === 'partner')
    .map((p) => ({ id: p.orgId, name: p.name, kind: p.kind })),
  investmentId: v.contract.investmentId,
  frequency: v.contract.frequency,
  startDate: v.contract.startDate,
  endDate: v.contract.endDate,
  totalCap: v.contract.totalCap === null ? null : formatMoney(new Decimal(v.contract.totalCap)),
  currency: 'NOK' as const,
  metrics: v.metrics.map((m) => ({
    indicatorCode: m.indicatorCode,
    label: m.label,
    pricePerUnit: formatMoney(new Decimal(m.pricePerUnit)),
    baselineUnitsPerPeriod: new Decimal(m.baselineUnits).toFixed(),
    unitCap: m.unitCap === null ? null : new Decimal(m.unitCap).toFixed(),
  })),
  status: v.status,
  acceptances: v.acceptances.map((a) => ({
    organization: { id: a.orgId, name: a.name, kind: a.kind },
    role: a.role,
    decision: a.decision,
    decidedAt: a.decidedAt ? iso(a.decidedAt) : null,
    reason: a.reason,
  })),
  statements: v.statements.map((s) => ({
    period: s.period,
    total: formatMoney(new Decimal(s.total)),
    approvedAt: iso(s.approvedAt),
    transactionId: s.transactionId,
  })),
  paidToDate: formatMoney(v.statements.reduce((sum, s) => sum.plus(new Decimal(s.total)), new Decimal(0))),
  createdAt: iso(v.contract.createdAt),
})

const list = route({
  method: 'get',
  path: '/v1/contracts',
  operationId: 'listContracts',
  tags,
  access: 'user',
  summary: 'List outcome contracts',
  description: `Outcome contracts the caller is a party to, by name. ${READ}`,
  request: { query: PageQuery },
  responses: {
    200: json(pageOf(Contract, 'OutcomeContractPage'), 'A page of contracts'),
    ...problems(400, 401),
  },
})

const create = route({
  method: 'post',
  path: '/v1/contracts',
  operationId: 'createContract',
  tags,
  access: 'user',
  summary: 'Create an outcome contract',
  description:
    'Editors and admins of the paying municipality or agency, and platform admins. The contract starts `pending`: it grants nothing (no statements, no access to the provider’s values, no investment) until an administrator of every named party — payer, provider, each investor and partner — has accepted it (POST /v1/contracts/{id}/accept); the payer’s acceptance is recorded at once when a payer admin creates it. Priced metrics must be flows assigned to the provider venture and reported at least as often as statements are drawn up. Without `investmentId`, an outcome_contract investment of the lead (first) investor in the provider is created to receive the payments.',
  request: jsonBody(CreateContract, 'The contract'),
  responses: { 201: json(Contract, 'Created'), ...problems(401, 403, 409, 415, 422) },
})

const get = route({
  method: 'get',
  path: '/v1/contracts/{id}',
  operationId: 'getContract',
  tags,
  access: 'user',
  summary: 'Get an outcome contract',
  description: `The contract with its priced metrics and approved statements. ${READ}`,
  request: { params: IdParam },
  responses: { 200: json(Contract, 'The contract'), ...problems(400, 401, 404) },
})

const decide = (verb: 'accept' | 'decline') =>
  route({
    method: 'post',
    path: `/v1/contracts/{id}/${verb}`,
    operationId: `${verb}Contract`,
    tags,
    access: 'user',
    summary:
      verb === 'accept' ? 'Accept an outcome contract for your organization' : 'Decline an outcome contract',
    description: `Administrators of a party to the contract, for that party (name it with \`organizationId\` when you administer several). ${
      verb === 'accept'
        ? 'When the last party accepts, the contract becomes active and its outcome_contract investment takes effect.'
        : 'One decline makes the contract declined for good: it never grants access or pays.'
    } 409 when the party has decided already or the contract was declined; 403 for other readers. ${READ}`,
    request: { params: IdParam, ...jsonBody(ContractDecision, 'For whom, and why') },
    responses: {
      200: json(Contract, 'The contract with its decisions'),
      ...problems(400, 401, 403, 404, 409, 415, 422),
    },
  })
const accept = decide('accept')
const decline = decide('decline')

const statement = route({
  method: 'get',
  path: '/v1/contracts/{id}/statements',
  operationId: 'getContractStatement',
  tags,
  access: 'user',
  summary: 'What is payable for a period',
  description: `The approved statement for the period exactly as approved, or the draft computed now from verified values: per priced metric min(remaining caps, max(0, verified units − baseline) × price), caps applied cumulatively from the first period, plus adjustments for earlier periods whose verified values changed after approval. 409 for a period that was skipped (caught up in a later approved statement), and while the contract is not active (code contract.not_accepted or contract.declined). ${READ}`,
  request: { params: IdParam, query: StatementQuery },
  responses: { 200: json(Statement, 'The statement'), ...problems(400, 401, 404, 409) },
})

const approve = route({
  method: 'post',
  path: '/v1/contracts/{id}/statements/{period}/approve',
  operationId: 'approveContractStatement',
  tags,
  access: 'user',
  summary: 'Approve a period’s statement',
  description:
    'Editors and admins of the payer, and platform admins; other parties get 403. Freezes the statement and records its total as one outcome_payment transaction (dated today) on the contract’s outcome_contract investment; a 0 statement records none. Exactly once: approving the same period again returns the statement approved first (200) and records nothing. 409 before the period has ended, and when the total is negative: a clawback is set off against the next statement, never recorded as a negative payment.',
  request: { params: StatementParams },
  responses: {
    200: json(Statement, 'Already approved: the statement approved first'),
    201: json(Statement, 'Approved now'),
    ...problems(400, 401, 403, 404, 409),
  },
})

export function registerContractRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const page = await contracts.listContracts(ctxOf(c), c.req.valid('query'))
    return c.json({ items: page.items.map(contractOut), nextCursor: page.nextCursor }, 200)
  })
  app.openapi(create, async (c) =>
    c.json(contractOut(await contracts.createContract(ctxOf(c), c.req.valid('json'))), 201),
  )
  app.openapi(get, async (c) =>
    c.json(contractOut(await contracts.getContract(ctxOf(c), c.req.valid('param').id)), 200),
  )
  app.openapi(accept, async (c) =>
    c.json(
      contractOut(
        await consent.decideContract(ctxOf(c), c.req.valid('param').id, 'accepted', c.req.valid('json')),
      ),
      200,
    ),
  )
  app.openapi(decline, async (c) =>
    c.json(
      contractOut(
        await consent.decideContract(ctxOf(c), c.req.valid('param').id, 'declined', c.req.valid('json')),
      ),
      200,
    ),
  )
  app.openapi(statement, async (c) =>
    c.json(
      await statements.getStatement(ctxOf(c), c.req.valid('param').id, c.req.valid('query').period),
      200,
    ),
  )
  app.openapi(approve, async (c) => {
    const { id, period } = c.req.valid('param')
    const result = await statements.approveStatement(ctxOf(c), id, period)
    return result.created ? c.json(result.statement, 201) : c.json(result.statement, 200)
  })
}
