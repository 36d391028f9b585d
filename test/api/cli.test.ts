import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runAdmin } from '../../src/cli/commands.ts'
import { createPgliteDatabase } from '../../src/entry/node-database.ts'
import { sha256Hex } from '../../src/modules/identity/secrets.ts'
import { testTarget } from '../helpers/database.ts'

/** The operator CLI against an embedded database in a temporary folder. */
describe.runIf(testTarget() === 'pglite')('operator CLI (npm run admin)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'effekt-cli-'))
  const out: string[] = []
  beforeAll(() => {
    vi.stubEnv('DATA_DIR', dir)
    vi.stubEnv('DATABASE_URL', '')
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')))
    vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')))
  })
  afterAll(() => {
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
    rmSync(dir, { recursive: true, force: true })
  })

  it('prints help', async () => {
    expect(await runAdmin(['--help'])).toBe(0)
    expect(out.join('\n')).toContain('create-token')
  })

  it('creates an organization, a user, a membership and a token that works', async () => {
    expect(
      await runAdmin([
        'create-org',
        '--kind',
        'investor',
        '--name',
        'CLI Invest',
        '--org-number',
        '889 640 782',
      ]),
    ).toBe(0)
    expect(
      await runAdmin([
        'create-user',
        '--email',
        'ops@example.test',
        '--name',
        'Ops',
        '--password',
        'a very long password',
      ]),
    ).toBe(0)
    expect(
      await runAdmin(['add-member', '--email', 'ops@example.test', '--org', '889640782', '--role', 'admin']),
    ).toBe(0)
    expect(
      await runAdmin([
        'reset-password',
        '--email',
        'ops@example.test',
        '--password',
        'another long password',
      ]),
    ).toBe(0)
    out.length = 0
    expect(
      await runAdmin(['create-token', '--email', 'ops@example.test', '--name', 'ci', '--read-only']),
    ).toBe(0)
    const token = out.find((l) => l.startsWith('eff_'))!
    expect(token).toMatch(/^eff_/)

    const database = await createPgliteDatabase(dir)
    try {
      const row = await database.db.selectFrom('apiTokens').selectAll().executeTakeFirstOrThrow()
      expect(row.tokenHash).toBe(await sha256Hex(token))
      expect(row.readOnly).toBe(true)
      const member = await database.db.selectFrom('memberships').selectAll().executeTakeFirstOrThrow()
      expect(member.role).toBe('admin')
    } finally {
      await database.close()
    }
  })

  it('refuses bad input with a message and a non-zero exit code', async () => {
    out.length = 0
    expect(
      await runAdmin(['create-org', '--kind', 'investor', '--name', 'X', '--org-number', '123456789']),
    ).toBe(2)
    expect(out.join('\n')).toContain('not a valid organisation number')
    expect(
      await runAdmin([
        'add-member',
        '--email',
        'nobody@example.test',
        '--org',
        '889640782',
        '--role',
        'admin',
      ]),
    ).toBe(2)
    expect(await runAdmin(['frobnicate'])).toBe(2)
  })

  it('refuses a common password wherever it sets one', async () => {
    out.length = 0
    const create = ['create-user', '--email', 'weak@example.test', '--name', 'Weak', '--password']
    expect(await runAdmin([...create, 'password1234'])).toBe(2)
    expect(out.join('\n')).toContain('too common')
    expect(await runAdmin([...create, 'short'])).toBe(2)
    expect(out.join('\n')).toContain('at least 12 characters')
    const reset = ['reset-password', '--email', 'ops@example.test', '--password']
    expect(await runAdmin([...reset, 'qwertyuiop12'])).toBe(2)
    expect(await runAdmin([...reset, 'effekt-demo'])).toBe(2)
    const database = await createPgliteDatabase(dir)
    try {
      const weak = await database.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'weak@example.test')
        .execute()
      expect(weak).toEqual([])
    } finally {
      await database.close()
    }
  })
})
