import type { z } from '@hono/zod-openapi'
import { parseCsv } from '../../domain/csv.ts'
import {
  type AuditCell,
  auditDisclosure,
  isProtected,
  type Recovered,
} from '../../domain/disclosure-audit.ts'
import type { Bucket } from './buckets.ts'
import { protectedYears } from './compose.ts'
import { cellKey, type Field, type ViewYear, yearTable } from './disclosure-table.ts'
import { type PlaceView, shownCells } from './publication.ts'
import type { IndicatorRow } from './repo.ts'
import type { Impact, OpenImpact } from './schemas.ts'

/**
 * The disclosure audit of what a place really serves: the documents an attacker downloads (every
 * open-data file, JSON and CSV, under every number of the place, and each organization's
 * /v1/impact at both granularities, verified and with submitted values), read back into cells
 * and handed to the attacker of domain/disclosure-audit.ts with the true figures of each view.
 * It also checks that every shown figure is the true one and that the formats agree.
 */

/** One view's printed cells: `code|period|field[|dim|cat]` → the printed value, null when suppressed. */
export type Printed = Map<string, string | null>

interface PeriodLike {
  period: string
  value: { value: string | null; suppressed: boolean }
  numerator: { value: string | null; suppressed: boolean } | null
  denominator: { value: string | null; suppressed: boolean } | null
  breakdowns: Record<string, Record<string, { value: string | null; suppressed: boolean }>>
}

const printedValue = (c: { value: string | null; suppressed: boolean }) => (c.suppressed ? null : c.value)

/** Adds a document's cells to `into`, noting every cell printed differently elsewhere. */
function addCell(into: Printed, key: string, value: string | null, problems: string[], source: string) {
  if (into.has(key) && into.get(key) !== value)
    problems.push(
      `${source}: ${key} is ${value ?? 'suppressed'} here, ${into.get(key) ?? 'suppressed'} elsewhere`,
    )
  into.set(key, value)
}

function addPeriods(
  into: Printed,
  code: string,
  periods: readonly PeriodLike[],
  problems: string[],
  source: string,
) {
  for (const p of periods) {
    const at = (field: Field, dim?: string, cat?: string) => `${code}|${cellKey(p.period, field, dim, cat)}`
    addCell(into, at('value'), printedValue(p.value), problems, source)
    if (p.numerator) addCell(into, at('numerator'), printedValue(p.numerator), problems, source)
    if (p.denominator) addCell(into, at('denominator'), printedValue(p.denominator), problems, source)
    for (const [dim, cats] of Object.entries(p.breakdowns))
      for (const [cat, c] of Object.entries(cats))
        addCell(into, at('value', dim, cat), printedValue(c), problems, source)
  }
}

export function readOpenJson(
  doc: z.infer<typeof OpenImpact>,
  into: Printed,
  problems: string[],
  source: string,
) {
  for (const i of doc.indicators)
    addPeriods(into, i.indicator.code, [...i.quarters, ...i.years], problems, source)
}

export function readImpactJson(
  doc: z.infer<typeof Impact>,
  into: Printed,
  problems: string[],
  source: string,
) {
  for (const i of doc.indicators) addPeriods(into, i.indicator.code, i.periods, problems, source)
}

const NUMBER_COLUMNS = new Set(['value', 'numerator', 'denominator'])

/** The CSV of open data (or the dashboard's download): one line per total or breakdown cell. */
export function readImpactCsv(text: string, into: Printed, problems: string[], source: string) {
  const csv = parseCsv(text)
  const col = (name: string) => csv.header.indexOf(name)
  for (const r of csv.rows) {
    const text = (name: string) => r.cells[col(name)] ?? ''
    // A `;` file has decimal commas (the one CSV rule): read the figures back with a point.
    const get = (name: string) =>
      csv.separator === ';' && NUMBER_COLUMNS.has(name) ? text(name).replace(',', '.') : text(name)
    const code = get('indicator_code')
    const period = get('period')
    const suppressed = get('suppressed') === 'true'
    const value = suppressed ? null : get('value') === '' ? null : get('value')
    if (get('dimension') === 'total') {
      addCell(into, `${code}|${cellKey(period, 'value')}`, value, problems, source)
      for (const f of ['numerator', 'denominator'] as const)
        if (get('aggregation') === 'ratio')
          addCell(into, `${code}|${cellKey(period, f)}`, suppressed ? null : get(f), problems, source)
    } else
      addCell(
        into,
        `${code}|${cellKey(period, 'value', get('dimension'), get('category'))}`,
        value,
        problems,
        source,
      )
  }
}

