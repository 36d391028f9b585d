import type { NotificationView, Preferences } from '../../src/modules/notifications/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { Badge, EmptyState, PageHeader, PostForm, Section } from '../ui/components.tsx'
import { ChoiceGroup, ErrorSummary, type FieldErrors, SubmitButton } from '../ui/fields.tsx'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'

/** The caller's notifications, newest first, each linking to its report; unread ones can be marked. */
export function NotificationsPage(props: {
  v: View
  items: NotificationView[]
  unreadCount: number
  nextCursor: string | null
}) {
  const { v } = props
  return (
    <Layout v={v} title={v.t('notifications.title')}>
      <PageHeader
        v={v}
        title={v.t('notifications.title')}
        lead={v.t('notifications.lead')}
        meta={v.tn('notifications.unreadCount', props.unreadCount, v.fmt.number(props.unreadCount))}
        actions={
          <>
            <a class="button button-secondary" href="/notifications/settings">
              {v.t('notifications.settingsLink')}
            </a>
            {props.unreadCount > 0 ? (
              <PostForm action="/notifications/read-all">
                <SubmitButton
                  label={v.t('notifications.markAll')}
                  busy={v.t('common.busy')}
                  variant="secondary"
                />
              </PostForm>
            ) : null}
          </>
        }
      />
      <Section id="notifications" title={v.t('notifications.list')}>
        {props.items.length ? (
          <ul class="notification-list">
            {props.items.map((n) => (
              <li class={`notification${n.readAt ? '' : ' notification-unread'}`}>
                <div class="notification-text">
                  <a class="notification-title" href={n.link}>
                    {n.title}
                  </a>
                  {n.readAt ? null : (
                    <>
                      {' '}
                      <Badge tone="info">{v.t('notifications.unread')}</Badge>
                    </>
                  )}
                  <p>{n.body}</p>
                  <p class="row-sub">
                    <time datetime={n.createdAt.toISOString()}>{v.fmt.dateTime(n.createdAt)}</time>
                  </p>
                </div>
                {n.readAt ? null : (
                  <PostForm action={`/notifications/${n.id}/read`}>
                    <SubmitButton
                      label={v.t('notifications.markRead')}
                      busy={v.t('common.busy')}
                      variant="quiet"
                      ariaLabel={v.t('notifications.markReadFor', { title: n.title })}
                    />
                  </PostForm>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title={v.t('notifications.empty.title')} body={v.t('notifications.empty.body')} />
        )}
        {props.nextCursor ? (
          <p>
            <a href={`/notifications?cursor=${encodeURIComponent(props.nextCursor)}`}>
              {v.t('notifications.more')}
            </a>
          </p>
        ) : null}
      </Section>
    </Layout>
  )
}

/** One choice per kind (radios); security mails are named as always sent. */
export function PreferencesPage(props: {
  v: View
  prefs: Preferences
  values?: Record<string, string>
  errors?: FieldErrors
}) {
  const { v } = props
  const errors = props.errors ?? {}
  const deliveries = ['immediately', 'daily', 'weekly', 'off'] as const
  return (
    <Layout v={v} title={v.t('prefs.title')} narrow>
      <PageHeader
        v={v}
        title={v.t('prefs.title')}
        lead={v.t('prefs.lead')}
        crumbs={[{ href: '/notifications', label: v.t('notifications.title') }]}
      />
      <ErrorSummary v={v} errors={errors} />
      <PostForm action="/notifications/settings" class="panel prefs-form">
        {props.prefs.items.map((item) => (
          <ChoiceGroup
            v={v}
            kind="radio"
            name={`kind_${item.kind}`}
            label={v.t(`prefs.kind.${item.kind}` as MessageKey)}
            error={errors[`kind_${item.kind}`]}
            options={deliveries.map((d) => ({ value: d, label: v.t(`prefs.delivery.${d}` as MessageKey) }))}
            selected={[props.values?.[item.kind] ?? item.delivery]}
            columns={2}
          />
        ))}
        <p class="hint">{v.t('prefs.security')}</p>
        <SubmitButton label={v.t('prefs.save')} busy={v.t('common.saving')} />
      </PostForm>
    </Layout>
  )
}
