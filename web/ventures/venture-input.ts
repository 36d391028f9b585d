import type { getVenture } from '../../src/modules/ventures/index.ts'

// The venture page's shared types, in their own file so the page and its section files import
// them without importing each other.
export type VentureView = Awaited<ReturnType<typeof getVenture>>

/** What every venture-page section starts from: the profile as the ventures service returned it. */
export interface VentureInput {
  venture: VentureView['venture']
  access: VentureView['access']
  /** A review the caller just tried that needs a reason (set by the report routes). */
  returnError?: ReturnError | undefined
}

/** A return refused for want of a reason: shown next to that report's reason field. */
export interface ReturnError {
  reportId: string
  message: string
}
