import { type LinearSystem, optimise, prepare } from './lp.ts'

/**
 * The attacker of PRODUCT.md §4, as code. Given every published cell (shown or suppressed), the
 * quantities the publication implies but never shows (the rest of a partial breakdown, the
 * difference between two views) and every additive relation between them, it derives for each
 * unknown cell the tightest interval a reader of all views can prove: cells are non-negative
 * (counts and amounts; a difference of amounts may be negative), relations are `total = Σ parts`,
 * and the bounds come from linear programming over all relations together — subtraction, chains
 * through several tables and bounds from non-negativity (a year of 12 whose four quarters are
 * suppressed with at most 3 each gives 3 each) are all special cases. Counts are integers, so
 * a bound rounds inward.
 *
 * A protected cell is disclosed when
 * - a count of 1..threshold−1: it is shown, or its interval is one value or lies inside
 *   [1, threshold−1] (the reader learns it is a small count);
 * - an amount standing for one venture's figures (or two): it is shown or determined exactly.
 */
export type AuditKind = 'count' | 'amount'

export interface AuditCell {
  id: string
  kind: AuditKind
  /** The true value, known to the auditor only. */
  value: number
  /** The reader knows it: shown in some view (or implied, such as a complete breakdown's 0 rest). */
  shown: boolean
  /** A cell of some view; false for a rest or a difference, which no view prints. */
  published: boolean
  /** Subject to protection: a count of people, or an amount of fewer than 3 ventures. */
  protect: boolean
  /** May be negative (a difference between two views' amounts); otherwise ≥ 0. */
  free?: boolean
}

/** `total = Σ parts`, exactly. A partial breakdown names its rest as a part. */
export interface AuditRelation {
  total: string
  parts: readonly string[]
}

export interface AuditTable {
  cells: readonly AuditCell[]
  relations: readonly AuditRelation[]
}

export interface AuditOptions {
  /** Counts 1..threshold−1 are protected (PRODUCT.md §4; default 4). */
  threshold: number
}

export interface Interval {
  lo: number
  hi: number
}

export interface Recovered extends Interval {
  id: string
  value: number
}

export interface AuditReport {
  /** Published cells (shown or suppressed). */
  cells: number
  suppressed: number
  /** Cells that must not be disclosed (published or implied). */
  protectedCells: number
  recovered: Recovered[]
  /** The tightest interval of every unknown cell. */
  intervals: Map<string, Interval>
}

/** Below half a cent two bounds of an amount are the same figure. */
const AMOUNT_TOLERANCE = 0.005
/** Slack when rounding a count's bound inward (the LP works in binary floating point). */
const ROUND = 1e-6

export const isProtected = (c: AuditCell, threshold: number) =>
  c.protect && (c.kind === 'amount' || (c.value >= 1 && c.value <= threshold - 1))

/** Whether a reader who knows `i` about protected cell `c` has disclosed it. */
export function discloses(c: AuditCell, i: Interval, threshold: number): boolean {
  if (c.kind === 'amount') return i.hi - i.lo <= AMOUNT_TOLERANCE
  const lo = Math.ceil(i.lo - ROUND)
  const hi = Math.floor(i.hi + ROUND)
  return lo === hi || (lo >= 1 && hi <= threshold - 1)
}

interface Indexed {
  cells: readonly AuditCell[]
  index: Map<string, number>
  relations: { total: number; parts: number[] }[]
  /** Relations each cell takes part in. */
  byCell: number[][]
}

export class AuditInputError extends Error {}

export function indexTable(table: AuditTable): Indexed {
  const index = new Map<string, number>()
  table.cells.forEach((c, i) => {
    if (index.has(c.id)) throw new AuditInputError(`duplicate cell ${c.id}`)
    index.set(c.id, i)
  })
  const at = (id: string) => {
    const i = index.get(id)
    if (i === undefined) throw new AuditInputError(`no cell ${id}`)
    return i
  }
  const relations = table.relations.map((r) => ({ total: at(r.total), parts: r.parts.map(at) }))
  const byCell: number[][] = table.cells.map(() => [])
  relations.forEach((r, j) => {
    for (const i of new Set([r.total, ...r.parts])) byCell[i]?.push(j)
  })
  return { cells: table.cells, index, relations, byCell }
}

