import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../../http/context.ts'
import type { AppEnv } from '../../../http/env.ts'
import { etagOf } from '../../../http/etag.ts'
import { json, jsonBody, problems, route } from '../../../http/openapi.ts'
import { PageQuery, pageOf } from '../../../http/pagination.ts'
import * as indicators from '../indicators-service.ts'
import { IfMatchHeader, IndicatorCodeParam } from '../schemas/common.ts'
import { CreateIndicator, Indicator, IndicatorListQuery, UpdateIndicator } from '../schemas/indicators.ts'
import { indicatorOut } from '../serialize.ts'

const list = route({
  method: 'get',
  path: '/v1/indicators',
  operationId: 'listIndicators',
  tags: ['indicators'],
  access: 'user',
  summary: 'Search the indicator catalogue',
  description:
    'The shared catalogue (IRIS+ metrics and Norwegian work-inclusion indicators) and the indicators organizations added, by code. Search with `q` in codes, names, definitions and IRIS+ IDs.',
  request: { query: PageQuery.extend(IndicatorListQuery.shape) },
  responses: { 200: json(pageOf(Indicator, 'IndicatorPage'), 'A page of indicators'), ...problems(400, 401) },
})

const create = route({
  method: 'post',
  path: '/v1/indicators',
  operationId: 'createIndicator',
  tags: ['indicators'],
  access: 'user',
  summary: 'Add an indicator',
  description:
    'Editors and admins of an organization add their own indicators (the organization owns them); platform admins add to the shared catalogue. Codes shaped like IRIS+ IDs are reserved for the catalogue.',
  request: jsonBody(CreateIndicator, 'The indicator'),
  responses: { 201: json(Indicator, 'Created'), ...problems(401, 403, 409, 415, 422) },
})

const get = route({
  method: 'get',
  path: '/v1/indicators/{code}',
  operationId: 'getIndicator',
  tags: ['indicators'],
  access: 'user',
  summary: 'Get an indicator',
  description: 'Any signed-in user. Sends an ETag for conditional updates.',
  request: { params: IndicatorCodeParam },
  responses: { 200: json(Indicator, 'The indicator'), ...problems(400, 401, 404) },
})

const patch = route({
  method: 'patch',
  path: '/v1/indicators/{code}',
  operationId: 'updateIndicator',
  tags: ['indicators'],
  access: 'user',
  summary: 'Update an indicator',
  description:
    'The owner’s editors and admins (platform admins for the shared catalogue). Unit, aggregation, direction and `personal` cannot change once values have been reported against the indicator (409).',
  request: {
    params: IndicatorCodeParam,
    headers: IfMatchHeader,
    ...jsonBody(UpdateIndicator, 'Fields to change'),
  },
  responses: { 200: json(Indicator, 'Updated'), ...problems(400, 401, 403, 404, 409, 412, 415, 422) },
})

export function registerIndicatorRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const page = await indicators.listIndicators(ctxOf(c), c.req.valid('query'))
    return c.json({ items: page.items.map(indicatorOut), nextCursor: page.nextCursor }, 200)
  })
  app.openapi(create, async (c) => {
    const created = await indicators.createIndicator(ctxOf(c), c.req.valid('json'))
    c.header('ETag', etagOf('indicator', created.code, created.version))
    return c.json(indicatorOut(created), 201)
  })
  app.openapi(get, async (c) => {
    const indicator = await indicators.getIndicator(ctxOf(c), c.req.valid('param').code)
    c.header('ETag', etagOf('indicator', indicator.code, indicator.version))
    return c.json(indicatorOut(indicator), 200)
  })
  app.openapi(patch, async (c) => {
    const updated = await indicators.updateIndicator(
      ctxOf(c),
      c.req.valid('param').code,
      c.req.valid('json'),
      c.req.header('if-match'),
    )
    c.header('ETag', etagOf('indicator', updated.code, updated.version))
    return c.json(indicatorOut(updated), 200)
  })
}
