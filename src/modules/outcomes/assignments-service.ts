import { withTx } from '../../db/tx.ts'
import { requirePeriod } from '../../domain/periods.ts'
import { decodeCursor, toPage } from '../../http/pagination.ts'
import { conflict, type FieldError, forbidden, invalidMany, isProblem, notFound } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { requireVentureAccess, type VentureAccess } from '../../policy/venture-access.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { baselineErrors, refuseLocked, type TargetInput, targetErrors } from './assignment-rules.ts'
import * as repo from './assignments-repo.ts'
import { lockingPeriod } from './coverage.ts'
import { findIndicator, findIndicators, type IndicatorRow } from './indicators-repo.ts'

/** Investors with standing (editor+), the venture's own editors and platform admins set assignments. */
function assertMaySetAssignments(access: VentureAccess) {
  if (access.platformAdmin || access.writeVenture || access.investorWriteOrgIds.length > 0) return
  throw forbidden('assignment.change_not_permitted')
}

export interface AssignmentView {
  assignment: repo.AssignmentRow
  indicator: IndicatorRow
  targets: { period: string; value: string; locked: boolean }[]
}

/** Assignments of a venture with their indicators and targets, in three queries. */
async function views(db: Ctx['db'], rows: repo.AssignmentRow[]): Promise<AssignmentView[]> {
  const indicators = new Map(
    (await findIndicators(db, [...new Set(rows.map((a) => a.indicatorCode))])).map((i) => [i.code, i]),
  )
  const targets = await repo.listTargets(
    db,
    rows.map((a) => a.id),
  )
  const locked = await repo.everVerifiedPeriods(db, [...new Set(rows.map((a) => a.ventureOrgId))])
  return rows.map((assignment) => ({
    assignment,
    indicator: indicators.get(assignment.indicatorCode)!,
    targets: targets
      .filter((t) => t.assignmentId === assignment.id)
      .map((t) => ({
        period: t.period,
        value: t.value,
        locked: locked.has(`${assignment.ventureOrgId}/${lockingPeriod(assignment.frequency, t.period)}`),
      })),
  }))
}