/** Connected groups of cells (through relations), each sorted, in order of their first cell. */
export function components(t: Indexed): number[][] {
  const seen = new Uint8Array(t.cells.length)
  const out: number[][] = []
  for (let start = 0; start < t.cells.length; start++) {
    if (seen[start] || (t.byCell[start]?.length ?? 0) === 0) continue
    const group: number[] = []
    const stack = [start]
    seen[start] = 1
    while (stack.length > 0) {
      const i = stack.pop() as number
      group.push(i)
      for (const j of t.byCell[i] ?? []) {
        const r = t.relations[j] as { total: number; parts: number[] }
        for (const k of [r.total, ...r.parts])
          if (!seen[k]) {
            seen[k] = 1
            stack.push(k)
          }
      }
    }
    out.push(group.sort((a, b) => a - b))
  }
  return out
}

/**
 * The unknown cells of a group, split where shown cells separate them: a relation links only the
 * unknowns in it (the shown ones are constants), so each part is a linear program of its own.
 */
export function unknownParts(
  t: Indexed,
  group: readonly number[],
  known: (i: number) => boolean,
): number[][] {
  const seen = new Set<number>()
  const out: number[][] = []
  for (const start of group) {
    if (known(start) || seen.has(start)) continue
    const part: number[] = []
    const stack = [start]
    seen.add(start)
    while (stack.length > 0) {
      const i = stack.pop() as number
      part.push(i)
      for (const j of t.byCell[i] ?? []) {
        const r = t.relations[j] as { total: number; parts: number[] }
        for (const k of [r.total, ...r.parts])
          if (!known(k) && !seen.has(k)) {
            seen.add(k)
            stack.push(k)
          }
      }
    }
    out.push(part.sort((a, b) => a - b))
  }
  return out
}

/** The linear system of one component, whose unknowns are its cells the reader does not know. */
export function systemOf(t: Indexed, group: readonly number[], known: (i: number) => boolean) {
  const unknowns = group.filter((i) => !known(i))
  const column = new Map(unknowns.map((i, k) => [i, k]))
  const relations = new Set(group.flatMap((i) => t.byCell[i] ?? []))
  const rows: LinearSystem['rows'][number][] = []
  for (const j of [...relations].sort((a, b) => a - b)) {
    const r = t.relations[j] as { total: number; parts: number[] }
    const coef = new Map<number, number>()
    let rhs = 0
    const term = (i: number, a: number) => {
      const k = column.get(i)
      if (k === undefined) rhs -= a * (t.cells[i]?.value ?? 0)
      else coef.set(k, (coef.get(k) ?? 0) + a)
    }
    term(r.total, 1)
    for (const p of r.parts) term(p, -1)
    const terms = [...coef].filter(([, a]) => a !== 0)
    if (terms.length > 0) rows.push({ terms, rhs })
  }
  const system: LinearSystem = {
    rows,
    lower: unknowns.map((i) => (t.cells[i]?.free ? Number.NEGATIVE_INFINITY : 0)),
    upper: unknowns.map(() => Number.POSITIVE_INFINITY),
  }
  return { unknowns, column, system }
}

/**
 * Whether some protected unknown of the component is disclosed: the first such cell, in input
 * order, or undefined. Stops each search as soon as the cell is known to be safe.
 */
