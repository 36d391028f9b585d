import { entry } from './entry.ts'

/**
 * Spreadsheets: XLSX exports and the import's file format (CSV and XLSX). The `import.*` field
 * codes are the import's own, one per rule of the file format (src/modules/outcomes/import-rows.ts),
 * so the dashboard can say them in Norwegian; the value rules keep their `value.*` codes.
 */
export const SHEET_CODES = {
  'sheets.unavailable': entry(
    501,
    'XLSX not available here',
    'XLSX er ikke tilgjengelig her',
    'This server cannot write or read XLSX (the Workers runtime has no spreadsheet library); use the CSV file, or the Node server.',
    'Denne serveren kan ikke lage eller lese XLSX (Workers har ikke regnearkbiblioteket); bruk CSV-filen eller Node-serveren.',
  ),
  'import.unreadable': entry(
    422,
    'File cannot be read',
    'Filen kan ikke leses',
    'The file is not a CSV or XLSX file that can be read; nothing was imported.',
    'Filen er ikke en CSV- eller XLSX-fil som kan leses; ingenting ble importert.',
  ),
  'import.csv_malformed': entry(
    422,
    'Malformed CSV',
    'Feil i CSV-filen',
    'A quote is not closed, or a row has another number of cells than the header.',
    'Et anførselstegn er ikke lukket, eller en rad har et annet antall celler enn overskriften.',
  ),
  'import.column_unknown': entry(
    422,
    'Unknown column',
    'Ukjent kolonne',
    'Use only the template’s columns: period, indicator, dimension, category, value, numerator, denominator, note, evidence, verification_level.',
    'Bruk bare malens kolonner: period, indicator, dimension, category, value, numerator, denominator, note, evidence, verification_level.',
  ),
  'import.column_duplicate': entry(
    422,
    'Column twice',
    'Kolonnen finnes to ganger',
    'A column appears twice in the header.',
    'En kolonne står to ganger i overskriftsraden.',
  ),
  'import.column_missing': entry(
    422,
    'Column missing',
    'Kolonne mangler',
    'The columns period, indicator and value are required.',
    'Kolonnene period, indicator og value må være med.',
  ),
  'import.no_rows': entry(
    422,
    'No rows',
    'Ingen rader',
    'The file has no rows with values (empty rows are skipped).',
    'Filen har ingen rader med verdier (tomme rader hoppes over).',
  ),
  'import.period_invalid': entry(
    422,
    'Not a period',
    'Ikke en periode',
    'Write the period as YYYY, YYYY-Qn or YYYY-MM.',
    'Skriv perioden som ÅÅÅÅ, ÅÅÅÅ-Kn (for eksempel 2026-Q3) eller ÅÅÅÅ-MM.',
  ),
  'import.indicator_missing': entry(
    422,
    'Indicator missing',
    'Indikator mangler',
    'The indicator code is missing.',
    'Indikatorkoden mangler.',
  ),
  'import.not_a_number': entry(
    422,
    'Not a number',
    'Ikke et tall',
    'Write a number: 12, 12,5, 12.5 or 1 250.',
    'Skriv et tall: 12, 12,5, 12.5 eller 1 250.',
  ),
  'import.verification_level_unknown': entry(
    422,
    'Unknown verification level',
    'Ukjent verifiseringsnivå',
    'Use self_reported, document_checked, register_verified or audited.',
    'Bruk self_reported, document_checked, register_verified eller audited.',
  ),
  'import.detail_on_breakdown': entry(
    422,
    'Detail on a breakdown row',
    'Detaljer på en fordelingsrad',
    'Put the note, evidence and verification level on the total row, not on a breakdown row.',
    'Skriv notat, dokumentasjon og verifiseringsnivå på totalraden, ikke på en fordelingsrad.',
  ),
  'import.evidence_not_link': entry(
    422,
    'Evidence not a link',
    'Dokumentasjonen er ikke en lenke',
    'Evidence must be http(s) links separated by spaces.',
    'Dokumentasjon må være http(s)-lenker skilt med mellomrom.',
  ),
  'import.total_duplicate': entry(
    422,
    'Second total row',
    'Totalraden finnes to ganger',
    'An indicator has a second total row for the same period.',
    'En indikator har to totalrader for samme periode.',
  ),
  'import.total_missing': entry(
    422,
    'Total row missing',
    'Totalrad mangler',
    'Breakdown rows need a total row with an empty dimension for the same period and indicator.',
    'Fordelingsrader trenger en totalrad med tom dimensjon for samme periode og indikator.',
  ),
  'import.municipality_ambiguous': entry(
    422,
    'Municipality number unclear',
    'Kommunenummeret er uklart',
    'A municipality number with fewer than four digits (a spreadsheet dropped its leading zero) matches no single municipality in the period; write all four digits, as text.',
    'Et kommunenummer med færre enn fire sifre (regnearket fjernet nullen foran) passer ikke med én kommune i perioden; skriv alle fire sifrene, som tekst.',
  ),
  'import.period_not_importable': entry(
    422,
    'Period cannot take values',
    'Perioden kan ikke ta imot verdier',
    'The period’s report is locked, or the venture has no indicators for it.',
    'Rapporten for perioden er låst, eller virksomheten har ingen indikatorer for den.',
  ),
} as const
