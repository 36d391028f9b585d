import { municipalityName } from '../../domain/municipalities.ts'

/** What a reader must know beside the figures, in bokmål and English. */
export interface Caveat {
  code: string
  nb: string
  en: string
}

const label = (code: string) => `${municipalityName(code) ?? code} (${code})`
const list = (codes: readonly string[]) => codes.map(label).join(', ')

export const doubleCounting = (): Caveat => ({
  code: 'double-counting',
  nb: 'Personer kan telles mer enn én gang: når flere virksomheter følger samme person, teller hver av dem personen. Tallene er summer over virksomheter, ikke antall unike personer.',
  en: 'People may be counted more than once: when several ventures work with the same person, each of them counts that person. The figures are sums over ventures, not numbers of unique people.',
})

export const disclosureControl = (threshold: number): Caveat => ({
  code: 'disclosure-control',
  nb: `Antall personer fra 1 til ${threshold - 1} vises ikke (prikket), og flere celler prikkes der en prikket verdi ellers kunne regnes ut fra en sum. Økonomiske tall bygd på færre enn 3 virksomheter vises ikke. Prikkede celler har verdien null og en begrunnelse; 0 vises som 0.`,
  en: `Counts of people from 1 to ${threshold - 1} are suppressed, and further cells are suppressed where a suppressed one could otherwise be worked out from a total. Financial figures from fewer than 3 ventures are withheld. Suppressed cells carry null and a reason; 0 is shown as 0.`,
})

export const rolledUp = (code: string, from: readonly string[]): Caveat => ({
  code: 'municipality-numbers',
  nb: `Tall rapportert under tidligere kommunenummer ${list(from)} er regnet inn i ${label(code)}.`,
  en: `Figures reported under the earlier municipality numbers ${list(from)} are counted in ${label(code)}.`,
})

export const splitNotIncluded = (code: string, predecessors: readonly string[]): Caveat => ({
  code: 'municipality-split',
  nb: `${list(predecessors)} ble delt, og tall rapportert under det nummeret kan ikke fordeles automatisk: de er ikke med i ${label(code)}, men står under ${predecessors.join(', ')}.`,
  en: `${list(predecessors)} was split, and figures reported under that number cannot be allocated automatically: they are not included in ${label(code)} but stay under ${predecessors.join(', ')}.`,
})

export const isSplitCode = (code: string, note: string): Caveat => ({
  code: 'municipality-split',
  nb: `${label(code)} ble delt. Tall rapportert under ${code} vises her og er ikke fordelt på kommunene som overtok området.`,
  en: note,
})

export const withoutMunicipality = (values: number, ventures: number): Caveat => ({
  code: 'no-municipality-breakdown',
  nb: `${values} verdier fra ${ventures} virksomheter har ingen fordeling på kommune, og virksomheten arbeider også i andre kommuner: de er ikke tatt med. En virksomhet som bare arbeider i denne kommunen, teller med hele verdien.`,
  en: `${values} values from ${ventures} ventures have no municipality breakdown while the venture also works in other municipalities: they are left out. A venture that works only in this municipality counts with its whole value.`,
})

export const partialBreakdowns = (): Caveat => ({
  code: 'partial-breakdowns',
  nb: 'Fordelingen på kjønn og alder tar bare med verdier som i sin helhet gjelder denne kommunen; resten av summen er ikke fordelt.',
  en: 'The gender and age breakdowns include only values that belong wholly to this municipality; the rest of each total is not broken down.',
})

export const unverifiedIncluded = (): Caveat => ({
  code: 'unverified',
  nb: 'Innsendte verdier som ennå ikke er kontrollert, er tatt med; periodene der de inngår, er merket `unverified`.',
  en: 'Submitted values that are not verified yet are included; the periods they enter are marked `unverified`.',
})
