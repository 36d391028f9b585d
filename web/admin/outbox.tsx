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
          <div class="table-wrap">
            <table class="table">
              <caption class="visually-hidden">{v.t('outbox.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{v.t('outbox.col.subject')}</th>
                  <th scope="col">{v.t('outbox.col.to')}</th>
                  <th scope="col">{v.t('outbox.col.created')}</th>
                  <th scope="col">{v.t('col.status')}</th>
                  <th scope="col">{v.t('outbox.col.attempts')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{v.t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.mails.map((m) => {
                  const status = outboxStatus(m)
                  return (
                    <tr>
                      <th scope="row">
                        {m.subject}
                        <details class="outbox-text">
                          <summary>{v.t('outbox.text')}</summary>
                          <pre>{m.textBody}</pre>
                        </details>
                        {m.lastError ? (
                          <span class="row-sub">{v.t('outbox.lastError', { error: m.lastError })}</span>
                        ) : null}
                      </th>
                      <td>{m.toAddress}</td>
                      <td class="nowrap">{v.fmt.dateTime(m.createdAt)}</td>
                      <td>
                        <Badge tone={TONE[status]}>{v.t(`outbox.status.${status}`)}</Badge>
                      </td>
                      <td>{v.fmt.number(m.attempts)}</td>
                      <td>
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
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
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
