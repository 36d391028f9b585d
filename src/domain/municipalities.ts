import {
  MUNICIPALITIES_2024,
  MUNICIPALITY_CHANGES,
  MUNICIPALITY_VERSIONS,
  type MunicipalityChangeRecord,
  type MunicipalityRecord,
  type MunicipalityVersionRecord,
} from './data/municipalities/municipality-data.ts'

/**
 * Norwegian municipality numbers over time (SSB KLASS 131, versions 2017–2024). Values reported
 * under an old number roll up into its successor by following the change table; a split stops the
 * chain, because values under the split number cannot be allocated to one successor.
 */

export type Municipality = MunicipalityRecord

export interface CurrentMunicipality {
  /** The 2024 code, or for a split the last code before the split. */
  code: string
  name: string
  /** The codes passed through on the way, starting with the input; absent when nothing changed. */
  rolledUpFrom?: string[]
  /** Set when the chain stopped at a split: say it to users beside the figures. */
  note?: string
}

export interface MunicipalityProblem {
  path: string
  message: string
}

export class MunicipalityError extends Error {
  constructor(readonly problems: MunicipalityProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '))
    this.name = 'MunicipalityError'
  }
}

/** The data starts with SSB's 2017 version; earlier dates are judged against it. */
const FIRST_DAY = '2017-01-01'
/** SSB's "Uoppgitt" (not stated) is no municipality: a reporter leaves the breakdown partial instead. */
const NOT_STATED = '9999'

interface CodeInfo {
  /** Name versions, oldest first. */
  versions: MunicipalityVersionRecord[]
  /** Changes that ended this code (to another code), all on one date; empty while it is in use. */
  endedBy: MunicipalityChangeRecord[]
}

const current = new Map(MUNICIPALITIES_2024.map((m) => [m.code, m]))
const known = new Map<string, CodeInfo>()
for (const v of MUNICIPALITY_VERSIONS) {
  if (v.code === NOT_STATED) continue
  const info = known.get(v.code) ?? { versions: [], endedBy: [] }
  info.versions.push(v)
  known.set(v.code, info)
}
for (const info of known.values()) info.versions.sort((a, b) => a.firstYear - b.firstYear)
for (const c of MUNICIPALITY_CHANGES) {
  // Renames and a merge into the same number keep the code: nothing to follow.
  if (c.fromCode !== c.toCode) known.get(c.fromCode)?.endedBy.push(c)
}

const latestName = (info: CodeInfo) => info.versions[info.versions.length - 1]?.name ?? ''
const label = (code: string) => {
  const info = known.get(code)
  return `${current.get(code)?.name ?? (info ? latestName(info) : code)} (${code})`
}
const listing = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`

function splitNote(input: string, path: string[], at: string, split: MunicipalityChangeRecord[]): string {
  const successors = listing(split.map((c) => label(c.toCode)))
  const when = split[0]?.validFrom ?? ''
  const onlyRenumbered = path.every((code) => known.get(code)?.endedBy[0]?.kind === 'renumber')
  const via = input === at ? '' : `${label(input)} became ${onlyRenumbered ? '' : 'part of '}`
  const ssbCode = known.get(input)?.versions.at(-1)?.ssbHarmonizedCode ?? null
  const ssb = ssbCode
    ? `Statistics Norway's harmonised series assigns ${input} to ${label(ssbCode)}.`
    : "Statistics Norway's harmonised series does not assign it to any successor."
  return (
    `${via}${label(at)}${input === at ? '' : ','} ${input === at ? 'was' : 'which was'} split on ${when} ` +
    `into ${successors}: values reported under ${input} cannot be allocated to one of them ` +
    `automatically and stay under ${at}. ${ssb}`
  )
}

