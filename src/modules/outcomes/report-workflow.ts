import type { ReportAction, ReportStatus } from '../../db/schema-outcomes.ts'
import { withTx } from '../../db/tx.ts'
import { versionFromIfMatch } from '../../http/etag.ts'
import { conflict, forbidden, invalidMany, preconditionFailed } from '../../http/problem.ts'
import type { VentureAccess } from '../../policy/venture-access.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { todayInNorway } from './clock.ts'
import { buildReportView, type ReportView } from './report-view.ts'
import * as repo from './reports-repo.ts'
import { loadReport } from './reports-service.ts'
import { valueOut } from './serialize.ts'
import { emitReportTransition } from './transition-hooks.ts'

/**
 * The report workflow (PRODUCT.md §1 Report): draft → submitted → verified, submitted → returned →
 * submitted; a verified report is locked and `amend` opens a new revision that must be verified
 * again. Every transition is kept with who, when and why, in the same transaction as the change.
 */
interface Step {
  action: Exclude<ReportAction, 'create'>
  from: ReportStatus[]
  to: ReportStatus
  /** Who may take the step. */
  by: 'venture' | 'reviewer'
}

const STEPS: Record<Step['action'], Step> = {
  submit: { action: 'submit', from: ['draft', 'returned'], to: 'submitted', by: 'venture' },
  verify: { action: 'verify', from: ['submitted'], to: 'verified', by: 'reviewer' },
  return: { action: 'return', from: ['submitted'], to: 'returned', by: 'reviewer' },
  amend: { action: 'amend', from: ['verified'], to: 'draft', by: 'venture' },
}

const WRONG_STATE: Record<Step['action'], string> = {
  submit: 'Only a draft or a returned report can be submitted',
  verify: 'Only a submitted report can be verified',
  return: 'Only a submitted report can be returned',
  amend: 'Only a verified report can be amended',
}

/** The venture's editors and admins (and platform admins) fill in, submit and amend its reports. */
export const mayReportFor = (access: VentureAccess): boolean => access.platformAdmin || access.writeVenture

/** Editors and admins of an investor with standing (and platform admins) verify or return them. */
export const mayReview = (access: VentureAccess): boolean =>
  access.platformAdmin || access.investorWriteOrgIds.length > 0

/** The organization the actor acts for, and whether they may take the step at all. */
function actorOrg(step: Step, access: VentureAccess): string | null {
  if (step.by === 'venture') {
    if (!mayReportFor(access)) {
      throw forbidden('report.members_only')
    }
    return access.member ? access.ventureId : null
  }
  if (!mayReview(access)) {
    throw forbidden('report.review_not_permitted')
  }
  return access.investorWriteOrgIds[0] ?? null
}

export async function transition(
  ctx: Ctx,
  id: string,
  action: Step['action'],
  reason: string | null,
  ifMatch: string | undefined,
): Promise<ReportView> {
  const step = STEPS[action]
  const { access } = await loadReport(ctx, id)
  const orgId = actorOrg(step, access)
  const today = todayInNorway(ctx.now)
  const report = await withTx(ctx.db, async (trx) => {
    const before = (await repo.findReport(trx, id))!
    const version = versionFromIfMatch(ifMatch, 'report', id, before.version)
    if (!step.from.includes(before.status)) {
      throw conflict('report.wrong_state', `${WRONG_STATE[action]}; this one is ${before.status}.`)
    }
    const values = (await repo.listValues(trx, id, before.revision)).map((v) => v.value)
    let snapshot: string | null = null
    if (action === 'submit') {
      if (before.periodEnd > today) {
        throw conflict(
          'report.period_open',
          `The period ends on ${before.periodEnd}: submit the report after it has ended.`,
          { params: { periodEnd: before.periodEnd } },
        )
      }
      const view = await buildReportView({ ...ctx, db: trx }, before, today)
      const missing = view.expected.filter((e) => !e.reported)
      if (missing.length) {
        throw invalidMany(
          missing.map((m) => ({
            in: 'body',
            path: 'values',
            code: 'value.missing',
            params: { code: m.indicator.code, name: m.indicator.nameEn },
            message: `No value for ${m.indicator.code} (${m.indicator.nameEn}); save one before submitting`,
          })),
          'report.values_missing',
        )
      }
      snapshot = JSON.stringify(values.map(valueOut))
    }
    const revision = action === 'amend' ? before.revision + 1 : before.revision
    const after = await repo.advanceReport(trx, id, version, { status: step.to, revision }, ctx.now)
    if (!after) throw preconditionFailed()
    if (action === 'amend') {
      // The new revision starts as a copy of the verified one; the verified one stays as it was.
      const previous = (await repo.listRevisions(trx, id)).find((r) => r.revision === before.revision)!
      await repo.insertRevision(
        trx,
        {
          reportId: id,
          revision,
          reason,
          openedByUserId: ctx.principal?.userId ?? null,
          highlights: previous.highlights,
          challenges: previous.challenges,
          nextSteps: previous.nextSteps,
        },
        ctx.now,
      )
      await repo.insertValues(trx, id, revision, values)
    }
    await repo.insertTransition(
      trx,
      {
        reportId: id,
        revision,
        action,
        fromStatus: before.status,
        toStatus: step.to,
        reason,
        actorUserId: ctx.principal?.userId ?? null,
        actorLabel: ctx.principal?.email ?? 'system',
        actorOrgId: orgId,
        valuesSnapshot: snapshot,
      },
      ctx.now,
    )
    await recordAudit(trx, ctx, {
      action: `report.${action}`,
      entity: 'report',
      entityId: id,
      organizationId: before.ventureOrgId,
      before: { status: before.status, revision: before.revision },
      after: { status: step.to, revision, reason },
    })
    await emitReportTransition(trx, ctx, {
      reportId: id,
      ventureId: before.ventureOrgId,
      period: before.period,
      action,
      revision,
      reason,
      actorUserId: ctx.principal?.userId ?? null,
    })
    return after
  })
  return buildReportView(ctx, report, today)
}
