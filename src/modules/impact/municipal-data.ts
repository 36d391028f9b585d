import type { Db } from '../../db/tx.ts'
import {
  codesRollingInto,
  currentMunicipality,
  isKnownMunicipality,
  splitPredecessors,
} from '../../domain/municipalities.ts'
import { invalid } from '../../http/problem.ts'
import { type Buckets, bucketsOf } from './buckets.ts'
import type { PlaceView } from './publication.ts'
import * as repo from './repo.ts'

/** A municipality as the views name it: its current number, and what rolls into it. */
export interface Place {
  code: string
  name: string
  /** Earlier numbers whose values count here (0213, 0217, 3020 for 3207). */
  rolledUpFrom: string[]
  /** Split numbers that gave area to this one but keep their own values (1507 for 1508). */
  splitPredecessors: string[]
  /** Set when the number itself was split: its values stay under it. */
  splitNote: string | null
}

/** Resolves a municipality number, old or current; anything else is a 422 naming `municipality`. */
export function resolvePlace(input: string, location: 'query' | 'path'): Place {
  if (!/^\d{4}$/.test(input) || !isKnownMunicipality(input)) {
    throw invalid(
      'municipality',
      'municipality.number_invalid',
      `${input} is not a Norwegian municipality number (any number valid 2017–2024 is accepted).`,
      location,
    )
  }
  const current = currentMunicipality(input)
  return {
    code: current.code,
    name: current.name,
    rolledUpFrom: codesRollingInto(current.code).filter((c) => c !== current.code),
    splitPredecessors: splitPredecessors(current.code),
    splitNote: current.note ?? null,
  }
}

/** Ventures that serve only this place (its number or those rolled into it): all they report is here. */
function servingOnly(
  place: Place,
  ventures: readonly { orgId: string; municipalities: string[] }[],
): string[] {
  const here = new Set([place.code, ...place.rolledUpFrom])
  return ventures
    .filter((v) => v.municipalities.length > 0 && v.municipalities.every((m) => here.has(m)))
    .map((v) => v.orgId)
}

/**
 * The figures of the ventures that share with some municipality organizations, attributed to the
 * place by the database (an organization's rollup, or impact_place over the facts): a value counts
 * through its municipality breakdown — the cells whose number rolls into the place, with its
 * gender and age cells only when the whole value belongs here — or whole when it has no such
 * breakdown and its venture serves only this municipality (under any of its numbers); otherwise
 * it is left out and counted in `excluded`.
 */
export async function municipalBucketsFor(
  db: Db,
  place: Place,
  ventures: readonly { orgId: string; municipalities: string[] }[],
  indicators: readonly repo.IndicatorRow[],
  basis: repo.Basis,
  years: [number, number] | null,
  /** The one organization whose every sharing venture counts (its rollup can answer). */
  orgId: string | null,
): Promise<{ buckets: Buckets; excluded: { values: number; ventures: number } }> {
  const scope = {
    ventureIds: ventures.map((v) => v.orgId),
    servesOnly: servingOnly(place, ventures),
    indicatorCodes: indicators.map((i) => i.code),
    basis,
    years,
  }
  const [rows, excluded] = await Promise.all([
    repo.municipalRows(db, { code: place.code, orgId, ...scope }),
    repo.unattributed(db, scope),
  ])
  return { buckets: bucketsOf(rows), excluded }
}

/** The values municipalBucketsFor leaves out, counted. */
export function unattributedFor(
  db: Db,
  place: Place,
  ventures: readonly { orgId: string; municipalities: string[] }[],
  indicators: readonly repo.IndicatorRow[],
  basis: repo.Basis,
  years: [number, number] | null,
) {
  return repo.unattributed(db, {
    ventureIds: ventures.map((v) => v.orgId),
    servesOnly: servingOnly(place, ventures),
    indicatorCodes: indicators.map((i) => i.code),
    basis,
    years,
  })
}

