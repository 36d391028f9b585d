import { worker } from '../../src/entry/worker.ts'

/**
 * The Worker as the smoke test runs it: the real entry, plus the one production limit that the
 * open-source workerd behind `wrangler dev` does not enforce and this app can hit. Cloudflare's
 * runtime refuses PBKDF2 above 100,000 iterations (NotSupportedError, cloudflare/workerd#1346);
 * locally any count passes, so without this a login that fails on every real deployment would
 * pass here. (An entry module may export only handlers, hence nothing else is exported.)
 */
const PBKDF2_MAX_ITERATIONS = 100_000

const subtle = crypto.subtle
const deriveBits = subtle.deriveBits.bind(subtle)
Object.defineProperty(subtle, 'deriveBits', {
  configurable: true,
  value: (algorithm: Pbkdf2Params | AlgorithmIdentifier, key: CryptoKey, length?: number | null) => {
    const iterations = (algorithm as Partial<Pbkdf2Params>).iterations
    if (typeof iterations === 'number' && iterations > PBKDF2_MAX_ITERATIONS) {
      return Promise.reject(
        new DOMException(
          `Pbkdf2 failed: iteration counts above ${PBKDF2_MAX_ITERATIONS} are not supported (requested ${iterations}).`,
          'NotSupportedError',
        ),
      )
    }
    return deriveBits(algorithm, key, length)
  },
})

export default worker