function resolve(input: string): CurrentMunicipality {
  const path: string[] = []
  let at = input
  for (;;) {
    const endedBy = known.get(at)?.endedBy ?? []
    if (endedBy.length === 0) break
    if (endedBy.length > 1 || endedBy.some((c) => c.kind === 'split')) {
      const name = latestName(known.get(at) as CodeInfo)
      const note = splitNote(input, path, at, endedBy)
      return path.length > 0 ? { code: at, name, rolledUpFrom: path, note } : { code: at, name, note }
    }
    path.push(at)
    at = endedBy[0]?.toCode ?? at
    if (path.length > known.size) throw new Error(`municipality changes loop at ${at}`)
  }
  const name = current.get(at)?.name ?? latestName(known.get(at) as CodeInfo)
  return path.length > 0 ? { code: at, name, rolledUpFrom: path } : { code: at, name }
}

// ~850 codes with chains of at most three steps: cheap enough to settle once at import.
const resolved = new Map([...known.keys()].map((code) => [code, resolve(code)]))
const rollingInto = new Map<string, string[]>()
for (const [code, r] of resolved) rollingInto.set(r.code, [...(rollingInto.get(r.code) ?? []), code].sort())

function checkDate(onDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(onDate)
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined
  if (!d || d.toISOString().slice(0, 10) !== onDate) throw new RangeError(`not an ISO date: ${onDate}`)
  return onDate < FIRST_DAY ? FIRST_DAY : onDate
}

function unknown(code: string): MunicipalityError {
  return new MunicipalityError([
    { path: 'municipality', message: `${code} is not a Norwegian municipality number valid 2017–2024` },
  ])
}

/**
 * True for a code valid in any SSB version 2017–2024, current or historical; with `onDate`
 * (YYYY-MM-DD), only if valid on that day. Dates before 2017 are judged against the 2017 version.
 */
export function isKnownMunicipality(code: string, onDate?: string): boolean {
  const info = known.get(code)
  if (!info) return false
  if (onDate === undefined) return true
  const day = checkDate(onDate)
  const from = `${info.versions[0]?.firstYear}-01-01`
  const until = info.endedBy[0]?.validFrom
  return day >= from && (until === undefined || day < until)
}

/**
 * Where values reported under `code` belong now: its 2024 municipality by following renumbers
 * and merges, or — when the chain meets a split — the last code before the split, with a note.
 * Throws MunicipalityError for an unknown code.
 */
export function currentMunicipality(code: string): CurrentMunicipality {
  const r = resolved.get(code)
  if (!r) throw unknown(code)
  return { ...r, ...(r.rolledUpFrom ? { rolledUpFrom: [...r.rolledUpFrom] } : {}) }
}

/** The name of `code` (on `onDate` if given, else its latest); undefined if not known then. */
export function municipalityName(code: string, onDate?: string): string | undefined {
  const info = known.get(code)
  if (!info || (onDate !== undefined && !isKnownMunicipality(code, onDate))) return undefined
  if (onDate === undefined) return current.get(code)?.name ?? latestName(info)
  const year = Number(checkDate(onDate).slice(0, 4))
  return info.versions.filter((v) => v.firstYear <= year).at(-1)?.name
}

/** The 357 municipalities valid from 2024-01-01, in code order. */
export function listCurrentMunicipalities(): readonly Municipality[] {
  return MUNICIPALITIES_2024
}

/**
 * Every code whose values roll up to the same place as `code` (itself included), sorted: for
 * 3207 → 0213, 0217, 3020, 3207. An old code is resolved first, so 3020 gives the same list.
 * Throws MunicipalityError for an unknown code.
 */
export function codesRollingInto(code: string): string[] {
  const r = resolved.get(code)
  if (!r) throw unknown(code)
  return [...(rollingInto.get(r.code) ?? [])]
}

/**
 * Split codes that gave part of their area to `code` but whose values stay under their own number
 * (1508 → 1507): what a view of `code` should mention as not included.
 */
export function splitPredecessors(code: string): string[] {
  const out = new Set<string>()
  for (const [from, info] of known) {
    if (info.endedBy.some((c) => c.kind === 'split' && resolved.get(c.toCode)?.code === code)) out.add(from)
  }
  return [...out].sort()
}
