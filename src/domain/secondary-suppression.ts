import {
  type AuditCell,
  type AuditOptions,
  type AuditTable,
  components,
  firstDisclosed,
  indexTable,
  isProtected,
} from './disclosure-audit.ts'

/**
 * Secondary suppression over every published view together (PRODUCT.md §4), in the spirit of
 * SSB's GaussSuppression: protected cells are hidden first, then, while the attacker of
 * disclosure-audit.ts still discloses a protected cell, one more published cell is hidden — the
 * one nearest to it through the relations (a cell of the same sum first) and, among those, the
 * cheapest (the smallest non-zero value; zeros last, they rarely help), preferring one that
 * alone makes the cell safe. Each step hides one more cell and hiding everything is safe, so it
 * ends. The result depends only on the table and its order: the same data always publishes the
 * same cells.
 */
export interface SuppressionChoice {
  /** Published cells to hide (primary and secondary). */
  hidden: Set<string>
  /** Of them, the protected cells themselves. */
  primary: Set<string>
}

/** How many candidates to try for one disclosed cell before hiding the nearest anyway. */
const TRIES = 8

export function chooseSuppression(table: AuditTable, options: AuditOptions): SuppressionChoice {
  const t = indexTable(table)
  const { threshold } = options
  const hidden = new Uint8Array(table.cells.length)
  const primary = new Set<string>()
  table.cells.forEach((c, i) => {
    if (!c.shown) hidden[i] = 1
    if (c.published && isProtected(c, threshold)) {
      hidden[i] = 1
      primary.add(c.id)
    }
  })
  const known = (i: number) => hidden[i] === 0
  const safe = new Set<number>()
  for (const group of components(t)) {
    for (;;) {
      const d = firstDisclosed(t, group, known, threshold, undefined, safe)
      if (d === undefined) break
      const candidates = nearest(t, d, group).filter((i) => known(i) && t.cells[i]?.published)
      if (candidates.length === 0) break // nothing left to hide: cannot happen for valid input
      let chosen: number | undefined
      for (const i of candidates.slice(0, TRIES)) {
        hidden[i] = 1
        const still = firstDisclosed(t, group, known, threshold, d)
        hidden[i] = 0
        if (still === undefined) {
          chosen = i
          break
        }
      }
      hidden[chosen ?? (candidates[0] as number)] = 1
    }
  }
  return {
    hidden: new Set(
      table.cells.filter((_, i) => hidden[i] === 1 && table.cells[i]?.published).map((c) => c.id),
    ),
    primary,
  }
}

const cost = (c: AuditCell) => (c.value === 0 ? Number.POSITIVE_INFINITY : Math.abs(c.value))

/** Cells of the group by distance from `from` through relations, then cost, then input order. */
function nearest(t: ReturnType<typeof indexTable>, from: number, group: readonly number[]): number[] {
  const distance = new Map<number, number>([[from, 0]])
  let frontier = [from]
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = []
    for (const i of frontier)
      for (const j of t.byCell[i] ?? []) {
        const r = t.relations[j] as { total: number; parts: number[] }
        for (const k of [r.total, ...r.parts])
          if (!distance.has(k)) {
            distance.set(k, d)
            next.push(k)
          }
      }
    frontier = next
  }
  return group
    .filter((i) => i !== from && distance.has(i))
    .sort(
      (a, b) =>
        (distance.get(a) as number) - (distance.get(b) as number) ||
        cost(t.cells[a] as AuditCell) - cost(t.cells[b] as AuditCell) ||
        a - b,
    )
}
