import { entry } from './entry.ts'

/** The impact view, open data and portfolios. */
export const IMPACT_CODES = {
  'municipality.number_invalid': entry(
    422,
    'Not a municipality number',
    'Ikke et kommunenummer',
    'Not a Norwegian municipality number (any number valid 2017–2024 is accepted).',
    'Ikke et norsk kommunenummer (alle numre gyldige 2017–2024 godtas).',
  ),
  'portfolio.window_reversed': entry(
    400,
    'Window ends before it starts',
    'Perioden slutter før den begynner',
    'The window ends before it starts.',
    'Perioden slutter før den begynner.',
  ),
  'portfolio.investor_required': entry(
    400,
    'Name the investor',
    'Velg investor',
    'Name the investor organization whose portfolio you want.',
    'Velg investororganisasjonen du vil se porteføljen til.',
  ),
  'portfolio.not_investor_member': entry(
    403,
    'Investors only',
    'Bare for investorer',
    'A portfolio belongs to an investor organization, and you are not a member of one.',
    'En portefølje hører til en investororganisasjon, og du er ikke medlem av noen.',
  ),
} as const
