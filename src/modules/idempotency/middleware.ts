import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../http/env.ts'
import { type Answer, runOnce } from './service.ts'

export const IDEMPOTENCY_HEADER = 'idempotency-key'

/** Refusals that depend only on the request itself: replayed for the same key, like Stripe. */
const REMEMBERED = new Set([400, 422])

const isTextual = (contentType: string | undefined) => {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  return (
    media === '' ||
    media.startsWith('text/') ||
    /^application\/([\w.-]+\+)?json$/.test(media) ||
    media === 'application/x-www-form-urlencoded'
  )
}

async function digestHex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Creating requests (POST) with an `Idempotency-Key` header run once per caller and key: the
 * handler runs inside the key's transaction (its services join it through withTx), a repeat with
 * the same route and body gets the first answer (`Idempotent-Replayed: true`), with another
 * body a 422. Any other failure rolls back and frees the key, so the client's retry runs.
 */
export const idempotency = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const key = c.req.header(IDEMPOTENCY_HEADER)
  const principal = c.get('principal')
  if (c.req.method !== 'POST' || key === undefined || !principal) return next()
  // The bytes are read first: Hono derives text() from cached bytes, never bytes from text, so an
  // XLSX upload reaches its handler intact. Text bodies are fingerprinted as text (as keys stored
  // before were); others by a digest of their bytes, which decoding as UTF-8 would blur.
  const bytes = await c.req.arrayBuffer()
  const body = isTextual(c.req.header('content-type'))
    ? new TextDecoder().decode(bytes)
    : `bytes:${await digestHex(bytes)}`
  const outer = c.get('db')
  const now = c.get('deps').now?.() ?? new Date()
  const outcome = await runOnce(
    outer,
    now,
    c.get('deps').config.IDEMPOTENCY_WAIT_MS,
    { userId: principal.userId, key, method: c.req.method, path: c.req.path, body },
    async (trx): Promise<Answer> => {
      c.set('db', trx)
      try {
        await next()
      } finally {
        c.set('db', outer)
      }
      const status = c.res.status
      return {
        status,
        contentType: c.res.headers.get('content-type'),
        body: await c.res.clone().text(),
        keep: status < 400 ? 'commit' : REMEMBERED.has(status) ? 'remember' : 'forget',
      }
    },
  )
  if (outcome.kind === 'replay') {
    const { status, contentType, body: stored } = outcome.response
    return new Response(status === 204 ? null : stored, {
      status,
      headers: { ...(contentType ? { 'Content-Type': contentType } : {}), 'Idempotent-Replayed': 'true' },
    })
  }
}
