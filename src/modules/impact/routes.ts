import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import { IdParam } from '../identity/index.ts'
import { getOpenDataSetting, setOpenDataSetting } from './open-data-service.ts'
import { Impact, ImpactQuery, OpenDataSetting, OpenDataUpdate } from './schemas.ts'
import { impactOut } from './serialize.ts'
import { getImpact } from './service.ts'

const impact = route({
  method: 'get',
  path: '/v1/impact',
  operationId: 'getImpact',
  tags: ['impact'],
  access: 'user',
  summary: 'What ventures achieve in a municipality',
  description: [
    'For members of a municipality organization (their own municipality, under any of its numbers) and platform administrators; `municipality=all` gives platform administrators the whole country. Others get 404; an unknown municipality number 422.',
    'Per shared indicator (marked `shareable`) and quarter or year: the total over the ventures that share data with the municipality (aggregate or detailed), by the indicator’s semantics (flows add up, stocks add each venture’s latest value, rates are Σ numerator / Σ denominator), breakdowns by gender and age band, the number of contributing ventures and a year-on-year trend.',
    'Values count for the municipality through their municipality breakdown, with earlier numbers rolled into the current one (0213 Ski and 0217 Oppegård → 3020 → 3207 Nordre Follo); a value without one counts whole when its venture serves only this municipality, and is otherwise left out (see the caveats). Values under a number that was split stay under that number.',
    'Disclosure control: counts of people from 1 to SUPPRESSION_THRESHOLD − 1 (default 3) are suppressed, with further cells suppressed, chosen over every anonymous view of the municipality together (open data and each municipality organization’s view, verified and with submitted values), so that no combination of them bounds a suppressed count inside 1 to threshold − 1; such cells all say `disclosure-control`. Rates are suppressed with their numerator or denominator; financial (NOK) figures from fewer than 3 ventures are withheld (`few-ventures`), and more (`secondary`) so that no combination of views isolates one venture. Suppressed cells are `{ "value": null, "suppressed": true, "reason": … }`.',
    'Only verified values count unless `includeUnverified=true`; periods built partly from submitted values are then marked `unverified`.',
  ].join('\n\n'),
  request: { query: ImpactQuery },
  responses: { 200: json(Impact, 'The municipality’s impact'), ...problems(400, 401, 404, 422) },
})

const getSetting = route({
  method: 'get',
  path: '/v1/organizations/{id}/open-data',
  operationId: 'getOpenDataSetting',
  tags: ['impact'],
  access: 'user',
  summary: 'Whether a municipality publishes open data',
  description: 'Members of the municipality organization and platform administrators; others get 404.',
  request: { params: IdParam },
  responses: {
    200: json(OpenDataSetting, 'The setting and the open-data links'),
    ...problems(400, 401, 404),
  },
})

const putSetting = route({
  method: 'put',
  path: '/v1/organizations/{id}/open-data',
  operationId: 'setOpenDataSetting',
  tags: ['impact'],
  access: 'user',
  summary: 'Publish or withdraw a municipality’s open-data view',
  description:
    'The organization’s administrators and platform administrators. Once published, `GET /v1/open/impact/{municipality}.json` and `.csv` serve the protected figures of ventures that opted in with `publishOpenData` and share with this organization, without login, under NLOD 2.0.',
  request: { params: IdParam, ...jsonBody(OpenDataUpdate, 'Publish or not') },
  responses: { 200: json(OpenDataSetting, 'The setting'), ...problems(400, 401, 403, 404, 415, 422) },
})

export function registerImpactViewRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(impact, async (c) => {
    const q = c.req.valid('query')
    const view = await getImpact(ctxOf(c), { ...q, includeUnverified: q.includeUnverified === 'true' })
    return c.json(impactOut(view), 200)
  })
  app.openapi(getSetting, async (c) =>
    c.json(await getOpenDataSetting(ctxOf(c), c.req.valid('param').id), 200),
  )
  app.openapi(putSetting, async (c) =>
    c.json(await setOpenDataSetting(ctxOf(c), c.req.valid('param').id, c.req.valid('json').publish), 200),
  )
}
