/**
 * Consent grants access (PRODUCT.md §10): a relationship takes effect only when every party whose
 * data it exposes has accepted it. Pure rules, shared by contracts, investments and memberships.
 */
export type Decision = 'pending' | 'accepted' | 'declined'
export type ContractStatus = 'pending' | 'active' | 'declined'

/** Declined when any party declined, active when all accepted, else pending. */
export function contractStatus(decisions: readonly Decision[]): ContractStatus {
  if (decisions.includes('declined')) return 'declined'
  if (decisions.length > 0 && decisions.every((d) => d === 'accepted')) return 'active'
  return 'pending'
}
