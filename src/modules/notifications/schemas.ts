import { z } from '@hono/zod-openapi'
import { PageQuery } from '../../http/pagination.ts'

export const NotificationKindSchema = z
  .enum([
    'report_due_soon',
    'report_due',
    'report_overdue',
    'report_submitted',
    'report_returned',
    'report_verified',
  ])
  .openapi('NotificationKind', {
    description:
      'What happened: a reminder before, on or after a due date, or a report submitted (to reviewers), returned or verified (to the venture)',
  })

export const DeliverySchema = z
  .enum(['immediately', 'daily', 'weekly', 'off'])
  .openapi('NotificationDelivery', {
    description:
      'How the user is told by mail: at once, in a daily digest (from 07:00 Norwegian time), in a weekly digest (Mondays), or not at all (the notification still shows in the app)',
  })

export const PreferenceKindSchema = z
  .enum(['reminder', 'report_submitted', 'report_returned', 'report_verified'])
  .openapi('NotificationPreferenceKind', {
    description:
      'A kind the user chooses a delivery for; `reminder` covers before, on and after the due date',
  })

export const NotificationIdParam = z.object({
  id: z.uuid().openapi({
    param: { name: 'id', in: 'path' },
    description: 'The notification',
    example: '0b8f9a3e-8f0e-4a8c-9f1e-2d6f1c0e7a11',
  }),
})

export const OrganizationIdParam = z.object({
  id: z.uuid().openapi({
    param: { name: 'id', in: 'path' },
    description: 'The organization',
    example: '0b8f9a3e-8f0e-4a8c-9f1e-2d6f1c0e7a11',
  }),
})

export const NotificationQuery = PageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: '`true`: only unread notifications; `false`: only read ones' }),
})

export const Notification = z
  .object({
    id: z.uuid().openapi({ description: 'The notification' }),
    kind: NotificationKindSchema,
    title: z.string().openapi({ description: 'One line, in the language of Accept-Language (nb or en)' }),
    body: z.string().openapi({ description: 'A sentence or two (a returned report carries the reason)' }),
    link: z
      .string()
      .openapi({ description: 'The dashboard page it is about, a path', example: '/notifications' }),
    ventureId: z.uuid().nullable().openapi({ description: 'The venture it is about' }),
    reportId: z
      .uuid()
      .nullable()
      .openapi({ description: 'The report it is about; null for a report not started' }),
    createdAt: z.string().openapi({ description: 'When it was written (ISO 8601)' }),
    readAt: z
      .string()
      .nullable()
      .openapi({ description: 'When its owner marked it read; null while unread' }),
  })
  .openapi('Notification')

export const NotificationPage = z
  .object({
    items: z.array(Notification).openapi({ description: 'Newest first' }),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
    unreadCount: z
      .number()
      .int()
      .openapi({ description: 'How many of the caller’s notifications are unread' }),
  })
  .openapi('NotificationPage')

export const ReadAll = z
  .object({
    marked: z.number().int().openapi({ description: 'How many were unread and are now read' }),
    unreadCount: z.number().int().openapi({ description: 'Unread after the call: 0' }),
  })
  .openapi('NotificationsReadAll')

export const Preferences = z
  .object({
    items: z
      .array(
        z.object({
          kind: PreferenceKindSchema,
          delivery: DeliverySchema,
        }),
      )
      .openapi({ description: 'Every kind with the user’s choice (`immediately` until they choose)' }),
    alwaysSent: z
      .array(z.enum(['invitation', 'password_reset', 'email_change']))
      .openapi({ description: 'Security mails: always sent at once, they cannot be turned off' }),
  })
  .openapi('NotificationPreferences')

export const PutPreferences = z
  .object({
    items: z
      .array(
        z.object({
          kind: z.string().max(40).openapi({
            description: 'A preference kind (reminder, report_submitted, report_returned, report_verified)',
          }),
          delivery: DeliverySchema,
        }),
      )
      .max(20)
      .openapi({ description: 'The kinds to change; kinds left out keep their choice' }),
  })
  .openapi('PutNotificationPreferences')

export const ReminderSettings = z
  .object({
    organizationId: z.uuid().openapi({ description: 'The investor organization' }),
    daysBefore: z
      .number()
      .int()
      .openapi({ description: 'Days before a due date its ventures get the first reminder', example: 7 }),
    isDefault: z.boolean().openapi({ description: 'True while the organization has not chosen (7 days)' }),
  })
  .openapi('ReminderSettings')

export const PutReminderSettings = z
  .object({
    daysBefore: z
      .number()
      .int()
      .min(1)
      .max(60)
      .openapi({ description: 'Days before the due date (1–60) the first reminder goes out', example: 7 }),
  })
  .openapi('PutReminderSettings')
