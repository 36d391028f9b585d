import { AGE_BANDS, type Dimension, GENDERS } from '../../src/domain/aggregation.ts'
import { isRatio } from '../../src/domain/aggregation-kind.ts'
import { isKnownMunicipality } from '../../src/domain/municipalities.ts'
import type {
  AssignmentWithIndicator,
  CellIn,
  SaveValuesInput,
  ValueIn,
} from '../../src/modules/outcomes/index.ts'
import type { PostedForm } from '../ui/forms.ts'

/**
 * The report form as people fill it in, and back: field names for every input, the posted form
 * read into the values the outcomes service takes (SaveValues), and each problem the service
 * reports at `values.<i>.<path>` placed next to the input it is about. The rules themselves stay
 * in the outcomes service and the domain; this file only translates between form and API shapes.
 */
export type Part = 'value' | 'numerator' | 'denominator'

/** One indicator's block of the form: which figures it asks for, which breakdowns it offers. */
export interface FormIndicator {
  code: string
  ratio: boolean
  dimensions: { dimension: Dimension; categories: readonly string[] }[]
}

export const NARRATIVE = ['highlights', 'challenges', 'nextSteps'] as const
export type NarrativeField = (typeof NARRATIVE)[number]

export const field = {
  total: (code: string) => `${code}.total`,
  numerator: (code: string) => `${code}.numerator`,
  denominator: (code: string) => `${code}.denominator`,
  /** The first input of a value: the total, or for a ratio the numerator (its total is computed). */
  first: (ind: FormIndicator) => (ind.ratio ? `${ind.code}.numerator` : `${ind.code}.total`),
  dimension: (code: string, dimension: string) => `${code}.${dimension}`,
  cell: (code: string, dimension: string, category: string, part: Part) =>
    `${code}.${dimension}.${category}.${part}`,
  note: (code: string) => `${code}.note`,
  evidence: (code: string) => `${code}.evidence`,
  level: (code: string) => `${code}.level`,
}

const CLOSED: Partial<Record<Dimension, readonly string[]>> = { gender: GENDERS, age_band: AGE_BANDS }

/**
 * The indicators a report asks for, in the form's order. A municipality breakdown cannot list the
 * open set of numbers: it offers the venture's municipalities that were in use during the period,
 * and every number the revision already holds (from an earlier save or a CSV import), so a save
 * never drops a stored cell the form did not show.
 */
export function formIndicators(
  expected: readonly AssignmentWithIndicator[],
  ventureMunicipalities: readonly string[],
  period: { start: string; end: string },
  stored: readonly {
    indicatorCode: string
    breakdowns: readonly { dimension: string; category: string }[]
  }[],
): FormIndicator[] {
  const inUse = ventureMunicipalities.filter(
    (code) => isKnownMunicipality(code, period.start) || isKnownMunicipality(code, period.end),
  )
  return expected.map(({ indicator }) => {
    const held = (dimension: string) =>
      stored
        .filter((v) => v.indicatorCode === indicator.code)
        .flatMap((v) => v.breakdowns.filter((b) => b.dimension === dimension).map((b) => b.category))
    return {
      code: indicator.code,
      ratio: isRatio(indicator.aggregation),
      dimensions: indicator.allowedBreakdowns.flatMap((d) => {
        const dimension = d as Dimension
        const closed = CLOSED[dimension]
        const categories =
          closed ?? (dimension === 'municipality' ? [...new Set([...inUse, ...held(dimension)])].sort() : [])
        return categories.length ? [{ dimension, categories }] : []
      }),
    }
  })
}

/** What the person typed, by field name: shown again as typed when the form comes back with errors. */
export type FormValues = Record<string, string>

/** The inputs of one value that carry figures (not note, evidence or level). */
function figureFields(ind: FormIndicator): string[] {
  const whole = ind.ratio ? [field.numerator(ind.code), field.denominator(ind.code)] : [field.total(ind.code)]
  const parts: Part[] = ind.ratio ? ['numerator', 'denominator'] : ['value']
  return [
    ...whole,
    ...ind.dimensions.flatMap((d) =>
      d.categories.flatMap((c) => parts.map((p) => field.cell(ind.code, d.dimension, c, p))),
    ),
  ]
}

