import { municipalityName } from '../../src/domain/municipalities.ts'
import { isValidDate, parsePeriod } from '../../src/domain/periods.ts'
import { isProblem } from '../../src/http/problem.ts'
import type { ImpactQuery } from '../../src/modules/impact/index.ts'
import type { Principal } from '../../src/modules/principal.ts'
import { THEMES } from '../../src/modules/ventures/index.ts'
import type { MessageKey } from '../i18n/index.ts'

/**
 * The impact page's GET form: what the person asked for (as typed, to show it again), the query
 * the impact service answers, and the problems to show next to the fields. The service owns the
 * rules (who sees which municipality, what a window is); this only reads the form and names the
 * problems in the page's words.
 */
export interface ImpactForm {
  municipality: string
  from: string
  to: string
  granularity: string
  theme: string
  includeUnverified: boolean
}

export interface ImpactFormIssue {
  field: keyof ImpactForm | 'form'
  key: MessageKey
  params?: Record<string, string>
}

export const GRANULARITIES = ['quarter', 'year'] as const
export const NATIONAL = 'all'

/** The last three full calendar years (Norwegian time), by quarter: recent, and long enough to compare. */
export function defaultWindow(now: Date): { from: string; to: string } {
  const year = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Oslo' }).format(now))
  return { from: `${year - 3}-Q1`, to: `${year - 1}-Q4` }
}

/**
 * The municipalities a person may choose between: platform administrators any municipality
 * organization's number and the whole country; members the numbers of their municipality
 * organizations. Null when the person has no municipality view at all.
 */
export function municipalityChoices(p: Principal, organizationNumbers: readonly string[]): string[] | null {
  if (p.isPlatformAdmin) return [NATIONAL, ...new Set(organizationNumbers)]
  const own = p.memberships.filter((m) => m.kind === 'municipality').flatMap((m) => m.municipalityNumbers)
  return own.length ? [...new Set(own)] : null
}

export const municipalityOptionLabel = (code: string, national: string) =>
  code === NATIONAL ? national : `${municipalityName(code) ?? code} (${code})`

// `2023-q1` is what people type as often as `2023-Q1`.
const bound = (s: string | undefined) => (s ?? '').trim().replace(/q(?=[1-4]$)/, 'Q')
const validBound = (s: string) => s === '' || isValidDate(s) || parsePeriod(s) !== null

/** Reads the page's query string; an empty query gives the defaults. */
export function readImpactForm(
  query: Record<string, string | undefined>,
  choices: readonly string[],
  now: Date,
): { form: ImpactForm; query: ImpactQuery | null; issues: ImpactFormIssue[] } {
  const asked = Object.keys(query).some((k) => ['from', 'to', 'granularity', 'theme'].includes(k))
  const window = defaultWindow(now)
  const form: ImpactForm = {
    municipality: (query.municipality ?? '').trim() || (choices[0] ?? ''),
    from: asked ? bound(query.from) : window.from,
    to: asked ? bound(query.to) : window.to,
    granularity: (query.granularity ?? '').trim() || 'quarter',
    theme: (query.theme ?? '').trim(),
    includeUnverified: query.includeUnverified === 'true',
  }
  const issues: ImpactFormIssue[] = []
  if (!validBound(form.from)) issues.push({ field: 'from', key: 'impact.invalid.period' })
  if (!validBound(form.to)) issues.push({ field: 'to', key: 'impact.invalid.period' })
  if (!GRANULARITIES.some((g) => g === form.granularity))
    issues.push({ field: 'granularity', key: 'impact.invalid.granularity' })
  if (form.theme !== '' && !THEMES.some((t) => t === form.theme))
    issues.push({ field: 'theme', key: 'impact.invalid.theme' })
  if (issues.length) return { form, query: null, issues }
  return {
    form,
    query: {
      municipality: form.municipality,
      from: form.from || undefined,
      to: form.to || undefined,
      granularity: form.granularity as ImpactQuery['granularity'],
      theme: form.theme || undefined,
      includeUnverified: form.includeUnverified,
    },
    issues,
  }
}

/**
 * The impact service's refusal of a query the form let through, as field problems: the window's
 * order (`to` before `from`; the form already checked each bound's shape) or an unknown
 * municipality number. Null for anything else, which the page wrapper renders as usual.
 */
export function serviceFormIssues(err: unknown, form: ImpactForm): ImpactFormIssue[] | null {
  if (!isProblem(err) || (err.status !== 400 && err.status !== 422)) return null
  const errors = err.extra.errors ?? []
  if (!errors.length) return null
  return errors.map((e): ImpactFormIssue => {
    if (e.path === 'to' || e.path === 'from') return { field: 'to', key: 'impact.invalid.order' }
    if (e.path === 'municipality')
      return {
        field: 'municipality',
        key: 'impact.invalid.municipality',
        params: { value: form.municipality },
      }
    return { field: 'form', key: 'invalid.generic' }
  })
}

/** The same view as a query string (for the CSV link and the language switch). */
export function impactSearch(q: ImpactQuery): string {
  const params = new URLSearchParams({ municipality: q.municipality })
  if (q.from) params.set('from', q.from)
  if (q.to) params.set('to', q.to)
  params.set('granularity', q.granularity)
  if (q.theme) params.set('theme', q.theme)
  if (q.includeUnverified) params.set('includeUnverified', 'true')
  return params.toString()
}
