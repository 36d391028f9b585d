import { z } from '@hono/zod-openapi'
import { httpUrl } from '../../http/openapi.ts'
import { MunicipalityNumber, OrgNumber } from '../identity/index.ts'

export const THEMES = [
  'employment',
  'youth',
  'inclusion',
  'education',
  'health',
  'environment',
  'other',
] as const
export const Theme = z.enum(THEMES).openapi('Theme')
export const VentureStatus = z.enum(['active', 'exited', 'closed']).openapi('VentureStatus')
export const DepthOfChange = z.enum(['life-changing', 'life-improving']).openapi('DepthOfChange')
const IsoDate = z.iso.date().openapi({ example: '2019-03-01' })

export const Venture = z
  .object({
    id: z.uuid().openapi({ description: 'The venture organization’s id' }),
    name: z.string().openapi({ example: 'Arbeidsglede AS' }),
    orgNumber: z.string().nullable(),
    description: z.string(),
    founded: z.string().nullable().openapi({ example: '2017-05-01' }),
    themes: z.array(Theme),
    sdgGoals: z.array(z.number().int()).openapi({ example: [8, 10] }),
    municipalities: z.array(z.string()).openapi({ example: ['3207'] }),
    status: VentureStatus,
    theoryOfChange: z.string(),
    depthOfChange: DepthOfChange.nullable(),
    website: z.string().nullable(),
    publishOpenData: z.boolean().openapi({ description: 'Opted in to the municipalities’ open-data view' }),
    access: z
      .enum(['member', 'detailed', 'profile'])
      .openapi({ description: 'What the caller may see of this venture' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Venture')

const profileFields = {
  description: z.string().max(5000),
  founded: IsoDate.nullable(),
  themes: z.array(Theme).max(7),
  sdgGoals: z.array(z.number().int().min(1).max(17)).max(17),
  municipalities: z.array(MunicipalityNumber).max(400),
  status: VentureStatus,
  theoryOfChange: z.string().max(10000),
  depthOfChange: DepthOfChange.nullable(),
  website: httpUrl(500).nullable(),
  publishOpenData: z.boolean(),
}

const Profile = z.object(profileFields)

export const CreateVenture = z
  .object({
    name: z.string().trim().min(1).max(200),
    orgNumber: OrgNumber.optional(),
    investorOrgId: z
      .uuid()
      .optional()
      .openapi({ description: 'The investor onboarding it, when you belong to several' }),
    ...Profile.partial().shape,
  })
  .openapi('CreateVenture')
export type CreateVentureInput = z.infer<typeof CreateVenture>

/** A venture's whole editable profile, its name aside. */
export type ProfilePatch = z.infer<typeof Profile> & { name?: string | undefined }

export const UpdateVenture = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    ...Profile.partial().shape,
  })
  .strict()
  .openapi('UpdateVenture')

export const VentureListQuery = z.object({
  theme: Theme.optional().openapi({ description: 'Only ventures with this theme' }),
  status: VentureStatus.optional().openapi({ description: 'Only ventures with this status' }),
  municipality: MunicipalityNumber.optional(),
  investor: z
    .uuid()
    .optional()
    .openapi({ description: 'Only ventures this investor organization invested in' }),
  q: z.string().trim().max(100).optional().openapi({ description: 'Search in the name' }),
})

export const VentureAudienceMember = z
  .object({
    organizationId: z.uuid(),
    name: z.string().openapi({ example: 'Oslo kommune' }),
    basis: z.enum(['investment', 'onboarding', 'share']).openapi({
      description:
        'Why it sees the data: an investor’s standing (an accepted investment, having onboarded the venture, or a detailed share, the first that applies), else a data share',
    }),
    level: z.enum(['detailed', 'aggregate']).openapi({
      description:
        '`detailed`: every report and value; `aggregate`: only aggregated figures (e.g. a municipality)',
    }),
  })
  .openapi('VentureAudienceMember')

export const VentureAudience = z
  .object({ items: z.array(VentureAudienceMember).openapi({ description: 'By organization name' }) })
  .openapi('VentureAudience', {
    description:
      'Every organization outside the venture that reads its data, by the same rules as access to it: investors with standing, and organizations it shares data with.',
  })