export function allFields(indicators: readonly FormIndicator[]): string[] {
  return [
    ...indicators.flatMap((ind) => [
      ...figureFields(ind),
      field.note(ind.code),
      field.evidence(ind.code),
      field.level(ind.code),
    ]),
    ...NARRATIVE,
  ]
}

export function formValuesFrom(form: PostedForm, indicators: readonly FormIndicator[]): FormValues {
  return Object.fromEntries(allFields(indicators).map((name) => [name, form.text(name)]))
}

/**
 * A number as people write it (`1 250`, `12,5`, `−3`) as the API's decimal string, or null when it
 * is not a number. Grouping spaces go; a comma is the decimal sign (a point is accepted too).
 */
export function normalizeNumber(raw: string): string | null {
  const s = raw
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/\u2212/g, '-')
    .replace(',', '.')
  return /^-?\d{1,15}(\.\d{1,10})?$/.test(s) ? s : null
}

/** Where each value of the request came from, to place the service's problems. */
interface ValueRef {
  indicator: FormIndicator
  cells: { dimension: string; category: string }[]
}

export interface ParsedReport {
  input: SaveValuesInput
  refs: ValueRef[]
  /** Inputs that are not numbers at all: reported without asking the service. */
  notNumbers: string[]
}

/**
 * Reads the form into SaveValues. An indicator left entirely blank is not sent (the draft simply
 * does not have it yet; submitting names it as missing); blank breakdown cells are not sent (a
 * partial breakdown is allowed, the rest counts as unknown).
 */
export function parseReportForm(values: FormValues, indicators: readonly FormIndicator[]): ParsedReport {
  const notNumbers: string[] = []
  const num = (name: string): string | undefined => {
    const raw = values[name] ?? ''
    if (!raw) return undefined
    const n = normalizeNumber(raw)
    if (n === null) notNumbers.push(name)
    return n ?? undefined
  }
  const refs: ValueRef[] = []
  const out: ValueIn[] = []
  for (const ind of indicators) {
    const note = values[field.note(ind.code)] ?? ''
    const evidence = (values[field.evidence(ind.code)] ?? '')
      .split(/\s+/)
      .map((s) => s.trim())
      .filter(Boolean)
    const level = values[field.level(ind.code)] ?? ''
    const hasFigures = figureFields(ind).some((name) => (values[name] ?? '') !== '')
    if (!hasFigures && !note && !evidence.length) continue
    const cells: CellIn[] = []
    for (const d of ind.dimensions) {
      for (const category of d.categories) {
        const at = (p: Part) => num(field.cell(ind.code, d.dimension, category, p))
        const cell: CellIn = ind.ratio
          ? { dimension: d.dimension, category, numerator: at('numerator'), denominator: at('denominator') }
          : { dimension: d.dimension, category, value: at('value') }
        if (cell.value !== undefined || cell.numerator !== undefined || cell.denominator !== undefined) {
          cells.push(withoutUndefined(cell))
        }
      }
    }
    const value: ValueIn = ind.ratio
      ? {
          indicatorCode: ind.code,
          numerator: num(field.numerator(ind.code)),
          denominator: num(field.denominator(ind.code)),
        }
      : { indicatorCode: ind.code, total: num(field.total(ind.code)) ?? null }
    if (cells.length) value.breakdowns = cells
    if (note) value.note = note
    if (evidence.length) value.evidence = evidence
    if (level) value.verificationLevel = level as ValueIn['verificationLevel']
    out.push(withoutUndefined(value))
    refs.push({ indicator: ind, cells: cells.map((c) => ({ dimension: c.dimension, category: c.category })) })
  }
  const narrative = Object.fromEntries(NARRATIVE.map((n) => [n, values[n] ?? '']))
  return { input: { values: out, ...narrative }, refs, notNumbers }
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}

