import { entry } from './entry.ts'

/** Mail, invitations by email, password reset and email change (issue 19). */
export const MAIL_CODES = {
  'mail.not_found': entry(
    404,
    'Mail not found',
    'Fant ikke e-posten',
    'No mail with that identifier.',
    'Fant ingen e-post med den identifikatoren.',
  ),
  'mail.already_sent': entry(
    409,
    'Mail already sent',
    'E-posten er allerede sendt',
    'This mail was delivered; it is not sent again.',
    'Denne e-posten er levert og sendes ikke på nytt.',
  ),
} as const