/**
 * Every anonymous view of a place (publication.ts): its open data, when a municipality
 * organization covering it publishes one (verified values of the ventures that opted in), and each
 * such organization's `/v1/impact`, verified and with submitted values. Organizations in name
 * order, as their members would list them.
 */
export async function placeViews(
  db: Db,
  place: Place,
  indicators: readonly repo.IndicatorRow[],
  years: [number, number] | null,
): Promise<PlaceViews> {
  // Inside a transaction the data may be uncommitted while the version is not yet bumped.
  if (db.isTransaction) return loadPlaceViews(db, place, indicators, years)
  const version = await repo.impactDataVersion(db)
  const key = JSON.stringify([version, place.code, years, indicators.map((i) => i.code)])
  const entries = cached.get(db) ?? new Map<string, Promise<PlaceViews>>()
  cached.set(db, entries)
  const hit = entries.get(key)
  if (hit) {
    entries.delete(key)
    entries.set(key, hit)
    return hit
  }
  const loading = loadPlaceViews(db, place, indicators, years)
  entries.set(key, loading)
  loading.catch(() => entries.delete(key))
  if (entries.size > CACHED_PLACES) entries.delete(entries.keys().next().value as string)
  return loading
}

type PlaceViews = { views: PlaceView[]; orgs: { id: string; name: string }[] }

/**
 * Loaded views by database and key (impact data version, place, years, indicators): a version
 * changes in the same commit as the data (migration 2026-12-07-0010), so an entry never outlives
 * the figures it holds, on any number of servers.
 */
const cached = new WeakMap<object, Map<string, Promise<PlaceViews>>>()
const CACHED_PLACES = 64

/**
 * Four statements however many organizations cover the place: the organizations (with their
 * open-data choice), the ventures sharing with any of them (with whom), the open view's rows from
 * the facts, and every organization's rollup rows for both bases at once.
 */
async function loadPlaceViews(
  db: Db,
  place: Place,
  indicators: readonly repo.IndicatorRow[],
  years: [number, number] | null,
): Promise<PlaceViews> {
  const covering = await repo.municipalityOrgsWithOpenData(db, [place.code, ...place.rolledUpFrom])
  const orgs = covering.map((o) => ({ id: o.id, name: o.name }))
  const opted = new Set(covering.filter((o) => o.openData).map((o) => o.id))
  const sharing = await repo.sharingVenturesByGrantee(
    db,
    orgs.map((o) => o.id),
  )
  const indicatorCodes = indicators.map((i) => i.code)
  const view = (key: string, ventures: typeof sharing, rows: repo.NationalRow[]): PlaceView => ({
    key,
    buckets: bucketsOf(ventures.length === 0 ? [] : rows),
    ventures: new Set(ventures.map((v) => v.orgId)),
  })
  const open = sharing.filter((v) => v.publishOpenData && v.grantees.some((g) => opted.has(g)))
  const [openRows, rollups] = await Promise.all([
    opted.size > 0
      ? repo.municipalRows(db, {
          code: place.code,
          orgId: null,
          ventureIds: open.map((v) => v.orgId),
          servesOnly: servingOnly(place, open),
          indicatorCodes,
          basis: 'verified',
          years,
        })
      : Promise.resolve([]),
    repo.orgRollupRows(db, { code: place.code, orgIds: [...orgs.map((o) => o.id)], indicatorCodes, years }),
  ])
  const views: PlaceView[] = []
  if (opted.size > 0) views.push(view('open', open, openRows))
  for (const org of orgs) {
    const ventures = sharing.filter((v) => v.grantees.includes(org.id))
    for (const basis of ['verified', 'unverified'] as const)
      views.push(
        view(
          `org:${org.id}:${basis}`,
          ventures,
          rollups.filter((r) => r.orgId === org.id && r.basis === basis),
        ),
      )
  }
  return { views, orgs }
}
