import { type ContractStatus, contractStatus } from '../../domain/consent.ts'
import { forbidden, notFound, Problem } from '../../http/problem.ts'
import { hasRole, membershipIn, requirePrincipal } from '../../policy/policy.ts'
import type { Ctx } from '../context.ts'
import type { Principal } from '../principal.ts'
import * as repo from './contracts-repo.ts'

/**
 * Who may see and act on an outcome contract: the payer (its editors and admins create and
 * approve), the provider venture, the named investors and partners (read), platform admins
 * (everything). Everyone else gets 404, the same as for a missing contract.
 *
 * Consent (PRODUCT.md §10): a contract exposes the provider's verified values to the payer, the
 * investors and the partners, so it does so only once every named party's admin has accepted it.
 * Parties see a pending or declined contract (to decide on it), but its statements, approvals and
 * the investment it creates wait for `active`.
 */
export interface LoadedContract {
  contract: repo.ContractRow
  parties: repo.PartyRow[]
  acceptances: repo.AcceptanceRow[]
  status: ContractStatus
  /** The caller may approve statements. */
  mayApprove: boolean
}

export function mayRead(principal: Principal, contract: repo.ContractRow, parties: repo.PartyRow[]): boolean {
  if (principal.isPlatformAdmin) return true
  const orgIds = [contract.payerOrgId, contract.providerOrgId, ...parties.map((p) => p.orgId)]
  return orgIds.some((id) => membershipIn(principal, id))
}

export const mayApprove = (principal: Principal, contract: repo.ContractRow) =>
  principal.isPlatformAdmin || hasRole(principal, contract.payerOrgId, 'editor')

export async function requireContract(ctx: Ctx, id: string): Promise<LoadedContract> {
  const principal = requirePrincipal(ctx.principal)
  const contract = await repo.findContract(ctx.db, id)
  if (!contract) throw notFound('contract')
  const [parties, acceptances] = await Promise.all([
    repo.partiesOf(ctx.db, [id]),
    repo.acceptancesOf(ctx.db, [id]),
  ])
  if (!mayRead(principal, contract, parties)) throw notFound('contract')
  const status = contractStatus(acceptances.map((a) => a.decision))
  return { contract, parties, acceptances, status, mayApprove: mayApprove(principal, contract) }
}

/** Statements read the provider's verified values: only an active contract has them. */
export function assertActive(loaded: LoadedContract) {
  if (loaded.status === 'active') return
  const waiting = loaded.acceptances.filter((a) => a.decision === 'pending').map((a) => a.name)
  throw loaded.status === 'declined'
    ? new Problem('contract.declined')
    : new Problem(
        'contract.not_accepted',
        `The contract is not active until every party has accepted it; waiting for ${waiting.join(', ')}.`,
      )
}

export async function requireActiveContract(ctx: Ctx, id: string): Promise<LoadedContract> {
  const loaded = await requireContract(ctx, id)
  assertActive(loaded)
  return loaded
}

export async function requireContractApprover(ctx: Ctx, id: string): Promise<LoadedContract> {
  const loaded = await requireContract(ctx, id)
  if (!loaded.mayApprove) {
    throw forbidden('contract.approve_not_permitted')
  }
  assertActive(loaded)
  return loaded
}

/** Creating: editors and admins of the payer named, and platform admins. */
export function assertMayCreateFor(principal: Principal, payerOrgId: string) {
  if (principal.isPlatformAdmin || hasRole(principal, payerOrgId, 'editor')) return
  throw forbidden('contract.create_not_permitted')
}
