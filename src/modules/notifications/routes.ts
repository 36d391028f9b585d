import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { negotiateLanguage } from '../../http/language.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import { iso, isoOrNull } from '../../http/serialize.ts'
import {
  NotificationIdParam,
  NotificationPage,
  NotificationQuery,
  Notification as NotificationSchema,
  OrganizationIdParam,
  Preferences,
  PutPreferences,
  PutReminderSettings,
  ReadAll,
  ReminderSettings,
} from './schemas.ts'
import * as service from './service.ts'

const list = route({
  method: 'get',
  path: '/v1/notifications',
  operationId: 'listNotifications',
  tags: ['notifications'],
  access: 'user',
  summary: 'List my notifications',
  description:
    'The caller’s own notifications, newest first, with the number unread (the dashboard’s bell). Titles are in the language of Accept-Language.',
  request: { query: NotificationQuery },
  responses: { 200: json(NotificationPage, 'A page of notifications'), ...problems(400, 401) },
})

const read = route({
  method: 'post',
  path: '/v1/notifications/{id}/read',
  operationId: 'readNotification',
  tags: ['notifications'],
  access: 'user',
  summary: 'Mark a notification read',
  description: 'Only its owner; anyone else gets 404. Marking it again changes nothing.',
  request: { params: NotificationIdParam },
  responses: { 200: json(NotificationSchema, 'The notification'), ...problems(400, 401, 403, 404) },
})

const readAll = route({
  method: 'post',
  path: '/v1/notifications/read-all',
  operationId: 'readAllNotifications',
  tags: ['notifications'],
  access: 'user',
  summary: 'Mark all my notifications read',
  description: 'Every unread notification of the caller.',
  responses: { 200: json(ReadAll, 'What was marked'), ...problems(401, 403) },
})

const getPrefs = route({
  method: 'get',
  path: '/v1/me/notification-preferences',
  operationId: 'getNotificationPreferences',
  tags: ['notifications'],
  access: 'user',
  summary: 'My notification preferences',
  description: 'How the caller is told of each kind: immediately, daily digest, weekly digest or off.',
  responses: { 200: json(Preferences, 'The preferences'), ...problems(401) },
})

const putPrefs = route({
  method: 'put',
  path: '/v1/me/notification-preferences',
  operationId: 'putNotificationPreferences',
  tags: ['notifications'],
  access: 'user',
  summary: 'Change my notification preferences',
  description:
    'Sets the delivery of the kinds given. Security mails (invitation, password_reset, email_change) cannot be changed: 422 `notification.kind_not_optional`.',
  request: jsonBody(PutPreferences, 'The kinds to change'),
  responses: { 200: json(Preferences, 'The preferences'), ...problems(401, 403, 422) },
})

const getReminders = route({
  method: 'get',
  path: '/v1/organizations/{id}/reminder-settings',
  operationId: 'getReminderSettings',
  tags: ['notifications'],
  access: 'user',
  summary: 'An investor’s reminder lead',
  description: 'Members of the organization and platform admins.',
  request: { params: OrganizationIdParam },
  responses: { 200: json(ReminderSettings, 'The settings'), ...problems(400, 401, 404) },
})

const putReminders = route({
  method: 'put',
  path: '/v1/organizations/{id}/reminder-settings',
  operationId: 'putReminderSettings',
  tags: ['notifications'],
  access: 'user',
  summary: 'Set an investor’s reminder lead',
  description:
    'Organization admins of an investor: how many days before a due date the ventures it assigns reports to get the first reminder. Other kinds of organization: 409 `reminder_settings.investor_only`.',
  request: { params: OrganizationIdParam, ...jsonBody(PutReminderSettings, 'The lead in days') },
  responses: { 200: json(ReminderSettings, 'The settings'), ...problems(400, 401, 403, 404, 409, 422) },
})

const out = (n: service.NotificationView) => ({
  ...n,
  createdAt: iso(n.createdAt),
  readAt: isoOrNull(n.readAt),
})

export function registerNotificationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const lang = negotiateLanguage(c.req.header('accept-language'))
    const page = await service.listNotifications(ctxOf(c), c.req.valid('query'), lang)
    return c.json({ ...page, items: page.items.map(out) }, 200)
  })
  app.openapi(readAll, async (c) => c.json(await service.markAllRead(ctxOf(c)), 200))
  app.openapi(read, async (c) => {
    const lang = negotiateLanguage(c.req.header('accept-language'))
    return c.json(out(await service.markRead(ctxOf(c), c.req.valid('param').id, lang)), 200)
  })
  app.openapi(getPrefs, async (c) => c.json(await service.getPreferences(ctxOf(c)), 200))
  app.openapi(putPrefs, async (c) =>
    c.json(await service.putPreferences(ctxOf(c), c.req.valid('json').items), 200),
  )
  app.openapi(getReminders, async (c) =>
    c.json(await service.getReminderSettings(ctxOf(c), c.req.valid('param').id), 200),
  )
  app.openapi(putReminders, async (c) =>
    c.json(
      await service.putReminderSettings(ctxOf(c), c.req.valid('param').id, c.req.valid('json').daysBefore),
      200,
    ),
  )
}
