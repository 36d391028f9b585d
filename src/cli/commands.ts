import { parseArgs } from 'node:util'
import { loadConfig } from '../config.ts'
import type { Database } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import type { OrganizationKind, Role } from '../db/schema.ts'
import { loadDemo } from '../demo/load-demo.ts'
import { normalizeOrgNumber } from '../domain/org-number.ts'
import { openConfiguredDatabase } from '../entry/node-database.ts'
import { isProblem } from '../http/problem.ts'
import type { Ctx } from '../modules/context.ts'
import * as repo from '../modules/identity/index.ts'
import {
  createToken,
  hashPassword,
  insertOrganizationAudited,
  loadPrincipal,
  passwordWeakness,
} from '../modules/identity/index.ts'
import { auditDisclosureCommand } from './audit-disclosure.ts'
import { backup, restore } from './backup.ts'
import { BackupError } from './pg-tools.ts'
import { backupFromServer } from './remote-backup.ts'

const HELP = `Usage: npm run admin -- <command> [options]

Commands:
  migrate                                   apply pending migrations
  create-org --kind K --name N [--org-number 123456785] [--municipality 3207 ...]
                                            K: investor | venture | municipality | agency | other
  create-user --email E --name N [--password P] [--platform-admin]
  add-member --email E --org ORG --role R   ORG: organization id or organisation number;
                                            R: admin | editor | viewer
  reset-password --email E --password P     (at least 12 characters)
  create-token --email E --name N [--read-only] [--days 90]
                                            prints the token once
  demo                                      load the demo portfolio and users
  backup FILE [--pg-bin DIR]                PostgreSQL: a pg_dump archive; embedded: PGlite's
                                            dump of DATA_DIR (server stopped)
  backup FILE --server URL                  the running server's backup (GET /v1/admin/backup),
                                            with a platform admin's token in EFFEKT_TOKEN
  restore FILE [--force] [--pg-bin DIR]     into PostgreSQL (an archive, or an embedded dump:
                                            the way to move to a server) or into DATA_DIR;
                                            refuses a database that holds data unless --force
  audit-disclosure [--municipality 3207 ...]
                                            run the disclosure attacker on every anonymous view
                                            of each municipality (all with an organization by
                                            default); exits 1 if it recovers a protected cell
  help                                      show this text

The database is the one the server would use: DATABASE_URL, or PGlite in DATA_DIR.
Stop the server first when using the embedded database (PGlite allows one process).`

class UsageError extends Error {}

const need = (v: string | undefined, flag: string): string => {
  if (!v) throw new UsageError(`Missing --${flag}.`)
  return v
}

async function withDatabase<T>(fn: (ctx: Ctx, database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env)
  const database = await openConfiguredDatabase(config)
  try {
    await migrateToLatest(database.db)
    return await fn({ db: database.db, principal: null, requestId: null, now: new Date(), config }, database)
  } finally {
    await database.close()
  }
}

const KINDS = ['investor', 'venture', 'municipality', 'agency', 'other']
const ROLES = ['admin', 'editor', 'viewer']

