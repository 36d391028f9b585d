import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../src/http/context.ts'
import type { AppEnv } from '../../src/http/env.ts'
import { badRequest, isProblem, notFound } from '../../src/http/problem.ts'
import type { Ctx } from '../../src/modules/context.ts'
import { getIatiSectors, putIatiSectors, UpdateIatiSectorMappings } from '../../src/modules/exports/index.ts'
import * as orgs from '../../src/modules/identity/index.ts'
import { AddMember, CreateEmailInvitation, Role } from '../../src/modules/identity/index.ts'
import {
  assertCanAdministerOrganization,
  assertCanWriteAs,
  requirePrincipal,
} from '../../src/policy/policy.ts'
import type { MessageKey } from '../i18n/index.ts'
import type { FieldErrors } from '../ui/fields.tsx'
import {
  fieldErrors,
  type Issue,
  isUuid,
  pathParam,
  readForm,
  serviceIssues,
  zodIssues,
} from '../ui/forms.ts'
import { type DashboardDeps, page, respond } from '../ui/handler.tsx'
import { setFlash, type View } from '../ui/view.ts'
import { sectorField } from './iati-sectors.tsx'
import type { InviteValues } from './invitations.tsx'
import { type AddMemberValues, OrganizationPage, OrganizationsPage } from './organizations.tsx'

const orgId = (id: string) => {
  if (!isUuid(id)) throw notFound('organization')
  return id
}

/** The write policy decides whether the IATI sector form is shown (editors, admins, platform admins). */
const mayWrite = (ctx: Ctx, id: string) => {
  try {
    assertCanWriteAs(requirePrincipal(ctx.principal), id)
    return true
  } catch {
    return false
  }
}

/** The organization policy itself decides whether the admin controls are shown. */
const mayAdminister = (ctx: Ctx, id: string) => {
  try {
    assertCanAdministerOrganization(requirePrincipal(ctx.principal), id)
    return true
  } catch {
    return false
  }
}

const ADD_MESSAGES: Record<string, MessageKey> = {
  email: 'invalid.email',
  name: 'invalid.name',
  role: 'invalid.role',
  password: 'invalid.password',
}

async function showOrganization(
  c: Parameters<Parameters<typeof page>[2]>[0],
  v: View,
  id: string,
  add?: { values: AddMemberValues; errors: FieldErrors },
  iati?: { values: Record<string, string>; errors: FieldErrors },
  invite?: { values: InviteValues; errors: FieldErrors },
) {
  const ctx = ctxOf(c)
  const org = await orgs.getOrganization(ctx, id)
  const members = await orgs.listMembers(ctx, id)
  // Investors choose the sector of each venture theme in their IATI file.
  const sectors = org.kind === 'investor' ? await getIatiSectors(ctx, id) : undefined
  const admin = mayAdminister(ctx, id)
  return respond(
    c,
    <OrganizationPage
      v={v}
      org={org}
      members={members}
      mayAdminister={admin}
      addValues={add?.values}
      addErrors={add?.errors}
      iati={sectors && { sectors, mayEdit: mayWrite(ctx, id), values: iati?.values, errors: iati?.errors }}
      openInvitations={admin ? await orgs.listOpenInvitations(ctx, id) : []}
      {...(invite ? { inviteValues: invite.values, inviteErrors: invite.errors } : {})}
    />,
    add || iati || invite ? 422 : 200,
  )
}

/** A member change that the service refuses as a conflict (the last admin) is shown as a notice. */
async function memberChange(
  c: Parameters<Parameters<typeof page>[2]>[0],
  id: string,
  change: () => Promise<{ key: MessageKey; params: Record<string, string>; leftOrganization?: boolean }>,
) {
  try {
    const { leftOrganization, ...done } = await change()
    setFlash(c, { tone: 'success', ...done })
    // Someone who removed themselves can no longer see the organization.
    if (leftOrganization) return c.redirect('/', 303)
  } catch (err) {
    if (!isProblem(err) || err.code !== 'organization.last_admin') throw err
    setFlash(c, { tone: 'error', key: 'member.lastAdmin' })
  }
  return c.redirect(`/organizations/${id}#members`, 303)
}

