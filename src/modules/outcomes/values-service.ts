import { withTx } from '../../db/tx.ts'
import { requirePeriod } from '../../domain/periods.ts'
import { versionFromIfMatch } from '../../http/etag.ts'
import { conflict, invalidMany, preconditionFailed } from '../../http/problem.ts'
import { assertWriteVenture } from '../../policy/venture-access.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { todayInNorway } from './clock.ts'
import { assignmentsFor, buildReportView, type ReportView } from './report-view.ts'
import * as repo from './reports-repo.ts'
import { loadReport } from './reports-service.ts'
import { checkValues, type ValueIn } from './value-input.ts'

export interface SaveValuesInput {
  values: ValueIn[]
  highlights?: string | undefined
  challenges?: string | undefined
  nextSteps?: string | undefined
}

/** Why a report's current revision cannot be edited, or null when it can. */
export function lockedReason(report: repo.ReportRow): string | null {
  if (report.status === 'verified')
    return 'The report is verified and locked: amend it to open a new revision.'
  if (report.status === 'submitted')
    return 'The report is submitted: it can change again if the reviewer returns it.'
  return null
}

/**
 * Saves the draft of the current revision: the values given replace the revision's values (all of
 * them, as PUT does), and the narrative fields given replace theirs. Only while the revision is a
 * draft or returned; the venture's editors only. Every problem is a field error at
 * `values.<i>.<field>`, and nothing is written unless every value is valid.
 */
export async function saveValues(
  ctx: Ctx,
  id: string,
  input: SaveValuesInput,
  ifMatch: string | undefined,
): Promise<ReportView> {
  const { report: found, access } = await loadReport(ctx, id)
  assertWriteVenture(access)
  const period = requirePeriod(found.period)
  const checked = checkValues(input.values, period, await assignmentsFor(ctx.db, found.ventureOrgId))
  const report = await withTx(ctx.db, async (trx) => {
    const before = (await repo.findReport(trx, id))!
    const version = versionFromIfMatch(ifMatch, 'report', id, before.version)
    const locked = lockedReason(before)
    if (locked) throw conflict('report.locked', locked)
    if (checked.problems.length) {
      throw invalidMany(
        checked.problems.map((p) => ({
          in: 'body',
          path: `values.${p.index}.${p.path}`,
          message: p.message,
          code: p.code,
          ...(p.params ? { params: p.params } : {}),
        })),
        'report.values_invalid',
      )
    }
    const previous = (await repo.listValues(trx, id, before.revision)).map((v) => v.value)
    const after = await repo.advanceReport(trx, id, version, {}, ctx.now)
    if (!after) throw preconditionFailed()
    await repo.replaceValues(trx, id, before.revision, checked.values)
    await repo.updateNarrative(trx, id, before.revision, input)
    await recordAudit(trx, ctx, {
      action: 'report.values',
      entity: 'report',
      entityId: id,
      organizationId: before.ventureOrgId,
      before: { revision: before.revision, values: previous },
      after: {
        revision: before.revision,
        values: checked.values,
        narrative: { highlights: input.highlights, challenges: input.challenges, nextSteps: input.nextSteps },
      },
    })
    return after
  })
  return buildReportView(ctx, report, todayInNorway(ctx.now))
}
