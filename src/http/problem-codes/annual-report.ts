import { entry } from './entry.ts'

/** The annual impact report and the investor's commentary in it. */
export const ANNUAL_REPORT_CODES = {
  'annual_report.unknown_year': entry(
    422,
    'No report for that year',
    'Ingen rapport for det året',
    'There is no annual report for that year: choose a year from the first year with capital or reports up to this year.',
    'Det finnes ingen årsrapport for det året: velg et år fra det første året med kapital eller rapporter til i år.',
  ),
  'annual_report.commentary_not_permitted': entry(
    403,
    'May not write the commentary',
    'Kan ikke skrive kommentaren',
    'Only editors and administrators of an investor with a relationship to the venture (or of the portfolio’s investor) write its commentary.',
    'Bare redaktører og administratorer hos en investor med en relasjon til virksomheten (eller hos porteføljens investor) skriver kommentaren.',
  ),
  'annual_report.pdf_unavailable': entry(
    501,
    'PDF unavailable here',
    'PDF er ikke tilgjengelig her',
    'This runtime does not render PDF files; use the print page, or the Node.js server.',
    'Denne kjøringen lager ikke PDF-filer; bruk utskriftssiden eller Node.js-serveren.',
  ),
} as const
