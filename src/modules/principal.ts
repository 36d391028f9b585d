import type { OrganizationKind, Role } from '../db/schema.ts'

export interface Membership {
  organizationId: string
  organizationName: string
  kind: OrganizationKind
  role: Role
  municipalityNumbers: string[]
}

/** Who is calling: resolved once per request by the authentication middleware. */
export interface Principal {
  userId: string
  email: string
  name: string
  isPlatformAdmin: boolean
  memberships: Membership[]
  via: 'session' | 'token'
  /** A read-only API token may call safe methods only. */
  readOnly: boolean
  tokenId?: string
}