export async function listAssignments(
  ctx: Ctx,
  ventureId: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<{ items: AssignmentView[]; nextCursor: string | null }> {
  await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  const after = decodeCursor(q.cursor)
  const rows = await repo.listAssignmentsPage(ctx.db, ventureId, after ? after[0] : null, q.limit)
  const page = toPage(rows, q.limit, (a) => [a.indicatorCode, a.id])
  return { items: await views(ctx.db, page.items), nextCursor: page.nextCursor }
}

export interface CreateAssignmentInput {
  indicatorCode: string
  frequency: repo.AssignmentRow['frequency']
  startDate: string
  endDate?: string | null | undefined
  baseline?: { value: string; date: string } | null | undefined
  targets?: { period: string; value: string }[] | undefined
}

export async function createAssignment(
  ctx: Ctx,
  ventureId: string,
  input: CreateAssignmentInput,
): Promise<AssignmentView> {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  assertMaySetAssignments(access)
  const indicator = await findIndicator(ctx.db, input.indicatorCode)
  if (!indicator) {
    throw invalidMany([
      {
        in: 'body',
        path: 'indicatorCode',
        message: `No indicator with code ${input.indicatorCode}`,
        code: 'indicator.unknown',
      },
    ])
  }
  const span = { frequency: input.frequency, startDate: input.startDate, endDate: input.endDate ?? null }
  const errors: FieldError[] = []
  if (span.endDate !== null && span.endDate < span.startDate) {
    errors.push({ in: 'body', path: 'endDate', message: 'Must be on or after the start date' })
  }
  errors.push(...baselineErrors(indicator, input.baseline))
  const targets = input.targets ?? []
  if (errors.length === 0)
    errors.push(...targetErrors(span, indicator, input.baseline?.value ?? null, targets))
  if (errors.length) throw invalidMany(errors)
  return withTx(ctx.db, async (trx) => {
    if (await repo.findAssignmentFor(trx, ventureId, indicator.code)) {
      throw conflict(
        'assignment.exists',
        `The venture already reports on ${indicator.code}; change that assignment instead.`,
      )
    }
    refuseLocked(ventureId, span.frequency, targets, await repo.everVerifiedPeriods(trx, [ventureId]))
    const id = crypto.randomUUID()
    await repo.insertAssignment(trx, {
      id,
      ventureOrgId: ventureId,
      indicatorCode: indicator.code,
      ...span,
      baselineValue: input.baseline?.value ?? null,
      baselineDate: input.baseline?.date ?? null,
      createdByOrgId: access.investorWriteOrgIds[0] ?? (access.member ? ventureId : null),
    })
    await repo.upsertTargets(trx, id, targets)
    const [view] = await views(trx, [(await repo.findAssignment(trx, id))!])
    await recordAudit(trx, ctx, {
      action: 'assignment.create',
      entity: 'assignment',
      entityId: id,
      organizationId: ventureId,
      after: { ...view!.assignment, targets: view!.targets },
    })
    return view!
  })
}

export interface UpdateAssignmentInput {
  endDate?: string | null | undefined
  baseline?: { value: string; date: string } | null | undefined
  targets?: TargetInput[] | undefined
}

/**
 * Moves the end date (not before a reported period), changes the baseline (until a value of the
 * assignment is verified) and sets or removes targets (until the period's report is verified).
 */
export async function updateAssignment(
  ctx: Ctx,
  id: string,
  input: UpdateAssignmentInput,
): Promise<AssignmentView> {
  const principal = requirePrincipal(ctx.principal)
  const found = await repo.findAssignment(ctx.db, id)
  if (!found) throw notFound('assignment')
  const access = await requireVentureAccess(ctx.db, principal, found.ventureOrgId, 'detailed').catch(
    (err) => {
      // A refusal reads as absence; a database that failed is not a 404 (it is a 503).
      throw isProblem(err) ? notFound('assignment') : err
    },
  )
  assertMaySetAssignments(access)
  return withTx(ctx.db, async (trx) => {
    const before = (await repo.findAssignment(trx, id))!
    const indicator = (await findIndicator(trx, before.indicatorCode))!
    const endDate = input.endDate === undefined ? before.endDate : input.endDate
    const baselineValue =
      input.baseline === undefined ? before.baselineValue : (input.baseline?.value ?? null)
    const span = { frequency: before.frequency, startDate: before.startDate, endDate }
    const targets = input.targets ?? []
    const errors: FieldError[] = []
    if (endDate !== null && endDate < before.startDate) {
      errors.push({
        in: 'body',
        path: 'endDate',
        message: `Must be on or after the start date ${before.startDate}`,
      })
    }
    errors.push(...baselineErrors(indicator, input.baseline))
    if (errors.length === 0) errors.push(...targetErrors(span, indicator, baselineValue, targets))
    if (errors.length) throw invalidMany(errors)
    if (input.endDate !== undefined && endDate !== null) {
      const reported = await repo.valuesAfter(trx, id, endDate)
      if (reported)
        throw conflict(
          'assignment.values_after_end',
          `Values are reported for ${reported}, after the new end date ${endDate}.`,
        )
    }
    if (input.baseline !== undefined && (await repo.hasVerifiedValues(trx, id))) {
      throw conflict('assignment.baseline_verified')
    }
    refuseLocked(
      before.ventureOrgId,
      before.frequency,
      targets,
      await repo.everVerifiedPeriods(trx, [before.ventureOrgId]),
    )
    const [beforeView] = await views(trx, [before])
    await repo.updateAssignment(
      trx,
      id,
      {
        ...(input.endDate !== undefined ? { endDate } : {}),
        ...(input.baseline !== undefined
          ? { baselineValue: input.baseline?.value ?? null, baselineDate: input.baseline?.date ?? null }
          : {}),
      },
      ctx.now,
    )
    await repo.upsertTargets(
      trx,
      id,
      targets
        .filter((t) => t.value !== null)
        .map((t) => ({ period: requirePeriod(t.period).key, value: t.value! })),
    )
    await repo.deleteTargets(
      trx,
      id,
      targets.filter((t) => t.value === null).map((t) => t.period),
    )
    const [view] = await views(trx, [(await repo.findAssignment(trx, id))!])
    await recordAudit(trx, ctx, {
      action: 'assignment.update',
      entity: 'assignment',
      entityId: id,
      organizationId: before.ventureOrgId,
      before: { ...before, targets: beforeView!.targets },
      after: { ...view!.assignment, targets: view!.targets },
    })
    return view!
  })
}
