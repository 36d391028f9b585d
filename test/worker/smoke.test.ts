import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { runAdmin } from '../../src/cli/commands.ts'
import { createClient, isApiError } from '../../src/client/index.ts'
import { hashPassword } from '../../src/modules/identity/secrets.ts'
import { databaseUrl, postgresTarget, redact, type ScratchDatabase, scratchDatabase } from './postgres.ts'

/**
 * The Worker in workerd, as `wrangler dev` runs it (no network needed: workerd ships in the npm
 * package), against a scratch database on the local PostgreSQL that is migrated and given the
 * demo portfolio with the operator CLI. The entry is test/worker/production-limits.ts: the real
 * src/entry/worker.ts plus the PBKDF2 iteration cap that only Cloudflare's production runtime
 * enforces. Skipped, with the reason, when PostgreSQL does not answer or workerd cannot run here.
 */
const root = new URL('../..', import.meta.url).pathname
const require = createRequire(import.meta.url)
const wranglerBin = join(dirname(require.resolve('wrangler/package.json')), 'bin', 'wrangler.js')

function workerdRuns(): { ok: true } | { ok: false; reason: string } {
  try {
    const bin = require('workerd') as { default?: string } | string
    const path = typeof bin === 'string' ? bin : (bin.default ?? '')
    const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 })
    if (run.status === 0) return { ok: true }
    return { ok: false, reason: `workerd --version failed: ${run.error?.message ?? run.stderr.trim()}` }
  } catch (err) {
    return { ok: false, reason: `workerd is not installed: ${(err as Error).message}` }
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const pg = await postgresTarget()
const workerd = workerdRuns()
const skipReason = !pg.ok ? pg.reason : !workerd.ok ? workerd.reason : ''
if (skipReason) console.warn(`Workers smoke test skipped: ${skipReason}`)

describe.skipIf(skipReason !== '')(
  `the Worker under wrangler dev${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let db: ScratchDatabase
    let wrangler: ChildProcess | undefined
    let baseUrl = ''
    let token = ''
    const log: string[] = []
    const state = mkdtempSync(join(tmpdir(), 'effekt-wrangler-'))

    /** The operator CLI on the scratch database; returns what it printed. */
    async function admin(...argv: string[]): Promise<string> {
      const out: string[] = []
      const spy = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')))
      vi.stubEnv('DATABASE_URL', db.url)
      try {
        const code = await runAdmin(argv)
        if (code !== 0) throw new Error(`admin ${argv.join(' ')} exited ${code}: ${out.join('\n')}`)
        return out.join('\n')
      } finally {
        spy.mockRestore()
        vi.unstubAllEnvs()
      }
    }

    beforeAll(async () => {
      // The assets directory wrangler serves (npm test builds it too).
      if (!existsSync(join(root, 'dist/public/assets/docs.js'))) {
        const built = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/build-assets.ts'], {
          cwd: root,
        })
        if (built.status !== 0) throw new Error(`build-assets failed: ${built.stderr}`)
      }
      db = await scratchDatabase('smoke')
      await admin('migrate')
      await admin('demo')
      const printed = await admin('create-token', '--email', 'investor@demo.effekt.no', '--name', 'smoke')
      token = /eff_\S+/.exec(printed)?.[0] ?? ''
      expect(token).toMatch(/^eff_/)

      const port = await freePort()
      baseUrl = `http://127.0.0.1:${port}`
      const hyperdrive = databaseUrl(db.name, undefined, true)
      log.push(`wrangler dev on ${baseUrl}, Hyperdrive → ${redact(hyperdrive)}`)
      wrangler = spawn(
        process.execPath,
        [
          wranglerBin,
          'dev',
          'test/worker/production-limits.ts',
          '--ip',
          '127.0.0.1',
          '--port',
          String(port),
          '--inspector-port',
          String(await freePort()),
          '--persist-to',
          state,
          '--show-interactive-dev-session=false',
        ],
        {
          cwd: root,
          // Its own process group, so the whole tree (wrangler, workerd) is stopped together.
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: {
            ...process.env,
            CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: hyperdrive,
            WRANGLER_SEND_METRICS: 'false',
            NO_COLOR: '1',
          },
        },
      )
      wrangler.stdout?.on('data', (d) => log.push(String(d)))
      wrangler.stderr?.on('data', (d) => log.push(String(d)))
      const exited = new Promise<string>((resolve) =>
        wrangler?.once('exit', (code) => resolve(`exited ${code}`)),
      )
      const deadline = Date.now() + 120_000
      for (;;) {
        const outcome = await Promise.race([
          exited,
          fetch(`${baseUrl}/health`).then(
            (r) => (r.ok ? 'up' : `health ${r.status}`),
            () => 'down',
          ),
        ])
        if (outcome === 'up') break
        if (outcome.startsWith('exited') || Date.now() > deadline)
          throw new Error(`wrangler dev did not start (${outcome}):\n${log.join('')}`)
        await new Promise((r) => setTimeout(r, 500))
      }
    })

    afterAll(async () => {
      if (wrangler?.pid && wrangler.exitCode === null) {
        const done = new Promise((resolve) => wrangler?.once('exit', resolve))
        process.kill(-wrangler.pid, 'SIGTERM')
        const timer = setTimeout(() => wrangler?.pid && process.kill(-wrangler.pid, 'SIGKILL'), 10_000)
        await done
        clearTimeout(timer)
      }
      rmSync(state, { recursive: true, force: true })
      await db?.drop()
    })

    it('is ready, with PostgreSQL through the Hyperdrive binding', async () => {
      const res = await fetch(`${baseUrl}/ready`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ready', database: 'postgres' })
    })

    it('reads /v1/me, the ventures and the portfolio with an API token', async () => {
      const api = createClient({ baseUrl, token })
      const me = await api.get('/v1/me')
      expect(me.data).toMatchObject({ email: 'investor@demo.effekt.no', authenticatedVia: 'token' })
      const ventures = await api.get('/v1/ventures', { query: { limit: 100 } })
      expect(ventures.data.items.map((v) => v.name)).toContain('Arbeidsglede AS')
      const portfolio = await api.get('/v1/portfolio')
      expect(portfolio.data.currency).toBe('NOK')
      expect(portfolio.data.totals.ventureCount).toBeGreaterThan(0)
      const missing = await api
        .get('/v1/ventures/{id}', { path: { id: '00000000-0000-4000-8000-000000000000' } })
        .catch((e: unknown) => e)
      expect(isApiError(missing, 404)).toBe(true)
    })

    it('signs in with a password hashed within the Workers limit, then reads /v1/me and the ventures', async () => {
      // The session path end to end, independent of the iteration count the app hashes with.
      const hash = await hashPassword('a long smoke-test password', 100_000)
      await db.query('update users set password_hash = $1 where email = $2', [hash, 'venture@demo.effekt.no'])
      const api = createClient({ baseUrl })
      const login = await api.login('venture@demo.effekt.no', 'a long smoke-test password')
      expect(login.me.email).toBe('venture@demo.effekt.no')
      const me = await api.get('/v1/me')
      expect(me.data.authenticatedVia).toBe('session')
      const ventures = await api.get('/v1/ventures')
      expect(ventures.data.items.map((v) => v.name)).toEqual(['Arbeidsglede AS'])
      await api.post('/v1/auth/logout')
      expect(isApiError(await api.get('/v1/me').catch((e: unknown) => e), 401)).toBe(true)
    })

    it('signs in with the demo password under the production PBKDF2 limit, then reads /v1/me and the ventures', async () => {
      const api = createClient({ baseUrl })
      const login = await api.login('investor@demo.effekt.no', 'effekt-demo').catch((e: unknown) => {
        throw new Error(
          `login failed on the Worker: ${isApiError(e) ? `${e.status} ${e.problem.detail}` : String(e)}\n` +
            log.filter((l) => /Pbkdf2|error/i.test(l)).join(''),
        )
      })
      expect(login.me.email).toBe('investor@demo.effekt.no')
      const me = await api.get('/v1/me')
      expect(me.data.authenticatedVia).toBe('session')
      const ventures = await api.get('/v1/ventures')
      expect(ventures.data.items.length).toBeGreaterThan(0)
    })

    it('serves the dashboard assets from Workers static assets, and a problem for a missing one', async () => {
      const asset = await fetch(`${baseUrl}/assets/docs.js`)
      expect(asset.status).toBe(200)
      expect(asset.headers.get('content-type')).toMatch(/javascript/)
      expect((await asset.text()).length).toBeGreaterThan(0)
      const missing = await fetch(`${baseUrl}/assets/does-not-exist.js`)
      expect(missing.status).toBe(404)
      expect(missing.headers.get('content-type')).toBe('application/problem+json')
    })

    it('sends bodies compressed once, whatever the client accepts', async () => {
      for (const encoding of ['gzip', 'identity']) {
        const res = await fetch(`${baseUrl}/openapi.json`, { headers: { 'accept-encoding': encoding } })
        expect(res.status).toBe(200)
        const doc = JSON.parse(await res.text()) as { openapi: string }
        expect(doc.openapi).toBe('3.1.0')
      }
    })
  },
)
