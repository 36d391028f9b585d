import { entry } from './entry.ts'

/** Ventures and who may act for an investor towards them. */
export const VENTURE_CODES = {
  'venture.onboard_not_permitted': entry(
    403,
    'May not onboard',
    'Kan ikke registrere virksomheter',
    'You may onboard ventures only for an investor where you are an editor or admin.',
    'Du kan bare registrere virksomheter for en investor der du er redaktør eller administrator.',
  ),
  'venture.onboard_investors_only': entry(
    403,
    'Investors only',
    'Bare for investorer',
    'Only investors (editors or admins) and platform admins may onboard ventures.',
    'Bare investorer (redaktører og administratorer) og plattformadministratorer kan registrere virksomheter.',
  ),
  'venture.investor_ambiguous': entry(
    403,
    'Name the investor',
    'Velg investor',
    'You belong to several investors: name one with `investorOrgId`.',
    'Du hører til flere investorer: velg én med `investorOrgId`.',
  ),
  'venture.profile_not_permitted': entry(
    403,
    'May not edit the profile',
    'Kan ikke endre profilen',
    'Only the venture’s editors and its investors’ editors may change the profile.',
    'Bare virksomhetens redaktører og investorenes redaktører kan endre profilen.',
  ),
  'venture.members_only': entry(
    403,
    'Venture members only',
    'Bare for virksomhetens medlemmer',
    'Only the venture’s own editors and administrators may change this.',
    'Bare virksomhetens egne redaktører og administratorer kan endre dette.',
  ),
  'investor.record_not_permitted': entry(
    403,
    'May not record for this investor',
    'Kan ikke registrere for denne investoren',
    'You may record this only for an investor organization where you are an editor or admin and that has a relationship with this venture.',
    'Du kan bare registrere dette for en investor der du er redaktør eller administrator og som har en relasjon til virksomheten.',
  ),
  'investor.relationship_required': entry(
    403,
    'No investor relationship',
    'Ingen investorrelasjon',
    'Only editors and admins of an investor with a relationship to this venture may record this.',
    'Bare redaktører og administratorer hos en investor med relasjon til virksomheten kan registrere dette.',
  ),
  'investor.ambiguous': entry(
    403,
    'Name the investor',
    'Velg investor',
    'You belong to several investors here: name one with `investorOrgId`.',
    'Du hører til flere investorer her: velg én med `investorOrgId`.',
  ),
} as const
