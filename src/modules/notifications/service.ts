import type { MailLanguage } from '../../db/schema-mail.ts'
import type { Delivery, PreferenceKind } from '../../db/schema-notifications.ts'
import { withTx } from '../../db/tx.ts'
import { decodeCursor, toPage } from '../../http/pagination.ts'
import { conflict, invalid, notFound } from '../../http/problem.ts'
import {
  assertCanAdministerOrganization,
  assertCanReadOrganization,
  requirePrincipal,
} from '../../policy/policy.ts'
import { recordAudit } from '../audit/index.ts'
import type { Ctx } from '../context.ts'
import { DEFAULT_DAYS_BEFORE, DEFAULT_DELIVERY, PREFERENCE_KINDS, SECURITY_KINDS } from './kinds.ts'
import { linkOf } from './notify.ts'
import * as repo from './repo.ts'
import { noticeText } from './texts.ts'

/** One notification as its owner reads it, in the language asked for. */
export interface NotificationView {
  id: string
  kind: repo.NotificationRow['kind']
  title: string
  body: string
  link: string
  ventureId: string | null
  reportId: string | null
  createdAt: Date
  readAt: Date | null
}

const viewOf = (row: repo.NotificationRow, lang: MailLanguage): NotificationView => ({
  id: row.id,
  kind: row.kind,
  ...noticeText(row.kind, row.params, lang),
  link: linkOf(row.ventureOrgId, row.reportId),
  ventureId: row.ventureOrgId,
  reportId: row.reportId,
  createdAt: row.createdAt,
  readAt: row.readAt,
})

/** The caller's own notifications, newest first; nobody reads another user's. */
export async function listNotifications(
  ctx: Ctx,
  q: { limit: number; cursor?: string | undefined; unread?: 'true' | 'false' | undefined },
  lang: MailLanguage,
) {
  const me = requirePrincipal(ctx.principal)
  const after = decodeCursor(q.cursor)
  const rows = await repo.listPage(
    ctx.db,
    me.userId,
    after,
    q.limit,
    q.unread === undefined ? undefined : q.unread === 'true',
  )
  const page = toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id])
  return {
    items: page.items.map((r) => viewOf(r, lang)),
    nextCursor: page.nextCursor,
    unreadCount: await repo.unreadCount(ctx.db, me.userId),
  }
}

export const unreadCountOf = (ctx: Ctx) => repo.unreadCount(ctx.db, requirePrincipal(ctx.principal).userId)

/** Marks one of the caller's notifications read (again: no change); another's is 404. */
export async function markRead(ctx: Ctx, id: string, lang: MailLanguage): Promise<NotificationView> {
  const me = requirePrincipal(ctx.principal)
  await repo.markRead(ctx.db, me.userId, id, ctx.now)
  const row = await repo.findOwn(ctx.db, me.userId, id)
  if (!row) throw notFound('notification')
  return viewOf(row, lang)
}

export async function markAllRead(ctx: Ctx): Promise<{ marked: number; unreadCount: number }> {
  const me = requirePrincipal(ctx.principal)
  const [result] = await repo.markAllRead(ctx.db, me.userId, ctx.now)
  return { marked: Number(result?.numUpdatedRows ?? 0), unreadCount: 0 }
}

export interface Preferences {
  items: { kind: PreferenceKind; delivery: Delivery }[]
  alwaysSent: (typeof SECURITY_KINDS)[number][]
}

export async function getPreferences(ctx: Ctx): Promise<Preferences> {
  const me = requirePrincipal(ctx.principal)
  const rows = await repo.preferencesOf(ctx.db, [me.userId])
  return {
    items: PREFERENCE_KINDS.map((kind) => ({
      kind,
      delivery: rows.find((r) => r.kind === kind)?.delivery ?? DEFAULT_DELIVERY,
    })),
    alwaysSent: [...SECURITY_KINDS],
  }
}

/** Sets the caller's choice for the kinds given; the others keep theirs. */
export async function putPreferences(
  ctx: Ctx,
  items: { kind: string; delivery: Delivery }[],
): Promise<Preferences> {
  const me = requirePrincipal(ctx.principal)
  const seen = new Set<string>()
  items.forEach((item, i) => {
    const path = `items.${i}.kind`
    if ((SECURITY_KINDS as readonly string[]).includes(item.kind))
      throw invalid(path, 'notification.kind_not_optional')
    if (!(PREFERENCE_KINDS as readonly string[]).includes(item.kind))
      throw invalid(path, 'notification.kind_unknown')
    if (seen.has(item.kind)) throw invalid(path, 'notification.kind_repeated')
    seen.add(item.kind)
  })
  const before = await getPreferences(ctx)
  await withTx(ctx.db, async (trx) => {
    await repo.replacePreferences(
      trx,
      me.userId,
      items as { kind: PreferenceKind; delivery: Delivery }[],
      ctx.now,
    )
    await recordAudit(trx, ctx, {
      action: 'notification_preferences.update',
      entity: 'user',
      entityId: me.userId,
      organizationId: null,
      before: before.items,
      after: items,
    })
  })
  return getPreferences(ctx)
}

export interface ReminderSettingsView {
  organizationId: string
  daysBefore: number
  /** True while the organization has not chosen (the default applies). */
  isDefault: boolean
}

/** Members of the organization (and platform admins) read its reminder lead; others get 404. */
export async function getReminderSettings(ctx: Ctx, orgId: string): Promise<ReminderSettingsView> {
  assertCanReadOrganization(requirePrincipal(ctx.principal), orgId)
  if (!(await repo.organizationKind(ctx.db, orgId))) throw notFound('organization')
  const days = await repo.reminderSettingOf(ctx.db, orgId)
  return { organizationId: orgId, daysBefore: days ?? DEFAULT_DAYS_BEFORE, isDefault: days === undefined }
}

/** An investor's admins choose how many days before a due date its ventures are reminded. */
export async function putReminderSettings(ctx: Ctx, orgId: string, daysBefore: number) {
  assertCanAdministerOrganization(requirePrincipal(ctx.principal), orgId)
  const kind = await repo.organizationKind(ctx.db, orgId)
  if (!kind) throw notFound('organization')
  if (kind !== 'investor') throw conflict('reminder_settings.investor_only')
  const before = await repo.reminderSettingOf(ctx.db, orgId)
  await withTx(ctx.db, async (trx) => {
    await repo.upsertReminderSetting(trx, orgId, daysBefore, ctx.now)
    await recordAudit(trx, ctx, {
      action: 'reminder_settings.update',
      entity: 'organization',
      entityId: orgId,
      organizationId: orgId,
      before: { daysBefore: before ?? null },
      after: { daysBefore },
    })
  })
  return getReminderSettings(ctx, orgId)
}
