import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../../http/context.ts'
import type { AppEnv } from '../../../http/env.ts'
import { json, jsonBody, problems, route } from '../../../http/openapi.ts'
import { PageQuery, pageOf } from '../../../http/pagination.ts'
import { VentureIdParam } from '../schemas/common.ts'
import { CreateShare, Share, ShareListQuery, ShareParams } from '../schemas/shares.ts'
import { shareOut } from '../serialize.ts'
import * as shares from '../shares-service.ts'

const list = route({
  method: 'get',
  path: '/v1/ventures/{id}/shares',
  operationId: 'listShares',
  tags: ['shares'],
  access: 'user',
  summary: 'Whom the venture shares its data with',
  description:
    'The venture’s members and platform admins. Active shares by default; `includeRevoked=true` shows the history. Investors with an investment have detailed access without a share.',
  request: { params: VentureIdParam, query: PageQuery.extend(ShareListQuery.shape) },
  responses: {
    200: json(pageOf(Share, 'DataSharePage'), 'A page of shares, oldest first'),
    ...problems(400, 401, 403, 404),
  },
})

const create = route({
  method: 'post',
  path: '/v1/ventures/{id}/shares',
  operationId: 'createShare',
  tags: ['shares'],
  access: 'user',
  summary: 'Share the venture’s data with an organization',
  description:
    'The venture’s admins grant an organization (a municipality, a funder, NAV) `aggregate` or `detailed` access. One active share per organization: revoke it to change the level (409 otherwise).',
  request: { params: VentureIdParam, ...jsonBody(CreateShare, 'Whom and how much') },
  responses: { 201: json(Share, 'Granted'), ...problems(400, 401, 403, 404, 409, 415, 422) },
})

const revoke = route({
  method: 'delete',
  path: '/v1/ventures/{id}/shares/{shareId}',
  operationId: 'revokeShare',
  tags: ['shares'],
  access: 'user',
  summary: 'Revoke a share',
  description:
    'The venture’s admins revoke access at once; the share stays in the history. Revoking a revoked share answers the same.',
  request: { params: ShareParams },
  responses: { 200: json(Share, 'Revoked'), ...problems(400, 401, 403, 404) },
})

export function registerShareRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query')
    const page = await shares.listShares(ctxOf(c), c.req.valid('param').id, {
      ...q,
      includeRevoked: q.includeRevoked === 'true',
    })
    return c.json({ items: page.items.map(shareOut), nextCursor: page.nextCursor }, 200)
  })
  app.openapi(create, async (c) => {
    const share = await shares.createShare(ctxOf(c), c.req.valid('param').id, c.req.valid('json'))
    return c.json(shareOut(share), 201)
  })
  app.openapi(revoke, async (c) => {
    const { id, shareId } = c.req.valid('param')
    return c.json(shareOut(await shares.revokeShare(ctxOf(c), id, shareId)), 200)
  })
}