export function registerOrganizationPages(app: OpenAPIHono<AppEnv>, deps: DashboardDeps): void {
  app.get(
    '/organizations',
    page(deps, 'user', async (c, v) => {
      const result = await orgs.listOrganizations(ctxOf(c), {
        limit: 100,
        cursor: c.req.query('cursor') || undefined,
      })
      const invitations = await orgs.invitations(ctxOf(c))
      return respond(
        c,
        <OrganizationsPage
          v={v}
          items={result.items}
          nextCursor={result.nextCursor}
          invitations={invitations}
        />,
      )
    }),
  )

  for (const verb of ['accept', 'decline'] as const) {
    app.post(
      `/organizations/invitations/:id/${verb}`,
      page(deps, 'user', async (c) => {
        const id = orgId(pathParam(c, 'id'))
        await orgs.decideInvitation(ctxOf(c), id, verb === 'accept')
        setFlash(c, {
          tone: 'success',
          key: verb === 'accept' ? 'invitations.accepted' : 'invitations.declined',
        })
        return c.redirect(verb === 'accept' ? `/organizations/${id}` : '/organizations', 303)
      }),
    )
  }

  app.get(
    '/organizations/:id',
    page(deps, 'user', (c, v) => showOrganization(c, v, orgId(pathParam(c, 'id')))),
  )

  app.post(
    '/organizations/:id/members',
    page(deps, 'user', async (c, v) => {
      const id = orgId(pathParam(c, 'id'))
      const form = await readForm(c)
      const values = { email: form.text('email'), name: form.text('name'), role: form.text('role') }
      const password = form.raw('password')
      const parsed = AddMember.safeParse({
        email: values.email,
        role: values.role,
        ...(values.name ? { name: values.name } : {}),
        ...(password ? { password } : {}),
      })
      const message = (_: unknown, field: string) => v.t(ADD_MESSAGES[field] ?? 'invalid.generic')
      if (!parsed.success) {
        return showOrganization(c, v, id, {
          values,
          errors: fieldErrors(zodIssues(parsed.error.issues), message),
        })
      }
      try {
        const member = await orgs.addMember(ctxOf(c), id, parsed.data)
        setFlash(c, {
          tone: 'success',
          key: 'member.addedNotice',
          params: { email: member.email, role: v.t(`role.${member.role}` as MessageKey) },
        })
      } catch (err) {
        const issues = serviceIssues(err)
        if (!issues) throw err
        // The password is long enough (the form checked) but refused as common: say that.
        const common = isProblem(err) && err.code === 'password.too_common'
        const serviceMessage = (issue: Issue, field: string) =>
          common && field === 'password' ? v.t('invalid.passwordCommon') : message(issue, field)
        return showOrganization(c, v, id, { values, errors: fieldErrors(issues, serviceMessage) })
      }
      return c.redirect(`/organizations/${id}#members`, 303)
    }),
  )

  app.post(
    '/organizations/:id/iati-sectors',
    page(deps, 'user', async (c, v) => {
      const id = orgId(pathParam(c, 'id'))
      const ctx = ctxOf(c)
      const current = await getIatiSectors(ctx, id)
      const form = await readForm(c)
      const values = Object.fromEntries(
        current.sectors.map((s) => [s.theme, form.text(sectorField(s.theme))]),
      )
      // An emptied field means the default.
      const sectors = current.sectors.map((s) => ({
        theme: s.theme,
        sectorCode: values[s.theme] || s.defaultSectorCode,
      }))
      const refused = (indexes: number[]) =>
        showOrganization(c, v, id, undefined, {
          values,
          errors: Object.fromEntries(
            indexes.map((i) => [sectorField(current.sectors[i]!.theme), v.t('iati.invalidCode')]),
          ),
        })
      const parsed = UpdateIatiSectorMappings.safeParse({ sectors })
      if (!parsed.success) {
        return refused(
          [...new Set(parsed.error.issues.map((i) => Number(i.path[1])))].filter(Number.isInteger),
        )
      }
      try {
        await putIatiSectors(ctx, id, parsed.data)
      } catch (err) {
        const issues = serviceIssues(err)
        if (!issues) throw err
        return refused(issues.map((i) => Number(i.path.split('.')[1])).filter(Number.isInteger))
      }
      setFlash(c, { tone: 'success', key: 'iati.saved' })
      return c.redirect(`/organizations/${id}#iati-sectors`, 303)
    }),
  )

  app.post(
    '/organizations/:id/invitations',
    page(deps, 'user', async (c, v) => {
      const id = orgId(pathParam(c, 'id'))
      const form = await readForm(c)
      // Its fields are named invite*: the page's add-member form has its own email and role, and
      // a field's id comes from its name.
      const values = {
        email: form.text('inviteEmail'),
        role: form.text('inviteRole'),
        language: form.text('inviteLanguage'),
      }
      const invitePrefixed = (errors: FieldErrors): FieldErrors =>
        Object.fromEntries(
          Object.entries(errors).map(([k, m]) => [`invite${k.charAt(0).toUpperCase()}${k.slice(1)}`, m]),
        )
      const parsed = CreateEmailInvitation.safeParse(values)
      if (!parsed.success) {
        const errors = fieldErrors(zodIssues(parsed.error.issues), (_, field) =>
          v.t(ADD_MESSAGES[field] ?? 'invalid.generic'),
        )
        return showOrganization(c, v, id, undefined, undefined, { values, errors: invitePrefixed(errors) })
      }
      try {
        const sent = await orgs.inviteByEmail(ctxOf(c), id, parsed.data)
        setFlash(c, { tone: 'success', key: 'invite.sent', params: { email: sent.email } })
      } catch (err) {
        if (
          !isProblem(err) ||
          (err.code !== 'invitation.already_member' && err.code !== 'invitation.rate_limited')
        )
          throw err
        const message =
          err.code === 'invitation.already_member'
            ? v.t('invite.alreadyMember', { email: parsed.data.email })
            : v.t('invite.rateLimited')
        return showOrganization(c, v, id, undefined, undefined, { values, errors: { inviteEmail: message } })
      }
      return c.redirect(`/organizations/${id}#invite`, 303)
    }),
  )

  app.post(
    '/organizations/:id/invitations/:invitationId/revoke',
    page(deps, 'user', async (c) => {
      const id = orgId(pathParam(c, 'id'))
      const invitationId = pathParam(c, 'invitationId')
      if (!isUuid(invitationId)) throw notFound('invitation')
      const ctx = ctxOf(c)
      const email = (await orgs.listOpenInvitations(ctx, id)).find((i) => i.id === invitationId)?.email ?? ''
      await orgs.revokeEmailInvitation(ctx, id, invitationId)
      setFlash(c, { tone: 'success', key: 'invite.revoked', params: { email } })
      return c.redirect(`/organizations/${id}#invite`, 303)
    }),
  )

  app.post(
    '/organizations/:id/members/:userId/role',
    page(deps, 'user', async (c, v) => {
      const id = orgId(pathParam(c, 'id'))
      const userId = pathParam(c, 'userId')
      if (!isUuid(userId)) throw notFound('member')
      const role = Role.safeParse((await readForm(c)).text('role'))
      if (!role.success) throw badRequest('member.role_required')
      return memberChange(c, id, async () => {
        const m = await orgs.changeMemberRole(ctxOf(c), id, userId, role.data)
        return {
          key: 'member.roleChanged',
          params: { name: m.name ?? m.email, role: v.t(`role.${m.role}` as MessageKey) },
        }
      })
    }),
  )

  app.post(
    '/organizations/:id/members/:userId/remove',
    page(deps, 'user', async (c) => {
      const id = orgId(pathParam(c, 'id'))
      const userId = pathParam(c, 'userId')
      if (!isUuid(userId)) throw notFound('member')
      const ctx = ctxOf(c)
      const member = (await orgs.listMembers(ctx, id)).find((m) => m.userId === userId)
      const name = member?.name ?? member?.email ?? ''
      return memberChange(c, id, async () => {
        await orgs.removeMember(ctx, id, userId)
        const self = userId === ctx.principal?.userId && !ctx.principal?.isPlatformAdmin
        return { key: 'member.removed', params: { name }, leftOrganization: self }
      })
    }),
  )
}
