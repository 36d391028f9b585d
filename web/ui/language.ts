import { preferredLanguage } from '../../src/http/language.ts'
import type { Lang } from './format.ts'

/** The cookie that remembers a visitor's language choice (a preference, not a secret). */
export const LANG_COOKIE = 'effekt_lang'

export const isLang = (value: string | undefined | null): value is Lang => value === 'nb' || value === 'en'

/**
 * The language of a page: the visitor's explicit choice (cookie) first, then the browser's
 * Accept-Language in order of preference (the same negotiation as the API's errors), then
 * Norwegian — Effekt is a Norwegian service.
 */
export function pickLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(cookie)) return cookie
  return preferredLanguage(acceptLanguage) ?? 'nb'
}
