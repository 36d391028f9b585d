import { withTx } from '../../db/tx.ts'
import { type ContractStatus, contractStatus } from '../../domain/consent.ts'
import { decodeCursor, toPage } from '../../http/pagination.ts'
import { invalidMany } from '../../http/problem.ts'
import { hasRole, requirePrincipal } from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import { insertInvestmentAudited } from '../capital/index.ts'
import type { Ctx } from '../context.ts'
import { contractErrors } from './contract-validation.ts'
import { assertMayCreateFor, requireContract } from './contracts-access.ts'
import * as repo from './contracts-repo.ts'
import type { CreateContractInput } from './contracts-schemas.ts'

export interface ContractView {
  contract: repo.ContractRow
  parties: repo.PartyRow[]
  acceptances: repo.AcceptanceRow[]
  status: ContractStatus
  metrics: repo.MetricRow[]
  statements: repo.StatementRow[]
}

/** Parties, acceptances, metrics and approved statements of several contracts: four queries. */
export async function views(db: Ctx['db'], contracts: repo.ContractRow[]): Promise<ContractView[]> {
  const ids = contracts.map((c) => c.id)
  const [parties, acceptances, metrics, statements] = await Promise.all([
    repo.partiesOf(db, ids),
    repo.acceptancesOf(db, ids),
    repo.metricsOf(db, ids),
    repo.statementsOf(db, ids),
  ])
  return contracts.map((contract) => {
    const own = acceptances.filter((a) => a.contractId === contract.id)
    return {
      contract,
      parties: parties.filter((p) => p.contractId === contract.id),
      acceptances: own,
      status: contractStatus(own.map((a) => a.decision)),
      metrics: metrics.filter((m) => m.contractId === contract.id),
      statements: statements.filter((s) => s.contractId === contract.id),
    }
  })
}

/** POST /v1/contracts: editors and admins of the payer, and platform admins. */
export async function createContract(ctx: Ctx, input: CreateContractInput): Promise<ContractView> {
  assertMayCreateFor(requirePrincipal(ctx.principal), input.payerOrgId)
  const id = await insertContractAudited(ctx, input)
  const contract = (await repo.findContract(ctx.db, id))!
  return (await views(ctx.db, [contract]))[0]!
}

/**
 * Validates and writes a contract with its audit event; when no investment is named, creates
 * the lead investor's outcome_contract investment (NOK) that will receive the payments, in the
 * same transaction. The caller has checked permission. Nothing is written unless all is valid.
 *
 * The contract starts pending: every named party must accept it (contracts-consent.ts). The
 * payer's acceptance is recorded at once when its admin creates it; an editor's contract waits
 * for an admin. The investment it creates is pending too unless the lead investor already has an
 * accepted relationship with the provider; activation accepts it.
 */
export async function insertContractAudited(ctx: Ctx, input: CreateContractInput): Promise<string> {
  const errors = await contractErrors(ctx.db, input)
  if (errors.length > 0) throw invalidMany(errors, 'contract.invalid')
  return withTx(ctx.db, async (trx) => {
    const investmentId =
      input.investmentId ??
      (
        await insertInvestmentAudited({ ...ctx, db: trx }, input.investors[0]!, input.providerVentureId, {
          name: `Outcome contract: ${input.name}`.slice(0, 200),
          instrument: 'outcome_contract',
          currency: 'NOK',
          startDate: input.startDate,
          description: `Receives the outcome payments of the outcome contract “${input.name}”.`,
        })
      ).id
    const id = crypto.randomUUID()
    const contract = {
      id,
      name: input.name,
      description: input.description ?? '',
      payerOrgId: input.payerOrgId,
      providerOrgId: input.providerVentureId,
      investmentId,
      frequency: input.frequency,
      startDate: input.startDate,
      endDate: input.endDate,
      totalCap: input.totalCap ?? null,
      createdBy: ctx.principal?.userId ?? null,
    }
    const parties = [
      ...input.investors.map((orgId, position) => ({ orgId, role: 'investor' as const, position })),
      ...(input.partners ?? []).map((orgId, position) => ({ orgId, role: 'partner' as const, position })),
    ]
    const metrics = input.metrics.map((m, position) => ({
      position,
      indicatorCode: m.indicatorCode,
      label: m.label ?? '',
      pricePerUnit: m.pricePerUnit,
      baselineUnits: m.baselineUnitsPerPeriod ?? '0',
      unitCap: m.unitCap ?? null,
    }))
    await repo.insertContract(trx, contract, parties, metrics)
    const payerAdmin = !!ctx.principal && hasRole(ctx.principal, input.payerOrgId, 'admin')
    await repo.insertAcceptances(trx, [
      {
        contractId: id,
        orgId: input.payerOrgId,
        role: 'payer',
        ...(payerAdmin ? { decision: 'accepted', decidedAt: ctx.now, decidedBy: ctx.principal!.userId } : {}),
      },
      { contractId: id, orgId: input.providerVentureId, role: 'provider' },
      ...parties.map((p) => ({ contractId: id, orgId: p.orgId, role: p.role })),
    ])
    await recordAudit(trx, ctx, {
      action: 'outcome_contract.create',
      entity: 'outcome_contract',
      entityId: id,
      organizationId: input.payerOrgId,
      after: { ...contract, parties, metrics },
    })
    return id
  })
}

/** Contracts the caller is a party to (any role in the payer, provider, an investor or partner). */
export async function listContracts(ctx: Ctx, q: { limit: number; cursor?: string | undefined }) {
  const principal = requirePrincipal(ctx.principal)
  const rows = await repo.listContracts(ctx.db, {
    orgIds: principal.isPlatformAdmin ? null : principal.memberships.map((m) => m.organizationId),
    after: decodeCursor(q.cursor),
    limit: q.limit,
  })
  const page = toPage(rows, q.limit, (c) => [c.name, c.id])
  return { items: await views(ctx.db, page.items), nextCursor: page.nextCursor }
}

export async function getContract(ctx: Ctx, id: string): Promise<ContractView> {
  const { contract } = await requireContract(ctx, id)
  return (await views(ctx.db, [contract]))[0]!
}
