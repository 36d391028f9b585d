import ExcelJS from 'exceljs'
import {
  type ReadSheet,
  type Sheet,
  type SheetColumn,
  type SheetIo,
  SheetReadError,
  type Workbook,
} from '../domain/sheets.ts'

/**
 * XLSX through exceljs, for the Node server (injected as AppDeps.sheets). exceljs needs Node's
 * streams and zlib, so it stays out of the Workers bundle: there the XLSX routes answer
 * `sheets.unavailable`. Number formats are Excel's own codes, which every spreadsheet shows with
 * the reader's decimal mark and grouping; dates follow the workbook's language.
 */
const DATE_FORMAT = { nb: 'dd.mm.yyyy', en: 'yyyy-mm-dd' } as const
const LISTS_SHEET = 'lists'

function numberFormat(col: SheetColumn): string | undefined {
  switch (col.kind) {
    case 'integer':
      return '#,##0'
    case 'number': {
      // Without fixed decimals (reported values: 12, 12.5, 0.375) every digit shows.
      const d = col.decimals
      return d === undefined ? 'General' : d === 0 ? '#,##0' : `#,##0.${'0'.repeat(d)}`
    }
    case 'text':
      return '@'
    case 'date':
    case 'boolean':
      return undefined
  }
}

function cellValue(col: SheetColumn, raw: string | number | null): ExcelJS.CellValue {
  if (raw === null || raw === '') return null
  switch (col.kind) {
    case 'number':
    case 'integer': {
      const n = typeof raw === 'number' ? raw : Number(raw)
      return Number.isFinite(n) ? n : String(raw)
    }
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(raw))
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(raw)
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : String(raw)
    case 'text':
      return String(raw)
  }
}

const columnLetter = (n: number): string => {
  let s = ''
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s
  return s
}

function addSheet(wb: ExcelJS.Workbook, book: Workbook, sheet: Sheet, listRefs: Map<string, string>) {
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    ...(sheet.hidden ? { state: 'hidden' as const } : {}),
  })
  ws.columns = sheet.columns.map((col) => {
    const numFmt = col.kind === 'date' ? DATE_FORMAT[book.language] : numberFormat(col)
    return {
      header: col.header,
      width: col.width ?? Math.max(12, col.header.length + 2),
      ...(numFmt ? { style: { numFmt } } : {}),
    }
  })
  ws.getRow(1).font = { bold: true }
  for (const row of sheet.rows) {
    ws.addRow(sheet.columns.map((col, i) => cellValue(col, row[i] ?? null)))
  }
  const last = sheet.rows.length + 1 + (sheet.blankRows ?? 0)
  for (const v of sheet.validations ?? []) {
    const index = sheet.columns.findIndex((c) => c.header === v.column)
    const ref = listRefs.get(v.list)
    if (index < 0 || !ref) throw new Error(`No column ${v.column} or list ${v.list} for a drop-down`)
    const letter = columnLetter(index + 1)
    const rule: ExcelJS.DataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [ref],
      showErrorMessage: true,
      errorStyle: v.strict ? 'stop' : 'information',
    }
    // exceljs joins equal rules of neighbouring cells into one range when it writes.
    for (let r = 2; r <= last; r++) ws.getCell(`${letter}${r}`).dataValidation = rule
  }
  if (sheet.blankRows) {
    // The blank rows keep the column's format, so a number typed there is text in text columns.
    for (let r = sheet.rows.length + 2; r <= last; r++) {
      const row = ws.getRow(r)
      sheet.columns.forEach((col, i) => {
        const numFmt = col.kind === 'date' ? DATE_FORMAT[book.language] : numberFormat(col)
        if (numFmt) row.getCell(i + 1).numFmt = numFmt
      })
    }
  }
}

async function write(book: Workbook): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Effekt'
  // A fixed date: the same figures give the same file (and ETag) whenever they are asked for.
  wb.created = new Date(Date.UTC(2000, 0, 1))
  wb.modified = wb.created
  const listRefs = new Map<string, string>()
  const lists = Object.entries(book.lists ?? {})
  lists.forEach(([name, values], i) => {
    const letter = columnLetter(i + 1)
    listRefs.set(name, `${LISTS_SHEET}!$${letter}$2:$${letter}$${Math.max(2, values.length + 1)}`)
  })
  for (const sheet of book.sheets) addSheet(wb, book, sheet, listRefs)
  if (lists.length) {
    addSheet(
      wb,
      book,
      {
        name: LISTS_SHEET,
        columns: lists.map(([name]) => ({ header: name, kind: 'text', width: 20 })),
        rows: Array.from({ length: Math.max(...lists.map(([, v]) => v.length)) }, (_, r) =>
          lists.map(([, v]) => v[r] ?? null),
        ),
      },
      listRefs,
    )
  }
  const buffer = await wb.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}

/** A cell as the CSV reader would have it: numbers with `.`, dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'string') return value
  if ('richText' in value) return value.richText.map((t) => t.text).join('')
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue)
  if ('text' in value) return String(value.text)
  if ('error' in value) return String(value.error)
  return ''
}

async function read(bytes: Uint8Array): Promise<ReadSheet[]> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    )
  } catch (e) {
    throw new SheetReadError(e instanceof Error ? e.message : String(e))
  }
  return wb.worksheets.map((ws) => {
    const rows: ReadSheet['rows'] = []
    const width = ws.getRow(1).cellCount
    ws.eachRow({ includeEmpty: false }, (row, line) => {
      const cells: string[] = []
      for (let i = 1; i <= width; i++) cells.push(cellText(row.getCell(i).value).trim())
      rows.push({ line, cells })
    })
    return { name: ws.name, rows }
  })
}

export const exceljsSheets: SheetIo = { write, read }
