import type { ProblemLanguage } from './language.ts'
import { type MissingThing, PROBLEM_CODES, type ProblemCode, problemType } from './problem-codes.ts'

/**
 * RFC 9457 problem details. Services throw these with a stable code from the catalogue
 * (src/http/problem-codes.ts); one error handler renders them in nb or en. No handler builds an
 * error body by hand, and nothing reads an error's English text to decide what it was.
 */
export interface FieldError {
  /** Where the value was: body, query, path, header, or a CSV line. */
  in: string
  /** Dotted path to the field inside that location, e.g. `amount` or `values.0.total`. */
  path: string
  message: string
  /** What failed, for programs; `validation.invalid` when the rule has no code of its own. */
  code?: ProblemCode
  /** The values `message` names (a sum, a limit, a municipality number), for callers that word their own. */
  params?: Record<string, string>
}

export interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  code: ProblemCode
  instance?: string
  requestId?: string
  errors?: (FieldError & { code: ProblemCode })[]
  [extension: string]: unknown
}

export interface ProblemExtra {
  errors?: FieldError[]
  headers?: Record<string, string>
  /** Only for statuses the code cannot know (a framework's HTTPException). */
  status?: number
  /** The values a specific detail names, for in-process callers (the dashboard words its own). */
  params?: Record<string, string>
  [extension: string]: unknown
}

export class Problem extends Error {
  readonly status: number
  /** The English detail: the throw site's own sentence, else the code's generic one. */
  readonly detail: string

  constructor(
    readonly code: ProblemCode,
    /** A sentence more specific than the code's (English; nb answers use the code's detail). */
    detail?: string,
    readonly extra: ProblemExtra = {},
  ) {
    const entry = PROBLEM_CODES[code]
    super(detail ?? entry.detail.en)
    this.name = 'Problem'
    this.detail = detail ?? entry.detail.en
    this.status = extra.status ?? entry.status
  }

  title(lang: ProblemLanguage): string {
    return PROBLEM_CODES[this.code].title[lang]
  }

  detailIn(lang: ProblemLanguage): string {
    return lang === 'en' ? this.detail : PROBLEM_CODES[this.code].detail[lang]
  }

  body(requestId?: string, lang: ProblemLanguage = 'en'): ProblemBody {
    const { headers: _headers, status: _status, params: _params, errors, ...extensions } = this.extra
    return {
      type: problemType(this.code),
      title: this.title(lang),
      status: this.status,
      detail: this.detailIn(lang),
      ...extensions,
      code: this.code,
      ...(errors ? { errors: errors.map((e) => ({ ...e, code: e.code ?? 'validation.invalid' })) } : {}),
      ...(requestId ? { requestId } : {}),
    }
  }
}

export const isProblem = (e: unknown): e is Problem => e instanceof Problem

export const badRequest = (code: ProblemCode, errors?: FieldError[], detail?: string) =>
  new Problem(code, detail, errors ? { errors } : {})
/** A query, path or header parameter failed its rule: 400 `request.invalid` naming each. */
export const invalidParams = (location: 'query' | 'path' | 'header' | string, errors: FieldError[]) =>
  badRequest('request.invalid', errors, `Invalid ${location} parameters.`)
export const unauthorized = (code: ProblemCode = 'auth.required', detail?: string) =>
  new Problem(code, detail, { headers: { 'WWW-Authenticate': 'Bearer realm="effekt"' } })
export const forbidden = (code: ProblemCode, detail?: string) => new Problem(code, detail)
/** The same answer for a missing thing and one the caller may not see. */
export const notFound = (what: MissingThing) => new Problem(`${what}.not_found`)
export const conflict = (code: ProblemCode, detail?: string, extra?: ProblemExtra) =>
  new Problem(code, detail, extra)
export const preconditionFailed = () => new Problem('request.etag_mismatch')
export const preconditionRequired = () => new Problem('request.if_match_required')
export const tooManyRequests = (code: ProblemCode, retryAfterSeconds: number, detail?: string) =>
  new Problem(code, detail, { headers: { 'Retry-After': String(retryAfterSeconds) } })
/** One field failed a rule: 422 (or the code's status) with `errors[]` naming it. */
export function invalid(path: string, code: ProblemCode, detail?: string, location = 'body') {
  const message = detail ?? PROBLEM_CODES[code].detail.en
  return new Problem(code, message, { errors: [{ in: location, path, message, code }] })
}
export const invalidMany = (errors: FieldError[], code: ProblemCode = 'validation.failed', detail?: string) =>
  new Problem(code, detail, { errors })

export function problemResponse(
  problem: Problem,
  requestId?: string,
  lang: ProblemLanguage = 'en',
): Response {
  const headers = new Headers({
    'Content-Type': 'application/problem+json',
    'Content-Language': lang,
    Vary: 'Accept-Language',
  })
  for (const [k, v] of Object.entries(problem.extra.headers ?? {})) headers.set(k, v)
  return new Response(JSON.stringify(problem.body(requestId, lang)), { status: problem.status, headers })
}
