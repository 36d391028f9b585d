import { readFileSync } from 'node:fs'
import { DOMParser } from '@xmldom/xmldom'
import Decimal from 'decimal.js'
import * as xpath from 'xpath'

/**
 * The IATI Standard Ruleset (test/fixtures/iati-2.03/rulesets/standard.json, format in SPEC.rst
 * beside it) evaluated over an activity file, the way the IATI validator does after the schema.
 * The ruleset is XPath 1.0: contexts select elements, each case's paths, conditions and tests are
 * evaluated from each context element.
 *
 * Every rule type that occurs in standard.json is implemented. A rule type this file does not know
 * is reported as a failure of its own (`unsupported`) for every context element it would apply to,
 * so a new ruleset never passes by being skipped.
 *
 * Two inputs the validator takes from the IATI Registry are not available offline:
 * - `idCondition` (NOT_EXISTING_ORG_ID, NOT_EXISTING_ORG_ID_PREFIX: "apply only when the value is
 *   not a registered publisher's identifier"). Treated as always true, so the rule always applies:
 *   stricter than the validator, never looser.
 * - the list of organisation-identifier prefixes (`ORG-ID-PREFIX`): passed in by the caller.
 */

export interface RuleInfo {
  id: string
  severity: 'error' | 'warning' | 'info'
  message: string
}

export interface RuleFailure {
  id: string
  severity: RuleInfo['severity'] | 'unsupported'
  rule: string
  message: string
  /** The iati-identifier of the activity the failure is in, if any. */
  activity?: string
  /** What was found, for a readable test failure. */
  detail?: string
}

type Case = Record<string, unknown> & { ruleInfo?: RuleInfo }
type Ruleset = Record<string, Record<string, { cases: Case[] }>>

export interface EvaluateOptions {
  /** "Now" for date_now and NOW in date_order. */
  now: Date
  /** Identifier lists the validator takes from the Registry, e.g. `{ 'ORG-ID-PREFIX': ['NO-BRC'] }`. */
  idSets?: Record<string, string[]>
}

const fixture = new URL('../fixtures/iati-2.03/rulesets/standard.json', import.meta.url)
export const standardRuleset = (): Ruleset => JSON.parse(readFileSync(fixture, 'utf8')) as Ruleset

const select = xpath.useNamespaces({ xml: 'http://www.w3.org/XML/1998/namespace' })

/** snake_case and camelCase names are both allowed (SPEC.rst); we key on snake_case. */
const RULE_NAMES: Record<string, string> = {
  atleast_one: 'atleast_one',
  atLeastOne: 'atleast_one',
  no_more_than_one: 'no_more_than_one',
  noMoreThanOne: 'no_more_than_one',
  one_or_all: 'one_or_all',
  oneOrAll: 'one_or_all',
  date_order: 'date_order',
  dateOrder: 'date_order',
  date_now: 'date_now',
  dateNow: 'date_now',
  time_limit: 'time_limit',
  timeLimit: 'time_limit',
  between_dates: 'between_dates',
  betweenDates: 'between_dates',
  regex_matches: 'regex_matches',
  regexMatches: 'regex_matches',
  regex_no_matches: 'regex_no_matches',
  regexNoMatches: 'regex_no_matches',
  startswith: 'startswith',
  startsWith: 'startswith',
  unique: 'unique',
  if_then: 'if_then',
  ifThen: 'if_then',
  loop: 'loop',
  strict_sum: 'strict_sum',
  strictSum: 'strict_sum',
  sum: 'sum',
  range: 'range',
  no_spaces: 'no_spaces',
  noSpaces: 'no_spaces',
}

/** All failures of `xml` against `ruleset`: errors, warnings and unsupported rules alike. */
export function evaluateRuleset(xml: string, ruleset: Ruleset, options: EvaluateOptions): RuleFailure[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document
  const failures: RuleFailure[] = []
  for (const [context, rules] of Object.entries(ruleset)) {
    const elements = nodes(context, doc)
    for (const element of elements) {
      for (const [name, rule] of Object.entries(rules)) {
        for (const c of rule.cases) evaluateCase(name, c, element, options, failures)
      }
    }
  }
  return failures
}

