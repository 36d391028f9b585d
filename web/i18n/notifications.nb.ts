import type { enNotifications } from './notifications.en.ts'

/** Norwegian (bokmål) strings of the notification pages and the bell in the header. */
export const nbNotifications: Record<keyof typeof enNotifications, string> = {
  'bell.label.none': 'Varsler, ingen uleste',
  'bell.label.one': 'Varsler, {count} ulest',
  'bell.label.other': 'Varsler, {count} uleste',
  'notifications.title': 'Varsler',
  'notifications.lead':
    'Hva som har skjedd med rapportene du jobber med: påminnelser, innsendinger, returer og godkjenninger.',
  'notifications.list': 'Dine varsler, nyeste først',
  'notifications.unreadCount.one': '{count} ulest',
  'notifications.unreadCount.other': '{count} uleste',
  'notifications.unread': 'Ulest',
  'notifications.markRead': 'Merk som lest',
  'notifications.markReadFor': 'Merk som lest: {title}',
  'notifications.markAll': 'Merk alle som lest',
  'notifications.allRead': 'Alle varsler er merket som lest.',
  'notifications.more': 'Eldre varsler',
  'notifications.empty.title': 'Ingen varsler ennå',
  'notifications.empty.body':
    'Her får du beskjed når en rapport forfaller, sendes inn, sendes tilbake eller godkjennes.',
  'notifications.settingsLink': 'Velg hvordan du får beskjed',
  'prefs.title': 'Innstillinger for varsler',
  'prefs.lead':
    'Velg for hver type om du vil ha e-post med en gang, en daglig oppsummering (fra kl. 07), en ukentlig oppsummering (mandager) eller ingen e-post. Varslene vises alltid her i Effekt.',
  'prefs.kind.reminder': 'Påminnelser om rapporter som forfaller eller er forsinket',
  'prefs.kind.report_submitted': 'En rapport er sendt inn til din gjennomgang',
  'prefs.kind.report_returned': 'En av rapportene dine er sendt tilbake',
  'prefs.kind.report_verified': 'En av rapportene dine er godkjent',
  'prefs.delivery.immediately': 'E-post med en gang',
  'prefs.delivery.daily': 'Daglig oppsummering',
  'prefs.delivery.weekly': 'Ukentlig oppsummering',
  'prefs.delivery.off': 'Ingen e-post',
  'prefs.security':
    'Invitasjoner, tilbakestilling av passord og endring av e-post sendes alltid med en gang og kan ikke slås av.',
  'prefs.save': 'Lagre innstillingene',
  'prefs.saved': 'Innstillingene for varsler er lagret.',
  'prefs.invalid': 'Velg ett av alternativene.',
}
