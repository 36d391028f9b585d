import { ANNUAL_REPORT_CODES } from './problem-codes/annual-report.ts'
import { CAPITAL_CODES } from './problem-codes/capital.ts'
import { CAPITAL_PAYER_CODES } from './problem-codes/capital-payer.ts'
import { ECONOMICS_CODES } from './problem-codes/economics.ts'
import type { ProblemEntry } from './problem-codes/entry.ts'
import { FIELD_CODES, HTTP_CODES } from './problem-codes/http.ts'
import { IATI_CODES } from './problem-codes/iati.ts'
import { IDENTITY_CODES } from './problem-codes/identity.ts'
import { IMPACT_CODES } from './problem-codes/impact.ts'
import { MAIL_CODES } from './problem-codes/mail.ts'
import { NOT_FOUND_CODES } from './problem-codes/not-found.ts'
import { NOTIFICATION_CODES } from './problem-codes/notifications.ts'
import { OUTCOME_CODES } from './problem-codes/outcomes.ts'
import { SHEET_CODES } from './problem-codes/sheets.ts'
import { SSO_CODES } from './problem-codes/sso.ts'
import { VALUE_CODES } from './problem-codes/values.ts'
import { VENTURE_CODES } from './problem-codes/ventures.ts'

export type { ProblemEntry, Text } from './problem-codes/entry.ts'

/**
 * Every stable error code Effekt answers with: the single source for the error handler, the
 * OpenAPI enum, the /problems page and the dashboard's messages. A code, once published, keeps
 * its meaning; add new ones rather than reuse.
 */
export const PROBLEM_CODES = {
  ...HTTP_CODES,
  ...FIELD_CODES,
  ...VALUE_CODES,
  ...NOT_FOUND_CODES,
  ...IDENTITY_CODES,
  ...VENTURE_CODES,
  ...CAPITAL_CODES,
  ...CAPITAL_PAYER_CODES,
  ...ECONOMICS_CODES,
  ...IMPACT_CODES,
  ...OUTCOME_CODES,
  ...ANNUAL_REPORT_CODES,
  ...SSO_CODES,
  ...SHEET_CODES,
  ...IATI_CODES,
  ...MAIL_CODES,
  ...NOTIFICATION_CODES,
} as const satisfies Record<string, ProblemEntry>

export type ProblemCode = keyof typeof PROBLEM_CODES
/** The codes a field in `errors[]` may carry. */
export type FieldCode = keyof typeof FIELD_CODES | keyof typeof VALUE_CODES
/** Every field code, for tests and clients that switch over them. */
export const ALL_FIELD_CODES = Object.keys({ ...FIELD_CODES, ...VALUE_CODES }).sort() as FieldCode[]

export const ALL_PROBLEM_CODES = Object.keys(PROBLEM_CODES).sort() as ProblemCode[]

export const isProblemCode = (value: string): value is ProblemCode => Object.hasOwn(PROBLEM_CODES, value)

/** Things that have a `<thing>.not_found` code: what `notFound(thing)` accepts. */
export type MissingThing = ProblemCode extends infer C
  ? C extends `${infer T}.not_found`
    ? T
    : never
  : never

/** The problem `type` of a code: an absolute-path URI answered by GET /problems/{code}. */
export const problemType = (code: ProblemCode) => `/problems/${code}`
