/**
 * The range of one variable over a small polytope { x : A x = b, lower ≤ x ≤ upper }: a dense
 * two-phase simplex with Bland's rule (the tables it serves are highly degenerate — many zeros —
 * and Bland's rule cannot cycle). Used by the disclosure audit, where A holds small integers
 * (±1) and b sums of counts or money: with such matrices the vertices are sums and differences
 * of the inputs, so binary floating point is exact to far below the tolerances the callers use.
 *
 * A lower bound may be −Infinity only when the upper one is +Infinity (a free variable).
 */
export interface LinearSystem {
  /** Equations: Σ coefficient · x[variable] = rhs. */
  rows: readonly { terms: readonly (readonly [variable: number, coefficient: number])[]; rhs: number }[]
  lower: readonly number[]
  upper: readonly number[]
}

const EPS = 1e-9

/** A solved phase I: a feasible basis of the standard form, ready for any objective. */
export interface Prepared {
  feasible: boolean
  /** Standard-form columns of each variable: [positive part, negative part or −1]. */
  columns: [number, number][]
  /** Offset of each variable (its finite lower bound, else 0). */
  offset: number[]
  tableau: Float64Array[]
  basis: number[]
  width: number
}

/** Converts to standard form (y ≥ 0), solves phase I and drops what it no longer needs. */
export function prepare(system: LinearSystem): Prepared {
  const n = system.lower.length
  const columns: [number, number][] = []
  const offset: number[] = []
  let width = 0
  for (let j = 0; j < n; j++) {
    const lo = system.lower[j] ?? 0
    const free = lo === Number.NEGATIVE_INFINITY
    columns.push([width++, free ? width++ : -1])
    offset.push(free ? 0 : lo)
  }
  const rows: { coef: Map<number, number>; rhs: number }[] = []
  for (const r of system.rows) {
    const coef = new Map<number, number>()
    let rhs = r.rhs
    for (const [v, a] of r.terms) {
      const [p, q] = columns[v] as [number, number]
      coef.set(p, (coef.get(p) ?? 0) + a)
      if (q >= 0) coef.set(q, (coef.get(q) ?? 0) - a)
      rhs -= a * (offset[v] ?? 0)
    }
    rows.push({ coef, rhs })
  }
  // Finite upper bounds become rows y + s = upper − lower with a slack column s.
  for (let j = 0; j < n; j++) {
    const hi = system.upper[j] ?? Number.POSITIVE_INFINITY
    if (hi === Number.POSITIVE_INFINITY) continue
    const p = (columns[j] as [number, number])[0]
    rows.push({
      coef: new Map([
        [p, 1],
        [width++, 1],
      ]),
      rhs: hi - (offset[j] ?? 0),
    })
  }
  const m = rows.length
  const artificial = width
  const total = width + m
  // Tableau rows: [columns..., artificials..., rhs]; the last row is the phase I objective.
  const tableau = rows.map((r, i) => {
    const row = new Float64Array(total + 1)
    const sign = r.rhs < 0 ? -1 : 1
    for (const [c, a] of r.coef) row[c] = sign * a
    row[artificial + i] = 1
    row[total] = sign * r.rhs
    return row
  })
  const basis = rows.map((_, i) => artificial + i)
  const objective = new Float64Array(total + 1)
  for (const row of tableau)
    for (let c = 0; c < total + 1; c++)
      if (c < artificial || c === total) objective[c] = (objective[c] ?? 0) - (row[c] ?? 0)
  run(tableau, objective, basis, total, () => false)
  const feasible =
    -(objective[total] ?? 0) <= 1e-7 * Math.max(1, ...tableau.map((r) => Math.abs(r[total] ?? 0)))
  // Drive zero-level artificials out of the basis; a row with nothing else to pivot on is redundant.
  const keep: number[] = []
  tableau.forEach((row, i) => {
    if ((basis[i] ?? 0) < artificial) {
      keep.push(i)
      return
    }
    let c = 0
    while (c < artificial && Math.abs(row[c] ?? 0) <= EPS) c++
    if (c < artificial) {
      pivot(tableau, objective, basis, i, c, total)
      keep.push(i)
    }
  })
  const trimmed = keep.map((i) => {
    const row = tableau[i] as Float64Array
    const out = new Float64Array(artificial + 1)
    out.set(row.subarray(0, artificial))
    out[artificial] = row[total] ?? 0
    return out
  })
  return {
    feasible,
    columns,
    offset,
    tableau: trimmed,
    basis: keep.map((i) => basis[i] ?? 0),
    width: artificial,
  }
}

