/**
 * A domain's TXT records on Workers, which have no resolver of their own: DNS over HTTPS (JSON
 * API) at Cloudflare's resolver, the platform the Worker already runs on. Each record's quoted
 * strings are joined; [] when none.
 */
export async function dohResolveTxt(hostname: string): Promise<string[]> {
  const res = await fetch(
    `https://cloudflare-dns.com/dns-query?name=${encodeURIComponent(hostname)}&type=TXT`,
    {
      headers: { accept: 'application/dns-json' },
    },
  )
  if (!res.ok) throw new Error(`DNS over HTTPS answered ${res.status}`)
  const body = (await res.json()) as { Answer?: { type: number; data: string }[] }
  return (body.Answer ?? [])
    .filter((a) => a.type === 16)
    .map((a) =>
      Array.from(a.data.matchAll(/"((?:[^"\\]|\\.)*)"/g), (m) => (m[1] ?? '').replace(/\\(.)/g, '$1')).join(
        '',
      ),
    )
}
