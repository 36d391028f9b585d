import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { isHttps } from '../../src/http/auth.ts'
import type { AppEnv } from '../../src/http/env.ts'
import type { Principal } from '../../src/modules/principal.ts'
import { isMessageKey, type MessageKey, type Translator, translator } from '../i18n/index.ts'
import type { AssetManifest } from './assets.ts'
import { type Formatter, formatterFor, type Lang } from './format.ts'

export type Tone = 'success' | 'info' | 'error'

/** A one-time message carried across a redirect (after a form post): a message key and its values. */
export interface Flash {
  tone: Tone
  key: MessageKey
  params?: Record<string, string>
}

/** What every page and component renders with: language, formatters, the caller, the request. */
export interface View extends Translator {
  fmt: Formatter
  principal: Principal | null
  url: URL
  requestId: string
  assets: AssetManifest
  flash: Flash | null
  /** The signed-in user's unread notifications (the bell); undefined where not loaded. */
  unreadCount?: number
}

export function makeView(
  c: Context<AppEnv>,
  lang: Lang,
  assets: AssetManifest,
  flash: Flash | null = null,
): View {
  return {
    ...translator(lang),
    fmt: formatterFor(lang),
    principal: c.get('principal') ?? null,
    url: new URL(c.req.url),
    requestId: c.get('requestId') ?? '',
    assets,
    flash,
  }
}

/** The principal of a page that requires one (the route wrapper has redirected anonymous visitors). */
export const signedIn = (v: View): Principal => {
  if (!v.principal) throw new Error('page rendered without a principal')
  return v.principal
}

const FLASH_COOKIE = 'effekt_flash'

/** Sets a flash for the next page; HttpOnly and set only by the server, so no one can plant text in it. */
export function setFlash(c: Context<AppEnv>, flash: Flash): void {
  const value = btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(flash))))
  setCookie(c, FLASH_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    maxAge: 60,
  })
}

/** Reads and clears the flash; anything malformed is dropped. */
export function takeFlash(c: Context<AppEnv>): Flash | null {
  const raw = getCookie(c, FLASH_COOKIE)
  if (!raw) return null
  deleteCookie(c, FLASH_COOKIE, { path: '/', secure: isHttps(c) })
  try {
    const bytes = Uint8Array.from(atob(raw), (ch) => ch.charCodeAt(0))
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Flash>
    if (
      (parsed.tone === 'success' || parsed.tone === 'info' || parsed.tone === 'error') &&
      typeof parsed.key === 'string' &&
      isMessageKey(parsed.key)
    ) {
      const params = Object.fromEntries(
        Object.entries(parsed.params ?? {}).filter(([, v]) => typeof v === 'string'),
      ) as Record<string, string>
      return { tone: parsed.tone, key: parsed.key, params }
    }
  } catch {}
  return null
}
