import { z } from '@hono/zod-openapi'
import { Theme } from '../ventures/index.ts'

const SectorCode = z
  .string()
  .regex(/^[0-9]{5}$/)
  .openapi({
    description: 'An active 5-digit code of the IATI Sector codelist (OECD DAC CRS purpose codes)',
    example: '16020',
  })

export const IatiSectorMapping = z
  .object({
    theme: Theme.openapi({ description: 'The venture theme' }),
    sectorCode: SectorCode,
    sectorName: z.string().openapi({
      description: 'The code’s name in the Sector codelist (English, as IATI publishes it)',
      example: 'Employment creation',
    }),
    isDefault: z.boolean().openapi({ description: 'Whether the code is the shipped default for the theme' }),
    defaultSectorCode: SectorCode.openapi({ description: 'The shipped default code for the theme' }),
  })
  .openapi('IatiSectorMapping')

export const IatiSectorMappings = z
  .object({
    organizationId: z.uuid().openapi({ description: 'The investor organization' }),
    sectors: z
      .array(IatiSectorMapping)
      .openapi({ description: 'Every venture theme, in the order of the Theme list' }),
  })
  .openapi('IatiSectorMappings')

export const UpdateIatiSectorMappings = z
  .object({
    sectors: z
      .array(
        z.object({
          theme: Theme.openapi({ description: 'The venture theme' }),
          sectorCode: SectorCode,
        }),
      )
      .max(50)
      .openapi({
        description:
          'Themes to map, each at most once. A theme left out, or given its default code, uses the shipped default.',
      }),
  })
  .openapi('UpdateIatiSectorMappings')
