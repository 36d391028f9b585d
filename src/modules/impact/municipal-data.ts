import type { Db } from '../../db/tx.ts'
import {
  codesRollingInto,
  currentMunicipality,
  isKnownMunicipality,
  splitPredecessors,
} from '../../domain/municipalities.ts'
import { invalid } from '../../http/problem.ts'
import { type Buckets, bucketsOf } from './buckets.ts'
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
  const here = new Set([place.code, ...place.rolledUpFrom])
  const servesOnly = ventures
    .filter((v) => v.municipalities.length > 0 && v.municipalities.every((m) => here.has(m)))
    .map((v) => v.orgId)
  const scope = {
    ventureIds: ventures.map((v) => v.orgId),
    servesOnly,
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
