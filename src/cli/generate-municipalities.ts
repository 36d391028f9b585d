import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Turns the SSB municipality CSVs in src/domain/data/municipalities/ into
 * municipality-data.ts, so code that runs on Cloudflare Workers can import the data without fs.
 *
 *   node --import tsx src/cli/generate-municipalities.ts
 *
 * The output is already in Biome's format, so regenerating never shows up as a formatting diff.
 */
const dir = fileURLToPath(new URL('../domain/data/municipalities/', import.meta.url))
const LINE_WIDTH = 110

/** The files have no quoted fields; refuse rather than mis-split if one ever appears. */
function parseCsv<K extends string>(file: string, columns: readonly K[]): Record<K, string>[] {
  const lines = readFileSync(dir + file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '')
  if (lines[0] !== columns.join(',')) throw new Error(`${file}: unexpected header "${lines[0]}"`)
  return lines.slice(1).map((line, i) => {
    const fields = line.split(',')
    if (line.includes('"') || fields.length !== columns.length)
      throw new Error(`${file} line ${i + 2}: expected ${columns.length} unquoted fields`)
    return Object.fromEntries(columns.map((c, j) => [c, fields[j]])) as Record<K, string>
  })
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const literal = (v: string | number | null) =>
  typeof v === 'string' ? quote(v) : v === null ? 'null' : String(v)

/** One row as Biome prints it: on one line when it fits, else one property per line. */
function row(entries: Record<string, string | number | null>): string {
  const props = Object.entries(entries).map(([k, v]) => `${k}: ${literal(v)}`)
  const oneLine = `  { ${props.join(', ')} },`
  if ([...oneLine].length <= LINE_WIDTH) return oneLine
  return ['  {', ...props.map((p) => `    ${p},`), '  },'].join('\n')
}

function year(s: string): number {
  if (!/^\d{4}$/.test(s)) throw new Error(`rollup-2024.csv: bad version year ${s}`)
  return Number(s)
}

const KINDS = ['renumber', 'merge', 'split', 'rename']

const municipalities = parseCsv('municipalities-2024.csv', [
  'code',
  'name',
  'county_code',
  'county_name',
]).map((r) => row({ code: r.code, name: r.name, countyCode: r.county_code, countyName: r.county_name }))
const changes = parseCsv('changes.csv', [
  'from_code',
  'from_name',
  'to_code',
  'to_name',
  'valid_from',
  'kind',
]).map((r) => {
  if (!KINDS.includes(r.kind)) throw new Error(`changes.csv: unknown kind ${r.kind}`)
  return row({
    fromCode: r.from_code,
    fromName: r.from_name,
    toCode: r.to_code,
    toName: r.to_name,
    validFrom: r.valid_from,
    kind: r.kind,
  })
})
const versions = parseCsv('rollup-2024.csv', [
  'old_code',
  'old_name',
  'first_version_seen',
  'last_version_seen',
  'code_2024_by_chaining',
  'name_2024_by_chaining',
  'ssb_harmonized_code',
  'ssb_harmonized_name',
  'note',
]).map((r) =>
  row({
    code: r.old_code,
    name: r.old_name,
    firstYear: year(r.first_version_seen),
    lastYear: year(r.last_version_seen),
    // SSB puts parts of split municipalities in a "Rest" group that is no municipality.
    ssbHarmonizedCode: r.ssb_harmonized_code === 'Rest' ? null : r.ssb_harmonized_code,
  }),
)

const output = `// GENERATED FILE — do not edit by hand.
// Source: the CSV files beside this file (SSB, KLASS classification 131; see README.md).
// Regenerate after changing them: node --import tsx src/cli/generate-municipalities.ts
// test/unit/municipalities.test.ts fails when this file and the CSVs disagree.

export interface MunicipalityRecord {
  code: string
  name: string
  countyCode: string
  countyName: string
}

export type MunicipalityChangeKind = 'renumber' | 'merge' | 'split' | 'rename'

export interface MunicipalityChangeRecord {
  fromCode: string
  fromName: string
  toCode: string
  toName: string
  /** ISO date the new code or name took effect. */
  validFrom: string
  kind: MunicipalityChangeKind
}

/** One code under one name, and the SSB versions (years) it appears in. */
export interface MunicipalityVersionRecord {
  code: string
  name: string
  firstYear: number
  lastYear: number
  /** The 2024 code SSB's own harmonisation assigns; null where SSB uses its "Rest" group. */
  ssbHarmonizedCode: string | null
}

/** The ${municipalities.length} municipalities valid from 2024-01-01 (municipalities-2024.csv). */
export const MUNICIPALITIES_2024: readonly MunicipalityRecord[] = [
${municipalities.join('\n')}
]

/** Every change since 2017 (changes.csv). */
export const MUNICIPALITY_CHANGES: readonly MunicipalityChangeRecord[] = [
${changes.join('\n')}
]

/** Every code and name valid in any version 2017–2024 (rollup-2024.csv). */
export const MUNICIPALITY_VERSIONS: readonly MunicipalityVersionRecord[] = [
${versions.join('\n')}
]
`

writeFileSync(`${dir}municipality-data.ts`, output)
console.log(
  `wrote ${municipalities.length} municipalities, ${changes.length} changes, ${versions.length} versions`,
)
