import { entry } from './entry.ts'

/** Who paid an outcome payment recorded in the ledger (`payerOrgId` on a transaction). */
export const CAPITAL_PAYER_CODES = {
  'transaction.payer_not_applicable': entry(
    422,
    'Payer only on outcome payments',
    'Betaler bare på resultatbetalinger',
    'payerOrgId names who paid an outcome payment; leave it out for other types and for reversals (a reversal follows the entry it reverses).',
    'payerOrgId oppgir hvem som betalte en resultatbetaling; utelat den for andre typer og for reverseringer (en reversering følger posten den reverserer).',
  ),
  'transaction.payer_unknown': entry(
    422,
    'Unknown payer',
    'Ukjent betaler',
    'payerOrgId must be the id of an organization in Effekt.',
    'payerOrgId må være id-en til en organisasjon i Effekt.',
  ),
} as const
