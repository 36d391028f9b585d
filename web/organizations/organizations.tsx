import type {
  invitations,
  listMembers,
  listOpenInvitations,
  listOrganizations,
} from '../../src/modules/identity/index.ts'
import type { MessageKey } from '../i18n/index.ts'
import { Badge, EmptyState, PageHeader, PostForm, ScrollTable, Section } from '../ui/components.tsx'
import { ErrorSummary, type FieldErrors, Select, SubmitButton, TextField } from '../ui/fields.tsx'
import { formatOrgNumber } from '../ui/format.ts'
import { Layout } from '../ui/layout.tsx'
import { municipalityLabel } from '../ui/ventures-data.ts'
import type { View } from '../ui/view.ts'
import { type IatiSectors, IatiSectorsSection } from './iati-sectors.tsx'
import { InviteSection, type InviteValues } from './invitations.tsx'

type OrgRow = Awaited<ReturnType<typeof listOrganizations>>['items'][number]
type MemberRow = Awaited<ReturnType<typeof listMembers>>[number]
type InvitationRow = Awaited<ReturnType<typeof invitations>>[number]

export const ROLES = ['admin', 'editor', 'viewer'] as const

const roleOptions = (v: View) => ROLES.map((r) => ({ value: r, label: v.t(`role.${r}` as MessageKey) }))

/** Invitations wait for the user's own decision: until accepted they grant nothing (PRODUCT.md §10). */
function Invitations(props: { v: View; items: InvitationRow[] }) {
  const { v } = props
  if (!props.items.length) return null
  return (
    <Section id="invitations" title={v.t('invitations.title')}>
      <p class="section-lead">{v.t('invitations.lead')}</p>
      <ul class="plain-list">
        {props.items.map((i) => (
          <li>
            <strong>{i.organizationName}</strong> · {v.t(`kind.${i.kind}` as MessageKey)} ·{' '}
            {v.t(`role.${i.role}` as MessageKey)}{' '}
            <PostForm action={`/organizations/invitations/${i.organizationId}/accept`} class="inline-form">
              <SubmitButton
                label={v.t('invitations.accept')}
                busy={v.t('common.busy')}
                ariaLabel={`${v.t('invitations.accept')}: ${i.organizationName}`}
              />
            </PostForm>{' '}
            <PostForm action={`/organizations/invitations/${i.organizationId}/decline`} class="inline-form">
              <SubmitButton
                label={v.t('invitations.decline')}
                busy={v.t('common.busy')}
                variant="secondary"
                ariaLabel={`${v.t('invitations.decline')}: ${i.organizationName}`}
              />
            </PostForm>
          </li>
        ))}
      </ul>
    </Section>
  )
}

