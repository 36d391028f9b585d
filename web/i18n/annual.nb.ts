import type { enAnnual } from './annual.en.ts'

/** Bokmål strings of the annual impact report's print page. */
export const nbAnnual: Record<keyof typeof enAnnual, string> = {
  'annual.link': 'Årsrapport for samfunnseffekt',
  'annual.year': 'År',
  'annual.show': 'Vis',
  'annual.pdf': 'Last ned PDF',
  'annual.printHint':
    'Skriv ut siden med nettleserens utskriftskommando (Ctrl+P eller ⌘P): menyene blir ikke med.',
  'annual.choose': 'Velg år',
  'annual.commentaryLabel': 'Kommentaren deres for {year}',
  'annual.commentaryHint':
    'Bare medlemmer av organisasjonen deres leser den. La feltet stå tomt for å fjerne den.',
  'annual.commentarySave': 'Lagre kommentar',
  'annual.commentarySaved': 'Kommentaren er lagret.',
  'annual.tableRegion': 'Tabell: {title}',
}
