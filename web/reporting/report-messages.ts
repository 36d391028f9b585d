import type { ValueFieldCode } from '../../src/domain/aggregation.ts'
import type { Problem } from '../../src/http/problem.ts'
import { type FieldCode, PROBLEM_CODES, type ProblemCode } from '../../src/http/problem-codes.ts'
import type { MessageKey } from '../i18n/index.ts'
import type { View } from '../ui/view.ts'

/**
 * Refusals of a whole report, by code: the page's own wording, with the values the service
 * passed (`params`) formatted for the language. A code without an entry shows the problem's
 * own detail in the page's language (the catalogue has both).
 */
const BY_CODE: Partial<Record<ProblemCode, (v: View, p: Problem) => string>> = {
  'report.period_open': (v, p) =>
    p.extra.params?.periodEnd
      ? v.t('reporting.err.periodOpen', { date: v.fmt.date(p.extra.params.periodEnd, 'medium') })
      : p.detailIn(v.lang),
  'report.locked': (v) => v.t('reporting.locked'),
  'report.wrong_state': (v) => v.t('reports.conflict'),
}

export const problemMessage = (v: View, p: Problem): string => BY_CODE[p.code]?.(v, p) ?? p.detailIn(v.lang)

/** One field problem as the service reports it (an `errors[]` entry, or a zod issue mapped alike). */
export interface FieldIssue {
  path: string
  message: string
  code?: ProblemCode | undefined
  params?: Record<string, string> | undefined
}

type Params = Record<string, string>
type Words = (v: View, p: Params) => string

const DIMENSIONS: Record<string, MessageKey> = {
  gender: 'reporting.dimension.gender',
  age_band: 'reporting.dimension.age_band',
  municipality: 'reporting.dimension.municipality',
}

const say =
  (key: MessageKey, fill?: (v: View, p: Params) => Params): Words =>
  (v, p) =>
    v.t(key, fill?.(v, p))

const sums = (v: View, p: Params) => ({
  dimension: v.t(DIMENSIONS[p.dimension ?? ''] ?? 'reporting.dimension.gender').toLowerCase(),
  sum: v.fmt.number(p.sum ?? '', 10),
  total: v.fmt.number(p.total ?? '', 10),
})

/**
 * The reporting form's words for every problem a value can have, by its field code (the domain's
 * list: a code added there fails the typecheck here), with the figures in `params` formatted for
 * the language. test/unit/dashboard-report-form.test.ts holds this table to the list.
 */
export const VALUE_MESSAGES: Record<ValueFieldCode, Words> = {
  'value.required': say('reporting.err.required'),
  'value.not_a_number': say('reporting.err.number'),
  'value.people_whole': say('reporting.err.people'),
  'value.percent_range': say('reporting.err.percent'),
  'value.numerator_required': say('reporting.err.numerator'),
  'value.denominator_required': say('reporting.err.denominator'),
  'value.denominator_zero': say('reporting.err.denominatorZero'),
  'value.share_range': say('reporting.err.share'),
  'value.ratio_mismatch': say('reporting.err.ratioMismatch', (v, p) => ({
    numerator: v.fmt.number(p.numerator ?? ''),
    denominator: v.fmt.number(p.denominator ?? ''),
    rate: v.fmt.number(p.rate ?? '', 4),
  })),
  'value.breakdown_sum_mismatch': say('reporting.err.sumMismatch', sums),
  'value.breakdown_sum_exceeds': say('reporting.err.sumExceeds', sums),
  'value.not_ratio': say('reporting.err.notRatio'),
  'value.not_broken_down': say('reporting.err.notBrokenDown'),
  'value.unknown_dimension': say('reporting.err.unknownCategory'),
  'value.unknown_category': say('reporting.err.unknownCategory'),
  'value.duplicate': say('reporting.err.duplicate', (_, p) => ({ what: p.what ?? '' })),
  'value.municipality_unknown': say('reporting.err.municipality', (_, p) => ({ code: p.code ?? '' })),
  'value.municipality_not_in_period': say('reporting.err.municipalityPeriod', (_, p) => ({
    code: p.code ?? '',
    period: p.period ?? '',
  })),
  'value.not_assigned': say('reporting.err.notAssigned', (_, p) => ({ code: p.code ?? '' })),
  'value.outside_assignment': say('reporting.err.outsideAssignment', (_, p) => ({
    code: p.code ?? '',
    period: p.period ?? '',
  })),
  'value.missing': say('reporting.err.missing'),
}

/** What the API's own schema (SaveValues) can refuse in a form the page has already read. */
const SCHEMA_MESSAGES: Partial<Record<FieldCode, Words>> = {
  // The form's only formats: links (url) and the decimal strings it writes itself.
  'validation.format': (v, p) => v.t(p.format === 'url' ? 'reporting.err.url' : 'reporting.err.number'),
  'validation.too_big': (v, p) =>
    v.t(p.origin === 'array' ? 'reporting.err.tooManyLinks' : 'reporting.err.tooLong'),
}

const isValueCode = (code: string): code is ValueFieldCode => Object.hasOwn(VALUE_MESSAGES, code)

/**
 * A field problem in the page's language, chosen by its code. A code the form has no words for
 * shows the catalogue's detail in Norwegian and the service's own sentence in English; a problem
 * without a code shows the service's sentence.
 */
export function fieldProblemText(v: View, issue: FieldIssue): string {
  const { code } = issue
  if (!code) return issue.message
  const params = issue.params ?? {}
  if (isValueCode(code)) return VALUE_MESSAGES[code](v, params)
  const words = SCHEMA_MESSAGES[code as FieldCode]
  if (words) return words(v, params)
  return v.lang === 'en' ? issue.message : PROBLEM_CODES[code].detail[v.lang]
}
