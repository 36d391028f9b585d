import type { Config } from '../../config.ts'
import type { Delivery, NotificationKind } from '../../db/schema-notifications.ts'
import type { Db } from '../../db/tx.ts'
import { composeMail, enqueueMail, mailLink } from '../mail/index.ts'
import { DEFAULT_DELIVERY, preferenceKindOf } from './kinds.ts'
import * as repo from './repo.ts'
import { MAIL_WORDS, type NoticeParams, noticeText } from './texts.ts'

/**
 * Tells users about one event: a notification row each (the in-app list) and, for those who chose
 * `immediately`, a mail in their language — all in the caller's transaction, so nothing is told
 * of an event that rolled back. Those who chose a digest get it from the digest step; `off`
 * sends no mail (the row still shows in the app).
 */
export interface Notice {
  kind: NotificationKind
  userIds: string[]
  ventureId: string | null
  reportId: string | null
  params: NoticeParams
  /** Per user: a key that makes a second write of the same notice a no-op (reminders). */
  dedupeKey?: (userId: string) => string
}

/** The dashboard page a notification leads to. */
export const linkOf = (ventureId: string | null, reportId: string | null) =>
  ventureId ? `/ventures/${ventureId}/reports${reportId ? `/${reportId}` : ''}` : '/notifications'

export async function notify(trx: Db, config: Config, now: Date, notice: Notice): Promise<number> {
  const users = await repo.recipientsById(trx, [...new Set(notice.userIds)])
  if (!users.length) return 0
  const prefKind = preferenceKindOf(notice.kind)
  const prefs = await repo.preferencesOf(
    trx,
    users.map((u) => u.id),
  )
  const choice = (userId: string): Delivery =>
    prefs.find((p) => p.userId === userId && p.kind === prefKind)?.delivery ?? DEFAULT_DELIVERY
  let written = 0
  for (const user of users) {
    const id = crypto.randomUUID()
    const delivery = choice(user.id)
    const params = Object.fromEntries(
      Object.entries(notice.params).filter((e): e is [string, string] => typeof e[1] === 'string'),
    )
    const inserted = await repo.insertNotification(trx, {
      id,
      userId: user.id,
      kind: notice.kind,
      ventureOrgId: notice.ventureId,
      reportId: notice.reportId,
      params,
      delivery,
      dedupeKey: notice.dedupeKey?.(user.id) ?? null,
      createdAt: now,
    })
    if (!inserted) continue
    written++
    if (delivery !== 'immediately') continue
    const words = MAIL_WORDS[user.language]
    const text = noticeText(notice.kind, notice.params, user.language)
    const mail = composeMail({
      language: user.language,
      subject: `Effekt: ${text.title}`,
      heading: text.title,
      paragraphs: [text.body],
      action: {
        label: words.open,
        url: mailLink(config.PUBLIC_URL, linkOf(notice.ventureId, notice.reportId)),
      },
      footer: words.footer,
    })
    await enqueueMail(
      trx,
      {
        to: user.email,
        language: user.language,
        kind: `notification.${notice.kind}`,
        ...mail,
        userId: user.id,
        dedupeKey: `notification:${id}`,
      },
      now,
    )
    await repo.markMailed(trx, [id], now)
  }
  return written
}
