/**
 * A small least-recently-used memo for disclosure control. Suppressing one indicator's year takes
 * a millisecond or two (exact linear algebra); the same tables come back on every request until a
 * report is verified, so the answer is kept, keyed by the table itself (never by who asked).
 */
const LIMIT = 5000
const entries = new Map<string, unknown>()

export function memo<T>(key: unknown, compute: () => T): T {
  const k = JSON.stringify(key)
  if (entries.has(k)) {
    const value = entries.get(k) as T
    entries.delete(k)
    entries.set(k, value)
    return value
  }
  const value = compute()
  entries.set(k, value)
  if (entries.size > LIMIT) entries.delete(entries.keys().next().value as string)
  return value
}
