import type { Problem } from '../../src/http/problem.ts'
import type { ProblemCode } from '../../src/http/problem-codes.ts'
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

/**
 * The outcomes service words its validation problems in English for API callers. The reporting
 * form shows them in the page's language: each known problem (the complete list is what
 * src/domain/aggregation.ts, value-input.ts, the report workflow and the SaveValues schema can say;
 * test/unit/dashboard-report-form.test.ts holds this table to it) maps to a message key, with the
 * figures it names formatted for the language. An unknown message is shown as the service wrote it.
 */
type Fill = (m: RegExpExecArray, v: View) => Record<string, string>

const DIMENSIONS: Record<string, MessageKey> = {
  gender: 'reporting.dimension.gender',
  'age band': 'reporting.dimension.age_band',
  municipality: 'reporting.dimension.municipality',
}

const sums: Fill = (m, v) => ({
  dimension: v.t(DIMENSIONS[m[1]!] ?? 'reporting.dimension.gender').toLowerCase(),
  sum: v.fmt.number(m[3]!, 10),
  total: v.fmt.number(m[4]!, 10),
})

const PROBLEMS: [RegExp, MessageKey, Fill?][] = [
  [/^A total is required$/, 'reporting.err.required'],
  [/^A value is required$/, 'reporting.err.required'],
  [/^Must be a number$/, 'reporting.err.number'],
  [/^Must be a decimal string/, 'reporting.err.number'],
  [/^A count of people must be a whole number, 0 or more$/, 'reporting.err.people'],
  [/^A percentage must be between 0 and 100$/, 'reporting.err.percent'],
  [/^A ratio indicator needs a numerator$/, 'reporting.err.numerator'],
  [/^A ratio indicator needs a denominator$/, 'reporting.err.denominator'],
  [/^The denominator must be more than 0$/, 'reporting.err.denominatorZero'],
  [/^A share must be between 0 and the denominator$/, 'reporting.err.share'],
  [
    /^Does not match numerator \/ denominator: (\S+) \/ (\S+) gives (\S+)$/,
    'reporting.err.ratioMismatch',
    (m, v) => ({
      numerator: v.fmt.number(m[1]!),
      denominator: v.fmt.number(m[2]!),
      rate: v.fmt.number(m[3]!, 4),
    }),
  ],
  [
    /^The (gender|age band|municipality) (values|numerators|denominators) add up to (\S+), but the total is (\S+)$/,
    'reporting.err.sumMismatch',
    sums,
  ],
  [
    /^The (gender|age band|municipality) (values|numerators|denominators) add up to (\S+), more than the total (\S+)$/,
    'reporting.err.sumExceeds',
    sums,
  ],
  [
    /^(\d{4}) is not a Norwegian municipality number$/,
    'reporting.err.municipality',
    (m) => ({ code: m[1]! }),
  ],
  [
    /^(\d{4}) was not a municipality number in use during (\S+)$/,
    'reporting.err.municipalityPeriod',
    (m) => ({ code: m[1]!, period: m[2]! }),
  ],
  [/^The venture does not report on (\S+)$/, 'reporting.err.notAssigned', (m) => ({ code: m[1]! })],
  [
    /^(\S+) is reported \w+ from .*: (\S+) is outside the assignment$/,
    'reporting.err.outsideAssignment',
    (m) => ({ code: m[1]!, period: m[2]! }),
  ],
  [/^No value for (\S+) \(.*\); save one before submitting$/, 'reporting.err.missing'],
  [/^Only ratio indicators take a (numerator|denominator)$/, 'reporting.err.notRatio'],
  [/^This indicator is not broken down by (\S+)$/, 'reporting.err.notBrokenDown'],
  [/^Unknown (dimension|gender|age_band|municipality); use /, 'reporting.err.unknownCategory'],
  [/^(\S+) is given more than once$/, 'reporting.err.duplicate', (m) => ({ what: m[1]! })],
  [/^Must be an http\(s\) URL\.$/, 'reporting.err.url'],
  [/^Too big: expected array/, 'reporting.err.tooManyLinks'],
  [/^Too big: expected string/, 'reporting.err.tooLong'],
]

export function problemText(v: View, message: string): string {
  for (const [re, key, fill] of PROBLEMS) {
    const m = re.exec(message)
    if (m) return v.t(key, fill?.(m, v))
  }
  return message
}

/** For the test: whether a message is one the table knows. */
export const isKnownProblem = (message: string) => PROBLEMS.some(([re]) => re.test(message))
