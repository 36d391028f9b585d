import type { listOutbox } from '../../src/modules/mail/index.ts'
import { outboxStatus } from '../../src/modules/mail/index.ts'
import { Badge, EmptyState, Notice, PageHeader, PostForm, Section } from '../ui/components.tsx'
import { SubmitButton } from '../ui/fields.tsx'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'

type Mail = Awaited<ReturnType<typeof listOutbox>>['items'][number]
export const STATUSES = ['pending', 'sent', 'failed'] as const
export type StatusFilter = (typeof STATUSES)[number] | ''

const TONE = { pending: 'info', sent: 'success', failed: 'danger' } as const

/**
 * Admin → Outbox: every mail with its text, so that on the embedded default (no SMTP_URL) the
 * platform admin can hand on an invitation or reset link. The text is shown as text, never HTML.
 */
export function OutboxPage(props: {
  v: View
  mails: Mail[]
  nextCursor: string | null
  status: StatusFilter
  smtpHost: string | null
}) {
  const { v } = props
  const filterQuery = props.status ? `status=${props.status}&` : ''
  return (
    <Layout v={v} title={v.t('outbox.title')}>
      <PageHeader v={v} title={v.t('outbox.title')} lead={v.t('outbox.lead')} />
      {props.smtpHost ? (
        <Notice tone="info">{v.t('outbox.smtpOn', { host: props.smtpHost })}</Notice>
      ) : (
        <Notice tone="info">{v.t('outbox.smtpOff')}</Notice>
      )}
      <form method="get" action="/admin/outbox" class="inline-form filters">
        <label for="outbox-status">{v.t('outbox.filter')}</label>
        <select id="outbox-status" name="status" class="input select input-m">
          <option value="" selected={props.status === ''}>
            {v.t('outbox.filter.all')}
          </option>
          {STATUSES.map((s) => (
            <option value={s} selected={props.status === s}>
              {v.t(`outbox.status.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="button button-secondary">
          {v.t('outbox.filter.submit')}
        </button>
      </form>
      <Section id="mails" title={v.t('outbox.title')}>
        {props.mails.length ? (
          <ol class="outbox-list">
            {props.mails.map((m) => {
              const status = outboxStatus(m)
              return (
                <li class="outbox-mail">
                  <h3 class="outbox-subject">{m.subject}</h3>
                  <dl class="outbox-meta">
                    <div>
                      <dt>{v.t('outbox.col.to')}</dt>
                      <dd>{m.toAddress}</dd>
                    </div>
                    <div>
                      <dt>{v.t('outbox.col.created')}</dt>
                      <dd>{v.fmt.dateTime(m.createdAt)}</dd>
                    </div>
                    <div>
                      <dt>{v.t('col.status')}</dt>
                      <dd>
                        <Badge tone={TONE[status]}>{v.t(`outbox.status.${status}`)}</Badge>
                      </dd>
                    </div>
                    <div>
                      <dt>{v.t('outbox.col.attempts')}</dt>
                      <dd>{v.fmt.number(m.attempts)}</dd>
                    </div>
                  </dl>
                  {m.lastError ? (
                    <p class="row-sub">{v.t('outbox.lastError', { error: m.lastError })}</p>
                  ) : null}
                  <details class="outbox-text">
                    <summary>{v.t('outbox.text')}</summary>
                    <pre>{m.textBody}</pre>
                  </details>
                  {status === 'sent' ? null : (
                    <PostForm action={`/admin/outbox/${m.id}/retry`}>
                      <SubmitButton
                        label={v.t('outbox.retry')}
                        busy={v.t('common.busy')}
                        variant="secondary"
                        ariaLabel={v.t('outbox.retryFor', { to: m.toAddress })}
                      />
                    </PostForm>
                  )}
                </li>
              )
            })}
          </ol>
        ) : (
          <EmptyState title={v.t('outbox.empty.title')} body={v.t('outbox.empty.body')} />
        )}
        {props.nextCursor ? (
          <nav class="pager" aria-label={v.t('ventures.pages')}>
            <a href={`/admin/outbox?${filterQuery}cursor=${encodeURIComponent(props.nextCursor)}`} rel="next">
              {v.t('outbox.next')}
            </a>
          </nav>
        ) : null}
      </Section>
    </Layout>
  )
}
