import type { Context } from 'hono'
import type { AppEnv } from '../../src/http/env.ts'
import { isProblem, notFound } from '../../src/http/problem.ts'
import type { MissingThing, ProblemCode } from '../../src/http/problem-codes.ts'
import type { FieldErrors } from './fields.tsx'

/** A posted form, read as people fill it in: text fields trimmed, checkbox groups as lists. */
export interface PostedForm {
  text(name: string): string
  /** Untrimmed (passwords). */
  raw(name: string): string
  all(name: string): string[]
  has(name: string): boolean
}

export async function readForm(c: Context<AppEnv>): Promise<PostedForm> {
  const body = await c.req.parseBody({ all: true })
  const values = (name: string): string[] => {
    const v = body[name]
    const list = Array.isArray(v) ? v : v === undefined ? [] : [v]
    return list.filter((x): x is string => typeof x === 'string')
  }
  return {
    text: (name) => (values(name)[0] ?? '').trim(),
    raw: (name) => values(name)[0] ?? '',
    all: (name) => values(name),
    has: (name) => values(name).length > 0,
  }
}

/** One problem with one field, wherever it was found (the API's zod schema or a service rule). */
export interface Issue {
  /** Dotted path as the API reports it, e.g. `website` or `municipalities.2`. */
  path: string
  message: string
  /** What failed (a catalogue field code), and the values it names: what a page words its message from. */
  code?: ProblemCode | undefined
  params?: Record<string, string> | undefined
}

export const zodIssues = (issues: { path: PropertyKey[]; message: string }[]): Issue[] =>
  issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))

/** The field problems a service reported in a 422 problem, or null for any other error. */
export function serviceIssues(err: unknown): Issue[] | null {
  if (!isProblem(err) || err.status !== 422) return null
  const errors = err.extra.errors ?? []
  return errors.length
    ? errors.map((e) => ({ path: e.path, message: e.message, code: e.code, params: e.params }))
    : null
}

/**
 * Field errors for the form: each issue's message is chosen by the page (translated, naming the
 * value where that helps), and problems with one field are joined into one message.
 */
export function fieldErrors(issues: Issue[], message: (issue: Issue, field: string) => string): FieldErrors {
  const out: Record<string, string[]> = {}
  for (const issue of issues) {
    const field = issue.path.split('.')[0] || 'form'
    const text = message(issue, field)
    const list = out[field] ?? []
    if (!list.includes(text)) list.push(text)
    out[field] = list
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.join(' ')]))
}

/** A UUID path parameter; anything else cannot name a resource, so it is a 404 like a missing one. */
export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)

/** A path parameter of a dashboard route (the wrapper's handler type does not know the path). */
export const pathParam = (c: Context<AppEnv>, name: string): string => c.req.param(name) ?? ''

/** A UUID path parameter; anything else is a 404 for `what`, like a missing one. */
export function uuidParam(c: Context<AppEnv>, name: string, what: MissingThing): string {
  const id = pathParam(c, name)
  if (!isUuid(id)) throw notFound(what)
  return id
}
