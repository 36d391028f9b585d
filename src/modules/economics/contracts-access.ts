import { forbidden, notFound } from '../../http/problem.ts'
import { hasRole, membershipIn, requirePrincipal } from '../../policy/policy.ts'
import type { Principal } from '../../policy/principal.ts'
import type { Ctx } from '../context.ts'
import * as repo from './contracts-repo.ts'

/**
 * Who may see and act on an outcome contract: the payer (its editors and admins create and
 * approve), the provider venture, the named investors and partners (read), platform admins
 * (everything). Everyone else gets 404, the same as for a missing contract.
 */
export interface LoadedContract {
  contract: repo.ContractRow
  parties: repo.PartyRow[]
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
  if (!contract) throw notFound('outcome contract')
  const parties = await repo.partiesOf(ctx.db, [id])
  if (!mayRead(principal, contract, parties)) throw notFound('outcome contract')
  return { contract, parties, mayApprove: mayApprove(principal, contract) }
}

export async function requireContractApprover(ctx: Ctx, id: string): Promise<LoadedContract> {
  const loaded = await requireContract(ctx, id)
  if (!loaded.mayApprove) {
    throw forbidden('Only editors and administrators of the paying organization may approve its statements.')
  }
  return loaded
}

/** Creating: editors and admins of the payer named, and platform admins. */
export function assertMayCreateFor(principal: Principal, payerOrgId: string) {
  if (principal.isPlatformAdmin || hasRole(principal, payerOrgId, 'editor')) return
  throw forbidden(
    'Only editors and administrators of the paying organization may create its outcome contracts.',
  )
}
