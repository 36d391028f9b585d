import type { NotificationKind } from '../../db/schema-notifications.ts'
import type { Db } from '../../db/tx.ts'
import { ventureAudience } from '../../policy/audience.ts'
import type { Ctx } from '../context.ts'
import type { ReportTransitionEvent } from '../outcomes/index.ts'
import { notify } from './notify.ts'
import * as repo from './repo.ts'

/**
 * Notices of the report workflow, written in the step's transaction (outcomes calls the listener
 * registered in index.ts): a submitted report tells the reviewers of the investors that assigned
 * it (editors and admins of those with standing; of every investor with standing when none of
 * them assigned it); a returned report tells the venture's members with the reason, a verified
 * one tells them too. The person who took the step is not told of it.
 */
const KIND: Partial<Record<ReportTransitionEvent['action'], NotificationKind>> = {
  submit: 'report_submitted',
  return: 'report_returned',
  verify: 'report_verified',
}

export async function reviewersOf(trx: Db, reportId: string, ventureId: string): Promise<string[]> {
  const audience = await ventureAudience(trx, ventureId)
  const withStanding = await repo.investorIds(
    trx,
    audience.filter((m) => m.level === 'detailed').map((m) => m.organizationId),
  )
  const assigning = (await repo.assigningOrgsOf(trx, reportId)).filter((id) => withStanding.includes(id))
  return repo.membersOf(trx, assigning.length ? assigning : withStanding, ['admin', 'editor'])
}

export async function onReportTransition(trx: Db, ctx: Ctx, e: ReportTransitionEvent): Promise<void> {
  const kind = KIND[e.action]
  if (!kind) return
  const userIds =
    kind === 'report_submitted'
      ? await reviewersOf(trx, e.reportId, e.ventureId)
      : await repo.membersOf(trx, [e.ventureId], ['admin', 'editor', 'viewer'])
  await notify(trx, ctx.config, ctx.now, {
    kind,
    userIds: userIds.filter((id) => id !== e.actorUserId),
    ventureId: e.ventureId,
    reportId: e.reportId,
    params: {
      ventureName: await repo.organizationName(trx, e.ventureId),
      period: e.period,
      ...(kind === 'report_returned' && e.reason ? { reason: e.reason } : {}),
    },
  })
}
