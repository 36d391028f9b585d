import type { z } from '@hono/zod-openapi'
import { iso, isoOrNull } from '../../http/serialize.ts'
import type { Principal } from '../principal.ts'
import type * as api from './schemas.ts'

type OrgRow = {
  id: string
  kind: 'investor' | 'venture' | 'municipality' | 'agency' | 'other'
  name: string
  orgNumber: string | null
  municipalityNumbers: string[]
  createdAt: Date
  updatedAt: Date
}

export const organizationOut = (o: OrgRow): z.infer<typeof api.Organization> => ({
  id: o.id,
  kind: o.kind,
  name: o.name,
  orgNumber: o.orgNumber,
  municipalityNumbers: o.municipalityNumbers,
  createdAt: iso(o.createdAt),
  updatedAt: iso(o.updatedAt),
})

/** A pending member shows only the email its admin typed: an invitation reveals nothing of the user. */
export const memberOut = (m: {
  userId: string
  email: string
  name: string | null
  role: 'admin' | 'editor' | 'viewer'
  status: 'pending' | 'active'
  createdAt: Date
}): z.infer<typeof api.Member> => ({
  userId: m.userId,
  email: m.email,
  name: m.status === 'active' ? m.name : null,
  role: m.role,
  status: m.status,
  createdAt: iso(m.createdAt),
})

export const invitationOut = (i: {
  organizationId: string
  organizationName: string
  kind: 'investor' | 'venture' | 'municipality' | 'agency' | 'other'
  role: 'admin' | 'editor' | 'viewer'
  createdAt: Date
}) => ({
  organizationId: i.organizationId,
  organizationName: i.organizationName,
  kind: i.kind,
  role: i.role,
  invitedAt: iso(i.createdAt),
})

export const tokenOut = (t: {
  id: string
  name: string
  prefix: string
  readOnly: boolean
  expiresAt: Date
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}): z.infer<typeof api.TokenOut> => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  readOnly: t.readOnly,
  expiresAt: iso(t.expiresAt),
  createdAt: iso(t.createdAt),
  lastUsedAt: isoOrNull(t.lastUsedAt),
  revokedAt: isoOrNull(t.revokedAt),
})

export const meOut = (
  p: Principal,
  invitations: ReturnType<typeof invitationOut>[] = [],
): z.infer<typeof api.Me> => ({
  id: p.userId,
  email: p.email,
  name: p.name,
  isPlatformAdmin: p.isPlatformAdmin,
  authenticatedVia: p.via,
  readOnly: p.readOnly,
  memberships: p.memberships,
  invitations,
})