export async function runAdmin(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || ['help', '--help', '-h'].includes(command)) {
    console.log(HELP)
    return 0
  }
  try {
    if (command === 'backup' || command === 'restore') return await backupCommand(command, rest)
    const { values } = parseArgs({
      args: rest,
      options: {
        kind: { type: 'string' },
        name: { type: 'string' },
        'org-number': { type: 'string' },
        municipality: { type: 'string', multiple: true },
        email: { type: 'string' },
        password: { type: 'string' },
        'platform-admin': { type: 'boolean' },
        org: { type: 'string' },
        role: { type: 'string' },
        'read-only': { type: 'boolean' },
        days: { type: 'string' },
      },
      strict: true,
    })
    switch (command) {
      case 'migrate':
        return await withDatabase(async (ctx) => {
          const applied = await migrateToLatest(ctx.db)
          console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
          return 0
        })
      case 'create-org': {
        const kind = need(values.kind, 'kind')
        if (!KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}.`)
        const orgNumberInput = values['org-number']
        const orgNumber = orgNumberInput ? normalizeOrgNumber(orgNumberInput) : undefined
        if (orgNumberInput && !orgNumber)
          throw new UsageError(`${orgNumberInput} is not a valid organisation number (MOD-11).`)
        return await withDatabase(async (ctx) => {
          const org = await insertOrganizationAudited(ctx, {
            kind: kind as OrganizationKind,
            name: need(values.name, 'name'),
            orgNumber: orgNumber ?? undefined,
            municipalityNumbers: values.municipality ?? [],
          })
          console.log(`Created ${org.kind} ${org.name}: ${org.id}`)
          return 0
        })
      }
      case 'create-user': {
        const email = need(values.email, 'email').toLowerCase()
        const password = values.password
        const weakness =
          password === undefined ? null : passwordWeakness(password, [email, values.name ?? ''])
        if (weakness) throw new UsageError(weakness)
        return await withDatabase(async (ctx) => {
          if (await repo.findUserByEmail(ctx.db, email))
            throw new UsageError(`A user with email ${email} exists.`)
          const user = await repo.insertUser(ctx.db, {
            id: crypto.randomUUID(),
            email,
            name: need(values.name, 'name'),
            passwordHash: password ? await hashPassword(password) : null,
            isPlatformAdmin: values['platform-admin'] ?? false,
          })
          console.log(
            `Created user ${user.email}: ${user.id}${user.isPlatformAdmin ? ' (platform admin)' : ''}`,
          )
          return 0
        })
      }
      case 'add-member': {
        const role = need(values.role, 'role')
        if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`)
        const orgRef = need(values.org, 'org')
        return await withDatabase(async (ctx) => {
          const user = await repo.findUserByEmail(ctx.db, need(values.email, 'email'))
          if (!user) throw new UsageError(`No user with email ${values.email}.`)
          const org = /^\d{9}$/.test(orgRef)
            ? await repo.findOrganizationByNumber(ctx.db, orgRef)
            : /^[0-9a-f-]{36}$/i.test(orgRef)
              ? await repo.findOrganization(ctx.db, orgRef)
              : undefined
          if (!org) throw new UsageError(`No organization ${orgRef}.`)
          await repo.upsertMembership(ctx.db, { userId: user.id, organizationId: org.id, role: role as Role })
          console.log(`${user.email} is now ${role} of ${org.name}.`)
          return 0
        })
      }
      case 'reset-password': {
        const password = need(values.password, 'password')
        const weakness = passwordWeakness(password, [need(values.email, 'email')])
        if (weakness) throw new UsageError(weakness)
        return await withDatabase(async (ctx) => {
          const user = await repo.findUserByEmail(ctx.db, need(values.email, 'email'))
          if (!user) throw new UsageError(`No user with email ${values.email}.`)
          await repo.setPassword(ctx.db, user.id, await hashPassword(password))
          console.log(`Password set for ${user.email}.`)
          return 0
        })
      }
      case 'create-token': {
        const days = Number(values.days ?? '90')
        if (!Number.isInteger(days) || days < 1 || days > 365) throw new UsageError('--days must be 1–365.')
        return await withDatabase(async (ctx) => {
          const user = await repo.findUserByEmail(ctx.db, need(values.email, 'email'))
          if (!user) throw new UsageError(`No user with email ${values.email}.`)
          const principal = await loadPrincipal(ctx.db, user, 'session')
          const token = await createToken(
            { ...ctx, principal },
            { name: need(values.name, 'name'), readOnly: values['read-only'] ?? false, expiresInDays: days },
          )
          console.log(
            `Token for ${user.email} (expires ${token.expiresAt.toISOString()}${token.readOnly ? ', read-only' : ''}):`,
          )
          console.log(token.token)
          return 0
        })
      }
      case 'audit-disclosure':
        return await withDatabase((ctx) => auditDisclosureCommand(ctx, values.municipality))
      case 'demo':
        return await withDatabase(async (ctx) => {
          const { logins } = await loadDemo(ctx)
          console.log('Demo data loaded. Logins (password effekt-demo):')
          for (const l of logins) console.log(`  ${l.email.padEnd(28)} ${l.role}`)
          return 0
        })
      default:
        throw new UsageError(`Unknown command: ${command}`)
    }
  } catch (err) {
    if (err instanceof BackupError) {
      console.error(err.message)
      return 1
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n\n${HELP}`)
      return 2
    }
    if (isProblem(err)) {
      console.error(
        `${err.detail}${err.extra.errors ? `\n${err.extra.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}` : ''}`,
      )
      return 1
    }
    throw err
  }
}

async function backupCommand(command: 'backup' | 'restore', args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { force: { type: 'boolean' }, 'pg-bin': { type: 'string' }, server: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  })
  const [file, ...extra] = positionals
  if (!file) throw new UsageError(`${command} needs a FILE.`)
  if (extra.length) throw new UsageError(`${command} takes one FILE, not ${positionals.length}.`)
  if (command === 'backup' && values.force) throw new UsageError('--force is an option of restore.')
  if (values.server) {
    if (command === 'restore')
      throw new UsageError('--server is an option of backup; restore with the server stopped.')
    console.log(await backupFromServer(values.server, file, process.env.EFFEKT_TOKEN))
    return 0
  }
  const config = loadConfig(process.env)
  const opts = { force: values.force ?? false, ...(values['pg-bin'] ? { pgBin: values['pg-bin'] } : {}) }
  console.log(command === 'backup' ? await backup(config, file, opts) : await restore(config, file, opts))
  return 0
}
