import { z } from '@hono/zod-openapi'
import { isValidOrgNumber } from '../../domain/org-number.ts'

export const OrganizationKind = z
  .enum(['investor', 'venture', 'municipality', 'agency', 'other'])
  .openapi('OrganizationKind', { description: 'What kind of organization this is' })
export const Role = z.enum(['admin', 'editor', 'viewer']).openapi('Role', {
  description: 'admin: everything in the organization; editor: change its data; viewer: read only',
})

export const OrgNumber = z
  .string()
  .transform((s) => s.replace(/[\s\u00a0]/g, ''))
  .refine(
    isValidOrgNumber,
    'Must be a Norwegian organisation number: 9 digits with a valid MOD-11 check digit.',
  )
  .openapi({
    type: 'string',
    example: '923609016',
    description: 'Norwegian organisation number (9 digits, MOD-11)',
  })

export const MunicipalityNumber = z
  .string()
  .regex(/^\d{4}$/, 'Must be a 4-digit municipality number.')
  .openapi({ example: '3207', description: 'Norwegian municipality number (kommunenummer)' })

export const Organization = z
  .object({
    id: z.uuid(),
    kind: OrganizationKind,
    name: z.string().openapi({ example: 'Nordre Follo kommune' }),
    orgNumber: z.string().nullable().openapi({ example: '920123899' }),
    municipalityNumbers: z.array(z.string()).openapi({ example: ['3207'] }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Organization')

export const CreateOrganization = z
  .object({
    kind: OrganizationKind,
    name: z.string().trim().min(1).max(200),
    orgNumber: OrgNumber.optional(),
    municipalityNumbers: z.array(MunicipalityNumber).max(50).optional(),
  })
  .openapi('CreateOrganization')

export const UpdateOrganization = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    orgNumber: OrgNumber.nullable().optional(),
    municipalityNumbers: z.array(MunicipalityNumber).max(50).optional(),
  })
  .strict()
  .openapi('UpdateOrganization')

export const IdParam = z.object({
  id: z.uuid().openapi({
    param: { name: 'id', in: 'path' },
    description:
      'Id of the resource the path names just before it: the organization in /v1/organizations/{id}, the venture in /v1/ventures/{id}, the investment in /v1/investments/{id}, and so on',
    example: '0b8f9a3e-8f0e-4a8c-9f1e-2d6f1c0e7a11',
  }),
})

export const Member = z
  .object({
    userId: z.uuid(),
    email: z.email(),
    name: z.string().nullable().openapi({ description: 'null while the invitation is pending' }),
    role: Role,
    status: z.enum(['pending', 'active']).openapi({
      description: 'pending: invited, not yet accepted by the user; it grants nothing until then',
    }),
    createdAt: z.iso.datetime(),
  })
  .openapi('Member')

export const AddMember = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(200).optional(),
    role: Role,
    password: z
      .string()
      .min(12)
      .max(200)
      .optional()
      .openapi({ description: 'Initial password for a new user (at least 12 characters)' }),
  })
  .openapi('AddMember')

export const OrganizationIdParam = z.object({
  organizationId: z.uuid().openapi({
    param: { name: 'organizationId', in: 'path' },
    description: 'The organization whose invitation this is',
  }),
})

export const UpdateMember = z.object({ role: Role }).openapi('UpdateMember')

export const MemberParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'The organization' }),
  userId: z.uuid().openapi({ param: { name: 'userId', in: 'path' }, description: 'The member (a user id)' }),
})

export const MembershipOut = z
  .object({
    organizationId: z.uuid(),
    organizationName: z.string(),
    kind: OrganizationKind,
    role: Role,
    municipalityNumbers: z.array(z.string()),
  })
  .openapi('Membership')

export const Me = z
  .object({
    id: z.uuid(),
    email: z.email(),
    name: z.string(),
    isPlatformAdmin: z.boolean(),
    authenticatedVia: z.enum(['session', 'token']),
    readOnly: z.boolean(),
    memberships: z.array(MembershipOut),
    invitations: z
      .array(
        z
          .object({
            organizationId: z.uuid(),
            organizationName: z.string(),
            kind: OrganizationKind,
            role: Role,
            invitedAt: z.iso.datetime(),
          })
          .openapi('Invitation'),
      )
      .openapi({
        description:
          'Organizations that invited the caller; accept or decline with POST /v1/me/invitations/{organizationId}/accept|decline',
      }),
  })
  .openapi('Me')

export const LoginRequest = z
  .object({
    email: z.string().trim().min(1).max(254).openapi({ example: 'investor@demo.effekt.no' }),
    password: z.string().min(1).max(1000).openapi({ example: 'effekt-demo' }),
  })
  .openapi('LoginRequest')

export const LoginResponse = z.object({ expiresAt: z.iso.datetime(), me: Me }).openapi('LoginResponse')

export const CreateToken = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: 'Reporting integration' }),
    readOnly: z.boolean().default(false),
    expiresInDays: z.number().int().min(1).max(365).default(90),
  })
  .openapi('CreateToken')

export const TokenOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the token, to recognise it' }),
    readOnly: z.boolean(),
    expiresAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi('ApiToken')

export const CreatedToken = TokenOut.extend({
  token: z.string().openapi({ description: 'The secret. Shown once; store it now.', example: 'eff_3q2…' }),
}).openapi('CreatedApiToken')
