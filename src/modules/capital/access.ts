import { addDays } from '../../domain/periods.ts'
import { invalid, notFound } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { investorForWrite, ventureAccess } from '../../policy/venture-access.ts'
import type { Ctx } from '../context.ts'
import { osloToday } from './ledger-rows.ts'
import { findInvestment } from './repo.ts'

/**
 * An investment and what the caller may do with it. Reading needs detailed access to its
 * venture; a caller without it gets the same 404 as for a missing investment.
 */
export async function requireInvestment(ctx: Ctx, id: string) {
  const principal = requirePrincipal(ctx.principal)
  const investment = await findInvestment(ctx.db, id)
  if (!investment) throw notFound('investment')
  const access = await ventureAccess(ctx.db, principal, investment.ventureOrgId)
  if (!access.detailed) throw notFound('investment')
  return { investment, access }
}

/** Writing to an investment's ledger: its own investor's editors and admins, and platform admins. */
export async function requireInvestmentWriter(ctx: Ctx, id: string) {
  const found = await requireInvestment(ctx, id)
  investorForWrite(found.access, found.investment.investorOrgId)
  return found
}

/** The last date a record may carry: today in Norway plus the configured horizon. */
export const latestAllowedDate = (ctx: Ctx) =>
  addDays(osloToday(ctx.now), ctx.config.FUTURE_DATE_HORIZON_DAYS)

/** Refuses a date after the horizon, naming the field. */
export function assertNotTooLate(ctx: Ctx, date: string, path = 'date') {
  const limit = latestAllowedDate(ctx)
  if (date > limit) {
    throw invalid(
      path,
      'capital.date_too_late',
      `Must not be after ${limit} (today plus ${ctx.config.FUTURE_DATE_HORIZON_DAYS} days).`,
    )
  }
}
