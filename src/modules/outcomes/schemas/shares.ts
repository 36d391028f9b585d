import { z } from '@hono/zod-openapi'
import { OrganizationKind } from '../../identity/index.ts'

export const ShareLevel = z.enum(['aggregate', 'detailed']).openapi('ShareLevel', {
  description:
    '`aggregate`: the organization sees the profile and the venture’s data only inside aggregates (a municipality’s impact view, suppressed); `detailed`: it sees the venture’s reports and values as investors do',
})

export const Share = z
  .object({
    id: z.uuid(),
    ventureId: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string().openapi({ example: 'Nordre Follo kommune' }),
    organizationKind: OrganizationKind,
    level: ShareLevel,
    active: z.boolean(),
    createdAt: z.iso.datetime(),
    createdByUserId: z.uuid().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    revokedByUserId: z.uuid().nullable(),
  })
  .openapi('DataShare')

export const CreateShare = z
  .object({
    organizationId: z.uuid().openapi({ description: 'The organization to share with' }),
    level: ShareLevel,
  })
  .openapi('CreateDataShare')

export const ShareListQuery = z.object({
  includeRevoked: z
    .enum(['true', 'false'])
    .default('false')
    .openapi({ description: '`true` lists revoked shares too (the history)' }),
})

export const ShareParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'The venture’s id' }),
  shareId: z.uuid().openapi({ param: { name: 'shareId', in: 'path' }, description: 'The share’s id' }),
})
