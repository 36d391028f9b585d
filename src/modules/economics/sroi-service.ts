import { withTx } from '../../db/tx.ts'
import { isRatio } from '../../domain/aggregation-kind.ts'
import { validateSroiAssumptions } from '../../domain/sroi.ts'
import { versionFromIfMatch } from '../../http/etag.ts'
import { type FieldError, forbidden, invalidMany, notFound } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import { requireVentureAccess, type VentureAccess } from '../../policy/venture-access.ts'
import { recordAudit } from '../audit/index.ts'
import { parseMoneyOrZero } from '../capital/index.ts'
import type { Ctx } from '../context.ts'
import { findIndicators, type IndicatorRow, listAssignments } from '../outcomes/index.ts'
import { capitalFacts, outcomeFacts } from './data-repo.ts'
import { evaluateSroi, type SroiEvaluation } from './sroi-evaluate.ts'
import * as repo from './sroi-repo.ts'
import type { PutSroiInput } from './sroi-schemas.ts'

export interface SroiView {
  ventureId: string
  evaluation: SroiEvaluation
  versions: Awaited<ReturnType<typeof repo.listVersions>>
  indicators: Map<string, IndicatorRow>
}

/** The model (a version, or the newest) evaluated now. Detailed access; 404 without a model. */
export async function getSroi(ctx: Ctx, ventureId: string, version?: number): Promise<SroiView> {
  await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  return viewOf(ctx, ventureId, version)
}

async function viewOf(ctx: Ctx, ventureId: string, version?: number): Promise<SroiView> {
  const model = await repo.findModel(ctx.db, ventureId, version)
  if (!model) throw notFound(version === undefined ? 'sroi_model' : 'sroi_model_version')
  const [capital, outcomes, versions, indicators] = await Promise.all([
    capitalFacts(ctx.db, [ventureId]),
    outcomeFacts(ctx.db, [ventureId]),
    repo.listVersions(ctx.db, ventureId),
    findIndicators(
      ctx.db,
      model.outcomes.map((o) => o.indicatorCode),
    ),
  ])
  return {
    ventureId,
    evaluation: evaluateSroi(model, capital.get(ventureId)!, outcomes.get(ventureId)!),
    versions,
    indicators: new Map(indicators.map((i) => [i.code, i])),
  }
}

/** The venture's own editors, editors of its investors with standing, and platform admins. */
function writerOrg(access: VentureAccess): string | null {
  if (access.platformAdmin) return null
  if (access.writeVenture) return access.ventureId
  const investor = access.investorWriteOrgIds[0]
  if (investor) return investor
  throw forbidden('sroi.change_not_permitted')
}

/** Writes the next version. Every PUT is a new version; the earlier ones stay readable. */
export async function putSroi(
  ctx: Ctx,
  ventureId: string,
  input: PutSroiInput,
  ifMatch: string | undefined,
): Promise<SroiView> {
  const access = await requireVentureAccess(ctx.db, requirePrincipal(ctx.principal), ventureId, 'detailed')
  const orgId = writerOrg(access)
  await insertSroiModelAudited(ctx, ventureId, input, orgId, ifMatch)
  return viewOf(ctx, ventureId)
}

/**
 * Validates and writes the next model version with its audit event. The caller has checked
 * permission (the API through the venture policy; the demo loader by construction). Nothing is
 * written unless every field is valid.
 */
export async function insertSroiModelAudited(
  ctx: Ctx,
  ventureId: string,
  input: PutSroiInput,
  createdByOrgId: string | null,
  ifMatch?: string | undefined,
): Promise<number> {
  const errors = await modelErrors(ctx, ventureId, input)
  if (errors.length > 0) throw invalidMany(errors, 'sroi.invalid')
  return withTx(ctx.db, async (trx) => {
    // Serialises writers of one venture's model; the unique key refuses a racing duplicate too.
    await trx.selectFrom('ventures').select('orgId').where('orgId', '=', ventureId).forUpdate().execute()
    const current = await repo.currentVersion(trx, ventureId)
    if (current > 0) versionFromIfMatch(ifMatch, 'sroi', ventureId, current)
    const version = current + 1
    const id = crypto.randomUUID()
    const model = {
      id,
      ventureOrgId: ventureId,
      version,
      discountRate: input.discountRate ?? '4',
      inputsOverride: input.inputs ?? null,
      inputsNote: input.inputsNote ?? '',
      windowFrom: input.window?.from ?? null,
      windowTo: input.window?.to ?? null,
      note: input.note ?? '',
      createdBy: ctx.principal?.userId ?? null,
      createdByOrgId,
    }
    const outcomes = input.outcomes.map((o, position) => ({
      position,
      indicatorCode: o.indicatorCode,
      proxy: o.proxy,
      proxySource: o.proxySource,
      deadweight: o.deadweight,
      attribution: o.attribution,
      displacement: o.displacement,
      dropOff: o.dropOff,
      durationYears: o.durationYears,
    }))
    await repo.insertModel(trx, model, outcomes)
    await recordAudit(trx, ctx, {
      action: 'sroi_model.create',
      entity: 'sroi_model',
      entityId: id,
      organizationId: ventureId,
      after: { ...model, outcomes },
    })
    return version
  })
}

/** Every field error of a model: ranges (domain), inputs, window, and the indicators valued. */
async function modelErrors(ctx: Ctx, ventureId: string, input: PutSroiInput): Promise<FieldError[]> {
  const errors: FieldError[] = validateSroiAssumptions({
    ...(input.discountRate !== undefined ? { discountRate: input.discountRate } : {}),
    // Inputs are checked below as money (NOK, at most 2 decimals); quantities come from outcomes.
    inputs: '0',
    outcomes: input.outcomes.map((o) => ({ ...o, quantity: '0' })),
  }).map((e) => ({ in: 'body', ...e }))
  if (input.inputs !== undefined && input.inputs !== null) {
    const parsed = parseMoneyOrZero(input.inputs)
    if (!parsed.ok) errors.push({ in: 'body', path: 'inputs', message: parsed.message })
  }
  const w = input.window
  if (w?.from && w.to && w.from > w.to) {
    errors.push({ in: 'body', path: 'window.to', message: 'Must not be before window.from.' })
  }
  const codes = input.outcomes.map((o) => o.indicatorCode)
  const [indicators, assignments] = await Promise.all([
    findIndicators(ctx.db, [...new Set(codes)]),
    listAssignments(ctx.db, [ventureId]),
  ])
  const known = new Map(indicators.map((i) => [i.code, i]))
  const assigned = new Set(assignments.map((a) => a.indicatorCode))
  const seen = new Set<string>()
  codes.forEach((code, i) => {
    const path = `outcomes.${i}.indicatorCode`
    const indicator = known.get(code)
    if (seen.has(code)) errors.push({ in: 'body', path, message: 'Each indicator can be valued only once.' })
    else if (!indicator) errors.push({ in: 'body', path, message: 'No indicator with this code.' })
    else if (!assigned.has(code)) {
      errors.push({
        in: 'body',
        path,
        message: 'Not assigned to this venture: assign the indicator before valuing it.',
      })
    } else if (isRatio(indicator.aggregation)) {
      errors.push({
        in: 'body',
        path,
        message: 'A rate has no units to value; value a count of people or things instead.',
      })
    }
    seen.add(code)
  })
  return errors
}
