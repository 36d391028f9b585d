import { entry } from './entry.ts'

/**
 * 404s, one per kind of thing. A missing thing and one the caller may not see answer the same,
 * so the detail never says which.
 */
const missing = (en: string, nb: string, titleEn: string, titleNb: string) =>
  entry(404, titleEn, titleNb, `No ${en} with that identifier.`, `Fant ingen ${nb} med den identifikatoren.`)

export const NOT_FOUND_CODES = {
  'route.not_found': entry(
    404,
    'No such route',
    'Ukjent adresse',
    'No route answers this method and path.',
    'Ingen tjeneste svarer på denne metoden og adressen.',
  ),
  'problem_code.not_found': missing('error code', 'feilkode', 'Unknown error code', 'Ukjent feilkode'),
  'token.not_found': missing('token', 'API-nøkkel', 'Token not found', 'Fant ikke API-nøkkelen'),
  'organization.not_found': missing(
    'organization',
    'organisasjon',
    'Organization not found',
    'Fant ikke organisasjonen',
  ),
  'invitation.not_found': missing(
    'invitation',
    'invitasjon',
    'Invitation not found',
    'Fant ikke invitasjonen',
  ),
  'member.not_found': missing('member', 'medlem', 'Member not found', 'Fant ikke medlemmet'),
  'investment.not_found': missing(
    'investment',
    'investering',
    'Investment not found',
    'Fant ikke investeringen',
  ),
  'contract.not_found': missing(
    'outcome contract',
    'resultatkontrakt',
    'Outcome contract not found',
    'Fant ikke resultatkontrakten',
  ),
  'sroi_model.not_found': missing(
    'SROI model for this venture',
    'SROI-modell for denne virksomheten',
    'SROI model not found',
    'Fant ikke SROI-modellen',
  ),
  'sroi_model_version.not_found': missing(
    'SROI model version',
    'versjon av SROI-modellen',
    'SROI model version not found',
    'Fant ikke versjonen av SROI-modellen',
  ),
  'municipality.not_found': missing(
    'municipality',
    'kommune',
    'Municipality not found',
    'Fant ikke kommunen',
  ),
  'municipality_organization.not_found': missing(
    'municipality organization',
    'kommuneorganisasjon',
    'Municipality organization not found',
    'Fant ikke kommuneorganisasjonen',
  ),
  'open_data_view.not_found': missing(
    'open-data view for that municipality',
    'åpne data for den kommunen',
    'Open data not found',
    'Fant ikke åpne data',
  ),
  'investor_organization.not_found': missing(
    'investor organization',
    'investororganisasjon',
    'Investor organization not found',
    'Fant ikke investororganisasjonen',
  ),
  'venture.not_found': missing('venture', 'virksomhet', 'Venture not found', 'Fant ikke virksomheten'),
  'report.not_found': missing('report', 'rapport', 'Report not found', 'Fant ikke rapporten'),
  'assignment.not_found': missing(
    'assignment',
    'indikatortilordning',
    'Assignment not found',
    'Fant ikke indikatortilordningen',
  ),
  'share.not_found': missing('share', 'datadeling', 'Share not found', 'Fant ikke datadelingen'),
  'indicator.not_found': missing('indicator', 'indikator', 'Indicator not found', 'Fant ikke indikatoren'),
  'impact_view.not_found': missing(
    'impact view',
    'effektvisning',
    'Impact view not found',
    'Fant ikke effektvisningen',
  ),
} as const
