import type { OpenAPIHono } from '@hono/zod-openapi'
import { ctxOf } from '../../http/context.ts'
import type { AppEnv } from '../../http/env.ts'
import { json, jsonBody, problems, route } from '../../http/openapi.ts'
import { IdParam } from '../identity/index.ts'
import { IatiSectorMappings, UpdateIatiSectorMappings } from './iati-sectors-schemas.ts'
import { getIatiSectors, putIatiSectors } from './iati-sectors-service.ts'

const ABOUT =
  'Each venture theme’s DAC 5-digit sector (IATI Sector codelist, vocabulary 1) in the investor’s IATI export: an activity lists the sectors of its venture’s themes, split evenly, and a venture without themes counts as `other`.'

const getSectors = route({
  method: 'get',
  path: '/v1/organizations/{id}/iati-sectors',
  operationId: 'getIatiSectors',
  tags: ['exports'],
  access: 'user',
  summary: 'Sector per venture theme in the IATI export',
  description: `${ABOUT} Members of the investor organization (any role) and platform administrators; 404 for anyone else and for organizations that are not investors.`,
  request: { params: IdParam },
  responses: { 200: json(IatiSectorMappings, 'Every theme with its sector'), ...problems(400, 401, 404) },
})

const putSectors = route({
  method: 'put',
  path: '/v1/organizations/{id}/iati-sectors',
  operationId: 'setIatiSectors',
  tags: ['exports'],
  access: 'user',
  summary: 'Choose the sector of venture themes in the IATI export',
  description: `${ABOUT} Replaces the investor’s choices: themes left out, or given their default, use the shipped default. Editors and administrators of the investor and platform administrators (viewers 403). Codes must be active in the Sector codelist (422 \`iati.sector_unknown\`). Audited as \`iati_sectors.update\`.`,
  request: { params: IdParam, ...jsonBody(UpdateIatiSectorMappings, 'The themes to map') },
  responses: {
    200: json(IatiSectorMappings, 'Every theme with its sector, after the change'),
    ...problems(400, 401, 403, 404, 415, 422),
  },
})

export function registerIatiSectorRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getSectors, async (c) => c.json(await getIatiSectors(ctxOf(c), c.req.valid('param').id), 200))
  app.openapi(putSectors, async (c) =>
    c.json(await putIatiSectors(ctxOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
}
