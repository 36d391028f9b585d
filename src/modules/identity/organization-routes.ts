import { type OpenAPIHono, z } from '@hono/zod-openapi'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { etagOf } from '../../http/etag.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import { PageQuery, pageOf } from '../../http/pagination.ts'
import * as orgs from './organizations-service.ts'
import {
  AddMember,
  CreateOrganization,
  IdParam,
  Member,
  MemberParams,
  Organization,
  OrganizationKind,
  UpdateMember,
  UpdateOrganization,
} from './schemas.ts'
import { memberOut, organizationOut } from './serialize.ts'

const OrganizationPage = pageOf(Organization, 'OrganizationPage')
const IfMatch = z.object({
  'if-match': z.string().optional().openapi({ description: 'The ETag you read; a stale one answers 412' }),
})

const list = route({
  method: 'get',
  path: '/v1/organizations',
  operationId: 'listOrganizations',
  tags: ['organizations'],
  access: 'user',
  summary: 'List organizations',
  description: 'Organizations the caller is a member of (all of them for platform admins), by name.',
  request: { query: PageQuery.extend({ kind: OrganizationKind.optional() }) },
  responses: { 200: json(OrganizationPage, 'A page of organizations'), ...problems(400, 401) },
})

const create = route({
  method: 'post',
  path: '/v1/organizations',
  operationId: 'createOrganization',
  tags: ['organizations'],
  access: 'user',
  summary: 'Create an organization',
  description:
    'Platform admins only. The organisation number is checked (9 digits, MOD-11); a municipality number already held by another organization answers 409 `organization.municipality_number_taken`.',
  request: jsonBody(CreateOrganization, 'The organization'),
  responses: { 201: json(Organization, 'Created'), ...problems(401, 403, 409, 415, 422) },
})

const get = route({
  method: 'get',
  path: '/v1/organizations/{id}',
  operationId: 'getOrganization',
  tags: ['organizations'],
  access: 'user',
  summary: 'Get an organization',
  description: 'Members and platform admins. Sends an ETag for conditional updates.',
  request: { params: IdParam },
  responses: { 200: json(Organization, 'The organization'), ...problems(400, 401, 404) },
})

const patch = route({
  method: 'patch',
  path: '/v1/organizations/{id}',
  operationId: 'updateOrganization',
  tags: ['organizations'],
  access: 'user',
  summary: 'Update an organization',
  description:
    'Organization admins and platform admins. Send If-Match with the ETag you read. Municipality numbers are set by platform admins only (403 `organization.municipality_numbers_admin_only` for anyone else) and belong to one organization each (409 `organization.municipality_number_taken`).',
  request: { params: IdParam, headers: IfMatch, ...jsonBody(UpdateOrganization, 'Fields to change') },
  responses: { 200: json(Organization, 'Updated'), ...problems(400, 401, 403, 404, 409, 412, 415, 422) },
})

const members = route({
  method: 'get',
  path: '/v1/organizations/{id}/members',
  operationId: 'listMembers',
  tags: ['organizations'],
  access: 'user',
  summary: 'List members',
  description: 'The users of an organization and their roles. Visible to its members.',
  request: { params: IdParam },
  responses: { 200: json(Member.array(), 'Members'), ...problems(400, 401, 404) },
})

const addMember = route({
  method: 'post',
  path: '/v1/organizations/{id}/members',
  operationId: 'addMember',
  tags: ['organizations'],
  access: 'user',
  summary: 'Add a member',
  description:
    'Organization admins. Invites an existing user by email, or creates the user and invites them. The membership is `pending` and grants nothing until the user accepts it (POST /v1/me/invitations/{organizationId}/accept); until then it shows the email only, never the user’s name, and answers alike whether or not the email had an account.',
  request: { params: IdParam, ...jsonBody(AddMember, 'The member') },
  responses: { 201: json(Member, 'Added'), ...problems(400, 401, 403, 404, 415, 422) },
})

const changeRole = route({
  method: 'patch',
  path: '/v1/organizations/{id}/members/{userId}',
  operationId: 'changeMemberRole',
  tags: ['organizations'],
  access: 'user',
  summary: 'Change a member’s role',
  description: 'Organization admins. The last admin cannot be demoted.',
  request: { params: MemberParams, ...jsonBody(UpdateMember, 'The new role') },
  responses: { 200: json(Member, 'Changed'), ...problems(400, 401, 403, 404, 409, 415, 422) },
})

const removeMember = route({
  method: 'delete',
  path: '/v1/organizations/{id}/members/{userId}',
  operationId: 'removeMember',
  tags: ['organizations'],
  access: 'user',
  summary: 'Remove a member',
  description: 'Organization admins. The last admin cannot be removed.',
  request: { params: MemberParams },
  responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404, 409) },
})

export function registerOrganizationRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const page = await orgs.listOrganizations(ctxOf(c), c.req.valid('query'))
    return c.json({ items: page.items.map(organizationOut), nextCursor: page.nextCursor }, 200)
  })
  app.openapi(create, async (c) => {
    const org = await orgs.createOrganization(ctxOf(c), c.req.valid('json'))
    c.header('ETag', etagOf('organization', org.id, org.version))
    return c.json(organizationOut(org), 201)
  })
  app.openapi(get, async (c) => {
    const org = await orgs.getOrganization(ctxOf(c), c.req.valid('param').id)
    c.header('ETag', etagOf('organization', org.id, org.version))
    return c.json(organizationOut(org), 200)
  })
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param')
    const org = await orgs.updateOrganization(ctxOf(c), id, c.req.valid('json'), c.req.header('if-match'))
    c.header('ETag', etagOf('organization', org.id, org.version))
    return c.json(organizationOut(org), 200)
  })
  app.openapi(members, async (c) => {
    const rows = await orgs.listMembers(ctxOf(c), c.req.valid('param').id)
    return c.json(rows.map(memberOut), 200)
  })
  app.openapi(addMember, async (c) => {
    const m = await orgs.addMember(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))
    return c.json(memberOut(m), 201)
  })
  app.openapi(changeRole, async (c) => {
    const { id, userId } = c.req.valid('param')
    const m = await orgs.changeMemberRole(ctxOf(c), id, userId, c.req.valid('json').role)
    return c.json(memberOut(m), 200)
  })
  app.openapi(removeMember, async (c) => {
    const { id, userId } = c.req.valid('param')
    await orgs.removeMember(ctxOf(c), id, userId)
    return c.body(null, 204)
  })
}
