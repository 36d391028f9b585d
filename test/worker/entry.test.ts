import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { createPostgresDatabase } from '../../src/entry/postgres.ts'
import {
  assetsMiddleware,
  type WorkerContext,
  type WorkerEnv,
  withoutAcceptEncoding,
  worker,
  workerConfig,
} from '../../src/entry/worker.ts'
import { enqueueMail } from '../../src/modules/mail/index.ts'
import { postgresTarget, type ScratchDatabase, scratchDatabase } from './postgres.ts'

/**
 * The Workers entry's own logic, run on Node (pg works on both): configuration from the env,
 * the request it hands the app, assets, and a database per request that is closed after the
 * response through ctx.waitUntil. The smoke test runs the same entry inside workerd.
 */
const HYPERDRIVE = { connectionString: 'postgres://user:pw@hyperdrive.local:5432/effekt' }

describe('workerConfig', () => {
  it('reads string vars and secrets, takes the database from Hyperdrive and ignores Node-only ones', () => {
    const config = workerConfig({
      HYPERDRIVE,
      ASSETS: { fetch: async () => new Response() },
      LOG_LEVEL: 'warn',
      SUPPRESSION_THRESHOLD: '5',
      DATABASE_URL: 'postgres://ignored@elsewhere/db',
      DATA_DIR: '/not/on/workers',
      PORT: 'not a number',
    })
    expect(config.DATABASE_URL).toBe(HYPERDRIVE.connectionString)
    expect(config.LOG_LEVEL).toBe('warn')
    expect(config.SUPPRESSION_THRESHOLD).toBe(5)
    expect(config.DATA_DIR).toBe('./data')
    expect(config.PORT).toBe(8787)
  })

  it('names the variable when a value is invalid, and the binding when it is missing', () => {
    expect(() => workerConfig({ HYPERDRIVE, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/)
    expect(() => workerConfig({ LOG_LEVEL: 'info' } as unknown as WorkerEnv)).toThrow(ConfigError)
    expect(() => workerConfig({ LOG_LEVEL: 'info' } as unknown as WorkerEnv)).toThrow(/HYPERDRIVE/)
  })
})

describe('withoutAcceptEncoding', () => {
  it('hides Accept-Encoding from the app and keeps everything else, body included', async () => {
    const req = new Request('https://effekt.example/v1/auth/login', {
      method: 'POST',
      headers: {
        'accept-encoding': 'gzip, br',
        'content-type': 'application/json',
        'cf-connecting-ip': '192.0.2.1',
      },
      body: '{"email":"a"}',
    })
    const out = withoutAcceptEncoding(req)
    expect(out.headers.get('accept-encoding')).toBeNull()
    expect(out.headers.get('content-type')).toBe('application/json')
    expect(out.headers.get('cf-connecting-ip')).toBe('192.0.2.1')
    expect(out.method).toBe('POST')
    expect(await out.text()).toBe('{"email":"a"}')
    const plain = new Request('https://effekt.example/health')
    expect(withoutAcceptEncoding(plain)).toBe(plain)
  })
})

describe('assetsMiddleware', () => {
  it('answers with the asset, and falls through to the app on a missing file', async () => {
    const assets = {
      fetch: async (r: Request) =>
        new URL(r.url).pathname === '/assets/app.js'
          ? new Response('console.log(1)', { headers: { 'content-type': 'text/javascript' } })
          : new Response('Not found', { status: 404 }),
    }
    const mw = assetsMiddleware(assets)
    let nextCalls = 0
    const ctx = (url: string) => ({ req: { raw: new Request(url) } }) as never
    const next = async () => {
      nextCalls++
    }
    const found = (await mw(ctx('https://e.example/assets/app.js'), next)) as Response
    expect(await found.text()).toBe('console.log(1)')
    expect(nextCalls).toBe(0)
    expect(await mw(ctx('https://e.example/assets/nope.js'), next)).toBeUndefined()
    expect(nextCalls).toBe(1)
  })
})

describe('the fetch handler', () => {
  it('answers 500 problem+json without details when the configuration is invalid', async () => {
    const errors: unknown[] = []
    const original = console.error
    console.error = (...a: unknown[]) => void errors.push(a.join(' '))
    try {
      const res = await worker.fetch(
        new Request('https://e.example/health'),
        { HYPERDRIVE, SESSION_IDLE_MINUTES: 'forever' },
        { waitUntil: () => {} },
      )
      expect(res.status).toBe(500)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(await res.json()).toMatchObject({ status: 500, detail: 'The service is misconfigured.' })
      expect(String(errors[0])).toMatch(/SESSION_IDLE_MINUTES/)
    } finally {
      console.error = original
    }
  })
})

const target = await postgresTarget()

describe.skipIf(!target.ok)(
  `the fetch handler on PostgreSQL${target.ok ? '' : ` (skipped: ${target.reason})`}`,
  () => {
    let db: ScratchDatabase

    beforeAll(async () => {
      db = await scratchDatabase('entry')
      const database = createPostgresDatabase({ connectionString: db.url, max: 1 })
      await migrateToLatest(database.db)
      await database.close()
    })
    afterAll(() => db?.drop())

    it('opens a database per request, serves, and closes it through waitUntil', async () => {
      const pending: Promise<unknown>[] = []
      const ctx: WorkerContext = { waitUntil: (p) => void pending.push(p) }
      const env: WorkerEnv = { HYPERDRIVE: { connectionString: db.url }, LOG_LEVEL: 'silent' }
      const res = await worker.fetch(new Request('https://e.example/ready'), env, ctx)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ready', database: 'postgres' })
      expect(pending).toHaveLength(1)
      await Promise.all(pending)
      // Closed: the server soon sees no connection from this request.
      let open = await db.connections()
      for (let i = 0; i < 20 && open > 0; i++) {
        await new Promise((r) => setTimeout(r, 100))
        open = await db.connections()
      }
      expect(open).toBe(0)
    })

    it('takes the client address from cf-connecting-ip for login throttling', async () => {
      const env: WorkerEnv = { HYPERDRIVE: { connectionString: db.url }, LOG_LEVEL: 'silent' }
      const attempt = async (ip: string) => {
        const pending: Promise<unknown>[] = []
        const res = await worker.fetch(
          new Request('https://e.example/v1/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
            body: JSON.stringify({ email: `nobody-${crypto.randomUUID()}@example.test`, password: 'wrong' }),
          }),
          env,
          { waitUntil: (p) => void pending.push(p) },
        )
        await Promise.all(pending)
        return res.status
      }
      // 20 failures from one address within 15 minutes, then 429 for it and not for another.
      const statuses: number[] = []
      for (let i = 0; i < 20; i++) statuses.push(await attempt('198.51.100.7'))
      expect(new Set(statuses)).toEqual(new Set([401]))
      expect(await attempt('198.51.100.7')).toBe(429)
      expect(await attempt('198.51.100.8')).toBe(401)
    })

    it('runs the scheduler tick from a Cron Trigger: mail stays in the outbox (no SMTP) and is logged once', async () => {
      const database = createPostgresDatabase({ connectionString: db.url, max: 1 })
      try {
        const id = await enqueueMail(database.db, {
          to: 'cron@example.test',
          language: 'en',
          kind: 'test',
          subject: 'From the outbox',
          text: 'Hello',
          html: '<p>Hello</p>',
        })
        const pending: Promise<unknown>[] = []
        const env: WorkerEnv = { HYPERDRIVE: { connectionString: db.url }, LOG_LEVEL: 'silent' }
        const tick = () =>
          worker.scheduled({ scheduledTime: Date.now(), cron: '* * * * *' }, env, {
            waitUntil: (p) => void pending.push(p),
          })
        await tick()
        await tick()
        await Promise.all(pending)
        const row = await database.db
          .selectFrom('outbox')
          .selectAll()
          .where('id', '=', id!)
          .executeTakeFirstOrThrow()
        expect(row.sentAt).toBeNull()
        expect(row.loggedAt).not.toBeNull()
        // The invocation gave its lease back, so the next Cron Trigger may run the step at once.
        const leases = await database.db.selectFrom('schedulerLeases').selectAll().execute()
        expect(leases.every((l) => l.expiresAt.getTime() <= Date.now())).toBe(true)
      } finally {
        await database.close()
      }
    })
  },
)
