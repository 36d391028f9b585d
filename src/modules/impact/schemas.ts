import { z } from '@hono/zod-openapi'
import { nullableRef } from '../../http/openapi.ts'
import { Aggregation, Direction, IndicatorLevel, IndicatorUnit } from '../outcomes/index.ts'
import { Theme } from '../ventures/index.ts'

export const ImpactQuery = z.object({
  municipality: z.string().max(10).openapi({
    example: '3207',
    description:
      'A municipality number, current or earlier (0213 and 3020 both mean Nordre Follo, 3207); `all` for the whole country (platform administrators)',
  }),
  from: z.string().max(10).optional().openapi({
    example: '2022-01-01',
    description: 'A date or a period (its first day); whole periods only',
  }),
  to: z
    .string()
    .max(10)
    .optional()
    .openapi({ example: '2024-Q4', description: 'A date or a period (its last day); whole periods only' }),
  granularity: z
    .enum(['quarter', 'year'])
    .default('quarter')
    .openapi({ description: 'Rows per quarter (default) or per calendar year' }),
  theme: Theme.optional().openapi({ description: 'Only indicators of this theme' }),
  includeUnverified: z.enum(['true', 'false']).default('false').openapi({
    description: 'Count submitted (not yet verified) values too; the periods they enter are marked',
  }),
})

export const ImpactCell = z
  .object({
    value: z.string().nullable().openapi({
      example: '12',
      description: 'A decimal string; null when suppressed (never a fake 0), or a rate without a denominator',
    }),
    suppressed: z.boolean(),
    reason: z.enum(['disclosure-control', 'secondary', 'few-ventures']).optional().openapi({
      description:
        '`disclosure-control`: a count of people, hidden because it is small or because it would let a small one be worked out (all views together); which of the two is never said, since that would itself reveal the small ones. `few-ventures`: a financial figure from fewer than 3 ventures; `secondary`: a financial figure hidden so that no combination of views isolates one venture',
    }),
  })
  .openapi('ImpactCell', { example: { value: null, suppressed: true, reason: 'disclosure-control' } })

export const ImpactPeriod = z
  .object({
    period: z.string().openapi({ example: '2024-Q3' }),
    periodStart: z.string().openapi({ example: '2024-07-01' }),
    periodEnd: z.string().openapi({ example: '2024-09-30' }),
    value: ImpactCell,
    numerator: nullableRef(ImpactCell).openapi({ description: 'For rates: Σ numerator' }),
    denominator: nullableRef(ImpactCell).openapi({ description: 'For rates: Σ denominator' }),
    ventures: z.number().int().openapi({ example: 4, description: 'Ventures whose values make the figure' }),
    unverified: z.boolean().openapi({ description: 'Built (partly) from submitted, unverified values' }),
    breakdowns: z
      .record(z.string(), z.record(z.string(), ImpactCell))
      .openapi({ description: 'gender and age_band → category → cell; may add up to less than the total' }),
  })
  .openapi('ImpactPeriod')

export const ImpactTrend = z
  .object({
    period: z.string().openapi({ example: '2024-Q3' }),
    value: z.string(),
    previousPeriod: z.string().openapi({ example: '2023-Q3' }),
    previousValue: z.string(),
    change: z.string().openapi({ example: '6' }),
    direction: z.enum(['up', 'down', 'flat']),
    improving: z.boolean().nullable(),
  })
  .openapi('ImpactTrend', {
    description: 'The latest shown figure against the same period a year earlier (both shown)',
  })

export const ImpactIndicatorInfo = z
  .object({
    code: z.string().openapi({ example: 'NO-WORK-01' }),
    nameNb: z.string(),
    nameEn: z.string(),
    definition: z.string(),
    unit: IndicatorUnit,
    level: IndicatorLevel,
    aggregation: Aggregation,
    direction: Direction,
    personal: z.boolean(),
    themes: z.array(Theme),
    irisMetricId: z.string().nullable(),
    irisVersion: z.string().nullable(),
  })
  .openapi('ImpactIndicatorInfo')

const Disclosure = z.enum(['counts', 'financial', 'open']).openapi({
  description:
    '`counts`: a personal indicator, with primary and secondary suppression; `financial`: NOK, withheld below 3 ventures; `open`: shown as reported',
})

export const ImpactIndicator = z
  .object({
    indicator: ImpactIndicatorInfo,
    disclosure: Disclosure,
    periods: z.array(ImpactPeriod),
    trend: ImpactTrend.nullable(),
  })
  .openapi('ImpactIndicator')

