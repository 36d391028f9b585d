import { z } from '@hono/zod-openapi'
import { badRequest } from './problem.ts'

/**
 * Cursor pagination: the cursor is an opaque base64url of the last row's sort key and id, so
 * lists stay stable while rows are added.
 */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ description: 'Page size (1–200)', example: 50 }),
  cursor: z.string().max(500).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
})

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item).openapi({ description: 'This page of items, in the list’s order' }),
      nextCursor: z
        .string()
        .nullable()
        .openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
    })
    .openapi(name)

export type CursorKey = [string, string]

export function encodeCursor(key: CursorKey): string {
  return btoa(JSON.stringify(key)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

export function decodeCursor(cursor: string | undefined): CursorKey | null {
  if (!cursor) return null
  try {
    const parsed: unknown = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')))
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) {
      return parsed as CursorKey
    }
  } catch {}
  throw badRequest('request.cursor_invalid', [
    { in: 'query', path: 'cursor', message: 'Not a cursor this API issued.' },
  ])
}

/** Takes `limit + 1` rows fetched in order, returns one page and the cursor to the next. */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => CursorKey) {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null }
}
