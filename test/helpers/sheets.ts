import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'

/** Reads an XLSX answer with exceljs, as a test inspects it (types, formats, validations). */
export async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  )
  return book
}

/** A sheet's rows as arrays of cell values (exceljs's row.values is 1-based). */
export const sheetRows = (sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] => {
  const rows: ExcelJS.CellValue[][] = []
  const width = sheet.getRow(1).cellCount
  sheet.eachRow((row) => {
    rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value ?? null))
  })
  return rows
}

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].find(
  (p) => existsSync(p),
)

/** LibreOffice when installed (Debian: libreoffice-calc), else undefined: those tests skip. */
export const soffice = SOFFICE

/**
 * Opens a file in LibreOffice and saves it as `to` (`xlsx`, or `csv` with its filter options), as
 * a person opening and saving it would; returns the saved bytes. Its own profile directory, so
 * parallel runs and a desktop session do not share one.
 */
export async function libreOfficeConvert(
  bytes: Uint8Array | string,
  from: 'xlsx' | 'csv',
  to: string,
  infilter?: string,
): Promise<Buffer> {
  if (!SOFFICE) throw new Error('LibreOffice is not installed')
  const dir = await mkdtemp(join(tmpdir(), 'effekt-soffice-'))
  try {
    const input = join(dir, `in.${from}`)
    await writeFile(input, bytes)
    const out = join(dir, 'out')
    await promisify(execFile)(
      SOFFICE,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        ...(infilter ? [`--infilter=${infilter}`] : []),
        '--convert-to',
        to,
        '--outdir',
        out,
        input,
      ],
      { timeout: 120_000 },
    )
    const extension = to.split(':')[0]!
    return await readFile(join(out, `in.${extension}`))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
