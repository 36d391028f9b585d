import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { AppEnv } from './env.ts'
import { negotiateLanguage } from './language.ts'

/**
 * The one decimal rule of every CSV export (issue #20): Norwegian files write `12,5` separated by
 * `;`, English ones `12.5` separated by `,`, so each opens as numbers in Excel and LibreOffice
 * set to that language. `decimal` chooses; without it an older `sep` still decides (its decimal
 * mark follows), and without either the request's language does (Accept-Language; the API's
 * default is English, the dashboard's links ask for the page's language). Open data is the one
 * exception: a public, cached file must not change with a header, so it is `point` unless asked.
 */
export type DecimalMark = 'comma' | 'point'

export interface CsvDialect {
  separator: ';' | ','
  decimal: ',' | '.'
}

export const DecimalQuery = z.enum(['comma', 'point']).optional().openapi({
  description:
    'Decimal mark of the CSV: `comma` (`12,5`, cells separated by `;`: Norwegian spreadsheets) or `point` (`12.5`, separated by `,`). Default: by Accept-Language (nb/nn/no → comma, otherwise point).',
  example: 'comma',
})

export const SepQuery = z.enum(['semicolon', 'comma']).optional().openapi({
  description:
    'Separator, kept for older links: `semicolon` or `comma`. Without `decimal`, its decimal mark follows it (semicolon → comma, comma → point).',
})

export function csvDialect(
  q: { decimal?: DecimalMark | undefined; sep?: 'semicolon' | 'comma' | undefined },
  fallback: DecimalMark,
): CsvDialect {
  const mark: DecimalMark = q.decimal ?? (q.sep ? (q.sep === 'comma' ? 'point' : 'comma') : fallback)
  const separator = q.sep ? (q.sep === 'comma' ? ',' : ';') : mark === 'comma' ? ';' : ','
  return { separator, decimal: mark === 'comma' ? ',' : '.' }
}

/** The decimal mark the caller's language asks for. */
export const requestDecimal = (c: Context<AppEnv>): DecimalMark =>
  negotiateLanguage(c.req.header('accept-language')) === 'nb' ? 'comma' : 'point'

/** The language of a spreadsheet's definitions and date format: the caller's. */
export const requestSheetLanguage = (c: Context<AppEnv>) => negotiateLanguage(c.req.header('accept-language'))

/** A decimal string with the dialect's mark. */
export const decimalText = (value: string | null, d: Pick<CsvDialect, 'decimal'>): string | null =>
  value === null ? null : d.decimal === ',' ? value.replace('.', ',') : value
