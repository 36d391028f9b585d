import { describe, expect, it } from 'vitest'
import type { Membership, Principal } from '../../src/modules/principal.ts'
import { en } from '../../web/i18n/en.ts'
import { isMessageKey, translator } from '../../web/i18n/index.ts'
import { nb } from '../../web/i18n/nb.ts'
import { homePath, navFor } from '../../web/ui/nav.ts'

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('dashboard translations', () => {
  it('has every English string in Norwegian, with the same placeholders and no empty text', () => {
    expect(Object.keys(nb).sort()).toEqual(Object.keys(en).sort())
    for (const [key, text] of Object.entries(en)) {
      const norwegian = nb[key as keyof typeof en]
      expect(norwegian.trim(), key).not.toBe('')
      expect(placeholders(norwegian), key).toEqual(placeholders(text))
    }
  })

  it('fills in values and picks plural forms per language', () => {
    const t = translator('nb')
    expect(t.t('portfolio.lead', { org: 'Nordlys' })).toBe(
      'Virksomhetene Nordlys følger: hva de arbeider med, og hvor.',
    )
    expect(t.tn('ventures.count', 1, '1')).toBe('1 virksomhet')
    expect(t.tn('ventures.count', 12, '12')).toBe('12 virksomheter')
    expect(t.tn('ventures.count', 0, '0')).toBe('0 virksomheter')
    expect(translator('en').tn('ventures.count', 1, '1')).toBe('1 venture')
    // A value the caller forgot stays visible as its placeholder rather than vanishing.
    expect(translator('en').t('tokens.days')).toBe('{days} days')
  })

  it('knows its own keys (flash messages are checked against them)', () => {
    expect(isMessageKey('venture.saved')).toBe(true)
    expect(isMessageKey('toString')).toBe(false)
    expect(isMessageKey('<script>')).toBe(false)
  })
})

const membership = (kind: Membership['kind'], id: string): Membership => ({
  organizationId: id,
  organizationName: `${kind} ${id}`,
  kind,
  role: 'admin',
  municipalityNumbers: [],
})
const principal = (memberships: Membership[], isPlatformAdmin = false): Principal => ({
  userId: 'u',
  email: 'u@example.no',
  name: 'U',
  isPlatformAdmin,
  memberships,
  via: 'session',
  readOnly: false,
})

describe('dashboard navigation', () => {
  it('sends each role to its start page', () => {
    expect(homePath(principal([membership('investor', 'i1')]))).toBe('/portfolio')
    expect(homePath(principal([membership('venture', 'v1')]))).toBe('/ventures/v1/reports')
    expect(homePath(principal([membership('municipality', 'm1')]))).toBe('/impact')
    // An investor who also sits in a municipality starts at the portfolio.
    expect(homePath(principal([membership('municipality', 'm1'), membership('investor', 'i1')]))).toBe(
      '/portfolio',
    )
    expect(homePath(principal([], true))).toBe('/ventures')
    expect(homePath(principal([]))).toBe('/settings/tokens')
  })

  it('shows each person their menu, marking the current page by the longest matching path', () => {
    const venture = principal([membership('venture', 'v1')])
    expect(navFor(venture, '/ventures/v1/edit').map((i) => [i.label, i.href, i.current])).toEqual([
      ['nav.myVenture', '/ventures/v1', true],
      ['nav.reporting', '/ventures/v1/reports', false],
      ['nav.organization', '/organizations/v1', false],
      ['nav.indicators', '/indicators', false],
      ['nav.tokens', '/settings/tokens', false],
      ['nav.account', '/account', false],
    ])
    const investor = principal([membership('investor', 'i1'), membership('venture', 'v1')])
    const items = navFor(investor, '/ventures/other')
    expect(items.map((i) => i.label)).toEqual([
      'nav.portfolio',
      'nav.myVenture',
      'nav.reporting',
      'nav.ventures',
      'nav.organizations',
      'nav.indicators',
      'nav.tokens',
      'nav.account',
    ])
    expect(items.filter((i) => i.current).map((i) => i.href)).toEqual(['/ventures'])
    // The reporting desk is marked on a report's own page, not "our venture".
    expect(
      navFor(venture, '/ventures/v1/reports/r1')
        .filter((i) => i.current)
        .map((i) => i.label),
    ).toEqual(['nav.reporting'])
  })

  it('offers the impact page to municipality members and platform administrators only', () => {
    const kommune = principal([membership('municipality', 'm1')])
    expect(navFor(kommune, '/impact').map((i) => [i.label, i.href, i.current])).toEqual([
      ['nav.impact', '/impact', true],
      ['nav.ventures', '/ventures', false],
      ['nav.organization', '/organizations/m1', false],
      ['nav.indicators', '/indicators', false],
      ['nav.tokens', '/settings/tokens', false],
      ['nav.account', '/account', false],
    ])
    expect(navFor(principal([], true), '/impact').find((i) => i.id === 'impact')?.current).toBe(true)
    for (const kind of ['investor', 'venture', 'agency'] as const)
      expect(
        navFor(principal([membership(kind, 'x')]), '/').some((i) => i.id === 'impact'),
        kind,
      ).toBe(false)
  })

  it('offers the outbox to platform administrators only', () => {
    expect(navFor(principal([], true), '/admin/outbox').find((i) => i.id === 'outbox')).toMatchObject({
      href: '/admin/outbox',
      current: true,
    })
    expect(navFor(principal([membership('investor', 'i1')]), '/').some((i) => i.id === 'outbox')).toBe(false)
  })
})
