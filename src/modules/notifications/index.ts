/**
 * Front door of the notifications module (issue 19, reminders and notices): the in-app list,
 * each user's delivery choices, reminders of due reports and digests. At import it plugs into
 * the report workflow (outcomes' onReportTransition) and the scheduler (mail's registerTickStep):
 * the dependency points from here to them, never back.
 */
import { registerTickStep } from '../mail/index.ts'
import { onReportTransition as onTransition } from '../outcomes/index.ts'
import { onReportTransition } from './events.ts'
import { digestsStep, remindersStep } from './steps.ts'

export { DELIVERIES, PREFERENCE_KINDS, SECURITY_KINDS } from './kinds.ts'
export { registerNotificationRoutes } from './routes.ts'
export {
  getPreferences,
  getReminderSettings,
  listNotifications,
  markAllRead,
  markRead,
  type NotificationView,
  type Preferences,
  putPreferences,
  putReminderSettings,
  unreadCountOf,
} from './service.ts'
export { digestsStep, osloClock, reminderStage, remindersStep } from './steps.ts'

onTransition('notifications', onReportTransition)
// Reminders first: those for a daily digest are in the same tick's digest.
registerTickStep('notifications.reminders', (db, now, env) => remindersStep(db, now, env.config))
registerTickStep('notifications.digests', (db, now, env) => digestsStep(db, now, env.config))