function evaluateCase(
  name: string,
  c: Case,
  element: Node,
  options: EvaluateOptions,
  out: RuleFailure[],
): void {
  const kind = RULE_NAMES[name]
  const info = c.ruleInfo
  const fail = (detail?: string) =>
    out.push({
      id: info?.id ?? '?',
      severity: info?.severity ?? 'error',
      rule: name,
      message: info?.message ?? name,
      ...activityOf(element),
      ...(detail !== undefined ? { detail } : {}),
    })
  if (kind === undefined) {
    out.push({
      id: info?.id ?? '?',
      severity: 'unsupported',
      rule: name,
      message: `Rule type "${name}" is not implemented by this evaluator`,
      ...activityOf(element),
    })
    return
  }
  if (typeof c.condition === 'string' && !truthy(c.condition, element)) return
  const paths = (c.paths as string[] | undefined) ?? []
  const found = () => paths.flatMap((p) => nodes(p, element))
  switch (kind) {
    case 'atleast_one': {
      if (found().length === 0) fail(`none of ${paths.join(' | ')}`)
      return
    }
    case 'no_more_than_one': {
      const n = found().length
      if (n > 1) fail(`${n} of ${paths.join(' | ')}`)
      return
    }
    case 'one_or_all': {
      const one = c.one as string
      const all = c.all as string
      if (nodes(one, element).length > 0) return
      // The validator's reading of `all`: lang → every narrative has xml:lang; currency → every
      // value element has @currency; anything else → every transaction has it (and there is one).
      const ok =
        all === 'lang'
          ? truthy('not(.//narrative[not(@xml:lang)])', element)
          : all === 'currency'
            ? truthy('not(.//value[not(@currency)])', element)
            : truthy(`count(transaction) > 0 and not(transaction[not(${all})])`, element)
      if (!ok)
        fail(
          `no ${one}, and not every ${all === 'lang' || all === 'currency' ? 'text' : 'transaction'} has ${all}`,
        )
      return
    }
    case 'date_now': {
      const today = isoDay(options.now)
      for (const d of texts(c.date as string, element)) if (day(d) > today) fail(`${d} is after ${today}`)
      return
    }
    case 'date_order': {
      const less = texts(c.less as string, element).map(day)
      const more = c.more === 'NOW' ? [isoDay(options.now)] : texts(c.more as string, element).map(day)
      if (less.length === 0 || more.length === 0) return // "If either of these dates is not found, the rule is ignored"
      for (const l of less) for (const m of more) if (l > m) fail(`${l} is after ${m}`)
      return
    }
    case 'time_limit': {
      const [start] = texts(c.start as string, element)
      const [end] = texts(c.end as string, element)
      if (start === undefined || end === undefined) return
      const days = (Date.parse(day(end)) - Date.parse(day(start))) / 86_400_000
      if (days > 365) fail(`${start} to ${end} is ${days} days`)
      return
    }
    case 'between_dates': {
      const [start] = texts(c.start as string, element)
      const [end] = texts(c.end as string, element)
      if (start === undefined || end === undefined) return
      for (const d of texts(c.date as string, element)) {
        if (day(d) < day(start) || day(d) > day(end)) fail(`${d} is not within ${start}..${end}`)
      }
      return
    }
    case 'regex_matches':
    case 'regex_no_matches': {
      const re = new RegExp(c.regex as string)
      for (const t of found().map(text)) {
        if (re.test(t) !== (kind === 'regex_matches')) fail(`"${t}" against ${c.regex}`)
      }
      return
    }
    case 'no_spaces': {
      for (const t of found().map(text)) if (t !== t.trim()) fail(`"${t}"`)
      return
    }
    case 'startswith': {
      const prefixes = ((c.prefix as string[] | undefined) ?? []).flatMap((p) =>
        p === 'ORG-ID-PREFIX' ? (options.idSets?.['ORG-ID-PREFIX'] ?? []) : texts(p, element),
      )
      const separator = (c.separator as string | undefined) ?? ''
      for (const t of found().map(text)) {
        if (!prefixes.some((p) => t.startsWith(p + separator))) {
          fail(
            `"${t}" does not start with ${prefixes.map((p) => `"${p}${separator}"`).join(' or ') || 'any prefix'}`,
          )
        }
      }
      return
    }
    case 'unique': {
      const seen = new Set<string>()
      for (const t of found().map(text)) {
        if (seen.has(t)) fail(`"${t}" occurs more than once`)
        seen.add(t)
      }
      return
    }
    case 'if_then': {
      if (truthy(c.if as string, element) && !truthy(c.then as string, element))
        fail(`${c.if} but not ${c.then}`)
      return
    }
    case 'strict_sum':
    case 'sum': {
      const values = found().map(text)
      if (values.length === 0) return
      const bad = values.filter((v) => !isDecimal(v))
      if (bad.length > 0) {
        fail(`not numbers: ${bad.join(', ')}`)
        return
      }
      const total = values.reduce((s, v) => s.plus(v), new Decimal(0))
      const want = new Decimal(c.sum as number)
      // strict_sum is decimal-exact; sum compares as the validator's floating point does
      const ok = kind === 'strict_sum' ? total.eq(want) : Math.abs(total.toNumber() - want.toNumber()) < 1e-9
      if (!ok) fail(`${values.join(' + ')} = ${total.toFixed()}, not ${want.toFixed()}`)
      return
    }
    case 'range': {
      for (const v of found().map(text)) {
        const ok =
          isDecimal(v) &&
          (c.min === undefined || new Decimal(v).gte(c.min as number)) &&
          (c.max === undefined || new Decimal(v).lte(c.max as number))
        if (!ok) fail(`${v} is not within ${c.min ?? '−∞'}..${c.max ?? '∞'}`)
      }
      return
    }
    case 'loop': {
      const values = [...new Set(texts(c.foreach as string, element))]
      const inner = c.do as Record<string, { cases: Case[] }>
      for (const value of values) {
        for (const [innerName, rule] of Object.entries(inner)) {
          // `$1` is replaced wherever it occurs (standard.json lists `subs` per loop, but one loop,
          // 2.1.2 for other vocabularies, uses $1 in a condition its subs leave out: replacing it
          // makes the rule apply as its message says, the stricter reading).
          for (const ic of rule.cases) evaluateCase(innerName, substitute(ic, value), element, options, out)
        }
      }
      return
    }
    default: {
      const unreachable: never = kind as never
      throw new Error(`unhandled rule ${String(unreachable)}`)
    }
  }
}

