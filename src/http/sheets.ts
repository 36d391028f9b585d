import type { Context } from 'hono'
import { type SheetIo, type Workbook, XLSX_CONTENT_TYPE } from '../domain/sheets.ts'
import type { AppEnv } from './env.ts'
import { Problem } from './problem.ts'

/** The XLSX writer and reader of this runtime, or the problem saying there is none (Workers). */
export function sheetsOf(c: Context<AppEnv>): SheetIo {
  const sheets = c.get('deps').sheets
  if (!sheets) throw new Problem('sheets.unavailable')
  return sheets
}

/** Writes a workbook as an attachment. The service has already checked who may read it. */
export async function sendWorkbook(
  c: Context<AppEnv>,
  filename: string,
  book: Workbook,
  headers: Record<string, string> = { 'Cache-Control': 'no-store' },
) {
  const bytes = await sheetsOf(c).write(book)
  return c.body(bytes, 200, {
    'Content-Type': XLSX_CONTENT_TYPE,
    'Content-Disposition': `attachment; filename="${filename}"`,
    ...headers,
  })
}
