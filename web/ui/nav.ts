import type { Principal } from '../../src/modules/principal.ts'
import type { MessageKey } from '../i18n/index.ts'

/**
 * The dashboard's map: which pages each person reaches from the menu, and where they land after
 * signing in. A page that lands later (reporting for ventures, impact for municipalities, the
 * indicator catalogue for everyone) adds one entry to NAV and, if it is a role's start page, a
 * line to HOME — nothing else in the dashboard changes.
 */
export interface NavEntry {
  id: string
  label: (p: Principal) => MessageKey
  /** Where the entry points for this person, or null when it is not theirs. */
  href: (p: Principal) => string | null
}

const firstOfKind = (p: Principal, kind: Principal['memberships'][number]['kind']) =>
  p.memberships.find((m) => m.kind === kind)

/** Platform administrators and members of a municipality see what ventures achieve in a municipality. */
const seesImpact = (p: Principal) => p.isPlatformAdmin || Boolean(firstOfKind(p, 'municipality'))

const seesManyVentures = (p: Principal) =>
  p.isPlatformAdmin || p.memberships.some((m) => m.kind !== 'venture')

export const NAV: NavEntry[] = [
  {
    id: 'portfolio',
    label: () => 'nav.portfolio',
    // Platform admins may open any investor's portfolio (they choose which on the page).
    href: (p) => (firstOfKind(p, 'investor') || p.isPlatformAdmin ? '/portfolio' : null),
  },
  {
    id: 'my-venture',
    label: () => 'nav.myVenture',
    href: (p) => {
      const venture = firstOfKind(p, 'venture')
      return venture ? `/ventures/${venture.organizationId}` : null
    },
  },
  {
    id: 'reporting',
    label: () => 'nav.reporting',
    href: (p) => {
      const venture = firstOfKind(p, 'venture')
      return venture ? `/ventures/${venture.organizationId}/reports` : null
    },
  },
  { id: 'impact', label: () => 'nav.impact', href: (p) => (seesImpact(p) ? '/impact' : null) },
  { id: 'ventures', label: () => 'nav.ventures', href: (p) => (seesManyVentures(p) ? '/ventures' : null) },
  {
    id: 'organizations',
    label: (p) => (p.isPlatformAdmin || p.memberships.length > 1 ? 'nav.organizations' : 'nav.organization'),
    href: (p) =>
      p.isPlatformAdmin || p.memberships.length > 1
        ? '/organizations'
        : p.memberships[0]
          ? `/organizations/${p.memberships[0].organizationId}`
          : null,
  },
  { id: 'indicators', label: () => 'nav.indicators', href: () => '/indicators' },
  { id: 'tokens', label: () => 'nav.tokens', href: () => '/settings/tokens' },
  { id: 'account', label: () => 'nav.account', href: () => '/account' },
  { id: 'outbox', label: () => 'nav.outbox', href: (p) => (p.isPlatformAdmin ? '/admin/outbox' : null) },
]

/** Start pages by role, first match wins. */
const HOME: ((p: Principal) => string | null)[] = [
  (p) => (firstOfKind(p, 'investor') ? '/portfolio' : null),
  // An entrepreneur's first task is what is due: the reporting desk.
  (p) => {
    const venture = firstOfKind(p, 'venture')
    return venture ? `/ventures/${venture.organizationId}/reports` : null
  },
  (p) => (firstOfKind(p, 'municipality') ? '/impact' : null),
  (p) => (seesManyVentures(p) ? '/ventures' : null),
]

export function homePath(p: Principal): string {
  for (const pick of HOME) {
    const path = pick(p)
    if (path) return path
  }
  return '/settings/tokens'
}

export interface NavItem {
  id: string
  label: MessageKey
  href: string
  current: boolean
}

/** The menu for this person, with the entry for the current page marked (longest matching path). */
export function navFor(p: Principal, path: string): NavItem[] {
  const items = NAV.flatMap((e) => {
    const href = e.href(p)
    return href ? [{ id: e.id, label: e.label(p), href, current: false }] : []
  })
  const matches = items.filter((i) => path === i.href || path.startsWith(`${i.href}/`))
  const best = matches.sort((a, b) => b.href.length - a.href.length)[0]
  return items.map((i) => ({ ...i, current: i === best }))
}
