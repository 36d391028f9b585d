import { entry } from './entry.ts'

/** The IATI export's classification: an investor's sector per venture theme. */
export const IATI_CODES = {
  'iati.sector_unknown': entry(
    422,
    'Unknown sector code',
    'Ukjent sektorkode',
    'Must be an active 5-digit sector code of the IATI Sector codelist (OECD DAC purpose codes), such as 16020.',
    'Må være en gyldig femsifret sektorkode fra IATIs Sector-kodeliste (OECD DAC-formålskoder), for eksempel 16020.',
  ),
  'iati.theme_repeated': entry(
    422,
    'Theme given twice',
    'Tema oppgitt to ganger',
    'Each theme may appear once in the list.',
    'Hvert tema kan bare stå én gang i listen.',
  ),
} as const
