/**
 * Statistical disclosure control for published counts of people (PRODUCT.md §4).
 *
 * A table is a set of cells and additive constraints `total = Σ parts (+ rest)`. When the parts
 * add up to less than the total, the breakdown is partial: the rest ("unknown") is never shown, but
 * an attacker can still subtract, so it is treated as a hidden cell of that constraint that must
 * not be derivable when it is itself a small count.
 *
 * Guarantees, each enforced until nothing changes:
 * 1. primary: no shown count is in 1..threshold−1 (0 is shown);
 * 2. no constraint has exactly one hidden cell (it could be recovered by subtraction);
 * 3. where a total is shown, the hidden parts (and rest) together are 0 or ≥ threshold: otherwise
 *    female 1 and male 1 hidden beside a shown total would both be known to be 1;
 * 4. no hidden cell is determined by any combination of the constraints (exact linear algebra,
 *    which also catches chains through several constraints that rules 2–3 cannot see).
 * Bounds from non-negativity beyond rule 3 are not attempted.
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 4

export interface SuppressionCell {
  id: string
  /** A count of people: an integer ≥ 0. */
  value: number
}

/** `total` equals the sum of `parts`, or exceeds it when the breakdown is partial. */
export interface AdditiveConstraint {
  total: string
  parts: readonly string[]
}

export interface SuppressionTable {
  cells: readonly SuppressionCell[]
  constraints: readonly AdditiveConstraint[]
}

export interface SuppressionOptions {
  /** Counts from 1 to threshold − 1 are suppressed; 1 turns primary suppression off. Default 4. */
  threshold?: number
}

export type SuppressionReason = 'primary' | 'secondary'

/** A published cell: a suppressed one carries null, never a fake 0. */
export type PublishedCell =
  | { value: number; suppressed: false; reason?: undefined }
  | { value: null; suppressed: true; reason: SuppressionReason }

export interface SuppressionProblem {
  path: string
  message: string
}

export class SuppressionInputError extends Error {
  constructor(readonly problems: SuppressionProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '))
    this.name = 'SuppressionInputError'
  }
}

const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0

export function checkThreshold(threshold: unknown): SuppressionProblem[] {
  return Number.isSafeInteger(threshold) && (threshold as number) >= 1
    ? []
    : [{ path: 'threshold', message: 'must be an integer ≥ 1' }]
}

/** True when a financial aggregate over `ventureCount` ventures must not be shown (1..minimum−1). */
export function withholdFinancial(ventureCount: number, minimum = 3): boolean {
  if (!isCount(ventureCount)) throw new RangeError('ventureCount must be an integer ≥ 0')
  if (!Number.isSafeInteger(minimum) || minimum < 1) throw new RangeError('minimum must be an integer ≥ 1')
  // Nothing built from no venture reveals a venture: show it as empty, like a count of 0.
  return ventureCount > 0 && ventureCount < minimum
}

interface Constraint {
  total: number
  parts: number[]
  /** total − Σ parts: the unpublished remainder of a partial breakdown. */
  rest: number
}

function indexTable(table: SuppressionTable, threshold: number) {
  const problems = checkThreshold(threshold)
  const index = new Map<string, number>()
  table.cells.forEach((c, i) => {
    if (typeof c.id !== 'string' || c.id === '')
      problems.push({ path: `cells[${i}].id`, message: 'required' })
    else if (index.has(c.id)) problems.push({ path: `cells[${i}].id`, message: `duplicate id ${c.id}` })
    else index.set(c.id, i)
    if (!isCount(c.value)) problems.push({ path: `cells[${i}].value`, message: 'must be an integer ≥ 0' })
  })
  const values = table.cells.map((c) => c.value)
  const constraints: Constraint[] = table.constraints.map((k, j) => {
    const at = `constraints[${j}]`
    const total = index.get(k.total)
    if (total === undefined) problems.push({ path: `${at}.total`, message: `no cell ${k.total}` })
    if (k.parts.length === 0) problems.push({ path: `${at}.parts`, message: 'needs at least one part' })
    const parts: number[] = []
    k.parts.forEach((id, p) => {
      const i = index.get(id)
      if (i === undefined) problems.push({ path: `${at}.parts[${p}]`, message: `no cell ${id}` })
      else if (i === total || parts.includes(i))
        problems.push({ path: `${at}.parts[${p}]`, message: `${id} appears twice in the constraint` })
      else parts.push(i)
    })
    const sum = parts.reduce((s, i) => s + (values[i] ?? 0), 0)
    const rest = (total === undefined ? 0 : (values[total] ?? 0)) - sum
    if (total !== undefined && rest < 0)
      problems.push({ path: at, message: `parts add up to ${sum}, more than the total ${values[total]}` })
    return { total: total ?? 0, parts, rest }
  })
  if (problems.length > 0) throw new SuppressionInputError(problems)
  return { values, constraints }
}

