import { z } from '@hono/zod-openapi'
import { Role } from './schemas.ts'

/** Request and response shapes of invitations by email, password reset and email change. */
export const MailLanguage = z
  .enum(['nb', 'en'])
  .openapi('MailLanguage', { description: 'The language of a mail: nb (Norwegian bokmål) or en (English)' })

const Token = z
  .string()
  .trim()
  .min(20)
  .max(200)
  .openapi({ description: 'The token from the link in the mail (the `token` query parameter)' })

const NewPassword = z
  .string()
  .min(1)
  .max(200)
  .openapi({ description: 'The new password: at least 12 characters, not common or easy to guess' })

export const CreateEmailInvitation = z
  .object({
    email: z.email().max(254).openapi({ description: 'Who to invite', example: 'kari@example.no' }),
    role: Role,
    language: MailLanguage.optional().openapi({
      description:
        'The language of the invitation mail; default: the invitee’s own language when they have an account, else nb',
    }),
  })
  .openapi('CreateEmailInvitation')

export const EmailInvitation = z
  .object({
    id: z.uuid().openapi({ description: 'The invitation' }),
    organizationId: z.uuid().openapi({ description: 'The organization the invitee is invited to' }),
    email: z.email().openapi({ description: 'The invited address (lower case)' }),
    role: Role,
    language: MailLanguage,
    createdAt: z.iso.datetime().openapi({ description: 'When it was sent' }),
    expiresAt: z.iso
      .datetime()
      .openapi({ description: 'When the link stops working (7 days after sending)' }),
    invitedByName: z
      .string()
      .nullable()
      .openapi({ description: 'Who sent it (null when that user is gone)' }),
  })
  .openapi('EmailInvitation')

export const InvitationParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'The organization' }),
  invitationId: z
    .uuid()
    .openapi({ param: { name: 'invitationId', in: 'path' }, description: 'The invitation' }),
})

export const AcceptInvitation = z
  .object({
    token: Token,
    name: z.string().trim().min(1).max(200).openapi({ description: 'Your name, as colleagues see it' }),
    password: NewPassword,
  })
  .openapi('AcceptInvitation')

export const AcceptedInvitation = z
  .object({
    userId: z.uuid().openapi({ description: 'The new user' }),
    email: z.email().openapi({ description: 'The email to sign in with' }),
    organizationId: z.uuid().openapi({ description: 'The organization joined' }),
    organizationName: z.string().openapi({ description: 'Its name' }),
  })
  .openapi('AcceptedInvitation')

export const PasswordResetRequest = z
  .object({
    email: z.string().trim().min(1).max(254).openapi({ description: 'The account’s email address' }),
  })
  .openapi('PasswordResetRequest')

export const PasswordResetComplete = z
  .object({ token: Token, password: NewPassword })
  .openapi('PasswordResetComplete')

export const ChangePassword = z
  .object({
    currentPassword: z
      .string()
      .min(1)
      .max(1000)
      .openapi({ description: 'The password you sign in with now' }),
    newPassword: NewPassword,
  })
  .openapi('ChangePassword')

export const ChangeEmail = z
  .object({
    newEmail: z.email().max(254).openapi({ description: 'The address to move the account to' }),
    currentPassword: z
      .string()
      .min(1)
      .max(1000)
      .openapi({ description: 'The password you sign in with now' }),
  })
  .openapi('ChangeEmail')

export const ConfirmEmailChange = z.object({ token: Token }).openapi('ConfirmEmailChange')

export const EmailChanged = z
  .object({ email: z.email().openapi({ description: 'The account’s address from now on' }) })
  .openapi('EmailChanged')

export const SetLanguage = z.object({ language: MailLanguage }).openapi('SetMailLanguage')

export const Accepted = z
  .object({
    status: z.literal('accepted').openapi({ description: 'The request was taken; see the mail' }),
  })
  .openapi('Accepted')
