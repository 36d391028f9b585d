import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common'
import { Problem } from '../../http/problem.ts'

export const MIN_PASSWORD_LENGTH = 12

/**
 * zxcvbn's score: 0–2 means a password found in (or a small variation of) the common-password
 * lists, a keyboard walk, a repeat or the user's own name or email — guessable in under 10⁸
 * tries. Effekt refuses those wherever a password is set.
 */
const MIN_SCORE = 3

// Built once, on first use: the dictionaries are large and most requests never set a password.
let factory: ZxcvbnFactory | undefined
const estimator = () => {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...dictionary, userInputs: ['effekt'] },
    graphs: adjacencyGraphs,
  })
  return factory
}

/** Why the password may not be used, or null when it may. `related` are the user's own words. */
export function passwordWeakness(password: string, related: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`
  const words = related.flatMap((r) => r.toLowerCase().split(/[@.\s_-]+/)).filter((w) => w.length >= 3)
  const result = estimator().check(password.slice(0, 200), words)
  if (result.score >= MIN_SCORE) return null
  return 'The password is too common or too easy to guess (a known password, a keyboard pattern, a repeat or your own name); choose a longer or less predictable one.'
}

/** Throws the 422 problem (`password.too_common`, or `password.too_short`) for a password that may not be used. */
export function assertAcceptablePassword(password: string, related: string[] = [], path = 'password'): void {
  const weakness = passwordWeakness(password, related)
  if (!weakness) return
  const code = password.length < MIN_PASSWORD_LENGTH ? 'password.too_short' : 'password.too_common'
  throw new Problem(code, weakness, { errors: [{ in: 'body', path, message: weakness, code }] })
}