/** Suppresses a table; returns every cell by id, in input order. Throws SuppressionInputError. */
export function suppressTable(
  table: SuppressionTable,
  options: SuppressionOptions = {},
): Map<string, PublishedCell> {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD
  const { values, constraints } = indexTable(table, threshold)
  const small = (v: number) => v > 0 && v < threshold
  const reason: (SuppressionReason | undefined)[] = values.map((v) => (small(v) ? 'primary' : undefined))
  const hidden = (i: number) => reason[i] !== undefined

  /** Smallest shown part, non-zero first, input order on ties; the total only when no part is left. */
  const candidate = (k: Constraint): number | undefined => {
    const open = k.parts.filter((i) => !hidden(i))
    const rank = (i: number) => ((values[i] ?? 0) === 0 ? Number.POSITIVE_INFINITY : (values[i] ?? 0))
    const best = open.reduce<number | undefined>(
      (b, i) => (b === undefined || rank(i) < rank(b) ? i : b),
      undefined,
    )
    return best ?? (hidden(k.total) ? undefined : k.total)
  }

  const exposed = (k: Constraint): boolean => {
    const hiddenParts = k.parts.filter(hidden)
    const unknowns = hiddenParts.length + (hidden(k.total) ? 1 : 0) + (k.rest > 0 ? 1 : 0)
    // A lone rest is harmless unless it is itself a small count.
    if (unknowns === 1) return k.rest > 0 ? small(k.rest) : true
    if (hidden(k.total)) return false
    return small(hiddenParts.reduce((s, i) => s + (values[i] ?? 0), k.rest))
  }

  for (;;) {
    let changed = true
    while (changed) {
      changed = false
      for (const k of constraints) {
        const next = exposed(k) ? candidate(k) : undefined
        if (next !== undefined) {
          reason[next] = 'secondary'
          changed = true
        }
      }
    }
    const next = repairDetermined(constraints, reason, values, threshold)
    if (next === undefined) break
    reason[next] = 'secondary'
  }

  return new Map(
    table.cells.map((c, i): [string, PublishedCell] => {
      const r = reason[i]
      return [c.id, r ? { value: null, suppressed: true, reason: r } : { value: c.value, suppressed: false }]
    }),
  )
}

/**
 * Finds a hidden cell (or a small rest) that the constraints together determine exactly, and
 * returns a shown cell whose hiding breaks the combination of constraints that determines it;
 * undefined when nothing is determined or nothing can be done.
 */
