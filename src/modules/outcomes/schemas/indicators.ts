import { z } from '@hono/zod-openapi'
import { AGGREGATIONS } from '../../../domain/aggregation-kind.ts'
import { INDICATOR_LEVELS, INDICATOR_UNITS } from '../../../domain/indicator-catalogue.ts'
import { Theme } from '../../ventures/index.ts'

export const IndicatorUnit = z.enum(INDICATOR_UNITS).openapi('IndicatorUnit', {
  description: 'What a value counts or measures; `percent` values are rates from 0 to 100',
})
export const IndicatorLevel = z.enum(INDICATOR_LEVELS).openapi('IndicatorLevel')
export const Direction = z.enum(['increase', 'decrease']).openapi('Direction', {
  description: 'Which way is better: progress to target is mirrored for `decrease`',
})
export const Aggregation = z.enum(AGGREGATIONS).openapi('Aggregation', {
  description:
    '`sum`: a flow (summed over periods and ventures); `last`: a stock (the latest period; across ventures the sum of each one’s latest); `ratio`: a rate (Σ numerator / Σ denominator, never the mean of rates)',
})
export const BreakdownDimension = z
  .enum(['gender', 'age_band', 'municipality'])
  .openapi('BreakdownDimension', { description: 'A dimension values can be broken down by' })

const SdgTarget = z
  .string()
  .regex(/^(1[0-7]|[1-9])\.([1-9]|[a-c]|1[0-9])$/, 'Must be an SDG target such as 8.5 or 4.a.')
  .openapi({ example: '8.5' })

export const Indicator = z
  .object({
    code: z.string().openapi({ example: 'PI4060' }),
    nameNb: z.string().openapi({ example: 'Deltakere (unike personer)' }),
    nameEn: z.string().openapi({ example: 'Client individuals: total' }),
    definition: z.string(),
    unit: IndicatorUnit,
    level: IndicatorLevel,
    direction: Direction,
    aggregation: Aggregation,
    themes: z.array(Theme),
    sdgTargets: z.array(z.string()).openapi({ example: ['8.5', '10.2'] }),
    irisMetricId: z.string().nullable().openapi({ example: 'PI4060' }),
    irisVersion: z.string().nullable().openapi({ example: '5.3' }),
    irisCitation: z.string().nullable().openapi({
      example: 'IRIS+ Client individuals: total (PI4060), v5.3',
      description: 'How to cite the IRIS+ metric',
    }),
    personal: z
      .boolean()
      .openapi({ description: 'Counts people: small counts are suppressed where published' }),
    allowedBreakdowns: z.array(BreakdownDimension),
    shareable: z
      .boolean()
      .openapi({ description: 'May be shown to municipalities and in the open-data view' }),
    ownerOrgId: z
      .uuid()
      .nullable()
      .openapi({ description: 'The organization that added it; null for the shared catalogue' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Indicator')

const editable = {
  nameNb: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  definition: z.string().trim().max(5000),
  level: IndicatorLevel,
  themes: z.array(Theme).max(7),
  sdgTargets: z.array(SdgTarget).max(30),
  irisMetricId: z
    .string()
    .regex(/^[A-Z]{2}\d{4}$/, 'Must be an IRIS+ metric ID such as PI4060.')
    .nullable(),
  irisVersion: z
    .string()
    .regex(/^\d+\.\d+[a-z]?$/, 'Must be an IRIS+ version such as 5.3.')
    .nullable(),
  allowedBreakdowns: z.array(BreakdownDimension).max(3),
  shareable: z.boolean(),
}
/** Fixed once values exist: every value reported against the indicator depends on them. */
const semantics = {
  unit: IndicatorUnit,
  aggregation: Aggregation,
  direction: Direction,
  personal: z.boolean(),
}

export const CreateIndicator = z
  .object({
    code: z
      .string()
      .regex(
        /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/,
        'Use capital letters, digits and single hyphens, starting with a letter (e.g. NO-WORK-10).',
      )
      .max(40)
      .openapi({ example: 'NORDLYS-01' }),
    ownerOrgId: z
      .uuid()
      .optional()
      .openapi({ description: 'The organization adding it, when you belong to several' }),
    nameNb: editable.nameNb,
    nameEn: editable.nameEn,
    definition: editable.definition.optional(),
    level: editable.level,
    themes: editable.themes.optional(),
    sdgTargets: editable.sdgTargets.optional(),
    irisMetricId: editable.irisMetricId.optional(),
    irisVersion: editable.irisVersion.optional(),
    allowedBreakdowns: editable.allowedBreakdowns.optional(),
    shareable: editable.shareable.optional(),
    ...semantics,
  })
  .openapi('CreateIndicator')

export const UpdateIndicator = z
  .object({ ...editable, ...semantics })
  .partial()
  .strict()
  .openapi('UpdateIndicator')
export type IndicatorPatch = z.infer<typeof UpdateIndicator>

export const IndicatorListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .openapi({ description: 'Search in the code, both names, the definition and the IRIS+ ID' }),
  theme: Theme.optional().openapi({ description: 'Only indicators of this theme' }),
  owner: z
    .string()
    .optional()
    .openapi({ description: '`catalogue` for the shared catalogue only, or an organization id' }),
})
