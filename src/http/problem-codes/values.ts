import type { ValueFieldCode } from '../../domain/aggregation.ts'
import { entry, type ProblemEntry } from './entry.ts'

/**
 * Codes of one field in `errors[]` when a reported value breaks a rule (PRODUCT.md §3). The list
 * is the domain's (VALUE_FIELD_CODES in src/domain/aggregation.ts): the `satisfies` makes a code
 * added there fail the typecheck here until it has its titles.
 */
export const VALUE_CODES = {
  'value.required': entry(
    422,
    'Value required',
    'Verdi mangler',
    'A value is required.',
    'Fyll inn en verdi.',
  ),
  'value.not_a_number': entry(
    422,
    'Not a number',
    'Ikke et tall',
    'Must be a number.',
    'Verdien må være et tall.',
  ),
  'value.people_whole': entry(
    422,
    'Not a whole count',
    'Ikke et helt antall',
    'A count of people must be a whole number, 0 or more.',
    'Et antall personer må være et helt tall, 0 eller mer.',
  ),
  'value.percent_range': entry(
    422,
    'Percentage out of range',
    'Prosent utenfor området',
    'A percentage must be between 0 and 100.',
    'En prosent må være mellom 0 og 100.',
  ),
  'value.numerator_required': entry(
    422,
    'Numerator required',
    'Teller mangler',
    'A ratio indicator needs a numerator.',
    'En andelsindikator trenger en teller.',
  ),
  'value.denominator_required': entry(
    422,
    'Denominator required',
    'Nevner mangler',
    'A ratio indicator needs a denominator.',
    'En andelsindikator trenger en nevner.',
  ),
  'value.denominator_zero': entry(
    422,
    'Denominator not above 0',
    'Nevneren er ikke over 0',
    'The denominator must be more than 0.',
    'Nevneren må være mer enn 0.',
  ),
  'value.share_range': entry(
    422,
    'Share out of range',
    'Andel utenfor området',
    'A share must be between 0 and the denominator.',
    'En andel må være mellom 0 og nevneren.',
  ),
  'value.ratio_mismatch': entry(
    422,
    'Rate does not match its parts',
    'Andelen stemmer ikke med delene',
    'The rate does not match numerator / denominator (params: numerator, denominator, rate).',
    'Andelen stemmer ikke med teller / nevner.',
  ),
  'value.breakdown_sum_mismatch': entry(
    422,
    'Breakdown does not add up',
    'Fordelingen går ikke opp',
    'A complete breakdown must add up to the total (params: dimension, part, sum, total).',
    'En fullstendig fordeling må summere seg til totalen.',
  ),
  'value.breakdown_sum_exceeds': entry(
    422,
    'Breakdown exceeds the total',
    'Fordelingen er større enn totalen',
    'A partial breakdown may not add up to more than the total (params: dimension, part, sum, total).',
    'En delvis fordeling kan ikke summere seg til mer enn totalen.',
  ),
  'value.not_ratio': entry(
    422,
    'Not a ratio indicator',
    'Ikke en andelsindikator',
    'Only ratio indicators take a numerator or denominator (param: field).',
    'Bare andelsindikatorer har teller og nevner.',
  ),
  'value.not_broken_down': entry(
    422,
    'Not broken down so',
    'Fordeles ikke slik',
    'The indicator is not broken down by this dimension (param: dimension).',
    'Indikatoren fordeles ikke på denne dimensjonen.',
  ),
  'value.unknown_dimension': entry(
    422,
    'Unknown dimension',
    'Ukjent dimensjon',
    'Use gender, age_band or municipality (param: dimension).',
    'Bruk gender, age_band eller municipality.',
  ),
  'value.unknown_category': entry(
    422,
    'Unknown category',
    'Ukjent kategori',
    'The category is not one of the dimension’s (params: dimension, category).',
    'Kategorien hører ikke til dimensjonen.',
  ),
  'value.duplicate': entry(
    422,
    'Given more than once',
    'Oppgitt mer enn én gang',
    'The same indicator or breakdown cell is given more than once (param: what).',
    'Den samme indikatoren eller fordelingscellen er oppgitt mer enn én gang.',
  ),
  'value.municipality_unknown': entry(
    422,
    'Unknown municipality',
    'Ukjent kommune',
    'Not a Norwegian municipality number (param: code).',
    'Ikke et norsk kommunenummer.',
  ),
  'value.municipality_not_in_period': entry(
    422,
    'Municipality not in use',
    'Kommunen var ikke i bruk',
    'The municipality number was not in use during the period (params: code, period).',
    'Kommunenummeret var ikke i bruk i perioden.',
  ),
  'value.not_assigned': entry(
    422,
    'Indicator not assigned',
    'Indikatoren er ikke tildelt',
    'The venture does not report on this indicator (param: code).',
    'Virksomheten rapporterer ikke på denne indikatoren.',
  ),
  'value.outside_assignment': entry(
    422,
    'Period outside the assignment',
    'Perioden er utenfor tildelingen',
    'The indicator is not reported for this period (params: code, period, frequency, startDate, endDate).',
    'Indikatoren rapporteres ikke for denne perioden.',
  ),
  'value.missing': entry(
    422,
    'Value missing',
    'Verdi mangler',
    'An expected indicator has no value; save one before submitting (params: code, name).',
    'En forventet indikator har ingen verdi; lagre en før innsending.',
  ),
} as const satisfies Record<ValueFieldCode, ProblemEntry>
