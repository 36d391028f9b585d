import { withTx } from '../../db/tx.ts'
import { isAdditive, isRatio } from '../../domain/aggregation-kind.ts'
import { versionFromIfMatch } from '../../http/etag.ts'
import { decodeCursor, toPage } from '../../http/pagination.ts'
import {
  conflict,
  type FieldError,
  forbidden,
  invalidMany,
  notFound,
  preconditionFailed,
} from '../../http/problem.ts'
import { hasRole, requirePrincipal } from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import * as repo from './indicators-repo.ts'
import type { IndicatorPatch } from './schemas/indicators.ts'

/** IRIS+-shaped codes (PI4060) belong to the shared catalogue; organizations cite IRIS+ instead. */
const IRIS_CODE = /^[A-Z]{2}\d{4}$/

export async function listIndicators(
  ctx: Ctx,
  q: {
    limit: number
    cursor?: string | undefined
    q?: string | undefined
    theme?: string | undefined
    owner?: string | undefined
  },
) {
  requirePrincipal(ctx.principal)
  const after = decodeCursor(q.cursor)
  const rows = await repo.listIndicators(ctx.db, { ...q, after: after ? after[0] : null })
  return toPage(rows, q.limit, (i) => [i.code, i.code])
}

export async function getIndicator(ctx: Ctx, code: string) {
  requirePrincipal(ctx.principal)
  const indicator = await repo.findIndicator(ctx.db, code)
  if (!indicator) throw notFound('indicator')
  return indicator
}

type Semantics = Pick<repo.NewIndicator, 'unit' | 'aggregation' | 'personal'>

/** Combinations that cannot be aggregated meaningfully. */
function semanticErrors(s: Semantics): FieldError[] {
  const errors: FieldError[] = []
  if (s.unit === 'percent' && isAdditive(s.aggregation)) {
    errors.push({
      in: 'body',
      path: 'aggregation',
      message: 'Percentages cannot be summed: use `ratio` (with numerator and denominator) or `last`.',
    })
  }
  if (isRatio(s.aggregation) && s.unit === 'people') {
    errors.push({
      in: 'body',
      path: 'unit',
      message:
        'A ratio is a rate: use `percent` (or another rate unit); numerator and denominator count the people.',
    })
  }
  return errors
}

function citationErrors(irisMetricId: string | null, irisVersion: string | null): FieldError[] {
  return irisVersion !== null && irisMetricId === null
    ? [{ in: 'body', path: 'irisVersion', message: 'Give the IRIS+ metric ID the version refers to.' }]
    : []
}

export interface CreateIndicatorInput extends IndicatorPatch {
  code: string
  ownerOrgId?: string | undefined
  nameNb: string
  nameEn: string
  level: repo.NewIndicator['level']
  unit: repo.NewIndicator['unit']
  aggregation: repo.NewIndicator['aggregation']
  direction: repo.NewIndicator['direction']
  personal: boolean
}

/**
 * Editors and admins of any organization add indicators of their own; platform admins add to the
 * shared catalogue (no owner) unless they name an owner.
 */
export async function createIndicator(ctx: Ctx, input: CreateIndicatorInput) {
  const principal = requirePrincipal(ctx.principal)
  let owner: string | null
  if (input.ownerOrgId) {
    if (!principal.isPlatformAdmin && !hasRole(principal, input.ownerOrgId, 'editor')) {
      throw forbidden('indicator.create_not_permitted')
    }
    owner = input.ownerOrgId
  } else if (principal.isPlatformAdmin) {
    owner = null
  } else {
    const writable = principal.memberships.filter((m) => m.role === 'admin' || m.role === 'editor')
    if (writable.length !== 1) {
      throw forbidden(writable.length === 0 ? 'indicator.editors_only' : 'indicator.owner_ambiguous')
    }
    owner = writable[0]!.organizationId
  }
  const row: repo.NewIndicator = {
    code: input.code,
    ownerOrgId: owner,
    nameNb: input.nameNb,
    nameEn: input.nameEn,
    definition: input.definition ?? '',
    unit: input.unit,
    level: input.level,
    direction: input.direction,
    aggregation: input.aggregation,
    themes: input.themes ?? [],
    sdgTargets: input.sdgTargets ?? [],
    irisMetricId: input.irisMetricId ?? null,
    irisVersion: input.irisVersion ?? null,
    personal: input.personal,
    allowedBreakdowns: [...new Set(input.allowedBreakdowns ?? [])],
    shareable: input.shareable ?? false,
  }
  const errors = [...semanticErrors(row), ...citationErrors(row.irisMetricId, row.irisVersion)]
  if (owner !== null && IRIS_CODE.test(row.code)) {
    errors.push({
      in: 'body',
      path: 'code',
      message:
        'Codes shaped like IRIS+ IDs belong to the shared catalogue: choose an own code and cite IRIS+ in `irisMetricId`.',
    })
  }
  if (errors.length) throw invalidMany(errors)
  return withTx(ctx.db, async (trx) => {
    if (await repo.findIndicator(trx, row.code))
      throw conflict('indicator.exists', `An indicator with code ${row.code} already exists.`)
    await repo.insertIndicator(trx, row)
    const created = (await repo.findIndicator(trx, row.code))!
    await recordAudit(trx, ctx, {
      action: 'indicator.create',
      entity: 'indicator',
      entityId: row.code,
      organizationId: owner,
      after: created,
    })
    return created
  })
}

/**
 * The owner's editors and admins (platform admins for the shared catalogue) may edit names,
 * definition, themes and the like; unit, aggregation, direction and personal only while no value
 * has been reported against the indicator (the database refuses it too).
 */
export async function updateIndicator(
  ctx: Ctx,
  code: string,
  patch: IndicatorPatch,
  ifMatch: string | undefined,
) {
  const principal = requirePrincipal(ctx.principal)
  return withTx(ctx.db, async (trx) => {
    const before = await repo.findIndicator(trx, code)
    if (!before) throw notFound('indicator')
    const mayEdit =
      principal.isPlatformAdmin ||
      (before.ownerOrgId !== null && hasRole(principal, before.ownerOrgId, 'editor'))
    if (!mayEdit) {
      throw forbidden(before.ownerOrgId === null ? 'indicator.catalogue_admin_only' : 'indicator.owner_only')
    }
    const version = versionFromIfMatch(ifMatch, 'indicator', code, before.version)
    const clean = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    ) as IndicatorPatch
    if (clean.allowedBreakdowns) clean.allowedBreakdowns = [...new Set(clean.allowedBreakdowns)]
    const merged = { ...before, ...clean }
    const errors = [...semanticErrors(merged), ...citationErrors(merged.irisMetricId, merged.irisVersion)]
    if (errors.length) throw invalidMany(errors)
    const changed = (['unit', 'aggregation', 'direction', 'personal'] as const).filter(
      (k) => clean[k] !== undefined && clean[k] !== before[k],
    )
    if (changed.length > 0 && (await repo.indicatorHasValues(trx, code))) {
      throw conflict(
        'indicator.in_use',
        `Values have been reported against ${code}, so its ${changed.join(', ')} can no longer change; create a new indicator instead.`,
      )
    }
    const updated = await repo.updateIndicator(trx, code, version, clean, ctx.now)
    if (!updated) throw preconditionFailed()
    const after = (await repo.findIndicator(trx, code))!
    await recordAudit(trx, ctx, {
      action: 'indicator.update',
      entity: 'indicator',
      entityId: code,
      organizationId: before.ownerOrgId,
      before,
      after,
    })
    return after
  })
}