function repairDetermined(
  constraints: Constraint[],
  reason: (SuppressionReason | undefined)[],
  values: number[],
  threshold: number,
): number | undefined {
  // Unknowns: the hidden cells, then one rest per partial constraint.
  const column = new Map<number, number>()
  reason.forEach((r, i) => {
    if (r) column.set(i, column.size)
  })
  const restOf = constraints.flatMap((k, j) => (k.rest > 0 ? [j] : []))
  const width = column.size + restOf.length
  const used: number[] = []
  const rows: bigint[][] = []
  constraints.forEach((k, j) => {
    const row = new Array<bigint>(width).fill(0n)
    const t = column.get(k.total)
    if (t !== undefined) row[t] = 1n
    for (const p of k.parts) {
      const c = column.get(p)
      if (c !== undefined) row[c] = -1n
    }
    if (k.rest > 0) row[column.size + restOf.indexOf(j)] = -1n
    if (row.some((x) => x !== 0n)) {
      used.push(j)
      rows.push(row)
    }
  })
  // Each row: coefficients of the unknowns, then which constraints were combined to make it.
  const system = rows.map((row, n) => [...row, ...used.map((_, m) => (m === n ? 1n : 0n))])
  for (const { col, combination } of determined(system, width)) {
    const restIndex = col - column.size
    if (restIndex >= 0) {
      const rest = constraints[restOf[restIndex] ?? -1]?.rest ?? 0
      if (!(rest > 0 && rest < threshold)) continue
    }
    // A shown cell whose net coefficient in the combination is not 0: hiding it breaks it.
    const net = new Map<number, bigint>()
    combination.forEach((lambda, n) => {
      const k = constraints[used[n] ?? -1]
      if (!k || lambda === 0n) return
      if (!reason[k.total]) net.set(k.total, (net.get(k.total) ?? 0n) + lambda)
      for (const p of k.parts) if (!reason[p]) net.set(p, (net.get(p) ?? 0n) - lambda)
    })
    const rank = (i: number) => ((values[i] ?? 0) === 0 ? Number.POSITIVE_INFINITY : (values[i] ?? 0))
    let best: number | undefined
    for (const [i, n] of net)
      if (n !== 0n && (best === undefined || rank(i) < rank(best) || (rank(i) === rank(best) && i < best)))
        best = i
    if (best !== undefined) return best
  }
  return undefined
}

/**
 * Reduces the rows (unknowns in the first `width` columns, the tracked combination after them) and
 * returns each unknown fixed by the equations: a reduced row with a single non-zero unknown.
 */
function determined(rows: bigint[][], width: number): { col: number; combination: bigint[] }[] {
  const abs = (x: bigint) => (x < 0n ? -x : x)
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? abs(a) : gcd(b, a % b))
  const pivots: number[] = []
  let r = 0
  for (let col = 0; col < width && r < rows.length; col++) {
    const found = rows.findIndex((row, i) => i >= r && row[col] !== 0n)
    if (found < 0) continue
    ;[rows[r], rows[found]] = [rows[found] as bigint[], rows[r] as bigint[]]
    const pivot = rows[r] as bigint[]
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as bigint[]
      const b = row[col] ?? 0n
      if (i === r || b === 0n) continue
      const a = pivot[col] ?? 1n
      const next = row.map((x, c) => x * a - (pivot[c] ?? 0n) * b)
      const g = next.reduce(gcd, 0n)
      rows[i] = g > 1n ? next.map((x) => x / g) : next
    }
    pivots.push(col)
    r++
  }
  return pivots.flatMap((col, i) => {
    const row = rows[i] as bigint[]
    return row.slice(0, width).filter((x) => x !== 0n).length === 1
      ? [{ col, combination: row.slice(width) }]
      : []
  })
}

export interface BreakdownPeriod {
  /** A label such as `2026-Q1` or `2026-07`; unique within the series. */
  period: string
  total: number
  /**
   * dimension → category → count, e.g. `{ gender: { female: 2, male: 10 } }`. A dimension may list
   * only some categories: the rest of the total counts as unknown.
   */
  breakdowns?: Readonly<Record<string, Readonly<Record<string, number>>>>
}

export interface SuppressedRow {
  total: PublishedCell
  breakdowns: Record<string, Record<string, PublishedCell>>
}

export interface SuppressedSeries {
  periods: (SuppressedRow & { period: string })[]
  /** The sum over all periods (the year), with its own breakdowns: shown beside the periods. */
  year: SuppressedRow
}

/**
 * Suppresses the periods of one year × breakdown categories, with the year row and each period's
 * total: every period total, category column and dimension row is one constraint, and the totals
 * are shared by all dimensions so that no breakdown gives away what another hides.
 */
