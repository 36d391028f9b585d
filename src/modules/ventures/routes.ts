import { type OpenAPIHono, z } from '@hono/zod-openapi'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { etagOf } from '../../http/etag.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import { PageQuery, pageOf } from '../../http/pagination.ts'
import { iso } from '../../http/serialize.ts'
import { IdParam } from '../identity/index.ts'
import { CreateVenture, UpdateVenture, Venture, VentureAudience, VentureListQuery } from './schemas.ts'
import * as ventures from './service.ts'

type Row = Awaited<ReturnType<typeof ventures.getVenture>>['venture']
export const ventureOut = (v: Row, access: 'member' | 'detailed' | 'profile') => ({
  id: v.id,
  name: v.name,
  orgNumber: v.orgNumber,
  description: v.description,
  founded: v.founded,
  themes: v.themes as z.infer<typeof Venture>['themes'],
  sdgGoals: v.sdgGoals,
  municipalities: v.municipalities,
  status: v.status,
  theoryOfChange: v.theoryOfChange,
  depthOfChange: v.depthOfChange,
  website: v.website,
  publishOpenData: v.publishOpenData,
  access,
  createdAt: iso(v.createdAt),
  updatedAt: iso(v.updatedAt),
})

const IfMatch = z.object({
  'if-match': z.string().optional().openapi({ description: 'The ETag you read; a stale one answers 412' }),
})

const list = route({
  method: 'get',
  path: '/v1/ventures',
  operationId: 'listVentures',
  tags: ['ventures'],
  access: 'user',
  summary: 'List ventures',
  description:
    'Ventures the caller may see: their own, ones their investor invested in or onboarded, and ones shared with them. Filter by theme, status, municipality and investor; search by name.',
  request: { query: PageQuery.extend(VentureListQuery.shape) },
  responses: {
    200: json(pageOf(Venture, 'VenturePage'), 'A page of ventures, by name'),
    ...problems(400, 401),
  },
})

const create = route({
  method: 'post',
  path: '/v1/ventures',
  operationId: 'createVenture',
  tags: ['ventures'],
  access: 'user',
  summary: 'Onboard a venture',
  description:
    'Investors (editor or admin) and platform admins create a venture organization with its profile.',
  request: jsonBody(CreateVenture, 'The venture'),
  responses: { 201: json(Venture, 'Created'), ...problems(401, 403, 409, 415, 422) },
})

const get = route({
  method: 'get',
  path: '/v1/ventures/{id}',
  operationId: 'getVenture',
  tags: ['ventures'],
  access: 'user',
  summary: 'Get a venture’s profile',
  description: 'Anyone the venture is visible to. Sends an ETag for conditional updates.',
  request: { params: IdParam },
  responses: { 200: json(Venture, 'The venture'), ...problems(400, 401, 404) },
})

const patch = route({
  method: 'patch',
  path: '/v1/ventures/{id}',
  operationId: 'updateVenture',
  tags: ['ventures'],
  access: 'user',
  summary: 'Update a venture’s profile',
  description:
    'The venture’s editors, its investors’ editors and platform admins. Send If-Match; a stale ETag answers 412.',
  request: { params: IdParam, headers: IfMatch, ...jsonBody(UpdateVenture, 'Fields to change') },
  responses: { 200: json(Venture, 'Updated'), ...problems(400, 401, 403, 404, 412, 415, 422) },
})

const audience = route({
  method: 'get',
  path: '/v1/ventures/{id}/audience',
  operationId: 'getVentureAudience',
  tags: ['ventures'],
  access: 'user',
  summary: 'Whom the venture’s data reaches',
  description:
    'The venture’s members and platform admins: every organization that reads its data and why (an investor’s standing, or a data share) at which level. Everyone else gets 404.',
  request: { params: IdParam },
  responses: { 200: json(VentureAudience, 'The audience, by name'), ...problems(400, 401, 404) },
})

export function registerVentureRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const page = await ventures.listVentures(ctxOf(c), c.req.valid('query'))
    return c.json(
      { items: page.items.map((v) => ventureOut(v.venture, v.access)), nextCursor: page.nextCursor },
      200,
    )
  })
  app.openapi(create, async (c) => {
    const { venture, access } = await ventures.createVenture(ctxOf(c), c.req.valid('json'))
    c.header('ETag', etagOf('venture', venture.id, venture.version))
    return c.json(ventureOut(venture, access), 201)
  })
  app.openapi(get, async (c) => {
    const { venture, access } = await ventures.getVenture(ctxOf(c), c.req.valid('param').id)
    c.header('ETag', etagOf('venture', venture.id, venture.version))
    return c.json(ventureOut(venture, access), 200)
  })
  app.openapi(patch, async (c) => {
    const { venture, access } = await ventures.updateVenture(
      ctxOf(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.req.header('if-match'),
    )
    c.header('ETag', etagOf('venture', venture.id, venture.version))
    return c.json(ventureOut(venture, access), 200)
  })
  app.openapi(audience, async (c) =>
    c.json({ items: await ventures.getVentureAudience(ctxOf(c), c.req.valid('param').id) }, 200),
  )
}
