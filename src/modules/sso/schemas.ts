import { z } from '@hono/zod-openapi'

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** An issuer is https, or plain http on this machine only (a provider under development or test). */
export const isAcceptableIssuer = (text: string): boolean => {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return false
  }
  if (url.username || url.password || url.search || url.hash) return false
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))
}

export const isLocalIssuer = (issuer: string) => new URL(issuer).protocol === 'http:'

/** A DNS name of at least two labels, lower case, no wildcard. */
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/

export const EmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(DOMAIN, 'Must be an email domain such as kommune.no (no @, no wildcard).')
  .openapi({ example: 'nordrefollo.kommune.no', description: 'An email domain (the part after @)' })

export const SsoDomain = z
  .object({
    domain: z.string().openapi({ example: 'nordrefollo.kommune.no', description: 'The email domain' }),
    verified: z.boolean().openapi({
      description:
        'True when the organization proved it controls the domain: people with addresses there may join the organization by signing in, and the login page finds the organization from their email',
    }),
    verifiedAt: z.iso
      .datetime()
      .nullable()
      .openapi({ description: 'When the domain was verified (null: not yet)' }),
    txtRecord: z
      .object({
        name: z.string().openapi({ description: 'Where to add the TXT record: the domain itself' }),
        value: z.string().openapi({
          example: 'effekt-verify=3Yk0c2tIh8pCw0l1rY3o9Q',
          description: 'The exact TXT value that proves control of the domain',
        }),
      })
      .openapi({ description: 'The DNS TXT record to publish before asking for verification' }),
  })
  .openapi('SsoDomain', { description: 'An email domain the organization signs people in for' })

export const SsoSettings = z
  .object({
    configured: z.boolean().openapi({ description: 'Whether an OpenID provider is set up' }),
    issuer: z
      .string()
      .nullable()
      .openapi({ example: 'https://login.microsoftonline.com/<tenant>/v2.0', description: 'The issuer URL' }),
    clientId: z.string().nullable().openapi({ description: 'The client id Effekt is registered with' }),
    clientSecretSet: z.boolean().openapi({
      description: 'Whether a client secret is stored. The secret itself is write-only: no answer carries it',
    }),
    enabled: z.boolean().openapi({ description: 'Whether members may sign in through the provider now' }),
    redirectUri: z.string().openapi({
      example: 'https://effekt.example.no/auth/oidc/callback',
      description: 'The redirect URI to register at the provider',
    }),
    startUrl: z.string().openapi({
      description: 'Where a sign-in through this organization starts (a link members may bookmark)',
    }),
    domains: z.array(SsoDomain).openapi({ description: 'The email domains, by name' }),
  })
  .openapi('SsoSettings', { description: 'An organization’s single sign-on (OpenID Connect)' })

export const PutSsoSettings = z
  .object({
    issuer: z
      .string()
      .trim()
      .max(500)
      .refine(isAcceptableIssuer, 'Must be an https URL without query or fragment (http only for localhost).')
      .openapi({
        example: 'https://login.microsoftonline.com/<tenant>/v2.0',
        description: 'The issuer URL; its /.well-known/openid-configuration is read at each sign-in',
      }),
    clientId: z.string().trim().min(1).max(255).openapi({ description: 'The client (application) id' }),
    clientSecret: z.string().min(1).max(1000).optional().openapi({
      description:
        'The client secret: required the first time, omitted to keep the stored one. Never returned',
    }),
    enabled: z
      .boolean()
      .default(true)
      .openapi({ description: 'Sign-in through the provider is on (default true)' }),
  })
  .openapi('PutSsoSettings', { description: 'The OpenID provider to sign members in with' })

export const AddSsoDomain = z
  .object({ domain: EmailDomain })
  .openapi('AddSsoDomain', { description: 'An email domain to sign people in for' })

export const SsoOrgParam = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'The organization' }),
})

export const SsoDomainParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'The organization' }),
  domain: EmailDomain.openapi({ param: { name: 'domain', in: 'path' }, description: 'The email domain' }),
})

export const VerifyQuery = z.object({
  method: z
    .enum(['dns', 'platform_admin'])
    .default('dns')
    .openapi({
      param: { name: 'method', in: 'query' },
      description:
        '`dns` (default): look up the TXT record. `platform_admin`: a platform admin confirms control checked another way',
    }),
})
