/**
 * Passwords and bearer secrets, with Web Crypto only so the same code runs on Node and Workers.
 *
 * Passwords: PBKDF2-HMAC-SHA256 with 600,000 iterations in all (OWASP 2023), 16-byte random salt.
 * Cloudflare Workers refuse a single PBKDF2 call above 100,000 iterations, so the work is done as
 * a chain of 100,000-iteration calls, each keyed by the previous output: a guess still costs an
 * attacker 600,000 HMAC-SHA256 iterations in sequence. Stored as
 * `pbkdf2c-sha256$<iterations>$<salt b64url>$<hash b64url>`; the count travels with the hash so
 * it can be raised later. Session ids and API tokens are 256-bit random values; being
 * high-entropy, a plain SHA-256 of them is a strong enough stored form.
 */
export const PASSWORD_ITERATIONS = 600_000
/** The most iterations one Web Crypto PBKDF2 call may do on Cloudflare Workers. */
export const PBKDF2_CALL_LIMIT = 100_000
const SCHEME = 'pbkdf2c-sha256'
const encoder = new TextEncoder()

export const toBase64Url = (bytes: Uint8Array): string => {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

export const fromBase64Url = (text: string): Uint8Array => {
  const b = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
  return Uint8Array.from(b, (ch) => ch.charCodeAt(0))
}

export const randomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n))

/** Compares in time independent of where the inputs differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}

async function pbkdf2Call(secret: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', secret as BufferSource, 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  )
  return new Uint8Array(bits)
}

/** PBKDF2 chained in calls of at most PBKDF2_CALL_LIMIT iterations (see the module comment). */
async function chainedPbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  let secret: Uint8Array = encoder.encode(password)
  for (let left = iterations; left > 0; left -= PBKDF2_CALL_LIMIT) {
    secret = await pbkdf2Call(secret, salt, Math.min(left, PBKDF2_CALL_LIMIT))
  }
  return secret
}

export async function hashPassword(password: string, iterations = PASSWORD_ITERATIONS): Promise<string> {
  const salt = randomBytes(16)
  const hash = await chainedPbkdf2(password, salt, iterations)
  return `${SCHEME}$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`
}

/** A fixed hash verified against when the email is unknown, so both cases take the same time. */
const DUMMY_HASH = `${SCHEME}$${PASSWORD_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, iter, saltText, hashText] = (stored ?? DUMMY_HASH).split('$')
  const iterations = Number(iter)
  if (
    scheme !== SCHEME ||
    !saltText ||
    !hashText ||
    !Number.isInteger(iterations) ||
    iterations < 1 ||
    iterations > 10_000_000
  ) {
    return false
  }
  const actual = await chainedPbkdf2(password, fromBase64Url(saltText), iterations)
  const ok = constantTimeEqual(actual, fromBase64Url(hashText))
  return stored !== null && ok
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** A new session id (cookie value) — 256 random bits. */
export const newSessionId = (): string => toBase64Url(randomBytes(32))

export const TOKEN_PREFIX = 'eff_'
/** A new API token: a recognisable prefix (for secret scanners) and 256 random bits. */
export const newApiToken = (): string => `${TOKEN_PREFIX}${toBase64Url(randomBytes(32))}`