/**
 * The field a problem belongs to. `path` is as the service reports it (`values.2.breakdowns.1.value`,
 * `highlights`); problems that name no input (a whole-report rule) go to `form`. Where the path
 * stops short of an input, the problem's `params` name it: the indicator a submission lacks
 * (`value.missing`), the dimension whose sum is off (`value.breakdown_sum_*`).
 */
export function fieldOfProblem(
  issue: { path: string; params?: Record<string, string> | undefined },
  refs: readonly ValueRef[],
  indicators: readonly FormIndicator[],
): string {
  const { path, params = {} } = issue
  const parts = path.split('.')
  if ((NARRATIVE as readonly string[]).includes(parts[0] ?? '')) return parts[0]!
  if (parts[0] !== 'values') return 'form'
  if (parts.length === 1) {
    // A report that lacks a value names the indicator (`params.code`): one left blank, so it is
    // among the form's indicators but not among the values sent.
    const ind = indicators.find((i) => i.code === params.code)
    return ind ? field.first(ind) : 'form'
  }
  const ref = refs[Number(parts[1])]
  if (!ref) return 'form'
  const ind = ref.indicator
  const rest = parts.slice(2)
  switch (rest[0]) {
    case 'total':
    case 'indicatorCode':
      return field.first(ind)
    case 'numerator':
      return field.numerator(ind.code)
    case 'denominator':
      return field.denominator(ind.code)
    case 'note':
      return field.note(ind.code)
    case 'evidence':
      return field.evidence(ind.code)
    case 'verificationLevel':
      return field.level(ind.code)
    case 'breakdowns': {
      if (rest[1] === undefined) {
        const named = ind.dimensions.find((d) => d.dimension === params.dimension)?.dimension
        const dimension = named ?? ind.dimensions[0]?.dimension
        return dimension ? field.dimension(ind.code, dimension) : field.first(ind)
      }
      const cell = ref.cells[Number(rest[1])]
      if (!cell) return field.first(ind)
      const part = rest[2]
      if (part === 'value')
        return field.cell(ind.code, cell.dimension, cell.category, ind.ratio ? 'numerator' : 'value')
      if (part === 'numerator' || part === 'denominator')
        return field.cell(ind.code, cell.dimension, cell.category, part)
      return field.dimension(ind.code, cell.dimension)
    }
    default:
      return field.first(ind)
  }
}

/** The stored values of a report revision as form values, to fill the form. */
export function formValuesOfStored(
  stored: readonly {
    indicatorCode: string
    total: string
    numerator: string | null
    denominator: string | null
    breakdowns: {
      dimension: string
      category: string
      value: string
      numerator: string | null
      denominator: string | null
    }[]
    note: string
    evidence: string[]
    verificationLevel: string
  }[],
  narrative: Partial<Record<NarrativeField, string>>,
  decimalComma: boolean,
): FormValues {
  const show = (s: string | null) => (s === null ? '' : decimalComma ? s.replace('.', ',') : s)
  const out: FormValues = {}
  for (const v of stored) {
    out[field.total(v.indicatorCode)] = show(v.total)
    out[field.numerator(v.indicatorCode)] = show(v.numerator)
    out[field.denominator(v.indicatorCode)] = show(v.denominator)
    for (const b of v.breakdowns) {
      out[field.cell(v.indicatorCode, b.dimension, b.category, 'value')] = show(b.value)
      out[field.cell(v.indicatorCode, b.dimension, b.category, 'numerator')] = show(b.numerator)
      out[field.cell(v.indicatorCode, b.dimension, b.category, 'denominator')] = show(b.denominator)
    }
    out[field.note(v.indicatorCode)] = v.note
    out[field.evidence(v.indicatorCode)] = v.evidence.join('\n')
    out[field.level(v.indicatorCode)] = v.verificationLevel
  }
  for (const n of NARRATIVE) out[n] = narrative[n] ?? ''
  return out
}