function substitute(c: Case, value: string): Case {
  const sub = (v: unknown): unknown =>
    typeof v === 'string' ? v.replaceAll('$1', value) : Array.isArray(v) ? v.map(sub) : v
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, k === 'ruleInfo' ? v : sub(v)])) as Case
}

function nodes(expr: string, context: Node): Node[] {
  const r = select(expr, context)
  return Array.isArray(r) ? r : []
}

function truthy(expr: string, context: Node): boolean {
  return select(`boolean(${expr})`, context, true) === true
}

function texts(expr: string, context: Node): string[] {
  return nodes(expr, context).map(text)
}

function text(n: Node): string {
  return n.nodeType === 2 ? ((n as Attr).value ?? '') : (n.textContent ?? '')
}

function activityOf(n: Node): { activity?: string } {
  let cur: Node | null = n.nodeType === 2 ? (n as Attr).ownerElement : n
  while (cur && cur.nodeName !== 'iati-activity') cur = cur.parentNode
  if (!cur) return {}
  const id = select('string(iati-identifier)', cur, true)
  return typeof id === 'string' && id ? { activity: id } : {}
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10)
/** A date or date-time's calendar day (the ruleset compares dates). */
const day = (s: string) => s.trim().slice(0, 10)
const isDecimal = (s: string) => /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(s)
