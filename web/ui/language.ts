import type { Lang } from './format.ts'

/** The cookie that remembers a visitor's language choice (a preference, not a secret). */
export const LANG_COOKIE = 'effekt_lang'

export const isLang = (value: string | undefined | null): value is Lang => value === 'nb' || value === 'en'

/** Norwegian in any written form (bokmål, nynorsk, plain "no") is served in bokmål. */
const NORWEGIAN = new Set(['nb', 'no', 'nn'])

/**
 * The language of a page: the visitor's explicit choice (cookie) first, then the browser's
 * Accept-Language in order of preference, then Norwegian — Effekt is a Norwegian service.
 */
export function pickLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(cookie)) return cookie
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
      return {
        primary: tag.trim().toLowerCase().split('-')[0] ?? '',
        q: q === undefined ? 1 : Number(q),
        index,
      }
    })
    .filter((r) => r.primary && r.q > 0 && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const r of ranked) {
    if (NORWEGIAN.has(r.primary)) return 'nb'
    if (r.primary === 'en') return 'en'
  }
  return 'nb'
}
