/**
 * A spreadsheet as data: what an XLSX export or the import template holds, built by the services
 * from the same cells as their CSV, and written by an injected writer (exceljs in the Node entry,
 * src/entry/sheets.ts). Pure: no library, no I/O, so the Workers bundle stays clean.
 *
 * Cells arrive as the CSV writes them before the decimal mark is chosen: decimals with `.`, dates
 * `YYYY-MM-DD`, booleans `true`/`false`. The column's kind decides what the cell becomes: a number
 * for `number`/`integer`, a date for `date`, text otherwise (municipality and organization
 * numbers are text, so 0301 keeps its zero).
 */
export type SheetLanguage = 'nb' | 'en'

export type SheetColumnKind = 'text' | 'number' | 'integer' | 'date' | 'boolean'

export interface SheetColumn {
  /** The header cell: the CSV column name, so an XLSX and a CSV read alike. */
  header: string
  kind: SheetColumnKind
  /** Decimals shown for `number` (the stored value keeps every digit it has). */
  decimals?: number
  /** Column width in characters; the writer picks one from the header when absent. */
  width?: number
}

/** A drop-down list on a column: the values are those of `list` in the lists sheet. */
export interface SheetValidation {
  column: string
  list: string
  /** `stop` refuses other values; `information` offers the list and accepts others. */
  strict: boolean
}

export interface Sheet {
  name: string
  columns: readonly SheetColumn[]
  rows: readonly (readonly (string | number | null)[])[]
  /** Rows after the data that carry the drop-downs too (a template to be filled in). */
  blankRows?: number
  validations?: readonly SheetValidation[]
  hidden?: boolean
}

export interface Workbook {
  language: SheetLanguage
  sheets: readonly Sheet[]
  /** Named lists for drop-downs: written to a `lists` sheet, one column each. */
  lists?: Readonly<Record<string, readonly string[]>>
}

/** A workbook read back: each sheet's cells as text, as a CSV reader would see them. */
export interface ReadSheet {
  name: string
  /** Row 1 is the header; `line` is the spreadsheet's own row number. */
  rows: { line: number; cells: string[] }[]
}

/** Thrown by a reader when the bytes are not a workbook it can open. */
export class SheetReadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SheetReadError'
  }
}

/** What the Node entry injects (AppDeps.sheets); absent on Workers. */
export interface SheetIo {
  write(book: Workbook): Promise<Uint8Array<ArrayBuffer>>
  read(bytes: Uint8Array): Promise<ReadSheet[]>
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Definitions sheet: one row per column of a table — what it is, its unit and kind. */
export interface Definition {
  table: string
  column: string
  kind: SheetColumnKind
  unit: string
  meaning: string
}

export function definitionsSheet(
  language: SheetLanguage,
  defs: readonly Definition[],
  notes: readonly string[],
) {
  const h =
    language === 'nb'
      ? {
          name: 'definisjoner',
          table: 'tabell',
          column: 'kolonne',
          kind: 'type',
          unit: 'enhet',
          meaning: 'betydning',
        }
      : {
          name: 'definitions',
          table: 'table',
          column: 'column',
          kind: 'kind',
          unit: 'unit',
          meaning: 'meaning',
        }
  const rows: (string | null)[][] = defs.map((d) => [d.table, d.column, d.kind, d.unit, d.meaning])
  for (const note of notes) rows.push([null, null, null, null, note])
  return {
    name: h.name,
    columns: [
      { header: h.table, kind: 'text', width: 16 },
      { header: h.column, kind: 'text', width: 26 },
      { header: h.kind, kind: 'text', width: 10 },
      { header: h.unit, kind: 'text', width: 12 },
      { header: h.meaning, kind: 'text', width: 90 },
    ],
    rows,
  } satisfies Sheet
}

/** A table as both files write it: typed columns, cells as the CSV has them before the decimal mark. */
export interface Table {
  name: string
  columns: readonly SheetColumn[]
  rows: readonly (readonly (string | number | null)[])[]
}

const isNumeric = (kind: SheetColumnKind) => kind === 'number' || kind === 'integer'

/** The CSV of a table: number cells get the dialect's decimal mark, nothing else changes. */
export function tableCells(table: Table, decimal: ',' | '.'): (string | number | null)[][] {
  const numeric = table.columns.map((c) => isNumeric(c.kind))
  return table.rows.map((row) =>
    row.map((cell, i) =>
      decimal === ',' && numeric[i] && cell !== null ? String(cell).replace('.', ',') : cell,
    ),
  )
}

/** The sheet of a table, its columns and cells unchanged: the writer types the cells. */
export const tableSheet = (table: Table, sheetName = table.name): Sheet => ({
  name: sheetName,
  columns: table.columns,
  rows: table.rows,
})