export interface AuditFigures {
  /** Published cells over all views, and how many of them are suppressed. */
  cells: number
  suppressed: number
  /** Protected cells (published counts of 1..threshold−1, and what the views imply). */
  protectedCells: number
  recovered: Recovered[]
}

export interface PlaceAudit {
  views: string[]
  /** What is served now. */
  served: AuditFigures
  /** Primary suppression alone (not served, so not audited), and each view protected on its own. */
  primaryOnly: { cells: number; suppressed: number }
  tableByTable: AuditFigures
  /** Shown figures that are not the true ones, formats that disagree. */
  problems: string[]
}

function yearInputs(v: PlaceView, code: string, year: string): ViewYear | undefined {
  const byKey = v.buckets.get(code)
  const y = byKey?.get(year)
  if (!byKey || !y) return undefined
  return {
    view: v.key,
    quarters: [...byKey.values()].filter((b: Bucket) => b.key.startsWith(`${year}-`)),
    year: y,
  }
}

type ShownBy = (view: string, code: string, key: string) => boolean

function audit(
  indicators: readonly IndicatorRow[],
  views: readonly PlaceView[],
  shownBy: ShownBy,
  threshold: number,
  scope: 'all' | 'protected',
): AuditFigures & { tables: ReturnType<typeof yearTable>[] } {
  const contains = (a: string, b: string) => {
    const va = views.find((v) => v.key === a)
    const vb = views.find((v) => v.key === b)
    return !!va && !!vb && [...va.ventures].every((x) => vb.ventures.has(x))
  }
  const total: AuditFigures = { cells: 0, suppressed: 0, protectedCells: 0, recovered: [] }
  const tables: ReturnType<typeof yearTable>[] = []
  for (const i of indicators) {
    const years = new Set(
      views.flatMap((v) => [...(v.buckets.get(i.code)?.keys() ?? [])].filter((k) => k.length === 4)),
    )
    for (const year of [...years].sort()) {
      const inputs = views.flatMap((v) => yearInputs(v, i.code, year) ?? [])
      const built = yearTable(
        i,
        inputs,
        (view, period, field, dim, cat) => shownBy(view, i.code, cellKey(period, field, dim, cat)),
        contains,
      )
      tables.push(built)
      const r = auditDisclosure(built, { threshold }, scope)
      total.cells += r.cells
      total.suppressed += r.suppressed
      total.protectedCells += r.protectedCells
      total.recovered.push(...r.recovered)
    }
  }
  return { ...total, tables }
}

/** Audits a place's printed views against the true figures of each. */
export function auditPlace(
  indicators: readonly IndicatorRow[],
  views: readonly PlaceView[],
  printed: ReadonlyMap<string, Printed>,
  threshold: number,
  problems: string[] = [],
  /** `protected` computes only what pass/fail needs (audit-disclosure on large data). */
  scope: 'all' | 'protected' = 'all',
): PlaceAudit {
  const served = audit(
    indicators,
    views,
    (view, code, key) => {
      const p = printed.get(view)?.get(`${code}|${key}`)
      return p !== undefined && p !== null
    },
    threshold,
    scope,
  )
  // Every shown figure must be the true one.
  for (const t of served.tables)
    for (const c of t.cells) {
      if (!c.published || !c.shown) continue
      const [view, code, ...rest] = c.id.split('|')
      const p = printed.get(view as string)?.get(`${code}|${rest.join('|')}`)
      if (p !== undefined && p !== null && Math.abs(Number(p) - c.value) > 0.005)
        problems.push(`${c.id} is printed as ${p}, the true figure is ${c.value}`)
    }
  const tableShown = new Map(
    views.map((v) => {
      const m = new Map<string, boolean>()
      for (const i of indicators) {
        const byKey = v.buckets.get(i.code)
        if (!byKey) continue
        for (const y of protectedYears(i, byKey, threshold))
          for (const [k, s] of shownCells(y)) m.set(`${i.code}|${k}`, s)
      }
      return [v.key, m]
    }),
  )
  const tableByTable = audit(
    indicators,
    views,
    (view, code, key) => tableShown.get(view)?.get(`${code}|${key}`) === true,
    threshold,
    'protected',
  )
  const primaryOnly = {
    cells: served.cells,
    suppressed: served.tables.reduce(
      (n, t) => n + t.cells.filter((c) => c.published && isProtected(c, threshold)).length,
      0,
    ),
  }
  const strip = ({ tables: _, ...f }: AuditFigures & { tables: unknown }) => f
  return {
    views: views.map((v) => v.key),
    served: strip(served),
    primaryOnly,
    tableByTable: strip(tableByTable),
    problems,
  }
}
