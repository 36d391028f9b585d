import { expectFor, type MatrixCase, type World } from '../../helpers/matrix.ts'

/**
 * Notifications: each signed-in user reads and marks only their own (a fresh one is written for
 * the actor, so every actor marks theirs: 200) and sets their own preferences; an investor's
 * reminder lead is read by its members and set by its admins (the matrix investor here).
 */
async function ownNotification(w: World, userId: string | undefined): Promise<string> {
  const id = crypto.randomUUID()
  if (userId) {
    await w.db
      .insertInto('notifications')
      .values({
        id,
        userId,
        kind: 'report_verified',
        ventureOrgId: w.orgs.venture,
        reportId: null,
        params: JSON.stringify({ ventureName: 'Matrix Venture', period: '2026-Q3' }),
        delivery: 'off',
        dedupeKey: null,
        createdAt: new Date(),
      })
      .execute()
  }
  return id
}

const signedIn = expectFor({ anonymous: 401, others: 200 })

export const notificationCases: MatrixCase[] = [
  { operationId: 'listNotifications', request: () => ({ path: '/v1/notifications' }), expect: signedIn },
  {
    operationId: 'readNotification',
    request: async (w, actor) => ({
      path: `/v1/notifications/${await ownNotification(w, actor === 'anonymous' ? undefined : w.users[actor])}/read`,
    }),
    expect: signedIn,
  },
  {
    operationId: 'readAllNotifications',
    request: () => ({ path: '/v1/notifications/read-all' }),
    expect: signedIn,
  },
  {
    operationId: 'getNotificationPreferences',
    request: () => ({ path: '/v1/me/notification-preferences' }),
    expect: signedIn,
  },
  {
    operationId: 'putNotificationPreferences',
    request: () => ({
      path: '/v1/me/notification-preferences',
      body: { items: [{ kind: 'reminder', delivery: 'daily' }] },
    }),
    expect: signedIn,
  },
  {
    operationId: 'getReminderSettings',
    request: (w) => ({ path: `/v1/organizations/${w.orgs.investor}/reminder-settings` }),
    expect: expectFor({ anonymous: 401, platformAdmin: 200, 'investor*': 200, others: 404 }),
  },
  {
    operationId: 'putReminderSettings',
    request: (w) => ({
      path: `/v1/organizations/${w.orgs.investor}/reminder-settings`,
      body: { daysBefore: 10 },
    }),
    expect: expectFor({
      anonymous: 401,
      platformAdmin: 200,
      investorAdmin: 200,
      'investor*': 403,
      others: 404,
    }),
  },
]
