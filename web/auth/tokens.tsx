import type { listTokens } from '../../src/modules/identity/index.ts'
import { Badge, EmptyState, PageHeader, PostForm, ScrollTable, Section } from '../ui/components.tsx'
import { Checkbox, ErrorSummary, type FieldErrors, Select, SubmitButton, TextField } from '../ui/fields.tsx'
import { Layout } from '../ui/layout.tsx'
import type { View } from '../ui/view.ts'

type TokenRow = Awaited<ReturnType<typeof listTokens>>[number]

export const EXPIRY_DAYS = [30, 90, 180, 365] as const

export interface TokenFormValues {
  name: string
  readOnly: boolean
  expiresInDays: string
}

function tokenStatus(t: TokenRow, now: Date): 'active' | 'revoked' | 'expired' {
  if (t.revokedAt) return 'revoked'
  return t.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active'
}

/** The secret of a token just created: shown once, with a copy button (added by the client script). */
function NewToken(props: { v: View; name: string; secret: string }) {
  const { v } = props
  return (
    <section class="secret-panel" aria-labelledby="new-token-title" tabindex={-1} data-focus-on-load>
      <h2 id="new-token-title">{v.t('tokens.created.title', { name: props.name })}</h2>
      <p>{v.t('tokens.created.body')}</p>
      <div class="secret-row">
        <label for="new-token-secret" class="visually-hidden">
          {v.t('tokens.created.label')}
        </label>
        <input
          id="new-token-secret"
          class="input secret"
          type="text"
          readonly
          value={props.secret}
          spellcheck={false}
          autocomplete="off"
        />
        <button
          type="button"
          class="button button-secondary"
          hidden
          data-copy-target="new-token-secret"
          data-copied-label={v.t('tokens.copied')}
        >
          {v.t('tokens.copy')}
        </button>
      </div>
      <p class="copy-status" role="status" aria-live="polite" />
    </section>
  )
}

export function TokensPage(props: {
  v: View
  tokens: TokenRow[]
  now: Date
  values?: TokenFormValues
  errors?: FieldErrors
  created?: { name: string; secret: string }
}) {
  const { v } = props
  const errors = props.errors ?? {}
  const values = props.values ?? { name: '', readOnly: false, expiresInDays: '90' }
  return (
    <Layout v={v} title={v.t('tokens.title')}>
      <PageHeader
        v={v}
        title={v.t('tokens.title')}
        lead={
          <>
            {v.t('tokens.lead')} <a href="/docs">{v.t('tokens.docs')}</a>
          </>
        }
      />
      {props.created ? <NewToken v={v} name={props.created.name} secret={props.created.secret} /> : null}
      <div class="grid-sidebar">
        <Section id="tokens" title={v.t('tokens.list')}>
          {props.tokens.length ? (
            <ScrollTable id="tokens-caption" caption={v.t('tokens.list')} captionHidden>
              <thead>
                <tr>
                  <th scope="col">{v.t('tokens.name')}</th>
                  <th scope="col">{v.t('tokens.col.access')}</th>
                  <th scope="col">{v.t('tokens.col.lastUsed')}</th>
                  <th scope="col">{v.t('tokens.col.expires')}</th>
                  <th scope="col">{v.t('col.status')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{v.t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.tokens.map((t) => {
                  const status = tokenStatus(t, props.now)
                  return (
                    <tr>
                      <th scope="row">
                        {t.name}
                        <span class="row-sub">
                          <code>{t.prefix}…</code> · {v.t('tokens.col.created')}{' '}
                          {v.fmt.date(t.createdAt, 'medium')}
                        </span>
                      </th>
                      <td>{t.readOnly ? v.t('tokens.access.read') : v.t('tokens.access.write')}</td>
                      <td class="nowrap">
                        {t.lastUsedAt ? v.fmt.dateTime(t.lastUsedAt) : v.t('common.never')}
                      </td>
                      <td class="nowrap">{v.fmt.date(t.expiresAt, 'medium')}</td>
                      <td>
                        <Badge tone={status === 'active' ? 'success' : 'neutral'}>
                          {v.t(`tokens.status.${status}`)}
                        </Badge>
                      </td>
                      <td>
                        {status === 'active' ? (
                          <PostForm
                            action={`/settings/tokens/${t.id}/revoke`}
                            confirm={v.t('tokens.revokeConfirm', { name: t.name })}
                          >
                            <SubmitButton
                              label={v.t('tokens.revoke')}
                              busy={v.t('common.busy')}
                              variant="danger"
                              ariaLabel={v.t('tokens.revokeFor', { name: t.name })}
                            />
                          </PostForm>
                        ) : null}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </ScrollTable>
          ) : (
            <EmptyState title={v.t('tokens.empty.title')} body={v.t('tokens.empty.body')} />
          )}
        </Section>
        <Section id="create-token" title={v.t('tokens.create.title')}>
          <ErrorSummary v={v} errors={errors} />
          <PostForm action="/settings/tokens" class="stack">
            <TextField
              v={v}
              name="name"
              label={v.t('tokens.name')}
              hint={v.t('tokens.nameHint')}
              value={values.name}
              autocomplete="off"
              error={errors.name}
            />
            <Select
              v={v}
              name="expiresInDays"
              label={v.t('tokens.expires')}
              value={values.expiresInDays}
              width="s"
              options={EXPIRY_DAYS.map((d) => ({ value: String(d), label: v.t('tokens.days', { days: d }) }))}
              error={errors.expiresInDays}
            />
            <Checkbox v={v} name="readOnly" label={v.t('tokens.readOnly')} checked={values.readOnly} />
            <div class="form-actions">
              <SubmitButton label={v.t('tokens.create')} busy={v.t('common.busy')} />
            </div>
          </PostForm>
        </Section>
      </div>
    </Layout>
  )
}
