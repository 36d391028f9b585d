import type { OrganizationKind, Role } from '../../src/db/schema.ts'
import type { Db } from '../../src/db/tx.ts'
import { demoOrgNumber } from '../../src/demo/ids.ts'
import { listCurrentMunicipalities } from '../../src/domain/municipalities.ts'
import * as repo from '../../src/modules/identity/repo.ts'
import { hashPassword, newApiToken, sha256Hex } from '../../src/modules/identity/secrets.ts'

export const TEST_PASSWORD = 'correct horse battery staple'
let cachedHash: Promise<string> | undefined
/** One real PBKDF2 hash per test file, shared by every user the factories make. */
const passwordHash = () => {
  cachedHash ??= hashPassword(TEST_PASSWORD)
  return cachedHash
}

let orgSeq = Math.floor(Math.random() * 1_000_000)
const uniq = () => `${Date.now().toString(36)}${(orgSeq++).toString(36)}`

/**
 * A municipality number no organization holds yet (numbers are unique across organizations):
 * 3207 Nordre Follo while it is free, then the other current municipalities in order.
 */
export async function freeMunicipalityNumber(db: Db): Promise<string> {
  const taken = new Set(
    (await db.selectFrom('organizationMunicipalities').select('number').execute()).map((r) => r.number),
  )
  const free = ['3207', ...listCurrentMunicipalities().map((m) => m.code)].find((n) => !taken.has(n))
  if (!free) throw new Error('every municipality number is taken')
  return free
}

export async function makeOrg(
  db: Db,
  overrides: {
    kind?: OrganizationKind
    name?: string
    municipalityNumbers?: string[]
    orgNumber?: string | null
  } = {},
) {
  const kind = overrides.kind ?? 'investor'
  return repo.insertOrganization(db, {
    id: crypto.randomUUID(),
    kind,
    name: overrides.name ?? `${kind} ${uniq()}`,
    orgNumber:
      overrides.orgNumber === undefined ? demoOrgNumber(10_000_000 + orgSeq++ * 7) : overrides.orgNumber,
    municipalityNumbers:
      overrides.municipalityNumbers ?? (kind === 'municipality' ? [await freeMunicipalityNumber(db)] : []),
  })
}

export async function makeUser(
  db: Db,
  overrides: { email?: string; name?: string; platformAdmin?: boolean } = {},
) {
  return repo.insertUser(db, {
    id: crypto.randomUUID(),
    email: overrides.email ?? `user-${uniq()}@example.test`,
    name: overrides.name ?? 'Test User',
    passwordHash: await passwordHash(),
    isPlatformAdmin: overrides.platformAdmin ?? false,
  })
}

export async function makeMember(
  db: Db,
  organizationId: string,
  role: Role,
  overrides: { email?: string } = {},
) {
  const user = await makeUser(db, overrides)
  await repo.upsertMembership(db, { userId: user.id, organizationId, role })
  return user
}

/** A bearer token for a user, written straight to the database. */
export async function makeToken(db: Db, userId: string, opts: { readOnly?: boolean; expiresAt?: Date } = {}) {
  const token = newApiToken()
  const row = await repo.insertToken(db, {
    id: crypto.randomUUID(),
    userId,
    name: 'test',
    tokenHash: await sha256Hex(token),
    prefix: token.slice(0, 10),
    readOnly: opts.readOnly ?? false,
    expiresAt: opts.expiresAt ?? new Date(Date.now() + 86_400_000),
  })
  return { token, id: row.id }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
