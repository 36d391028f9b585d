import { gzipSync } from 'node:zlib'
import { sequential } from './load.ts'

export interface PageCase {
  name: string
  path: string
  cookie: string
}

/** Server time per dashboard page (sequential requests) and the JavaScript it loads, gzipped. */
export async function measurePages(base: string, pages: PageCase[], rounds = 30) {
  const out: { name: string; p50: number; p95: number; jsKb: number }[] = []
  for (const p of pages) {
    const headers = { cookie: p.cookie, 'accept-language': 'nb' }
    const time = await sequential(`${base}${p.path}`, headers, rounds)
    const html = await (await fetch(`${base}${p.path}`, { headers })).text()
    const scripts = [
      ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
      ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ].map((m) => m[1] as string)
    let bytes = 0
    for (const src of new Set(scripts)) {
      const body = new Uint8Array(await (await fetch(new URL(src, base))).arrayBuffer())
      bytes += gzipSync(body).length
    }
    out.push({ name: p.name, ...time, jsKb: bytes / 1000 })
  }
  return out
}
