/** English strings of the annual impact report's print page (the report's own words are in src/domain/annual-report-text.ts, shared with the PDF). */
export const enAnnual = {
  'annual.link': 'Annual impact report',
  'annual.year': 'Year',
  'annual.show': 'Show',
  'annual.pdf': 'Download PDF',
  'annual.printHint':
    'Print this page with your browser’s Print command (Ctrl+P or ⌘P): the menus are left out.',
  'annual.choose': 'Choose the year',
  'annual.commentaryLabel': 'Your commentary for {year}',
  'annual.commentaryHint': 'Only your organization’s members read it. Leave it empty to remove it.',
  'annual.commentarySave': 'Save commentary',
  'annual.commentarySaved': 'The commentary is saved.',
  'annual.tableRegion': 'Table: {title}',
} as const
