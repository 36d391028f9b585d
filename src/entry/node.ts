import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from '../app.ts'
import { type Config, ConfigError, loadConfig } from '../config.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { isDatabaseEmpty, loadDemo } from '../demo/load-demo.ts'
import { clientAddressBehindProxies } from '../http/client-address.ts'
import { createLogger } from '../http/logger.ts'
import { openConfiguredDatabase } from './node-database.ts'

/**
 * The Node server: validates configuration, opens the database (PGlite by default), migrates,
 * serves, and on SIGTERM/SIGINT stops accepting, drains in-flight requests and closes the
 * database so PGlite's files stay consistent.
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
  const database = await openConfiguredDatabase(config)
  const applied = await migrateToLatest(database.db)
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
    logger.info({ msg: 'demo data loaded', ms: Math.round(performance.now() - demoStarted) })
  }

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
    serveAssets: serveStatic({
      root: './dist/public',
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable')
      },
    }),
  })

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    const where = `http://${info.address === '127.0.0.1' || info.address === '::1' ? 'localhost' : info.address}:${info.port}`
    logger.info({
      msg: 'listening',
      url: where,
      database: database.kind === 'pglite' ? `PGlite in ${config.DATA_DIR}` : 'PostgreSQL',
      startupMs: Math.round(performance.now() - started),
    })
    console.log(`\nEffekt is running at ${where}  (API reference: ${where}/docs)`)
    if (logins.length) {
      console.log('\nDemo logins (password for all: effekt-demo):')
      for (const l of logins) console.log(`  ${l.email.padEnd(28)} ${l.role}`)
    }
    console.log('')
  })

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ msg: 'shutting down', signal })
    const force = setTimeout(() => {
      logger.warn({ msg: 'drain timed out; closing connections' })
      ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
    }, config.SHUTDOWN_TIMEOUT_MS)
    force.unref()
    server.close(async () => {
      await database.close()
      logger.info({ msg: 'stopped' })
      process.exit(0)
    })
    ;(server as { closeIdleConnections?: () => void }).closeIdleConnections?.()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err)
  process.exit(1)
})
