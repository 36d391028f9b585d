import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from '../app.ts'
import { serverBackup } from '../cli/server-backup.ts'
import { type Config, ConfigError, loadConfig } from '../config.ts'
import type { Database } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { isDatabaseEmpty, loadDemo } from '../demo/load-demo.ts'
import { clientAddressBehindProxies } from '../http/client-address.ts'
import { createLogger, type Logger } from '../http/logger.ts'
import { isDatabaseUnavailable } from '../http/unavailable.ts'
import { newHolder, startScheduler } from '../modules/mail/index.ts'
import { renderAnnualReportPdf } from './node-annual-pdf.ts'
import { DataDirLockedError } from './node-data-dir-lock.ts'
import { openConfiguredDatabase } from './node-database.ts'
import { nodeResolveTxt } from './node-dns.ts'
import { drainer } from './node-drain.ts'
import { smtpTransport } from './node-mail.ts'
import { collectStartupGarbage } from './node-memory.ts'
import { exceljsSheets } from './sheets.ts'

/**
 * The Node server: validates configuration, opens the database (PGlite by default, locked to
 * this process), migrates, serves, and on SIGTERM/SIGINT stops accepting, drains in-flight
 * requests (node-drain.ts) and closes the database so PGlite's files stay consistent.
 */
async function main() {
  let config: Config
  try {
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(2)
    }
    throw err
  }
  const logger = createLogger(config.LOG_LEVEL)
  const started = performance.now()
  let database: Database
  try {
    database = await openConfiguredDatabase(config, logger)
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message)
      process.exit(3)
    }
    throw err
  }
  // Start-up phases in milliseconds, logged with `listening` (issue 17: where a slow start goes).
  const phases: Record<string, number> = { database: Math.round(performance.now() - started) }
  const applied = await migrateWhenReachable(database, logger)
  phases.migrations = Math.round(performance.now() - started) - phases.database!
  if (applied.length) logger.info({ msg: 'migrations applied', migrations: applied })

  // The demo portfolio: on an empty embedded database by default, never on PostgreSQL unless asked.
  const wantDemo =
    config.DEMO_DATA === 'always' ||
    (config.DEMO_DATA === 'auto' && database.kind === 'pglite' && (await isDatabaseEmpty(database.db)))
  let logins: { email: string; password: string; role: string }[] = []
  if (wantDemo) {
    const demoStarted = performance.now()
    const ctx = { db: database.db, principal: null, requestId: null, now: new Date(), config }
    logins = (await loadDemo(ctx)).logins
    phases.demo = Math.round(performance.now() - demoStarted)
    logger.info({ msg: 'demo data loaded', ms: phases.demo })
  }

  const gcStarted = performance.now()
  collectStartupGarbage()
  phases.gc = Math.round(performance.now() - gcStarted)
  const app = createApp({
    database,
    config,
    logger,
    clientAddress: (c) =>
      clientAddressBehindProxies(
        c.req.header('x-forwarded-for'),
        getConnInfo(c).remote.address,
        config.TRUST_PROXY,
      ),
    backup: serverBackup(config, database),
    renderAnnualReportPdf,
    resolveTxt: nodeResolveTxt,
    sheets: exceljsSheets,
    serveAssets: serveStatic({
      root: './dist/public',
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable')
      },
    }),
  })

  // Mail delivery and other scheduled steps (README "Mail"): one instance at a time per step.
  const transport = config.SMTP_URL ? smtpTransport(config.SMTP_URL) : undefined
  const scheduler = startScheduler({
    db: database.db,
    env: { config, logger, transport, holder: newHolder() },
    intervalMs: config.SCHEDULER_INTERVAL_MS,
  })

  const serverOptions = {
    // Slow clients are cut off: headers and whole requests have deadlines, checked every second.
    headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: 1000,
  }
  const server = serve(
    { fetch: app.fetch, port: config.PORT, hostname: config.HOST, serverOptions },
    (info) => {
      const where = `http://${info.address === '127.0.0.1' || info.address === '::1' ? 'localhost' : info.address}:${info.port}`
      logger.info({
        msg: 'listening',
        url: where,
        database: database.kind === 'pglite' ? `PGlite in ${config.DATA_DIR}` : 'PostgreSQL',
        mail: config.SMTP_URL ? `SMTP ${smtpHost(config.SMTP_URL)}` : 'outbox only (no SMTP_URL)',
        startupMs: Math.round(performance.now() - started),
        phases,
        memoryMb: memoryInMb(),
        node: process.version,
      })
      console.log(`\nEffekt is running at ${where}  (API reference: ${where}/docs)`)
      if (logins.length) {
        console.log('\nDemo logins (password for all: effekt-demo):')
        for (const l of logins) console.log(`  ${l.email.padEnd(28)} ${l.role}`)
      }
      console.log('')
    },
  )

  // serve() without TLS or HTTP/2 options makes a plain node:http server.
  const drain = drainer(server as Server, logger, drainDeadline(config.SHUTDOWN_TIMEOUT_MS))
  const shutdown = async (signal: string) => {
    // The hard stop: whatever happens below, the process is gone by the configured deadline.
    setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS).unref()
    const how = await drain(signal)
    try {
      await scheduler.stop()
      await transport?.close?.()
    } catch (err) {
      logger.error({ msg: 'stopping the scheduler failed', error: String(err) })
    }
    try {
      await database.close()
    } catch (err) {
      logger.error({ msg: 'closing the database failed', error: String(err) })
    }
    logger.info({ msg: 'stopped', signal, how })
    process.exit(how === 'drained' ? 0 : 1)
  }
  let signals = 0
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      // A second signal (Ctrl-C twice) does not wait for the drain.
      if (++signals > 1) process.exit(1)
      void shutdown(signal)
    })
  }
}

/** Where the process's memory is: V8's heap, memory outside it (PGlite's WebAssembly memory) and buffers. */
function memoryInMb() {
  const m = process.memoryUsage()
  const mb = (n: number) => Math.round(n / 1048576)
  return {
    rss: mb(m.rss),
    heapUsed: mb(m.heapUsed),
    heapTotal: mb(m.heapTotal),
    external: mb(m.external),
    arrayBuffers: mb(m.arrayBuffers),
  }
}

/** The SMTP server's scheme, host and port, never its credentials. */
const smtpHost = (smtpUrl: string) => {
  const u = new URL(smtpUrl)
  return `${u.protocol}//${u.host}`
}

/** Connections are cut a little before the deadline so the database can still close cleanly. */
const drainDeadline = (total: number) => Math.max(0, total - Math.min(1000, total / 5))

/**
 * The first migration waits for a database that is still starting (a container started beside
 * it): connection errors are retried for a minute before the process gives up.
 */
async function migrateWhenReachable(database: Database, logger: Logger) {
  const until = Date.now() + 60_000
  for (;;) {
    try {
      return await migrateToLatest(database.db)
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() > until) throw err
      logger.warn({ msg: 'database not reachable yet; retrying', error: String(err) })
      await new Promise((r) => setTimeout(r, 2000))
    }
  }
}

// A stray rejection must not take the server down with it; it is a bug to log, not a reason to stop.
process.on('unhandledRejection', (reason) => {
  console.error(
    JSON.stringify({
      time: new Date().toISOString(),
      level: 'error',
      msg: 'unhandled rejection',
      error: String(reason),
      stack: reason instanceof Error ? reason.stack : undefined,
    }),
  )
})

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exit(1)
})
