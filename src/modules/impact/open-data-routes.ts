import { type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { XLSX_CONTENT_TYPE } from '../../domain/sheets.ts'
import { ctxOf } from '../../http/context.ts'
import { csvDialect, DecimalQuery, requestSheetLanguage, SepQuery } from '../../http/csv-dialect.ts'
import type { AppEnv } from '../../http/env.ts'
import { json, problems, route } from '../../http/openapi.ts'
import { invalidParams } from '../../http/problem.ts'
import { sendWorkbook } from '../../http/sheets.ts'
import { contentEtag, matchesIfNoneMatch } from './content-etag.ts'
import { LICENCE, openImpact, openImpactCsv, openImpactWorkbook } from './open-data-service.ts'
import { MunicipalityParam, OpenImpact } from './schemas.ts'

/**
 * `GET /v1/open/impact/{municipality}.json|.csv`. A router parameter cannot end in a fixed suffix
 * (`:municipality.json` would be one parameter named `municipality.json`), so each format is one
 * Hono route matching `<anything>.json` (or `.csv`) whose stem is checked here, and the OpenAPI
 * document declares the path as `{municipality}.json` with a 4-digit parameter.
 */
export const MAX_AGE_SECONDS = 900

const cacheHeaders = {
  ETag: { schema: { type: 'string' as const }, description: 'A strong tag of the content (SHA-256)' },
  'Cache-Control': { schema: { type: 'string' as const }, description: `public, max-age=${MAX_AGE_SECONDS}` },
  Link: {
    schema: { type: 'string' as const },
    description: 'The licence: <https://data.norge.no/nlod/no/2.0>; rel="license"',
  },
}

const COMMON =
  'No login. The protected figures (the same disclosure control as GET /v1/impact) of verified values of ventures that opted in (`publishOpenData`) and share data with a municipality organization that published its open-data view; 404 when none has. Licensed under NLOD 2.0 (Norsk lisens for offentlige data). Cacheable: send `If-None-Match` with the ETag for a 304.'

const openJson = route({
  method: 'get',
  path: '/v1/open/impact/{municipality}.json',
  operationId: 'getOpenImpactJson',
  tags: ['impact'],
  access: 'public',
  summary: 'Open data: a municipality’s impact as JSON',
  description: `${COMMON} With the licence and the definition of each indicator; quarters (where a year has them) and years.`,
  request: { params: MunicipalityParam },
  responses: {
    200: { ...json(OpenImpact, 'The open dataset'), headers: cacheHeaders },
    304: { description: 'Not modified (the If-None-Match tag is current)', headers: cacheHeaders },
    ...problems(400, 404, 422),
  },
})

const openCsv = route({
  method: 'get',
  path: '/v1/open/impact/{municipality}.csv',
  operationId: 'getOpenImpactCsv',
  tags: ['impact'],
  access: 'public',
  summary: 'Open data: a municipality’s impact as CSV',
  description: `${COMMON} One line per published cell (totals, then gender and age cells) with the indicator’s definition; a suppressed cell has an empty value, \`suppressed\` true and its reason. UTF-8 with a byte order mark, CRLF; \`decimal=point\` (\`,\`-separated) unless asked.`,
  request: {
    params: MunicipalityParam,
    query: z.object({
      decimal: DecimalQuery.openapi({
        description:
          'Decimal mark: `point` (default: `12.5`, cells separated by `,`, the same file for every caller so caches and scripts can rely on it) or `comma` (`12,5`, separated by `;`, for Norwegian spreadsheets). Accept-Language does not change open data.',
      }),
      sep: SepQuery,
    }),
  },
  responses: {
    200: {
      content: {
        'text/csv': {
          schema: z.string().openapi({
            example:
              'indicator_code;indicator_nb;indicator_en;unit;aggregation;period;dimension;category;value;…',
          }),
        },
      },
      description: 'The open dataset as CSV',
      headers: cacheHeaders,
    },
    304: { description: 'Not modified (the If-None-Match tag is current)', headers: cacheHeaders },
    ...problems(400, 404, 422),
  },
})

const openXlsx = route({
  method: 'get',
  path: '/v1/open/impact/{municipality}.xlsx',
  operationId: 'getOpenImpactXlsx',
  tags: ['impact'],
  access: 'public',
  summary: 'Open data: a municipality’s impact as XLSX',
  description: `${COMMON} The CSV’s cells typed (numbers as numbers, a suppressed cell empty with \`suppressed\` true), and a definitions sheet — columns, each indicator’s unit and aggregation kind, the caveats on suppression and municipality numbers, the licence — in the request’s language (Accept-Language: nb, else English). 501 \`sheets.unavailable\` on Cloudflare Workers.`,
  request: { params: MunicipalityParam },
  responses: {
    200: {
      content: {
        [XLSX_CONTENT_TYPE]: {
          schema: z.string().openapi({ format: 'binary', description: 'An Office Open XML workbook' }),
        },
      },
      description: 'The open dataset as XLSX',
      headers: cacheHeaders,
    },
    304: { description: 'Not modified (the If-None-Match tag is current)', headers: cacheHeaders },
    ...problems(400, 404, 422, 501),
  },
})

function municipalityOf(file: string, extension: string): string {
  const stem = file.slice(0, -extension.length)
  if (!/^\d{4}$/.test(stem)) {
    throw invalidParams('path', [
      { in: 'path', path: 'municipality', message: 'Must be a 4-digit municipality number.' },
    ])
  }
  return stem
}

async function send(
  c: Context<AppEnv>,
  body: string,
  contentType: string,
  extra: Record<string, string> = {},
) {
  const etag = await contentEtag(body)
  const headers = {
    ETag: etag,
    'Cache-Control': `public, max-age=${MAX_AGE_SECONDS}`,
    Link: `<${LICENCE.url}>; rel="license"`,
    'Access-Control-Allow-Origin': '*',
    Vary: 'Accept-Encoding',
  }
  if (matchesIfNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers)
  return c.body(body, 200, { ...headers, 'Content-Type': contentType, ...extra })
}

export function registerOpenDataRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerPath(openJson)
  app.openAPIRegistry.registerPath(openCsv)
  app.openAPIRegistry.registerPath(openXlsx)
  app.get('/v1/open/impact/:file{[^/]+\\.json}', async (c) => {
    const data = await openImpact(ctxOf(c), municipalityOf(c.req.param('file'), '.json'))
    return send(c, JSON.stringify(data), 'application/json; charset=utf-8')
  })
  app.get('/v1/open/impact/:file{[^/]+\\.csv}', async (c) => {
    const sep = c.req.query('sep')
    if (sep !== undefined && sep !== 'semicolon' && sep !== 'comma') {
      throw invalidParams('query', [{ in: 'query', path: 'sep', message: 'Must be semicolon or comma.' }])
    }
    const decimal = c.req.query('decimal')
    if (decimal !== undefined && decimal !== 'comma' && decimal !== 'point') {
      throw invalidParams('query', [{ in: 'query', path: 'decimal', message: 'Must be comma or point.' }])
    }
    const municipality = municipalityOf(c.req.param('file'), '.csv')
    const data = await openImpact(ctxOf(c), municipality)
    // Open data does not follow Accept-Language: one file per query for every cache and script.
    return send(c, openImpactCsv(data, csvDialect({ decimal, sep }, 'point')), 'text/csv; charset=utf-8', {
      'Content-Disposition': `inline; filename="effekt-impact-${municipality}.csv"`,
    })
  })
  app.get('/v1/open/impact/:file{[^/]+\\.xlsx}', async (c) => {
    const municipality = municipalityOf(c.req.param('file'), '.xlsx')
    const data = await openImpact(ctxOf(c), municipality)
    const language = requestSheetLanguage(c)
    // A zip's bytes carry its writing time: the tag is of the figures and the language instead.
    const etag = await contentEtag(`${language}\n${JSON.stringify(data)}`)
    const headers = {
      ETag: etag,
      'Cache-Control': `public, max-age=${MAX_AGE_SECONDS}`,
      Link: `<${LICENCE.url}>; rel="license"`,
      'Access-Control-Allow-Origin': '*',
      Vary: 'Accept-Encoding, Accept-Language',
    }
    if (matchesIfNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers)
    return sendWorkbook(c, `effekt-impact-${municipality}.xlsx`, openImpactWorkbook(data, language), headers)
  })
}
