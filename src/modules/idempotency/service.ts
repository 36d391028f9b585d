import { conflict, invalid } from '../../http/problem.ts'
import type { Ctx } from '../context.ts'
import { sha256Hex } from '../identity/secrets.ts'
import * as repo from './repo.ts'

export interface StoredResponse {
  status: number
  contentType: string | null
  body: string
}

export type Claim = { kind: 'first' } | { kind: 'replay'; response: StoredResponse }

const POLL_MS = 50
const WAIT_MS = 10_000

/**
 * Decides what to do with a request carrying an Idempotency-Key: the first one runs; a repeat
 * with the same method, path and body gets the first response (waiting while the first is still
 * running); a repeat with a different request is a 422.
 */
export async function claim(
  ctx: Ctx,
  userId: string,
  key: string,
  method: string,
  path: string,
  body: string,
): Promise<Claim> {
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw invalid('idempotency-key', 'Use 1–255 visible ASCII characters (a UUID is ideal).', 'header')
  }
  const fingerprint = await sha256Hex(`${method} ${path}\n${body}`)
  if (await repo.claimKey(ctx.db, { userId, key, fingerprint, method, path }, ctx.now))
    return { kind: 'first' }
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    const row = await repo.findKey(ctx.db, userId, key)
    if (!row) {
      // The first request failed and released the key: this one may run.
      if (await repo.claimKey(ctx.db, { userId, key, fingerprint, method, path }, ctx.now))
        return { kind: 'first' }
      continue
    }
    if (row.fingerprint !== fingerprint) {
      throw invalid('idempotency-key', 'This Idempotency-Key was used for a different request.', 'header')
    }
    if (row.status !== null && row.body !== null) {
      return {
        kind: 'replay',
        response: { status: row.status, contentType: row.contentType, body: row.body },
      }
    }
    if (Date.now() > deadline) throw conflict('A request with this Idempotency-Key is still being processed.')
    await new Promise((r) => setTimeout(r, POLL_MS))
  }
}

export const complete = (ctx: Ctx, userId: string, key: string, response: StoredResponse) =>
  repo.completeKey(ctx.db, userId, key, response)

export const release = (ctx: Ctx, userId: string, key: string) => repo.releaseKey(ctx.db, userId, key)
