import * as investments from '../../src/modules/capital/index.ts'
import * as ledger from '../../src/modules/capital/index.ts'
import * as support from '../../src/modules/capital/index.ts'
import type { Ctx } from '../../src/modules/context.ts'

const PAGE = 200

/** Follows a paged list service to its end (a page shows every row; the services page for the API). */
export async function allPages<T>(
  load: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const out: T[] = []
  let cursor: string | undefined
  do {
    const page = await load(cursor)
    out.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}

export type VentureInvestment = Awaited<ReturnType<typeof investments.listInvestments>>['items'][number]
export type LedgerRow = Awaited<ReturnType<typeof ledger.listTransactions>>['items'][number]

/**
 * A venture's investments, each with its ledger in date order, through the capital services (so
 * their rule applies: detailed access to the venture, else 404).
 */
export async function investmentsWithLedgers(
  ctx: Ctx,
  ventureId: string,
): Promise<(VentureInvestment & { entries: LedgerRow[] })[]> {
  const list = await allPages((cursor) =>
    investments.listInvestments(ctx, ventureId, { limit: PAGE, cursor }),
  )
  const out: (VentureInvestment & { entries: LedgerRow[] })[] = []
  // One at a time: an embedded database has one connection.
  for (const item of list) {
    const entries = await allPages((cursor) =>
      ledger.listTransactions(ctx, item.investment.id, { limit: PAGE, cursor }),
    )
    out.push({ ...item, entries })
  }
  return out
}

/** A venture's support contributions (every page), with the service's totals over all of them. */
export async function ventureSupport(ctx: Ctx, ventureId: string) {
  let page = await support.listContributions(ctx, ventureId, { limit: PAGE })
  const { totals, byInvestor } = page
  const items = [...page.items]
  while (page.nextCursor) {
    page = await support.listContributions(ctx, ventureId, { limit: PAGE, cursor: page.nextCursor })
    items.push(...page.items)
  }
  return { items, totals, byInvestor }
}