export function firstDisclosed(
  t: Indexed,
  group: readonly number[],
  known: (i: number) => boolean,
  threshold: number,
  only?: number,
  /** Cells already proven safe: hiding more never makes them unsafe, so they are not checked again. */
  safe?: Set<number>,
): number | undefined {
  for (const i of only === undefined ? group : [only]) {
    const c = t.cells[i] as AuditCell
    if (isProtected(c, threshold) && known(i)) return i
  }
  const targets = (only === undefined ? group : [only]).filter(
    (i) => !known(i) && !safe?.has(i) && isProtected(t.cells[i] as AuditCell, threshold),
  )
  if (targets.length === 0) return undefined
  const wanted = new Set(targets)
  const parts = unknownParts(t, only === undefined ? group : [only], known).filter((p) =>
    p.some((i) => wanted.has(i)),
  )
  let first: number | undefined
  for (const part of parts) {
    const { column, system } = systemOf(t, part, known)
    const prepared = prepare(system)
    if (!prepared.feasible) throw new AuditInputError('the true values do not satisfy the relations')
    for (const i of part) {
      if (!wanted.has(i)) continue
      const c = t.cells[i] as AuditCell
      const k = column.get(i) as number
      let disclosed: boolean
      if (c.kind === 'count') {
        const hi = optimise(prepared, k, -1, threshold)
        disclosed =
          Math.floor(hi + ROUND) < threshold &&
          discloses(c, { lo: optimise(prepared, k, 1, 0), hi }, threshold)
      } else {
        const hi = optimise(prepared, k, -1)
        disclosed = discloses(c, { lo: optimise(prepared, k, 1, hi - 2 * AMOUNT_TOLERANCE), hi }, threshold)
      }
      if (!disclosed) safe?.add(i)
      else if (first === undefined || i < first) {
        first = i
        break
      }
    }
  }
  return first
}

/** Audits a publication: every unknown cell's interval, and the protected cells it recovers. */
export function auditDisclosure(
  table: AuditTable,
  options: AuditOptions,
  /**
   * `protected`: only the protected cells' intervals, each search stopped once the cell is known
   * to be safe (then the interval is a safe one, not the tightest) — what a pass/fail needs.
   */
  scope: 'all' | 'protected' = 'all',
): AuditReport {
  const t = indexTable(table)
  const { threshold } = options
  const known = (i: number) => t.cells[i]?.shown === true
  const intervals = new Map<string, Interval>()
  const recovered: Recovered[] = []
  for (const group of components(t).flatMap((g) => unknownParts(t, g, known))) {
    const { unknowns, system } = systemOf(t, group, known)
    const prepared = prepare(system)
    if (!prepared.feasible) throw new AuditInputError('the true values do not satisfy the relations')
    unknowns.forEach((i, k) => {
      const c = t.cells[i] as AuditCell
      if (scope === 'all') {
        intervals.set(c.id, { lo: optimise(prepared, k, 1), hi: optimise(prepared, k, -1) })
        return
      }
      if (!isProtected(c, threshold)) return
      const amount = c.kind === 'amount'
      const hi = optimise(prepared, k, -1, amount ? undefined : threshold)
      const lo = optimise(prepared, k, 1, amount ? hi - 2 * AMOUNT_TOLERANCE : 0)
      intervals.set(c.id, { lo, hi })
    })
  }
  // A cell in no relation is only known to be ≥ 0 (or anything, when free).
  table.cells.forEach((c) => {
    if (!c.shown && !intervals.has(c.id))
      intervals.set(c.id, { lo: c.free ? Number.NEGATIVE_INFINITY : 0, hi: Number.POSITIVE_INFINITY })
  })
  let protectedCells = 0
  for (const c of table.cells) {
    if (!isProtected(c, threshold)) continue
    protectedCells++
    const i = c.shown ? { lo: c.value, hi: c.value } : (intervals.get(c.id) as Interval)
    if (discloses(c, i, threshold)) recovered.push({ id: c.id, value: c.value, ...i })
  }
  const published = table.cells.filter((c) => c.published)
  return {
    cells: published.length,
    suppressed: published.filter((c) => !c.shown).length,
    protectedCells,
    recovered,
    intervals,
  }
}
