import { withTx } from '../../db/tx.ts'
import { contractStatus } from '../../domain/consent.ts'
import { invalid, Problem } from '../../http/problem.ts'
import type { ProblemCode } from '../../http/problem-codes.ts'
import { hasRole, requirePrincipal } from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import * as capitalRepo from '../capital/index.ts'
import type { Ctx } from '../context.ts'
import { type LoadedContract, requireContract } from './contracts-access.ts'
import * as repo from './contracts-repo.ts'
import { type ContractView, views } from './contracts-service.ts'

/**
 * Each named party of an outcome contract — payer, provider venture, investors, partners —
 * accepts or declines it through an administrator of its own organization (PRODUCT.md §10: only
 * the party whose data a relationship exposes can grant it). The contract is active when all
 * have accepted, declined as soon as one declines; both are final. Activation also accepts the
 * contract's outcome_contract investment, which the provider consented to with the contract.
 */
export interface DecisionInput {
  organizationId?: string | undefined
  reason?: string | undefined
}

const problem = (code: ProblemCode, detail?: string) => new Problem(code, detail)

/** The party the caller decides for: the one named, or its only undecided party where it is admin. */
function partyFor(ctx: Ctx, loaded: LoadedContract, named: string | undefined): repo.AcceptanceRow {
  const principal = requirePrincipal(ctx.principal)
  const mine = loaded.acceptances.filter((a) => hasRole(principal, a.orgId, 'admin'))
  if (named) {
    const row = loaded.acceptances.find((a) => a.orgId === named)
    if (!row) {
      throw new Problem('contract.not_a_party', undefined, {
        errors: [
          {
            in: 'body',
            path: 'organizationId',
            message: 'Not a party to this contract.',
            code: 'contract.not_a_party',
          },
        ],
      })
    }
    if (!mine.includes(row)) {
      throw problem('contract.not_party_admin', `Only an administrator of ${row.name} may decide for it.`)
    }
    return row
  }
  const open = mine.filter((a) => a.decision === 'pending')
  if (open.length === 1) return open[0]!
  if (open.length > 1) {
    throw invalid('organizationId', 'contract.organization_required')
  }
  if (mine.length > 0) {
    throw problem(
      'contract.already_decided',
      `${mine[0]!.name} has already ${mine[0]!.decision} this contract.`,
    )
  }
  throw problem('contract.not_party_admin')
}

/** POST /v1/contracts/{id}/accept | decline. */
export async function decideContract(
  ctx: Ctx,
  id: string,
  decision: 'accepted' | 'declined',
  input: DecisionInput,
): Promise<ContractView> {
  const loaded = await requireContract(ctx, id)
  const party = partyFor(ctx, loaded, input.organizationId)
  await withTx(ctx.db, async (trx) => {
    await repo.lockContract(trx, id)
    const before = await repo.acceptancesOf(trx, [id])
    const status = contractStatus(before.map((a) => a.decision))
    if (status === 'declined') {
      throw problem('contract.declined', 'The contract was declined by a party; it cannot change now.')
    }
    const done = await repo.decide(trx, id, party.orgId, {
      decision,
      by: ctx.principal!.userId,
      at: ctx.now,
      reason: input.reason ?? '',
    })
    if (!done) {
      throw problem('contract.already_decided', `${party.name} has already decided on this contract.`)
    }
    await recordAudit(trx, ctx, {
      action: decision === 'accepted' ? 'outcome_contract.accept' : 'outcome_contract.decline',
      entity: 'outcome_contract',
      entityId: id,
      organizationId: party.orgId,
      before: { role: party.role, decision: 'pending' },
      after: { role: party.role, decision, reason: input.reason ?? '' },
    })
    const after = await repo.acceptancesOf(trx, [id])
    if (contractStatus(after.map((a) => a.decision)) === 'active') await activate(trx, ctx, loaded.contract)
  })
  const contract = (await repo.findContract(ctx.db, id))!
  return (await views(ctx.db, [contract]))[0]!
}

/** Every party has accepted: the contract's investment takes effect with it. */
async function activate(trx: Ctx['db'], ctx: Ctx, contract: repo.ContractRow) {
  const accepted = await capitalRepo.decideInvestment(
    trx,
    contract.investmentId,
    'accepted',
    ctx.principal?.userId ?? null,
    ctx.now,
  )
  await recordAudit(trx, ctx, {
    action: 'outcome_contract.activate',
    entity: 'outcome_contract',
    entityId: contract.id,
    organizationId: contract.payerOrgId,
    after: { status: 'active', investmentAccepted: accepted },
  })
}

/**
 * Records every party's acceptance at once, for the demo loader and the operator: the caller has
 * the parties' agreement outside Effekt (for the demo: by construction).
 */
export async function acceptAllPartiesAudited(ctx: Ctx, contractId: string): Promise<void> {
  await withTx(ctx.db, async (trx) => {
    const contract = await repo.findContract(trx, contractId)
    if (!contract) return
    for (const a of await repo.acceptancesOf(trx, [contractId])) {
      if (a.decision !== 'pending') continue
      await repo.decide(trx, contractId, a.orgId, {
        decision: 'accepted',
        by: ctx.principal?.userId ?? null,
        at: ctx.now,
        reason: '',
      })
    }
    const after = await repo.acceptancesOf(trx, [contractId])
    if (contractStatus(after.map((a) => a.decision)) === 'active')
      await activate(trx, { ...ctx, db: trx }, contract)
  })
}
