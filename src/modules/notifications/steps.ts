import type { Config } from '../../config.ts'
import type { NotificationKind } from '../../db/schema-notifications.ts'
import { type Db, withTx } from '../../db/tx.ts'
import { composeMail, enqueueMail, mailLink } from '../mail/index.ts'
import { owedReports, todayInNorway } from '../outcomes/index.ts'
import { DEFAULT_DAYS_BEFORE } from './kinds.ts'
import { notify } from './notify.ts'
import * as repo from './repo.ts'
import { MAIL_WORDS, noticeText } from './texts.ts'

/**
 * The scheduled steps (registered in index.ts): reminders of due reports once a day, then the
 * daily and weekly digests. Both run from 07:00 in Norway and may run again on any tick or after
 * a crash: dedupe keys on notifications and mails make each reminder and digest go out once.
 */
export const SEND_FROM_HOUR = 7

const OSLO = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Oslo',
  hour: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
})

/** The hour (0–23) and weekday (Mon…Sun) in Norway at `now`. */
export function osloClock(now: Date): { hour: number; weekday: string } {
  const parts = OSLO.formatToParts(now)
  return {
    hour: Number(parts.find((p) => p.type === 'hour')?.value),
    weekday: parts.find((p) => p.type === 'weekday')?.value ?? '',
  }
}

const dayNumber = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000

/**
 * Which reminder a report owed today gets, if any: `before` from `daysBefore` days ahead until
 * the day before, `due` on the due date, and every full week past it `overdue-<weeks>`.
 */
export function reminderStage(
  today: string,
  due: string,
  daysBefore: number,
): { kind: NotificationKind; key: string; weeks?: number } | null {
  const diff = dayNumber(due) - dayNumber(today)
  if (diff > 0) return diff <= daysBefore ? { kind: 'report_due_soon', key: 'before' } : null
  if (diff === 0) return { kind: 'report_due', key: 'due' }
  const weeks = Math.floor(-diff / 7)
  return weeks >= 1 ? { kind: 'report_overdue', key: `overdue-${weeks}`, weeks } : null
}

/** The longest reminder lead an investor may choose (reminder_settings.days_before ≤ 60). */
const MAX_DAYS_BEFORE = 60

export async function remindersStep(db: Db, now: Date, config: Config): Promise<void> {
  if (osloClock(now).hour < SEND_FROM_HOUR) return
  const today = todayInNorway(now)
  if ((await repo.lastRun(db, 'reminders')) === today) return
  const settings = new Map((await repo.reminderSettings(db)).map((s) => [s.organizationId, s.daysBefore]))
  const owed = await owedReports(db, today, config.REPORT_DUE_DAYS, MAX_DAYS_BEFORE)
  const names = await repo.organizationNames(db, [...new Set(owed.map((o) => o.ventureId))])
  for (const report of owed) {
    // Several investors may assign the same period: the earliest reminder any of them wants.
    const leads = report.assigningOrgIds.map((id) => settings.get(id) ?? DEFAULT_DAYS_BEFORE)
    const stage = reminderStage(
      today,
      report.dueDate,
      leads.length ? Math.max(...leads) : DEFAULT_DAYS_BEFORE,
    )
    if (!stage) continue
    await withTx(db, async (trx) => {
      const userIds = await repo.membersOf(trx, [report.ventureId], ['admin', 'editor'])
      await notify(trx, config, now, {
        kind: stage.kind,
        userIds,
        ventureId: report.ventureId,
        reportId: report.reportId,
        params: {
          ventureName: names.get(report.ventureId) ?? '',
          period: report.period,
          dueDate: report.dueDate,
          ...(stage.weeks ? { weeks: String(stage.weeks) } : {}),
        },
        dedupeKey: (userId) => `reminder:${stage.key}:${report.ventureId}:${report.period}:${userId}`,
      })
    })
  }
  await repo.setLastRun(db, 'reminders', today)
}

/**
 * Digests: every user with notifications waiting for the daily digest gets one mail a day, and
 * on Mondays those who chose weekly get one for the week, in their language. The rows a digest
 * carries are marked in the same transaction as its mail; a rerun finds the day's key used.
 */
export async function digestsStep(db: Db, now: Date, config: Config): Promise<void> {
  const clock = osloClock(now)
  if (clock.hour < SEND_FROM_HOUR) return
  const today = todayInNorway(now)
  await digest(db, now, config, 'daily', today)
  if (clock.weekday === 'Mon') await digest(db, now, config, 'weekly', today)
}

async function digest(db: Db, now: Date, config: Config, delivery: 'daily' | 'weekly', today: string) {
  const pending = await repo.pendingDigests(db, delivery, now)
  const byUser = new Map<string, typeof pending>()
  for (const n of pending) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n])
  const users = await repo.recipientsById(db, [...byUser.keys()])
  for (const user of users) {
    const rows = byUser.get(user.id) ?? []
    const words = MAIL_WORDS[user.language]
    const mail = composeMail({
      language: user.language,
      subject: delivery === 'daily' ? words.dailySubject(rows.length) : words.weeklySubject(rows.length),
      heading: delivery === 'daily' ? words.dailyHeading : words.weeklyHeading,
      paragraphs: rows.map((n) => {
        const text = noticeText(n.kind, n.params, user.language)
        return `${text.title}. ${text.body}`
      }),
      action: { label: words.all, url: mailLink(config.PUBLIC_URL, '/notifications') },
      footer: words.footer,
    })
    await withTx(db, async (trx) => {
      const id = await enqueueMail(
        trx,
        {
          to: user.email,
          language: user.language,
          kind: `notification.digest_${delivery}`,
          ...mail,
          userId: user.id,
          dedupeKey: `digest:${delivery}:${user.id}:${today}`,
        },
        now,
      )
      // Already sent today: what came since waits for the next digest.
      if (id)
        await repo.markMailed(
          trx,
          rows.map((r) => r.id),
          now,
        )
    })
  }
}
