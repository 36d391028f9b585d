import { entry } from './entry.ts'

/** Notifications, their preferences and reminder settings (issue 19, reminders and notices). */
export const NOTIFICATION_CODES = {
  'notification.not_found': entry(
    404,
    'Notification not found',
    'Fant ikke varselet',
    'No notification with that identifier.',
    'Fant ingen varsel med den identifikatoren.',
  ),
  'notification.kind_unknown': entry(
    422,
    'Unknown notification kind',
    'Ukjent varseltype',
    'The kind is not one of reminder, report_submitted, report_returned, report_verified.',
    'Typen er ikke en av reminder, report_submitted, report_returned, report_verified.',
  ),
  'notification.kind_not_optional': entry(
    422,
    'Security mails cannot be changed',
    'Sikkerhetsvarsler kan ikke endres',
    'Invitations, password resets and email changes are always sent at once.',
    'Invitasjoner, tilbakestilling av passord og endring av e-post sendes alltid med en gang.',
  ),
  'notification.kind_repeated': entry(
    422,
    'Kind given twice',
    'Typen er oppgitt to ganger',
    'Give each kind at most once.',
    'Oppgi hver type høyst én gang.',
  ),
  'reminder_settings.investor_only': entry(
    409,
    'Only investors set reminders',
    'Bare investorer velger påminnelser',
    'Reminder days are set by the investor organisation that assigns the reports.',
    'Dager for påminnelser velges av investororganisasjonen som tildeler rapportene.',
  ),
} as const
