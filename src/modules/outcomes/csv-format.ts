/**
 * The CSV format of report values (import and template): one row per value or breakdown cell,
 * long format so any number of breakdowns fits and Excel users can filter it.
 *
 *   period;indicator;dimension;category;value;numerator;denominator;note;evidence;verification_level
 *   2026-Q3;NO-WORK-01;;;12;;;Two at Coop Ski;https://example.org/a.pdf;document_checked
 *   2026-Q3;NO-WORK-01;gender;female;5;;;;;
 *   2026-Q3;PI3527;;;;12;40;;;
 *
 * A row with an empty `dimension` (or `total`) is the total; note, evidence (URLs separated by
 * spaces) and verification level belong on it.
 */
export const CSV_COLUMNS = [
  'period',
  'indicator',
  'dimension',
  'category',
  'value',
  'numerator',
  'denominator',
  'note',
  'evidence',
  'verification_level',
] as const
export type CsvColumn = (typeof CSV_COLUMNS)[number]
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ['period', 'indicator', 'value']

/** Writes a decimal string with a comma for `;` files (Excel in Norway reads `12,5` as a number). */
export const csvDecimal = (value: string | null, separator: ';' | ','): string | null =>
  value === null ? null : separator === ';' ? value.replace('.', ',') : value
