import { type Granularity, isValidDate, parsePeriod } from '../../domain/periods.ts'
import { invalidParams, notFound } from '../../http/problem.ts'
import { requirePrincipal } from '../../policy/policy.ts'
import type { Ctx } from '../context.ts'
import { bucketsOf } from './buckets.ts'
import * as caveat from './caveats.ts'
import { composeFromYears, composeIndicators, type IndicatorView } from './compose.ts'
import {
  municipalBucketsFor,
  type Place,
  placeViews,
  resolvePlace,
  unattributedFor,
} from './municipal-data.ts'
import { publishPlace } from './publication.ts'
import * as repo from './repo.ts'

/**
 * GET /v1/impact (PRODUCT.md §4): what ventures achieve in a municipality, per shared indicator,
 * with disclosure control. Municipality members see their own municipality (under any of its
 * numbers); platform administrators see any, and the whole country with `municipality=all`.
 */
export interface ImpactQuery {
  municipality: string
  from?: string | undefined
  to?: string | undefined
  granularity: Granularity
  theme?: string | undefined
  includeUnverified: boolean
}

export interface ImpactView {
  scope: 'municipality' | 'national'
  place: Place | null
  organizations: { id: string; name: string }[]
  ventureCount: number | null
  from: string | null
  to: string | null
  granularity: Granularity
  includeUnverified: boolean
  includesUnverified: boolean
  threshold: number
  caveats: caveat.Caveat[]
  indicators: IndicatorView[]
}

/** A window bound given as a date, or as a period (its first day for `from`, its last for `to`). */
function bound(value: string | undefined, side: 'from' | 'to'): string | undefined {
  if (value === undefined || value === '') return undefined
  if (isValidDate(value)) return value
  const period = parsePeriod(value)
  if (period) return side === 'from' ? period.start : period.end
  throw invalidParams('query', [
    { in: 'query', path: side, message: 'Must be a date (YYYY-MM-DD) or a period (2026, 2026-Q3, 2026-07)' },
  ])
}

export function windowOf(fromInput: string | undefined, toInput: string | undefined) {
  const from = bound(fromInput, 'from')
  const to = bound(toInput, 'to')
  if (from && to && from > to) {
    throw invalidParams('query', [{ in: 'query', path: 'to', message: 'Must not be before `from`' }])
  }
  // Disclosure control works on whole years: load every year the window touches.
  const years: [number, number] | null =
    from || to ? [Number((from ?? '1000').slice(0, 4)), Number((to ?? '9999').slice(0, 4))] : null
  return { from, to, years }
}

export async function getImpact(ctx: Ctx, q: ImpactQuery): Promise<ImpactView> {
  const principal = requirePrincipal(ctx.principal)
  const window = windowOf(q.from, q.to)
  const basis: repo.Basis = q.includeUnverified ? 'unverified' : 'verified'
  const threshold = ctx.config.SUPPRESSION_THRESHOLD
  const compose = (indicators: repo.IndicatorRow[], buckets: Parameters<typeof composeIndicators>[1]) =>
    composeIndicators(indicators, buckets, {
      granularity: q.granularity,
      from: window.from,
      to: window.to,
      threshold,
    })
  const base = {
    from: window.from ?? null,
    to: window.to ?? null,
    granularity: q.granularity,
    includeUnverified: q.includeUnverified,
    threshold,
  }

  if (q.municipality === 'all') {
    // The national view: every venture's values, for operators only.
    if (!principal.isPlatformAdmin) throw notFound('municipality')
    const indicators = await repo.shareableIndicators(ctx.db, q.theme)
    const rows = await repo.nationalRows(ctx.db, {
      indicatorCodes: indicators.map((i) => i.code),
      basis,
      years: window.years,
    })
    const views = compose(indicators, bucketsOf(rows))
    const includesUnverified = views.some((v) => v.periods.some((p) => p.unverified))
    return {
      ...base,
      scope: 'national',
      place: null,
      organizations: [],
      ventureCount: null,
      includesUnverified,
      caveats: [
        caveat.doubleCounting(),
        caveat.disclosureControl(threshold),
        ...(includesUnverified ? [caveat.unverifiedIncluded()] : []),
      ],
      indicators: views,
    }
  }

  const place = resolvePlace(q.municipality, 'query')
  let orgs = await repo.municipalityOrgsCovering(ctx.db, [place.code, ...place.rolledUpFrom])
  if (!principal.isPlatformAdmin) {
    const mine = new Set(
      principal.memberships.filter((m) => m.kind === 'municipality').map((m) => m.organizationId),
    )
    orgs = orgs.filter((o) => mine.has(o.id))
    if (orgs.length === 0) throw notFound('municipality')
  }
  const [indicators, ventures] = await Promise.all([
    repo.shareableIndicators(ctx.db, q.theme),
    repo.sharingVentures(
      ctx.db,
      orgs.map((o) => o.id),
      { openDataOnly: false },
    ),
  ])
  let views: IndicatorView[]
  let excluded: { values: number; ventures: number }
  const one = orgs.length === 1 ? orgs[0] : undefined
  if (one) {
    // One organization's view is an anonymous view of the place: protected with all the others.
    const [all, left] = await Promise.all([
      placeViews(ctx.db, place, indicators, window.years),
      unattributedFor(ctx.db, place, ventures, indicators, basis, window.years),
    ])
    const published = publishPlace(indicators, all.views, threshold).get(`org:${one.id}:${basis}`)
    views = composeFromYears(indicators, published ?? new Map(), {
      granularity: q.granularity,
      from: window.from,
      to: window.to,
    })
    excluded = left
  } else {
    // Several organizations together (a platform administrator's view), computed from the facts
    // so that no venture counts twice; nobody else sees this combination.
    const data = await municipalBucketsFor(ctx.db, place, ventures, indicators, basis, window.years, null)
    views = compose(indicators, data.buckets)
    excluded = data.excluded
  }
  const includesUnverified = views.some((v) => v.periods.some((p) => p.unverified))
  return {
    ...base,
    scope: 'municipality',
    place,
    organizations: orgs,
    ventureCount: ventures.length,
    includesUnverified,
    caveats: placeCaveats(place, excluded, threshold, includesUnverified),
    indicators: views,
  }
}

export function placeCaveats(
  place: Place,
  excluded: { values: number; ventures: number },
  threshold: number,
  includesUnverified: boolean,
): caveat.Caveat[] {
  return [
    caveat.doubleCounting(),
    caveat.disclosureControl(threshold),
    ...(place.rolledUpFrom.length > 0 ? [caveat.rolledUp(place.code, place.rolledUpFrom)] : []),
    ...(place.splitPredecessors.length > 0
      ? [caveat.splitNotIncluded(place.code, place.splitPredecessors)]
      : []),
    ...(place.splitNote ? [caveat.isSplitCode(place.code, place.splitNote)] : []),
    ...(excluded.values > 0 ? [caveat.withoutMunicipality(excluded.values, excluded.ventures)] : []),
    caveat.partialBreakdowns(),
    ...(includesUnverified ? [caveat.unverifiedIncluded()] : []),
  ]
}
