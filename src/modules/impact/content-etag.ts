/**
 * Strong ETags from the content itself, for public documents that have no version number: the
 * same bytes always get the same tag, on every server and runtime (Web Crypto, so Workers too).
 */
export async function contentEtag(body: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body))
  const base64 = btoa(String.fromCharCode(...new Uint8Array(digest)))
  return `"${base64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}"`
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored, `*` matches. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag)
}
