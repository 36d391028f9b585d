import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../../http/context.ts'
import type { AppEnv } from '../../../http/env.ts'
import { json, problems, route } from '../../../http/openapi.ts'
import { VentureIdParam } from '../schemas/common.ts'
import { TimeSeries, TimeSeriesQuery } from '../schemas/time-series.ts'
import { timeSeriesOut } from '../serialize.ts'
import { timeSeries } from '../time-series-service.ts'

const get = route({
  method: 'get',
  path: '/v1/ventures/{id}/outcomes',
  operationId: 'getOutcomes',
  tags: ['outcomes'],
  access: 'user',
  summary: 'A venture’s outcomes over time',
  description:
    'Per indicator and per quarter or year: the value aggregated by the indicator’s semantics (a flow’s sum, a stock’s latest value, a rate’s Σ numerator / Σ denominator), baseline, target, progress to target and status (green ≥ 90 %, amber ≥ 60 %, else red). Only verified values count unless `includeUnverified=true`; `includesUnverified` says whether any unverified value was used.',
  request: { params: VentureIdParam, query: TimeSeriesQuery },
  responses: { 200: json(TimeSeries, 'The time series'), ...problems(400, 401, 404) },
})

export function registerTimeSeriesRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(get, async (c) => {
    const q = c.req.valid('query')
    const ventureId = c.req.valid('param').id
    const includeUnverified = q.includeUnverified === 'true'
    const result = await timeSeries(ctxOf(c), ventureId, { ...q, includeUnverified })
    return c.json(timeSeriesOut(ventureId, includeUnverified, result), 200)
  })
}
