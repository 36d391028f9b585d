import type { ReportAction } from '../../db/schema-outcomes.ts'
import type { Db } from '../../db/tx.ts'
import type { Ctx } from '../context.ts'

/**
 * What another module hears about a report's workflow step, inside the step's transaction: a
 * listener that writes (notices, mail) commits or rolls back with the step. Modules that need
 * it register a listener (notifications does at import), so outcomes depends on none of them.
 */
export interface ReportTransitionEvent {
  reportId: string
  ventureId: string
  period: string
  action: Exclude<ReportAction, 'create'>
  revision: number
  reason: string | null
  actorUserId: string | null
}

export type ReportTransitionListener = (trx: Db, ctx: Ctx, event: ReportTransitionEvent) => Promise<void>

const listeners = new Map<string, ReportTransitionListener>()

/** Registers a listener by name (again: replaces it); returns a function that removes it. */
export function onReportTransition(name: string, listener: ReportTransitionListener): () => void {
  listeners.set(name, listener)
  return () => {
    if (listeners.get(name) === listener) listeners.delete(name)
  }
}

export async function emitReportTransition(trx: Db, ctx: Ctx, event: ReportTransitionEvent): Promise<void> {
  for (const listener of listeners.values()) await listener(trx, ctx, event)
}
