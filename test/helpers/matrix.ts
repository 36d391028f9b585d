import type { App } from '../../src/app.ts'
import type { Db } from '../../src/db/tx.ts'
import { makeMember, makeOrg, makeUser } from './factories.ts'
import { login } from './http.ts'

/**
 * The permission matrix's cast: anonymous, a platform admin, each role of each organization kind,
 * and an admin of an unrelated investor. Later areas add relationships (investments, shares)
 * between these organizations in `World.setup` hooks of their case files.
 */
export const KINDS = ['investor', 'venture', 'municipality', 'agency'] as const
export const ROLES = ['Admin', 'Editor', 'Viewer'] as const
export type Kind = (typeof KINDS)[number]
export type RoleName = (typeof ROLES)[number]
export type ActorName = 'anonymous' | 'platformAdmin' | 'unrelated' | `${Kind}${RoleName}`

export const ACTORS: ActorName[] = [
  'anonymous',
  'platformAdmin',
  ...KINDS.flatMap((k) => ROLES.map((r) => `${k}${r}` as ActorName)),
  'unrelated',
]

export interface World {
  app: App
  db: Db
  orgs: Record<Kind | 'unrelated', string>
  users: Partial<Record<ActorName, string>>
  cookies: Partial<Record<ActorName, string>>
  /** Free-form ids that case files create in their setup. */
  ids: Record<string, string>
}

export interface MatrixRequest {
  path: string
  body?: unknown
  headers?: Record<string, string>
  /** A session cookie to use instead of the actor's shared one (e.g. a fresh one to log out). */
  cookie?: string
}

export interface MatrixCase {
  operationId: string
  /** Builds a fresh request for one actor (fresh targets where the call changes state). */
  request: (w: World, actor: ActorName) => Promise<MatrixRequest> | MatrixRequest
  expect: (actor: ActorName) => number
}

/** Expected statuses: named actors, else `others`. */
export const expectFor =
  (table: Partial<Record<ActorName | `${Kind}*` | 'others', number>>) =>
  (actor: ActorName): number => {
    if (table[actor] !== undefined) return table[actor]!
    const kind = KINDS.find((k) => actor.startsWith(k))
    if (kind && table[`${kind}*`] !== undefined) return table[`${kind}*`]!
    if (table.others === undefined) throw new Error(`no expectation for ${actor}`)
    return table.others
  }

export async function buildWorld(app: App, db: Db): Promise<World> {
  const orgs = {
    investor: (await makeOrg(db, { kind: 'investor', name: 'Matrix Investor' })).id,
    venture: (await makeOrg(db, { kind: 'venture', name: 'Matrix Venture' })).id,
    municipality: (
      await makeOrg(db, { kind: 'municipality', name: 'Matrix Kommune', municipalityNumbers: ['3207'] })
    ).id,
    agency: (await makeOrg(db, { kind: 'agency', name: 'Matrix NAV' })).id,
    unrelated: (await makeOrg(db, { kind: 'investor', name: 'Unrelated Invest' })).id,
  }
  // The matrix investor onboarded the matrix venture: it has standing (detailed access).
  await db.insertInto('ventures').values({ orgId: orgs.venture, createdByOrgId: orgs.investor }).execute()
  const users: World['users'] = {}
  users.platformAdmin = (await makeUser(db, { platformAdmin: true })).id
  for (const k of KINDS) {
    for (const r of ROLES) users[`${k}${r}`] = (await makeMember(db, orgs[k], r.toLowerCase() as 'admin')).id
  }
  users.unrelated = (await makeMember(db, orgs.unrelated, 'admin')).id
  const cookies: World['cookies'] = {}
  const emails = await db.selectFrom('users').select(['id', 'email']).execute()
  for (const [actor, id] of Object.entries(users)) {
    cookies[actor as ActorName] = await login(app, emails.find((e) => e.id === id)!.email)
  }
  return { app, db, orgs, users, cookies, ids: {} }
}
