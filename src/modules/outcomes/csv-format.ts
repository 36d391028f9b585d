import type { SheetColumn } from '../../domain/sheets.ts'

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

/** The columns typed for XLSX: the category is text, so municipality 0301 keeps its zero. */
export const CSV_SHEET_COLUMNS: readonly SheetColumn[] = CSV_COLUMNS.map((header) => ({
  header,
  kind: header === 'value' || header === 'numerator' || header === 'denominator' ? 'number' : 'text',
  width: header === 'note' || header === 'evidence' ? 40 : header === 'verification_level' ? 20 : 14,
}))
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ['period', 'indicator', 'value']
