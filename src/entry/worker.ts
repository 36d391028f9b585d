import type { MiddlewareHandler } from 'hono'
import { createApp } from '../app.ts'
import { type Config, ConfigError, loadConfig } from '../config.ts'
import { createLogger } from '../http/logger.ts'
import { Problem, problemResponse } from '../http/problem.ts'
import { newHolder, releaseLeases, runTick } from '../modules/mail/index.ts'
import { createPostgresDatabase } from './postgres.ts'
import { dohResolveTxt } from './worker-dns.ts'

/**
 * The Cloudflare Workers entry: the same app as the Node server, with PostgreSQL reached through
 * a Hyperdrive binding. A Worker may not reuse a socket opened by another request, so every
 * request gets its own one-connection database (Hyperdrive pools the real connections) and closes
 * it once the response is out. Migrations are not run here: `npm run migrate` before deploying.
 *
 * The bindings are typed structurally instead of through @cloudflare/workers-types, whose global
 * declarations clash with the DOM and Node types the rest of the project compiles against.
 */
export interface HyperdriveBinding {
  connectionString: string
}

export interface AssetsBinding {
  fetch(request: Request): Promise<Response>
}

export interface WorkerEnv {
  HYPERDRIVE: HyperdriveBinding
  ASSETS?: AssetsBinding
  /** Plain `[vars]` and secrets; each is a string. */
  [name: string]: unknown
}

export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void
  passThroughOnException?(): void
}

/** What a Cron Trigger hands the `scheduled` handler (the parts used here). */
export interface ScheduledController {
  scheduledTime: number
  cron: string
}

/** Variables that make no sense on Workers: the database comes from Hyperdrive, not the env. */
const IGNORED = new Set(['DATABASE_URL', 'DATA_DIR', 'PORT', 'HOST'])

/** The configuration of this isolate's env (vars and secrets), validated by the same schema. */
export function workerConfig(env: WorkerEnv): Config {
  const vars: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string' && !IGNORED.has(name)) vars[name] = value
  }
  if (!env.HYPERDRIVE?.connectionString) {
    throw new ConfigError(['HYPERDRIVE: the Hyperdrive binding is missing (see wrangler.toml)'])
  }
  // Leave TRUST_PROXY off: the request URL is already the public one, and the client address
  // comes from cf-connecting-ip, which Cloudflare's edge sets.
  return loadConfig({ ...vars, DATABASE_URL: env.HYPERDRIVE.connectionString })
}

/**
 * `/assets/*` from Workers static assets. The platform answers requests for existing files before
 * the Worker runs; this covers a Worker invoked for an asset path anyway (a missing file or
 * `run_worker_first`), and falls through to the app's problem+json 404 when there is no file.
 */
export const assetsMiddleware =
  (assets: AssetsBinding): MiddlewareHandler =>
  async (c, next) => {
    const res = await assets.fetch(c.req.raw)
    if (res.status === 404) return next()
    return res
  }

/**
 * The Workers runtime compresses a response itself, and it treats a body that carries a
 * Content-Encoding header as uncompressed: the app's gzip would be gzipped a second time (seen
 * with wrangler dev). Hiding Accept-Encoding from the app turns its compress middleware off;
 * Cloudflare's edge compresses for the client instead.
 */
export function withoutAcceptEncoding(request: Request): Request {
  if (!request.headers.has('accept-encoding')) return request
  const headers = new Headers(request.headers)
  headers.delete('accept-encoding')
  return new Request(request, { headers })
}

let cached: { env: WorkerEnv; config: Config } | undefined

export const worker = {
  async fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
    let config: Config
    try {
      if (cached?.env !== env) cached = { env, config: workerConfig(env) }
      config = cached.config
    } catch (err) {
      // Misconfiguration is the operator's problem: the log names the variable, the client
      // gets a plain 500 problem without the details.
      console.error(err instanceof Error ? err.message : String(err))
      if (!(err instanceof ConfigError)) throw err
      return problemResponse(new Problem('service.misconfigured'))
    }
    const database = createPostgresDatabase({ connectionString: config.DATABASE_URL!, max: 1 })
    const app = createApp({
      database,
      config,
      logger: createLogger(config.LOG_LEVEL),
      clientAddress: (c) => c.req.header('cf-connecting-ip') ?? undefined,
      resolveTxt: dohResolveTxt,
      ...(env.ASSETS ? { serveAssets: assetsMiddleware(env.ASSETS) } : {}),
    })
    try {
      // Must stay true: handlers build their whole body before returning (no body streamed from
      // the database), because the connection closes as soon as the Response is handed back.
      return await app.fetch(withoutAcceptEncoding(request), env, ctx as never)
    } finally {
      ctx.waitUntil(database.close().catch(() => {}))
    }
  },

  /**
   * Cron Triggers (wrangler.toml `[triggers]`): the same scheduler tick as the Node server's
   * timer, guarded by the same leases. Workers have no SMTP socket here, so delivery keeps mail
   * in the outbox and logs it (README "Mail"); the platform admin reads it in the dashboard.
   */
  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: WorkerContext): Promise<void> {
    if (cached?.env !== env) cached = { env, config: workerConfig(env) }
    const config = cached.config
    const database = createPostgresDatabase({ connectionString: config.DATABASE_URL!, max: 1 })
    const holder = newHolder()
    const logger = createLogger(config.LOG_LEVEL)
    try {
      const now = new Date(controller.scheduledTime)
      await runTick(database.db, now, { config, logger, transport: undefined, holder })
      await releaseLeases(database.db, new Date(), holder)
    } finally {
      ctx.waitUntil(database.close().catch(() => {}))
    }
  },
}

// The Workers runtime finds the handler as the module's default export.
export default worker
