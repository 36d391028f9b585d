import type { listOpenInvitations } from '../../src/modules/identity/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { PostForm, Section } from '../ui/components.tsx'
import { ErrorSummary, type FieldErrors, Select, SubmitButton, TextField } from '../ui/fields.tsx'
import type { View } from '../ui/view.ts'

type OpenInvitation = Awaited<ReturnType<typeof listOpenInvitations>>[number]

export interface InviteValues {
  email: string
  role: string
  language: string
}

const ROLES = ['admin', 'editor', 'viewer'] as const

/** The admin's invite form and the open invitations, on the organization page. */
export function InviteSection(props: {
  v: View
  orgId: string
  open: OpenInvitation[]
  values?: InviteValues | undefined
  errors?: FieldErrors | undefined
}) {
  const { v } = props
  const errors = props.errors ?? {}
  const values = props.values ?? { email: '', role: 'viewer', language: v.lang }
  return (
    <Section id="invite" title={v.t('invite.title')}>
      <p class="section-lead">{v.t('invite.lead')}</p>
      <ErrorSummary v={v} errors={errors} />
      <PostForm action={`/organizations/${props.orgId}/invitations`} class="stack form-narrow">
        <TextField
          v={v}
          name="inviteEmail"
          type="email"
          label={v.t('invite.email')}
          value={values.email}
          autocomplete="off"
          spellcheck={false}
          error={errors.inviteEmail}
        />
        <Select
          v={v}
          name="inviteRole"
          label={v.t('invite.role')}
          value={values.role}
          options={ROLES.map((r) => ({
            value: r,
            label: `${v.t(`role.${r}` as MessageKey)} – ${v.t(`role.${r}.hint` as MessageKey)}`,
          }))}
          error={errors.inviteRole}
        />
        <Select
          v={v}
          name="inviteLanguage"
          label={v.t('invite.language')}
          value={values.language}
          width="s"
          options={(['nb', 'en'] as const).map((l) => ({ value: l, label: v.t(`lang.${l}`) }))}
          error={errors.inviteLanguage}
        />
        <div class="form-actions">
          <SubmitButton label={v.t('invite.submit')} busy={v.t('common.busy')} />
        </div>
      </PostForm>
      <h3 id="open-invitations">{v.t('invite.pending.title')}</h3>
      {props.open.length ? (
        <div class="table-wrap">
          <table class="table" aria-labelledby="open-invitations">
            <thead>
              <tr>
                <th scope="col">{v.t('member.email')}</th>
                <th scope="col">{v.t('member.role')}</th>
                <th scope="col">{v.t('invite.col.invitedBy')}</th>
                <th scope="col">{v.t('invite.col.expires')}</th>
                <th scope="col">
                  <span class="visually-hidden">{v.t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.open.map((i) => (
                <tr>
                  <th scope="row">{i.email}</th>
                  <td>{v.t(`role.${i.role}` as MessageKey)}</td>
                  <td>{i.invitedByName ?? '–'}</td>
                  <td class="nowrap">{v.fmt.date(i.expiresAt, 'medium')}</td>
                  <td>
                    <PostForm
                      action={`/organizations/${props.orgId}/invitations/${i.id}/revoke`}
                      confirm={v.t('invite.revokeConfirm', { email: i.email })}
                    >
                      <SubmitButton
                        label={v.t('invite.revoke')}
                        busy={v.t('common.busy')}
                        variant="danger"
                        ariaLabel={v.t('invite.revokeFor', { email: i.email })}
                      />
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="muted">{v.t('invite.pending.empty')}</p>
      )}
    </Section>
  )
}
