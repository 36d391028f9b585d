/** The two languages Effekt speaks; nn and no are answered in Bokmål. */
export type ProblemLanguage = 'nb' | 'en'

const NORWEGIAN = new Set(['nb', 'nn', 'no'])

/**
 * The language `Accept-Language` asks for (RFC 9110 §12.5.4): tags ranked by q-value (ties keep
 * their order), q=0 refused; the first Norwegian or English tag wins; null when there is none —
 * no header, `*`, only other languages. The API answers those in English, the dashboard in
 * Norwegian: each picks its own default.
 */
export function preferredLanguage(acceptLanguage: string | undefined | null): ProblemLanguage | null {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      // A q that is there but not a number drops the tag (Number('abc') is NaN), as it should.
      const q = params.map((p) => /^\s*q\s*=\s*(.*?)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined)
      return {
        primary: tag.trim().toLowerCase().split('-')[0] ?? '',
        q: q === undefined ? 1 : q === '' ? Number.NaN : Number(q),
        index,
      }
    })
    .filter((r) => r.primary && r.q > 0 && r.q <= 1 && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const r of ranked) {
    if (NORWEGIAN.has(r.primary)) return 'nb'
    if (r.primary === 'en') return 'en'
  }
  return null
}

/** The language of an error answer: the one asked for, else English, the API's default. */
export const negotiateLanguage = (acceptLanguage: string | undefined | null): ProblemLanguage =>
  preferredLanguage(acceptLanguage) ?? 'en'