export function suppressBreakdownSeries(
  periods: readonly BreakdownPeriod[],
  options: SuppressionOptions = {},
): SuppressedSeries {
  const problems = checkThreshold(options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD)
  const seen = new Set<string>()
  periods.forEach((p, i) => {
    if (seen.has(p.period)) problems.push({ path: `periods[${i}].period`, message: `duplicate ${p.period}` })
    seen.add(p.period)
    if (!isCount(p.total)) problems.push({ path: `periods[${i}].total`, message: 'must be an integer ≥ 0' })
    for (const [dim, cats] of Object.entries(p.breakdowns ?? {})) {
      let sum = 0
      for (const [cat, v] of Object.entries(cats)) {
        if (!isCount(v))
          problems.push({ path: `periods[${i}].breakdowns.${dim}.${cat}`, message: 'must be an integer ≥ 0' })
        else sum += v
      }
      if (isCount(p.total) && sum > p.total)
        problems.push({
          path: `periods[${i}].breakdowns.${dim}`,
          message: `categories add up to ${sum}, more than the total ${p.total}`,
        })
    }
  })
  if (problems.length > 0) throw new SuppressionInputError(problems)

  // Categories in order of first appearance (a dimension without any is not shown); ids use
  // positions so any label is safe.
  const dims = new Map<string, Map<string, number>>()
  for (const p of periods)
    for (const [dim, cats] of Object.entries(p.breakdowns ?? {})) {
      if (Object.keys(cats).length === 0) continue
      const known = dims.get(dim) ?? new Map<string, number>()
      for (const cat of Object.keys(cats)) if (!known.has(cat)) known.set(cat, known.size)
      dims.set(dim, known)
    }
  const dimList = [...dims]
  const cellId = (row: number | 'y', d?: number, c?: number) =>
    d === undefined ? `${row}` : `${row}:${d}:${c}`

  const cells: SuppressionCell[] = []
  const constraints: AdditiveConstraint[] = []
  const yearSums = new Map<string, number>()
  periods.forEach((p, r) => {
    cells.push({ id: cellId(r), value: p.total })
    dimList.forEach(([dim, cats], d) => {
      const given = p.breakdowns?.[dim]
      if (!given) return
      const parts = Object.entries(given).map(([cat, v]) => {
        const id = cellId(r, d, cats.get(cat))
        cells.push({ id, value: v })
        yearSums.set(cellId('y', d, cats.get(cat)), (yearSums.get(cellId('y', d, cats.get(cat))) ?? 0) + v)
        return id
      })
      if (parts.length > 0) constraints.push({ total: cellId(r), parts })
    })
  })
  const ids = new Set(cells.map((c) => c.id))
  cells.push({ id: 'y', value: periods.reduce((s, p) => s + p.total, 0) })
  if (periods.length > 0) constraints.push({ total: 'y', parts: periods.map((_, r) => cellId(r)) })
  dimList.forEach(([, cats], d) => {
    const parts = [...cats.values()].map((c) => cellId('y', d, c))
    for (const id of parts) cells.push({ id, value: yearSums.get(id) ?? 0 })
    constraints.push({ total: 'y', parts })
    for (const c of cats.values()) {
      const column = periods.map((_, r) => cellId(r, d, c)).filter((id) => ids.has(id))
      constraints.push({ total: cellId('y', d, c), parts: column })
    }
  })

  const out = suppressTable({ cells, constraints }, options)
  const cell = (id: string) => out.get(id) as PublishedCell
  const row = (r: number | 'y', source?: BreakdownPeriod): SuppressedRow => {
    const given = (dim: string, cat: string) => r === 'y' || source?.breakdowns?.[dim]?.[cat] !== undefined
    const breakdowns = dimList.map(([dim, cats], d) => {
      const shown = [...cats].filter(([cat]) => given(dim, cat))
      return [dim, Object.fromEntries(shown.map(([cat, c]) => [cat, cell(cellId(r, d, c))]))] as const
    })
    return {
      total: cell(cellId(r)),
      breakdowns: Object.fromEntries(breakdowns.filter(([, cats]) => Object.keys(cats).length > 0)),
    }
  }
  return { periods: periods.map((p, r) => ({ period: p.period, ...row(r, p) })), year: row('y') }
}
