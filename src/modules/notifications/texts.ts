import type { MailLanguage } from '../../db/schema-mail.ts'
import type { NotificationKind } from '../../db/schema-notifications.ts'

/**
 * What a notification says, in nb and en, from the facts kept with it (params): the in-app list
 * and the mails render from the same words, in the reader's language at the time they read it.
 */
export interface NoticeParams {
  ventureName?: string
  period?: string
  dueDate?: string
  reason?: string
  weeks?: string
}

const dateIn = (lang: MailLanguage, iso: string | undefined) => {
  if (!iso) return ''
  const [y, m, d] = iso.split('-')
  return lang === 'nb' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`
}

export function noticeText(
  kind: NotificationKind,
  p: NoticeParams,
  lang: MailLanguage,
): { title: string; body: string } {
  const v = p.ventureName ?? ''
  const period = p.period ?? ''
  const due = dateIn(lang, p.dueDate)
  const nb = lang === 'nb'
  switch (kind) {
    case 'report_due_soon':
      return nb
        ? {
            title: `Rapporten for ${period} forfaller ${due}`,
            body: `${v} skal levere rapporten for ${period} innen ${due}.`,
          }
        : {
            title: `The report for ${period} is due on ${due}`,
            body: `${v} is to submit its report for ${period} by ${due}.`,
          }
    case 'report_due':
      return nb
        ? {
            title: `Rapporten for ${period} forfaller i dag`,
            body: `${v} skal levere rapporten for ${period} i dag (${due}).`,
          }
        : {
            title: `The report for ${period} is due today`,
            body: `${v} is to submit its report for ${period} today (${due}).`,
          }
    case 'report_overdue':
      return nb
        ? {
            title: `Rapporten for ${period} er forsinket`,
            body: `${v} skulle levert rapporten for ${period} innen ${due} (${p.weeks ?? '1'} uke(r) siden).`,
          }
        : {
            title: `The report for ${period} is overdue`,
            body: `${v} was to submit its report for ${period} by ${due} (${p.weeks ?? '1'} week(s) ago).`,
          }
    case 'report_submitted':
      return nb
        ? { title: `${v} har levert rapporten for ${period}`, body: 'Rapporten venter på din gjennomgang.' }
        : { title: `${v} submitted its report for ${period}`, body: 'The report is waiting for your review.' }
    case 'report_returned':
      return nb
        ? { title: `Rapporten for ${period} ble sendt tilbake`, body: `Begrunnelse: ${p.reason ?? ''}` }
        : { title: `The report for ${period} was returned`, body: `Reason: ${p.reason ?? ''}` }
    case 'report_verified':
      return nb
        ? {
            title: `Rapporten for ${period} er godkjent`,
            body: `Rapporten fra ${v} for ${period} er verifisert.`,
          }
        : {
            title: `The report for ${period} was verified`,
            body: `The report of ${v} for ${period} is verified.`,
          }
  }
}

export const MAIL_WORDS = {
  nb: {
    open: 'Åpne i Effekt',
    footer:
      'Du får denne e-posten fordi du er medlem av en organisasjon i Effekt. Velg hva du vil få under Varsler → Innstillinger.',
    dailySubject: (n: number) => `Effekt: ${n} varsler siste døgn`,
    weeklySubject: (n: number) => `Effekt: ${n} varsler siste uke`,
    dailyHeading: 'Dine varsler siste døgn',
    weeklyHeading: 'Dine varsler siste uke',
    all: 'Alle varsler',
  },
  en: {
    open: 'Open in Effekt',
    footer:
      'You get this mail because you are a member of an organisation in Effekt. Choose what you get under Notifications → Settings.',
    dailySubject: (n: number) => `Effekt: ${n} notifications in the last day`,
    weeklySubject: (n: number) => `Effekt: ${n} notifications in the last week`,
    dailyHeading: 'Your notifications of the last day',
    weeklyHeading: 'Your notifications of the last week',
    all: 'All notifications',
  },
} as const