export const Caveat = z
  .object({
    code: z.string().openapi({ example: 'double-counting' }),
    nb: z.string(),
    en: z.string().openapi({ example: 'People may be counted more than once …' }),
  })
  .openapi('ImpactCaveat')

export const ImpactMunicipality = z
  .object({
    code: z.string().openapi({ example: '3207' }),
    name: z.string().openapi({ example: 'Nordre Follo' }),
    rolledUpFrom: z.array(z.string()).openapi({ example: ['0213', '0217', '3020'] }),
    splitPredecessors: z.array(z.string()).openapi({ example: [] }),
  })
  .openapi('ImpactMunicipality')

export const Impact = z
  .object({
    scope: z.enum(['municipality', 'national']),
    municipality: ImpactMunicipality.nullable(),
    organizations: z
      .array(z.object({ id: z.uuid(), name: z.string() }))
      .openapi({ description: 'The municipality organizations whose data shares count' }),
    ventureCount: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Ventures that share with them (null for the national view)' }),
    from: z.string().nullable(),
    to: z.string().nullable(),
    granularity: z.enum(['quarter', 'year']),
    includeUnverified: z.boolean(),
    includesUnverified: z.boolean().openapi({ description: 'Some figure shown includes unverified values' }),
    suppressionThreshold: z.number().int().openapi({ example: 4 }),
    caveats: z.array(Caveat),
    indicators: z.array(ImpactIndicator),
  })
  .openapi('Impact')

export const OpenIndicator = z
  .object({
    indicator: ImpactIndicatorInfo.extend({
      irisCitation: z
        .string()
        .nullable()
        .openapi({ example: 'IRIS+ Client individuals: total (PI4060), v5.3' }),
    }),
    disclosure: Disclosure,
    quarters: z.array(ImpactPeriod),
    years: z.array(ImpactPeriod),
  })
  .openapi('OpenImpactIndicator')

export const Licence = z
  .object({
    identifier: z.literal('NLOD-2.0'),
    name: z.string().openapi({ example: 'Norsk lisens for offentlige data (NLOD) 2.0' }),
    nameEn: z.string(),
    url: z.string().openapi({ example: 'https://data.norge.no/nlod/no/2.0' }),
    urlEn: z.string(),
  })
  .openapi('OpenDataLicence')

export const OpenImpact = z
  .object({
    title: z.object({ nb: z.string(), en: z.string() }),
    description: z.object({ nb: z.string(), en: z.string() }),
    municipality: ImpactMunicipality,
    publishers: z.array(z.string()).openapi({ example: ['Nordre Follo kommune'] }),
    licence: Licence,
    basis: z.literal('verified').openapi({ description: 'Only verified values are published' }),
    suppressionThreshold: z.number().int(),
    ventureCount: z
      .number()
      .int()
      .openapi({ description: 'Ventures that publish open data and share with the municipality' }),
    caveats: z.array(Caveat),
    indicators: z.array(OpenIndicator),
  })
  .openapi('OpenImpact')

export const MunicipalityParam = z.object({
  municipality: z.string().openapi({
    param: { name: 'municipality', in: 'path' },
    description: 'The municipality number (4 digits)',
    example: '3207',
    pattern: '^[0-9]{4}$',
  }),
})

export const OpenDataSetting = z
  .object({
    organizationId: z.uuid(),
    published: z.boolean(),
    publishedAt: z.iso.datetime().nullable(),
    links: z
      .array(
        z.object({
          municipality: z.string().openapi({ description: 'The municipality number' }),
          json: z.string().openapi({ description: 'The open data as JSON' }),
          csv: z.string().openapi({ description: 'The open data as CSV' }),
          xlsx: z.string().openapi({ description: 'The open data as XLSX' }),
        }),
      )
      .openapi({
        description: 'Where the open data of each of the organization’s municipalities is',
        example: [
          {
            municipality: '3207',
            json: '/v1/open/impact/3207.json',
            csv: '/v1/open/impact/3207.csv',
            xlsx: '/v1/open/impact/3207.xlsx',
          },
        ],
      }),
  })
  .openapi('OpenDataSetting')

export const OpenDataUpdate = z
  .object({
    publish: z.boolean().openapi({
      description:
        'true publishes the municipality’s open-data view (ventures that opted in with `publishOpenData`); false withdraws it',
    }),
  })
  .openapi('OpenDataUpdate')
