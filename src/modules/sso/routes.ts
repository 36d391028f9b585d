import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { requestOrigin } from '../../http/auth.ts'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import {
  AddSsoDomain,
  PutSsoSettings,
  SsoDomain,
  SsoDomainParams,
  SsoOrgParam,
  SsoSettings,
  VerifyQuery,
} from './schemas.ts'
import * as settings from './settings-service.ts'

export const CALLBACK_PATH = '/auth/oidc/callback'
export const startPath = (organizationId: string) => `/auth/oidc/${organizationId}/start`

const ADMINS = 'Organization admins and platform admins (403 for other members, 404 for everyone else).'
const dnsFailed = {
  502: { ...problems(502)[502], description: 'The DNS lookup failed or this server has no resolver' },
}

const getSso = route({
  method: 'get',
  path: '/v1/organizations/{id}/sso',
  operationId: 'getOrganizationSso',
  tags: ['sso'],
  access: 'user',
  summary: 'Single sign-on settings',
  description: `The organization's OpenID provider and email domains, without the client secret. ${ADMINS}`,
  request: { params: SsoOrgParam },
  responses: { 200: json(SsoSettings, 'The settings'), ...problems(400, 401, 403, 404) },
})

const putSso = route({
  method: 'put',
  path: '/v1/organizations/{id}/sso',
  operationId: 'putOrganizationSso',
  tags: ['sso'],
  access: 'user',
  summary: 'Set up single sign-on',
  description: `Sets the OpenID provider (issuer, client id, client secret). The secret is write-only: no answer returns it; omit it to keep the stored one. Register \`redirectUri\` from the answer at the provider. ${ADMINS}`,
  request: { params: SsoOrgParam, ...jsonBody(PutSsoSettings, 'The provider') },
  responses: { 200: json(SsoSettings, 'The settings'), ...problems(400, 401, 403, 404, 415, 422) },
})

const deleteSso = route({
  method: 'delete',
  path: '/v1/organizations/{id}/sso',
  operationId: 'deleteOrganizationSso',
  tags: ['sso'],
  access: 'user',
  summary: 'Remove single sign-on',
  description: `Removes the provider (the email domains stay, with their verification). Sessions already open stay open. ${ADMINS}`,
  request: { params: SsoOrgParam },
  responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404) },
})

const addDomain = route({
  method: 'post',
  path: '/v1/organizations/{id}/sso/domains',
  operationId: 'addSsoDomain',
  tags: ['sso'],
  access: 'user',
  summary: 'Add an email domain',
  description: `Lists an email domain the organization signs people in for, with the DNS TXT record that proves control of it. Adding a listed domain again answers it as it is (200). ${ADMINS}`,
  request: { params: SsoOrgParam, ...jsonBody(AddSsoDomain, 'The domain') },
  responses: {
    200: json(SsoDomain, 'Already listed'),
    201: json(SsoDomain, 'Listed'),
    ...problems(400, 401, 403, 404, 415, 422),
  },
})

const verifyDomain = route({
  method: 'post',
  path: '/v1/organizations/{id}/sso/domains/{domain}/verify',
  operationId: 'verifySsoDomain',
  tags: ['sso'],
  access: 'user',
  summary: 'Verify an email domain',
  description: `Looks up the domain's TXT records for \`effekt-verify=<token>\` (409 \`sso.domain_record_missing\` when absent; 409 \`sso.domain_taken\` when another organization verified it). With \`method=platform_admin\` a platform admin confirms control checked another way. ${ADMINS}`,
  request: { params: SsoDomainParams, query: VerifyQuery },
  responses: { 200: json(SsoDomain, 'Verified'), ...problems(400, 401, 403, 404, 409), ...dnsFailed },
})

const removeDomain = route({
  method: 'delete',
  path: '/v1/organizations/{id}/sso/domains/{domain}',
  operationId: 'removeSsoDomain',
  tags: ['sso'],
  access: 'user',
  summary: 'Remove an email domain',
  description: `People with addresses there can no longer sign in through the organization's provider. Memberships stay. ${ADMINS}`,
  request: { params: SsoDomainParams },
  responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404) },
})

const withLinks = (
  c: Context<AppEnv>,
  organizationId: string,
  s: Awaited<ReturnType<typeof settings.getSettings>>,
) => ({
  ...s,
  redirectUri: `${requestOrigin(c)}${CALLBACK_PATH}`,
  startUrl: `${requestOrigin(c)}${startPath(organizationId)}`,
})

export function registerSsoRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getSso, async (c) => {
    const { id } = c.req.valid('param')
    return c.json(withLinks(c, id, await settings.getSettings(ctxOf(c), id)), 200)
  })
  app.openapi(putSso, async (c) => {
    const { id } = c.req.valid('param')
    return c.json(withLinks(c, id, await settings.putSettings(ctxOf(c), id, c.req.valid('json'))), 200)
  })
  app.openapi(deleteSso, async (c) => {
    await settings.deleteSettings(ctxOf(c), c.req.valid('param').id)
    return c.body(null, 204)
  })
  app.openapi(addDomain, async (c) => {
    const r = await settings.addDomain(ctxOf(c), c.req.valid('param').id, c.req.valid('json').domain)
    return r.created ? c.json(r.domain, 201) : c.json(r.domain, 200)
  })
  app.openapi(verifyDomain, async (c) => {
    const { id, domain } = c.req.valid('param')
    const { method } = c.req.valid('query')
    return c.json(await settings.verifyDomain(ctxOf(c), id, domain, method, c.get('deps').resolveTxt), 200)
  })
  app.openapi(removeDomain, async (c) => {
    const { id, domain } = c.req.valid('param')
    await settings.removeDomain(ctxOf(c), id, domain)
    return c.body(null, 204)
  })
}