function pivot(
  tableau: Float64Array[],
  objective: Float64Array,
  basis: number[],
  r: number,
  c: number,
  last: number,
) {
  const row = tableau[r] as Float64Array
  const p = row[c] as number
  // Only the pivot row's non-zero entries matter: the tables are sparse.
  const nz: number[] = []
  for (let k = 0; k <= last; k++) {
    const x = (row[k] as number) / p
    row[k] = x
    if (x !== 0) nz.push(k)
  }
  const eliminate = (other: Float64Array) => {
    const f = other[c] as number
    if (f === 0) return
    for (const k of nz) other[k] = (other[k] as number) - f * (row[k] as number)
    other[c] = 0
  }
  for (let i = 0; i < tableau.length; i++) if (i !== r) eliminate(tableau[i] as Float64Array)
  eliminate(objective)
  basis[r] = c
}

/**
 * Minimises with reduced costs in `objective` (its last entry is −value). `stop` sees the current
 * objective value and may end the search early. Returns false when the objective is unbounded.
 */
function run(
  tableau: Float64Array[],
  objective: Float64Array,
  basis: number[],
  last: number,
  stop: (value: number) => boolean,
): boolean {
  for (let guard = 0; guard < 100_000; guard++) {
    if (stop(-(objective[last] ?? 0))) return true
    let enter = -1
    for (let c = 0; c < last; c++)
      if ((objective[c] ?? 0) < -EPS) {
        enter = c
        break
      }
    if (enter < 0) return true
    let leave = -1
    let best = Number.POSITIVE_INFINITY
    for (let i = 0; i < tableau.length; i++) {
      const a = tableau[i]?.[enter] ?? 0
      if (a <= EPS) continue
      const ratio = (tableau[i]?.[last] ?? 0) / a
      if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && (basis[i] ?? 0) < (basis[leave] ?? 0))) {
        best = ratio
        leave = i
      }
    }
    if (leave < 0) return false
    pivot(tableau, objective, basis, leave, enter, last)
  }
  throw new Error('simplex did not converge')
}

/**
 * The minimum (sense 1) or maximum (sense −1) of variable `k`; ±Infinity when unbounded. `stopAt`
 * ends the search once the optimum is known to be at least as good as it (a lower bound when
 * minimising, an upper one when maximising): the caller only needs to know it gets there.
 */
export function optimise(prepared: Prepared, k: number, sense: 1 | -1, stopAt?: number): number {
  const { width, columns, offset } = prepared
  const tableau = prepared.tableau.map((r) => Float64Array.from(r))
  const basis = [...prepared.basis]
  const [p, q] = columns[k] as [number, number]
  const cost = new Float64Array(width + 1)
  cost[p] = sense
  if (q >= 0) cost[q] = -sense
  const objective = Float64Array.from(cost)
  tableau.forEach((row, i) => {
    const cb = cost[basis[i] ?? 0] ?? 0
    if (cb !== 0) for (let c = 0; c <= width; c++) objective[c] = (objective[c] ?? 0) - cb * (row[c] ?? 0)
  })
  const off = offset[k] ?? 0
  // Minimising c·y: for a minimum z = x − offset, for a maximum z = −(x − offset).
  const xOf = (z: number) => (sense === 1 ? z + off : -z + off)
  const stop = (z: number) =>
    stopAt !== undefined && (sense === 1 ? xOf(z) <= stopAt + EPS : xOf(z) >= stopAt - EPS)
  if (!run(tableau, objective, basis, width, stop))
    return sense === 1 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  return xOf(-(objective[width] ?? 0))
}
