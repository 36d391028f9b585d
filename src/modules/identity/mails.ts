import type { Role } from '../../db/schema.ts'
import type { MailLanguage } from '../../db/schema-mail.ts'
import { composeMail, mailLink, type RenderedMail } from '../mail/index.ts'

/**
 * The identity module's mails, in nb and en: invitations, password reset, email change. Security
 * mails (reset, change notices) cannot be turned off. Every link is absolute from PUBLIC_URL.
 */
const ROLE: Record<MailLanguage, Record<Role, string>> = {
  nb: { admin: 'administrator', editor: 'redaktør', viewer: 'leser' },
  en: { admin: 'administrator', editor: 'editor', viewer: 'viewer' },
}

const UNEXPECTED: Record<MailLanguage, string> = {
  nb: 'Venter du ikke denne e-posten, kan du se bort fra den.',
  en: 'If you did not expect this mail, you can ignore it.',
}

export function invitationMail(p: {
  language: MailLanguage
  publicUrl: string
  token: string
  organizationName: string
  inviterName: string
  role: Role
  hasAccount: boolean
  validDays: number
}): RenderedMail {
  const url = mailLink(p.publicUrl, '/invitations/accept', { token: p.token })
  const validDays = p.validDays
  if (p.language === 'nb') {
    return composeMail({
      language: 'nb',
      subject: `Invitasjon til ${p.organizationName} i Effekt`,
      heading: `Du er invitert til ${p.organizationName}`,
      paragraphs: [
        `${p.inviterName} har invitert deg til ${p.organizationName} i Effekt, med rollen ${ROLE.nb[p.role]}.`,
        p.hasAccount
          ? 'Du har allerede en konto i Effekt: logg inn og godta invitasjonen. Før du godtar, ser ikke organisasjonen navnet ditt.'
          : 'Åpne lenken, velg navn og passord, så er kontoen din klar.',
        `Lenken virker én gang og gjelder i ${validDays} dager.`,
      ],
      action: { label: 'Godta invitasjonen', url },
      footer: UNEXPECTED.nb,
    })
  }
  return composeMail({
    language: 'en',
    subject: `Invitation to ${p.organizationName} on Effekt`,
    heading: `You are invited to ${p.organizationName}`,
    paragraphs: [
      `${p.inviterName} has invited you to ${p.organizationName} on Effekt, with the role ${ROLE.en[p.role]}.`,
      p.hasAccount
        ? 'You already have an Effekt account: sign in and accept the invitation. Until you accept, the organization does not see your name.'
        : 'Open the link, choose your name and a password, and your account is ready.',
      `The link works once and is valid for ${validDays} days.`,
    ],
    action: { label: 'Accept the invitation', url },
    footer: UNEXPECTED.en,
  })
}

export function passwordResetMail(p: {
  language: MailLanguage
  publicUrl: string
  token: string
}): RenderedMail {
  const url = mailLink(p.publicUrl, '/password-reset', { token: p.token })
  if (p.language === 'nb') {
    return composeMail({
      language: 'nb',
      subject: 'Nytt passord i Effekt',
      heading: 'Velg et nytt passord',
      paragraphs: [
        'Noen (forhåpentlig du) ba om å få sette et nytt passord for Effekt-kontoen din.',
        'Lenken virker én gang og gjelder i én time. Når du har valgt nytt passord, logges alle økter og API-nøkler ut.',
      ],
      action: { label: 'Velg nytt passord', url },
      footer: 'Ba du ikke om dette, kan du se bort fra e-posten: passordet ditt er ikke endret.',
    })
  }
  return composeMail({
    language: 'en',
    subject: 'New password for Effekt',
    heading: 'Choose a new password',
    paragraphs: [
      'Someone (hopefully you) asked to set a new password for your Effekt account.',
      'The link works once and is valid for one hour. Once you have chosen a new password, every session and API token is signed out.',
    ],
    action: { label: 'Choose a new password', url },
    footer: 'If you did not ask for this, ignore this mail: your password has not changed.',
  })
}

export function passwordChangedMail(p: { language: MailLanguage; publicUrl: string }): RenderedMail {
  const url = mailLink(p.publicUrl, '/login')
  if (p.language === 'nb') {
    return composeMail({
      language: 'nb',
      subject: 'Passordet ditt i Effekt er endret',
      heading: 'Passordet ditt er endret',
      paragraphs: [
        'Passordet til Effekt-kontoen din ble nettopp endret, og andre økter er logget ut.',
        'Var det ikke deg, be om nytt passord fra innloggingssiden med en gang.',
      ],
      action: { label: 'Logg inn', url },
    })
  }
  return composeMail({
    language: 'en',
    subject: 'Your Effekt password was changed',
    heading: 'Your password was changed',
    paragraphs: [
      'The password of your Effekt account was just changed, and other sessions were signed out.',
      'If this was not you, ask for a new password from the sign-in page straight away.',
    ],
    action: { label: 'Sign in', url },
  })
}

export function emailVerifyMail(p: {
  language: MailLanguage
  publicUrl: string
  token: string
  newEmail: string
}): RenderedMail {
  const url = mailLink(p.publicUrl, '/account/email/confirm', { token: p.token })
  if (p.language === 'nb') {
    return composeMail({
      language: 'nb',
      subject: 'Bekreft ny e-postadresse i Effekt',
      heading: 'Bekreft den nye e-postadressen',
      paragraphs: [
        `Du ba om å bruke ${p.newEmail} for Effekt-kontoen din. Adressen endres først når du åpner lenken.`,
        'Lenken virker én gang og gjelder i 24 timer.',
      ],
      action: { label: 'Bekreft adressen', url },
      footer: UNEXPECTED.nb,
    })
  }
  return composeMail({
    language: 'en',
    subject: 'Confirm your new email address for Effekt',
    heading: 'Confirm your new email address',
    paragraphs: [
      `You asked to use ${p.newEmail} for your Effekt account. The address changes only when you open the link.`,
      'The link works once and is valid for 24 hours.',
    ],
    action: { label: 'Confirm the address', url },
    footer: UNEXPECTED.en,
  })
}

export function emailChangeNoticeMail(p: { language: MailLanguage; newEmail: string }): RenderedMail {
  if (p.language === 'nb') {
    return composeMail({
      language: 'nb',
      subject: 'E-postadressen din i Effekt skal endres',
      heading: 'Forespørsel om ny e-postadresse',
      paragraphs: [
        `Noen logget inn på Effekt-kontoen din ba om å endre e-postadressen til ${p.newEmail}.`,
        'Adressen endres bare hvis lenken som er sendt til den nye adressen, blir brukt. Var det ikke deg, bytt passord med en gang.',
      ],
    })
  }
  return composeMail({
    language: 'en',
    subject: 'Your Effekt email address is about to change',
    heading: 'A request for a new email address',
    paragraphs: [
      `Someone signed in to your Effekt account asked to change its email address to ${p.newEmail}.`,
      'The address changes only if the link sent to the new address is used. If this was not you, change your password straight away.',
    ],
  })
}
