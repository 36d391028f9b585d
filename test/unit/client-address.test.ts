import { describe, expect, it } from 'vitest'
import { clientAddressBehindProxies, normalizeAddress } from '../../src/http/client-address.ts'

describe('the client address behind trusted proxies', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddressBehindProxies('1.1.1.1', '10.0.0.2', 0)).toBe('10.0.0.2')
    expect(clientAddressBehindProxies(undefined, '10.0.0.2', 1)).toBe('10.0.0.2')
  })
  it('takes the last untrusted hop: what the outermost trusted proxy saw', () => {
    // client forged "6.6.6.6"; proxy A saw 198.51.100.7 and appended it; proxy B appended A.
    expect(clientAddressBehindProxies('6.6.6.6, 198.51.100.7', '10.0.0.2', 1)).toBe('198.51.100.7')
    expect(clientAddressBehindProxies('6.6.6.6, 198.51.100.7, 10.0.0.1', '10.0.0.2', 2)).toBe('198.51.100.7')
  })
  it('gives the same answer however the client rotates its own part of the header', () => {
    const seen = new Set(
      ['1.2.3.4', '5.6.7.8, 9.9.9.9', 'garbage', ''].map((forged) =>
        clientAddressBehindProxies(forged ? `${forged}, 198.51.100.7` : '198.51.100.7', '10.0.0.2', 1),
      ),
    )
    expect([...seen]).toEqual(['198.51.100.7'])
  })
  it('takes the furthest hop when the header is shorter than the proxies promised', () => {
    expect(clientAddressBehindProxies('198.51.100.7', '10.0.0.2', 3)).toBe('198.51.100.7')
  })
  it('spells one address one way', () => {
    expect(normalizeAddress(' ::FFFF:198.51.100.7 ')).toBe('198.51.100.7')
    expect(normalizeAddress('[2001:db8::1]:443')).toBe('2001:db8::1')
    expect(normalizeAddress('198.51.100.7:8080')).toBe('198.51.100.7')
    expect(normalizeAddress('')).toBeUndefined()
  })
})
