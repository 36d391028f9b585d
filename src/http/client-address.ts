/**
 * The client's address behind `trustedProxies` reverse proxies. Each proxy appends the address
 * that connected to it to X-Forwarded-For, so the hops the client cannot forge are the socket's
 * peer and the last `trustedProxies - 1` entries; the address the outermost trusted proxy saw is
 * the one before them. Anything further left was written by the client and is ignored, so a
 * rotating header never changes the answer. With 0 trusted proxies the header is not read.
 */
export function clientAddressBehindProxies(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  trustedProxies: number,
): string | undefined {
  const peer = normalizeAddress(socketAddress)
  if (trustedProxies <= 0 || !forwardedFor) return peer
  const hops = forwardedFor
    .split(',')
    .map((h) => normalizeAddress(h))
    .filter((h): h is string => !!h)
  // Nearest first: the peer, then what each trusted proxy recorded, from the inside out.
  const chain = [...(peer ? [peer] : []), ...hops.reverse()]
  // Fewer hops than proxies: the header is shorter than the proxies promised; take the furthest.
  return chain[Math.min(trustedProxies, chain.length - 1)]
}

/** One spelling per address: no brackets, no port, IPv4-mapped IPv6 as IPv4, lower case. */
export function normalizeAddress(raw: string | undefined): string | undefined {
  let a = raw?.trim().toLowerCase()
  if (!a) return undefined
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a)
  if (bracketed) a = bracketed[1]!
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'))
  if (a.startsWith('::ffff:') && /^\d{1,3}(\.\d{1,3}){3}$/.test(a.slice(7))) a = a.slice(7)
  return a.length <= 64 ? a : a.slice(0, 64)
}
