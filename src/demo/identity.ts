import type { OrganizationKind, Role } from '../db/schema.ts'
import type { Ctx } from '../modules/context.ts'
import * as repo from '../modules/identity/index.ts'
import { hashPassword, insertOrganizationAudited } from '../modules/identity/index.ts'
import { DEMO_PASSWORD, demoOrgNumber } from './ids.ts'

/** The demo's organizations: fictional, with valid-looking organisation numbers (NAV's is real). */
export const DEMO_INVESTOR = { name: 'Nordlys Sosial Kapital', orgNumber: demoOrgNumber(91_000_001) }

export const DEMO_VENTURES = [
  { key: 'arbeidsglede', name: 'Arbeidsglede AS', orgNumber: demoOrgNumber(92_000_001) },
  { key: 'ungt-haap', name: 'Ungt Håp', orgNumber: demoOrgNumber(92_000_101) },
  { key: 'laerling-follo', name: 'Lærlingløftet Follo', orgNumber: demoOrgNumber(92_000_201) },
  { key: 'gronn-omstart', name: 'Grønn Omstart', orgNumber: demoOrgNumber(92_000_301) },
  { key: 'kafe-inkludert', name: 'Kafé Inkludert', orgNumber: demoOrgNumber(92_000_401) },
  { key: 'sykkelverkstedet', name: 'Sykkelverkstedet Ski', orgNumber: demoOrgNumber(92_000_501) },
  { key: 'digital-vei', name: 'Digital Vei', orgNumber: demoOrgNumber(92_000_601) },
  { key: 'spraakbro', name: 'Språkbro', orgNumber: demoOrgNumber(92_000_701) },
  { key: 'verdt-arbeid', name: 'Verdt Arbeid', orgNumber: demoOrgNumber(92_000_801) },
  { key: 'aktiv-ungdom', name: 'Aktiv Ungdom Follo', orgNumber: demoOrgNumber(92_000_901) },
  { key: 'snekkerverkstedet', name: 'Sirkulær Snekkerverksted', orgNumber: demoOrgNumber(92_001_001) },
  { key: 'helse-i-arbeid', name: 'Helse i Arbeid', orgNumber: demoOrgNumber(92_001_101) },
] as const

export const DEMO_MUNICIPALITIES = [
  {
    key: 'nordre-follo',
    name: 'Nordre Follo kommune',
    orgNumber: demoOrgNumber(93_000_001),
    municipalityNumbers: ['3207'],
  },
  {
    key: 'drammen',
    name: 'Drammen kommune',
    orgNumber: demoOrgNumber(93_000_101),
    municipalityNumbers: ['3301'],
  },
  { key: 'oslo', name: 'Oslo kommune', orgNumber: demoOrgNumber(93_000_201), municipalityNumbers: ['0301'] },
] as const

export const DEMO_AGENCY = { name: 'NAV (Arbeids- og velferdsetaten)', orgNumber: '889640782' }

export const DEMO_USERS = [
  { email: 'admin@demo.effekt.no', name: 'Ada Admin', platformAdmin: true, member: null },
  { email: 'investor@demo.effekt.no', name: 'Ingrid Investor', platformAdmin: false, member: 'investor' },
  { email: 'venture@demo.effekt.no', name: 'Vegard Venture', platformAdmin: false, member: 'arbeidsglede' },
  { email: 'kommune@demo.effekt.no', name: 'Kari Kommune', platformAdmin: false, member: 'nordre-follo' },
] as const

export interface DemoIdentity {
  investorId: string
  ventures: Record<string, string>
  municipalities: Record<string, string>
  agencyId: string
  users: Record<string, string>
}

async function org(
  ctx: Ctx,
  kind: OrganizationKind,
  name: string,
  orgNumber: string,
  municipalityNumbers: string[] = [],
) {
  const existing = await repo.findOrganizationByNumber(ctx.db, orgNumber)
  if (existing) return existing.id
  return (await insertOrganizationAudited(ctx, { kind, name, orgNumber, municipalityNumbers })).id
}

/** Creates (or finds) the demo organizations and the four demo users. Safe to run twice. */
export async function loadDemoIdentity(ctx: Ctx): Promise<DemoIdentity> {
  const investorId = await org(ctx, 'investor', DEMO_INVESTOR.name, DEMO_INVESTOR.orgNumber)
  const ventures: Record<string, string> = {}
  for (const v of DEMO_VENTURES) ventures[v.key] = await org(ctx, 'venture', v.name, v.orgNumber)
  const municipalities: Record<string, string> = {}
  for (const m of DEMO_MUNICIPALITIES) {
    municipalities[m.key] = await org(ctx, 'municipality', m.name, m.orgNumber, [...m.municipalityNumbers])
  }
  const agencyId = await org(ctx, 'agency', DEMO_AGENCY.name, DEMO_AGENCY.orgNumber)

  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const orgOf: Record<string, string | undefined> = { investor: investorId, ...ventures, ...municipalities }
  const users: Record<string, string> = {}
  for (const u of DEMO_USERS) {
    let user = await repo.findUserByEmail(ctx.db, u.email)
    if (!user) {
      user = await repo.insertUser(ctx.db, {
        id: crypto.randomUUID(),
        email: u.email,
        name: u.name,
        passwordHash,
        isPlatformAdmin: u.platformAdmin,
      })
    }
    users[u.email] = user.id
    const orgId = u.member ? orgOf[u.member] : undefined
    if (orgId)
      await repo.upsertMembership(ctx.db, { userId: user.id, organizationId: orgId, role: 'admin' as Role })
  }
  return { investorId, ventures, municipalities, agencyId, users }
}
