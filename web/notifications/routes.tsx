import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import * as notifications from '../../src/modules/notifications/index.ts'
import { readForm, uuidParam } from '../ui/forms.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { setFlash } from '../ui/view.ts'
import { NotificationsPage, PreferencesPage } from './pages.tsx'

/** The notification list and the preferences, through the same services as /v1/notifications. */
export function registerNotificationPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/notifications',
    page(deps, 'user', async (c, v) => {
      const cursor = c.req.query('cursor')
      const list = await notifications.listNotifications(ctxOf(c), { limit: 25, cursor }, v.lang)
      return respond(c, <NotificationsPage v={v} {...list} />)
    }),
  )

  app.post(
    '/notifications/read-all',
    page(deps, 'user', async (c) => {
      await notifications.markAllRead(ctxOf(c))
      setFlash(c, { tone: 'success', key: 'notifications.allRead' })
      return c.redirect('/notifications', 303)
    }),
  )

  app.post(
    '/notifications/:id/read',
    page(deps, 'user', async (c, v) => {
      await notifications.markRead(ctxOf(c), uuidParam(c, 'id', 'notification'), v.lang)
      return c.redirect('/notifications', 303)
    }),
  )

  app.get(
    '/notifications/settings',
    page(deps, 'user', async (c, v) =>
      respond(c, <PreferencesPage v={v} prefs={await notifications.getPreferences(ctxOf(c))} />),
    ),
  )

  app.post(
    '/notifications/settings',
    page(deps, 'user', async (c, v) => {
      const ctx = ctxOf(c)
      const form = await readForm(c)
      const values: Record<string, string> = {}
      const errors: Record<string, string> = {}
      for (const kind of notifications.PREFERENCE_KINDS) {
        const value = form.text(`kind_${kind}`)
        values[kind] = value
        if (!(notifications.DELIVERIES as readonly string[]).includes(value))
          errors[`kind_${kind}`] = v.t('prefs.invalid')
      }
      if (Object.keys(errors).length) {
        const prefs = await notifications.getPreferences(ctx)
        return respond(c, <PreferencesPage v={v} prefs={prefs} values={values} errors={errors} />, 422)
      }
      await notifications.putPreferences(
        ctx,
        notifications.PREFERENCE_KINDS.map((kind) => ({
          kind,
          delivery: values[kind] as (typeof notifications.DELIVERIES)[number],
        })),
      )
      setFlash(c, { tone: 'success', key: 'prefs.saved' })
      return c.redirect('/notifications/settings', 303)
    }),
  )
}
