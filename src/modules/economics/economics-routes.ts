import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { etagOf } from '../../http/etag.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import { IfMatchHeader, VentureIdParam } from '../outcomes/index.ts'
import { EconomicsQuery, VentureEconomics } from './economics-schemas.ts'
import { ventureEconomicsOut } from './economics-serialize.ts'
import { getVentureEconomics } from './economics-service.ts'
import { PutSroi, Sroi, SroiQuery } from './sroi-schemas.ts'
import { sroiOut } from './sroi-serialize.ts'
import { getSroi, putSroi } from './sroi-service.ts'

const tags = ['economics']

const economics = route({
  method: 'get',
  path: '/v1/ventures/{id}/economics',
  operationId: 'getVentureEconomics',
  tags,
  access: 'user',
  summary: 'Cost per outcome, attribution and SROI of a venture',
  description:
    'Anyone with detailed access to the venture. For a window (`from`, `to`, inclusive dates): cost per outcome = capital disbursed to the venture in the window (investments and other funding; with `includeSupport=true` also valued non-financial support) / verified units, per outcome indicator counted in people or things; the investor’s share of all capital disbursed to the venture up to the window’s end and the outcomes attributed to it; and the newest SROI ratio. Only verified values count; a period counts when it lies wholly inside the window.',
  request: { params: VentureIdParam, query: EconomicsQuery },
  responses: { 200: json(VentureEconomics, 'The venture’s impact economics'), ...problems(400, 401, 404) },
})

const getModel = route({
  method: 'get',
  path: '/v1/ventures/{id}/sroi',
  operationId: 'getSroi',
  tags,
  access: 'user',
  summary: 'A venture’s SROI',
  description:
    'Anyone with detailed access to the venture. The newest model version (or `?version=`) evaluated against the verified outcomes known now: impact per year per outcome, present value, SROI ratio, net SROI, payback months, a sensitivity table, and the quantities used with the report periods they came from. 404 when the venture has no model. Sends an ETag for conditional updates.',
  request: { params: VentureIdParam, query: SroiQuery },
  responses: { 200: json(Sroi, 'The evaluated model'), ...problems(400, 401, 404) },
})

const putModel = route({
  method: 'put',
  path: '/v1/ventures/{id}/sroi',
  operationId: 'putSroi',
  tags,
  access: 'user',
  summary: 'Write a new version of a venture’s SROI model',
  description:
    'The venture’s editors and admins, editors and admins of its investors with standing, and platform admins. Every PUT writes the next version; earlier versions stay readable with `?version=`. Only indicators assigned to the venture can be valued, and not rates. Send If-Match with the ETag you read to refuse a stale write (412).',
  request: { params: VentureIdParam, headers: IfMatchHeader, ...jsonBody(PutSroi, 'The assumptions') },
  responses: {
    200: json(Sroi, 'The new version, evaluated'),
    ...problems(400, 401, 403, 404, 409, 412, 415, 422),
  },
})

export function registerEconomicsVentureRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(economics, async (c) => {
    const result = await getVentureEconomics(ctxOf(c), c.req.valid('param').id, c.req.valid('query'))
    return c.json(ventureEconomicsOut(result), 200)
  })
  app.openapi(getModel, async (c) => {
    const view = await getSroi(ctxOf(c), c.req.valid('param').id, c.req.valid('query').version)
    c.header('ETag', etagOf('sroi', view.ventureId, view.evaluation.model.model.version))
    return c.json(sroiOut(view), 200)
  })
  app.openapi(putModel, async (c) => {
    const view = await putSroi(
      ctxOf(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.req.header('if-match'),
    )
    c.header('ETag', etagOf('sroi', view.ventureId, view.evaluation.model.model.version))
    return c.json(sroiOut(view), 200)
  })
}