export function OrganizationsPage(props: {
  v: View
  items: OrgRow[]
  nextCursor: string | null
  invitations: InvitationRow[]
}) {
  const { v } = props
  const p = v.principal
  const roleIn = (id: string) => p?.memberships.find((m) => m.organizationId === id)?.role
  return (
    <Layout v={v} title={v.t('orgs.title')}>
      <PageHeader
        v={v}
        title={v.t('orgs.title')}
        lead={p?.isPlatformAdmin ? v.t('orgs.leadAdmin') : v.t('orgs.lead')}
      />
      <Invitations v={v} items={props.invitations} />
      <section class="panel" aria-label={v.t('orgs.title')}>
        {props.items.length ? (
          <ScrollTable id="organizations-caption" caption={v.t('orgs.title')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{v.t('col.name')}</th>
                <th scope="col">{v.t('orgs.kind')}</th>
                <th scope="col">{v.t('field.orgNumber')}</th>
                <th scope="col">{v.t('orgs.yourRole')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((o) => {
                const role = roleIn(o.id)
                return (
                  <tr>
                    <th scope="row">
                      <a class="strong-link" href={`/organizations/${o.id}`}>
                        {o.name}
                      </a>
                    </th>
                    <td>{v.t(`kind.${o.kind}` as MessageKey)}</td>
                    <td class="nowrap">{o.orgNumber ? formatOrgNumber(o.orgNumber) : '–'}</td>
                    <td>{role ? v.t(`role.${role}` as MessageKey) : '–'}</td>
                  </tr>
                )
              })}
            </tbody>
          </ScrollTable>
        ) : (
          <EmptyState title={v.t('orgs.empty.title')} body={v.t('orgs.empty.body')} />
        )}
        {props.nextCursor ? (
          <nav class="pager" aria-label={v.t('ventures.pages')}>
            <a href={`/organizations?cursor=${encodeURIComponent(props.nextCursor)}`} rel="next">
              {v.t('ventures.next')}
            </a>
          </nav>
        ) : null}
      </section>
    </Layout>
  )
}

export interface AddMemberValues {
  email: string
  name: string
  role: string
}

export function OrganizationPage(props: {
  v: View
  org: OrgRow
  members: MemberRow[]
  mayAdminister: boolean
  addValues?: AddMemberValues
  addErrors?: FieldErrors
  /** An investor's IATI sectors, with the form's state after a refused save. */
  iati?: { sectors: IatiSectors; mayEdit: boolean; values?: Record<string, string>; errors?: FieldErrors }
  openInvitations?: Awaited<ReturnType<typeof listOpenInvitations>>
  inviteValues?: InviteValues
  inviteErrors?: FieldErrors
}) {
  const { v, org } = props
  const me = v.principal?.userId
  const errors = props.addErrors ?? {}
  const values = props.addValues ?? { email: '', name: '', role: 'viewer' }
  const sortedMembers = [...props.members]
    .map((m) => ({ ...m, name: m.name ?? m.email }))
    .sort((a, b) => a.name.localeCompare(b.name, v.lang))
  const many = (v.principal?.isPlatformAdmin ?? false) || (v.principal?.memberships.length ?? 0) > 1
  return (
    <Layout v={v} title={org.name}>
      <PageHeader
        v={v}
        title={org.name}
        crumbs={many ? [{ href: '/organizations', label: v.t('nav.organizations') }] : []}
        meta={<Badge>{v.t(`kind.${org.kind}` as MessageKey)}</Badge>}
        actions={
          props.mayAdminister ? (
            <a class="button button-secondary" href={`/organizations/${org.id}/sso`}>
              {v.t('sso.settings.link')}
            </a>
          ) : undefined
        }
      />
      <Section id="about" title={v.t('org.facts')}>
        <dl class="facts facts-inline">
          <div class="fact">
            <dt>{v.t('field.orgNumber')}</dt>
            <dd>{org.orgNumber ? formatOrgNumber(org.orgNumber) : '–'}</dd>
          </div>
          <div class="fact">
            <dt>{v.t('orgs.kind')}</dt>
            <dd>{v.t(`kind.${org.kind}` as MessageKey)}</dd>
          </div>
          {org.municipalityNumbers.length ? (
            <div class="fact">
              <dt>{v.t('org.municipalityNumbers')}</dt>
              <dd>{org.municipalityNumbers.map((n) => `${municipalityLabel(n)} (${n})`).join(', ')}</dd>
            </div>
          ) : null}
        </dl>
      </Section>
      <Section id="members" title={v.t('org.members')}>
        <p class="section-lead">{v.t('org.membersLead', { org: org.name })}</p>
        {sortedMembers.length ? (
          <ScrollTable id="members-caption" caption={v.t('org.members')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{v.t('col.name')}</th>
                <th scope="col">{v.t('member.email')}</th>
                <th scope="col">{v.t('member.role')}</th>
                <th scope="col">{v.t('member.added')}</th>
                {props.mayAdminister ? <th scope="col">{v.t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {sortedMembers.map((m) => (
                <tr>
                  <th scope="row">
                    {m.name} {m.userId === me ? <span class="muted">{v.t('member.you')}</span> : null}
                    {m.status === 'pending' ? <span class="muted">{v.t('member.pending')}</span> : null}
                  </th>
                  <td>{m.email}</td>
                  <td>
                    {props.mayAdminister ? (
                      <PostForm
                        action={`/organizations/${org.id}/members/${m.userId}/role`}
                        class="inline-form"
                      >
                        <label class="visually-hidden" for={`role-${m.userId}`}>
                          {v.t('member.roleFor', { name: m.name })}
                        </label>
                        <select id={`role-${m.userId}`} name="role" class="input select input-s">
                          {roleOptions(v).map((o) => (
                            <option value={o.value} selected={o.value === m.role}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                        <SubmitButton
                          label={v.t('member.saveRole')}
                          busy={v.t('common.saving')}
                          variant="secondary"
                          ariaLabel={`${v.t('member.saveRole')}: ${m.name}`}
                        />
                      </PostForm>
                    ) : (
                      v.t(`role.${m.role}` as MessageKey)
                    )}
                  </td>
                  <td class="nowrap">{v.fmt.date(m.createdAt, 'medium')}</td>
                  {props.mayAdminister ? (
                    <td>
                      <PostForm
                        action={`/organizations/${org.id}/members/${m.userId}/remove`}
                        confirm={v.t('member.removeConfirm', { name: m.name, org: org.name })}
                      >
                        <SubmitButton
                          label={v.t('member.remove')}
                          busy={v.t('common.busy')}
                          variant="danger"
                          ariaLabel={v.t('member.removeFor', { name: m.name })}
                        />
                      </PostForm>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        ) : (
          <EmptyState title={v.t('org.noMembers')} />
        )}
        {props.mayAdminister ? null : <p class="muted">{v.t('org.adminOnly')}</p>}
      </Section>
      {props.mayAdminister ? (
        <InviteSection
          v={v}
          orgId={org.id}
          open={props.openInvitations ?? []}
          values={props.inviteValues}
          errors={props.inviteErrors}
        />
      ) : null}
      {props.mayAdminister ? (
        <Section id="add-member" title={v.t('member.add.title')}>
          <ErrorSummary v={v} errors={errors} />
          <PostForm action={`/organizations/${org.id}/members`} class="stack form-narrow">
            <TextField
              v={v}
              name="email"
              type="email"
              label={v.t('member.add.email')}
              value={values.email}
              autocomplete="off"
              spellcheck={false}
              error={errors.email}
            />
            <TextField
              v={v}
              name="name"
              label={`${v.t('member.add.name')} ${v.t('common.optional')}`}
              hint={v.t('member.add.nameHint')}
              value={values.name}
              autocomplete="off"
              error={errors.name}
            />
            <Select
              v={v}
              name="role"
              label={v.t('member.add.role')}
              value={values.role}
              options={ROLES.map((r) => ({
                value: r,
                label: `${v.t(`role.${r}` as MessageKey)} – ${v.t(`role.${r}.hint` as MessageKey)}`,
              }))}
              error={errors.role}
            />
            <TextField
              v={v}
              name="password"
              type="password"
              label={`${v.t('member.add.password')} ${v.t('common.optional')}`}
              hint={v.t('member.add.passwordHint')}
              autocomplete="new-password"
              error={errors.password}
            />
            <div class="form-actions">
              <SubmitButton label={v.t('member.add.submit')} busy={v.t('common.saving')} />
            </div>
          </PostForm>
        </Section>
      ) : null}
      {props.iati ? (
        <IatiSectorsSection
          v={v}
          orgId={org.id}
          sectors={props.iati.sectors}
          mayEdit={props.iati.mayEdit}
          values={props.iati.values}
          errors={props.iati.errors}
        />
      ) : null}
    </Layout>
  )
}
