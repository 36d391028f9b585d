import type { Db } from '../../db/tx.ts'
import { invalid, Problem } from '../../http/problem.ts'
import { sha256Hex } from '../identity/index.ts'
import * as repo from './repo.ts'

export interface StoredResponse {
  status: number
  contentType: string | null
  body: string
}

export interface KeyedRequest {
  userId: string
  key: string
  method: string
  path: string
  body: string
}

/** What the request's own work produced, and whether its writes and answer are kept. */
export interface Answer extends StoredResponse {
  /** commit: the writes and the answer; remember: roll back, keep the answer; forget: roll back, keep nothing. */
  keep: 'commit' | 'remember' | 'forget'
}

export type Outcome = { kind: 'ran' } | { kind: 'replay'; response: StoredResponse }

const headerProblem = (code: 'idempotency.key_reused' | 'idempotency.key_malformed') =>
  invalid('idempotency-key', code, undefined, 'header')
const keyReused = () => headerProblem('idempotency.key_reused')
const keyMalformed = () => headerProblem('idempotency.key_malformed')
export const keyInProgress = () =>
  new Problem('idempotency.in_progress', undefined, { headers: { 'Retry-After': '1' } })

class Discard extends Error {
  constructor(readonly answer: Answer) {
    super('discard')
  }
}

/**
 * Runs a keyed request at most once, Stripe-style. The key is claimed in the same transaction
 * as the request's writes, and its answer is stored there too, so what must stay true holds by
 * construction: a key has an answer exactly when the writes committed. A request that fails, or
 * whose process or connection dies, rolls back and leaves no key behind: the retry runs. A
 * concurrent duplicate waits on the key's row lock and then replays (or runs, if the first
 * rolled back); a key bound to another route or body is a 422.
 */
export async function runOnce(
  db: Db,
  now: Date,
  /** How long a duplicate waits for the request that holds its key before it gets 409. */
  waitMs: number,
  req: KeyedRequest,
  run: (trx: Db) => Promise<Answer>,
): Promise<Outcome> {
  if (!/^[\x21-\x7e]{1,255}$/.test(req.key)) throw keyMalformed()
  // Route and body together: the same formula as keys stored before this version.
  const fingerprint = await sha256Hex(`${req.method} ${req.path}\n${req.body}`)
  const k = { userId: req.userId, key: req.key, fingerprint, method: req.method, path: req.path }
  try {
    return await db.transaction().execute(async (trx): Promise<Outcome> => {
      await repo.boundLockWait(trx, waitMs)
      if (!(await repo.insertKey(trx, k, now))) {
        const row = await repo.findKey(trx, req.userId, req.key)
        if (!row) throw keyInProgress() // expired and dropped by a concurrent request just now
        if (row.status === null || row.body === null) {
          // A committed key without an answer can only be a leftover of the claim-then-complete
          // design before this one (its request never finished): this request takes it over.
          await repo.rebindKey(trx, req.userId, req.key, fingerprint, now)
        } else {
          if (row.fingerprint !== fingerprint) throw keyReused()
          return {
            kind: 'replay',
            response: { status: row.status, contentType: row.contentType, body: row.body },
          }
        }
      }
      const answer = await run(trx)
      if (answer.keep !== 'commit') throw new Discard(answer)
      await repo.storeAnswer(trx, req.userId, req.key, answer)
      return { kind: 'ran' }
    })
  } catch (err) {
    if (err instanceof Discard) {
      if (err.answer.keep === 'remember') await remember(db, k, now, err.answer)
      return { kind: 'ran' }
    }
    if ((err as { code?: unknown }).code === '55P03') throw keyInProgress() // lock_timeout
    throw err
  }
}

/**
 * A refused request (bad body) wrote nothing; its answer is kept so the same key keeps meaning
 * this request. Best effort: if the database fails now, the retry is validated again.
 */
async function remember(db: Db, k: Parameters<typeof repo.insertKey>[1], now: Date, answer: StoredResponse) {
  try {
    await db.transaction().execute(async (trx) => {
      if (await repo.insertKey(trx, k, now)) await repo.storeAnswer(trx, k.userId, k.key, answer)
    })
  } catch {
    // The answer already went to the client; the key simply stays free.
  }
}
